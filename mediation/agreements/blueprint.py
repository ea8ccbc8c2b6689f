"""Agreements domain: the 调解协议书 editor, signature collection and the session record PDF."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from mediation import navigation
from mediation.permissions import can


def init_app(app) -> None:
    from mediation.agreements import models, permissions, session_records, views  # noqa: F401

    permissions.register_documents()
    app.register_blueprint(views.bp)
    app.register_blueprint(session_records.bp)
    navigation.nav_item("agreements.index", _l("调解协议"), order=25,
                        visible=lambda u: can(u, "agreement.view"))
