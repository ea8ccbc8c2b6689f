def init_app(app) -> None:
    """Placeholder until the notifications domain lands."""
