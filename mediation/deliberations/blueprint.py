"""Deliberations: bodies and rosters, items, meetings, minutes, votes, publication."""

from __future__ import annotations

from mediation.deliberations import models, permissions, publication_models  # noqa: F401


def init_app(app) -> None:
    pass
