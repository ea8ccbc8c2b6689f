def init_app(app) -> None:
    """Placeholder until the cases domain lands."""
