def init_app(app) -> None:
    from mediation.agreements import models, permissions  # noqa: F401
