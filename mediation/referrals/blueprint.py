"""Referrals domain: the ladder's pages, review queues, API, timeline labels and deadline scans."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from mediation import navigation
from mediation.api.blueprint import register_api
from mediation.permissions import can


def init_app(app) -> None:
    from mediation.cases import labels as case_labels
    from mediation.notifications.service import register_scanner
    from mediation.referrals import actions, api, labels, models, permissions, queries, scan, views  # noqa: F401

    app.register_blueprint(views.bp)
    register_api(app, api.bp)
    api.document()
    permissions.register_documents()
    register_scanner("referrals", scan.scan_deadlines)
    # The case timeline renders entries with the cases domain's labels; add ours (additive only).
    for code, text in labels.EVENT_LABELS.items():
        case_labels.EVENT_LABELS.setdefault(code, text)
    navigation.home_panel("referrals.queue", "referrals/_home_panel.html", _queue_panel, order=15,
                          visible=lambda u: can(u, "referral.decide"))
    navigation.nav_item("referrals.queue", _l("转介审查"), order=30, visible=lambda u: can(u, "referral.decide"),
                        badge=queries.pending_count)
    navigation.nav_item("referrals.sent", _l("转介"), order=31,
                        visible=lambda u: can(u, "referral.view") and not can(u, "referral.decide"))


def _queue_panel(user) -> dict:
    """The office's waiting referrals on the home page: counts, and the five due first."""
    from mediation.db import today
    from mediation.extensions import db
    from mediation.referrals import labels, queries

    f = queries.Filters()
    return {"counts": queries.counts(user, f), "referrals": list(db.session.scalars(queries.queue(user, f).limit(5))),
            "labels": labels, "today": today()}
