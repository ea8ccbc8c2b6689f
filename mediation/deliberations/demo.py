def seed(password: str) -> list[str]:
    """Placeholder until the deliberations domain lands."""
    return []
