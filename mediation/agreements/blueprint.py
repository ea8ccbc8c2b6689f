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
    # The case workspace asks for its agreement through this global, so cases need not import us.
    app.jinja_env.globals["case_agreement"] = _case_agreement
    navigation.nav_item("agreements.index", _l("调解协议"), order=25,
                        visible=lambda u: can(u, "agreement.view"))


def _case_agreement(case):
    from sqlalchemy import select

    from mediation.agreements.models import Agreement
    from mediation.extensions import db

    return db.session.scalar(select(Agreement).where(Agreement.case_id == case.id))
