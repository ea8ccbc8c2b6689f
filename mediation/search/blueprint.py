def init_app(app) -> None:
    """Placeholder until the search domain lands."""
