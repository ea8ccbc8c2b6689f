def init_app(app) -> None:
    """Placeholder until the documents domain lands."""
