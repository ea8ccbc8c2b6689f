"""Deliberations: bodies and rosters, items, meetings, minutes, votes, publication."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from mediation import navigation
from mediation.deliberations import (  # noqa: F401  # noqa: F401
    documents,
    labels,
    models,
    permissions,
    publication_models,
    views_bodies,
    views_items,
    views_meetings,
    views_records,
)
from mediation.deliberations.bp import bp, yuan
from mediation.permissions import can


def _panel(user) -> dict:
    from mediation.deliberations.queries import awaiting_action, open_meetings_count

    return {"items": awaiting_action(user), "open_meetings": open_meetings_count(user)}


def init_app(app) -> None:
    app.register_blueprint(bp)
    documents.init_app(app)
    navigation.nav_item("deliberations.index", _l("议事"), order=40,
                        visible=lambda u: can(u, "deliberation.view"))
    navigation.home_panel("deliberations", "deliberations/_panel.html", _panel, order=40,
                          visible=lambda u: u.has_role("secretary") or u.is_admin)
    app.jinja_env.globals["delib_labels"] = labels
    app.jinja_env.filters["yuan"] = yuan
