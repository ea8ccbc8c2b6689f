def seed(password: str) -> list[str]:
    """Placeholder until the search domain lands."""
    return []
