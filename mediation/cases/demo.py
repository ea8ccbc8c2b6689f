def seed(password: str) -> list[str]:
    """Placeholder until the cases domain lands."""
    return []
