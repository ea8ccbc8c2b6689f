def init_app(app) -> None:
    """Placeholder until the agreements domain lands."""
