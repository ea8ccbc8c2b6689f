def seed(password: str) -> list[str]:
    """Placeholder until the agreements domain lands."""
    return []
