"""Notifications domain: the inbox page, unread badge, API and `flask notifications scan`."""

from __future__ import annotations

import click
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.cli import AppGroup
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import func, select

from mediation import navigation
from mediation.api import openapi
from mediation.api.blueprint import api_blueprint, page_args, register_api
from mediation.extensions import db
from mediation.notifications import labels, models, service  # noqa: F401

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
api = api_blueprint("notifications_api", __name__)
cli = AppGroup("notifications", help="站内消息 / in-app notifications")


def init_app(app) -> None:
    app.register_blueprint(bp)
    register_api(app, api)
    app.cli.add_command(cli)
    navigation.nav_item("notifications.index", _l("消息"), order=90, badge=service.unread_count)
    openapi.add_paths({
        "/notifications": {"get": {"summary": "The token user's notifications, unread first (unread=1 for unread only)",
                                   "responses": {"200": {"description": "notifications and unread count"},
                                                 "401": {"$ref": "#/components/responses/Unauthorized"}}}},
        "/notifications/{notification_id}/read": {"post": {
            "summary": "Mark one of the user's notifications read",
            "responses": {"200": {"description": "marked"}, "404": {"$ref": "#/components/responses/NotFound"},
                          "401": {"$ref": "#/components/responses/Unauthorized"}}}},
    })


@bp.get("/")
@login_required
def index():
    unread_only = request.args.get("unread") == "1"
    page = db.paginate(service.for_user(current_user, unread_only=unread_only),
                       per_page=current_app.config["PAGE_SIZE"], error_out=False, count=True)
    return render_template("notifications/index.html", page=page, unread_only=unread_only, labels=labels,
                           unread=service.unread_count(current_user))


@bp.post("/<int:notification_id>/open")
@login_required
def open_(notification_id: int):
    """Mark read and go to what it is about (a POST: GET handlers never write)."""
    n = service.get_own(current_user, notification_id)
    if n is None:
        abort(404)
    service.mark_read(current_user, n)
    db.session.commit()
    return redirect(n.link if n.link.startswith("/") and not n.link.startswith("//") else url_for(".index"))


@bp.post("/read-all")
@login_required
def read_all():
    count = service.mark_all_read(current_user)
    db.session.commit()
    flash(_("已将 %(n)d 条消息标为已读。", n=count), "success")
    return redirect(url_for(".index"))


def _json(n) -> dict:
    return {"id": n.id, "kind": n.kind, "kind_label": labels.kind_label(n.kind), "title": n.title, "link": n.link,
            "object_type": n.object_type, "object_id": n.object_id, "created_at": n.created_at.isoformat(),
            "read": n.is_read}


@api.get("/notifications")
def api_list():
    page, size = page_args()
    result = db.paginate(service.for_user(current_user, unread_only=request.args.get("unread") == "1"),
                         page=page, per_page=size, error_out=False, count=True)
    return {"items": [_json(n) for n in result.items], "total": result.total,
            "unread": service.unread_count(current_user)}


@api.post("/notifications/<int:notification_id>/read")
def api_read(notification_id: int):
    n = service.get_own(current_user, notification_id)
    if n is None:
        abort(404)
    service.mark_read(current_user, n)
    db.session.commit()
    return _json(n)


@cli.command("scan")
def scan_command():
    """Create "due in 3 days" and "overdue" notifications (idempotent; run daily from cron)."""
    made = service.run_scanners()
    db.session.commit()
    total = db.session.scalar(select(func.count(models.Notification.id)))
    for name, count in made.items():
        click.echo(f"{name}: {count} new")
    click.echo(f"notifications in total: {total}")
