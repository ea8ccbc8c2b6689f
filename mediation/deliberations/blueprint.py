def init_app(app) -> None:
    """Placeholder until the deliberations domain lands."""
