def init_app(app) -> None:
    """Placeholder until the portal domain lands."""
