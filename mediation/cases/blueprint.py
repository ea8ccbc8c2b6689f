from mediation.cases import models, operations, permissions  # noqa: F401


def init_app(app) -> None:
    """Registered below as the domain grows."""
