def seed(password: str) -> list[str]:
    """Placeholder until the referrals domain lands."""
    return []
