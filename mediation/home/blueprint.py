"""Home page, health check, language switch and the audit log."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select, text

from mediation import navigation
from mediation.audit import AuditEvent
from mediation.extensions import db
from mediation.i18n import LOCALE_COOKIE
from mediation.permissions import require

bp = Blueprint("home", __name__)


def init_app(app) -> None:
    app.register_blueprint(bp)
    navigation.nav_item("home.index", _l("首页"), order=0)
    navigation.nav_item("home.audit_log", _l("审计日志"), order=95, visible=lambda u: u.is_admin)


@bp.get("/")
@login_required
def index():
    return render_template("home/index.html", panels=navigation.panels_for(current_user))


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 — any database failure means unhealthy
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database=db.engine.dialect.name)


@bp.post("/locale")
def set_locale():
    lang = request.form.get("lang", "")
    target = request.form.get("next") or url_for("home.index")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("home.index")
    response = redirect(target)
    if lang in current_app.config["LANGUAGES"]:
        response.set_cookie(LOCALE_COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@bp.get("/admin/audit")
@login_required
def audit_log():
    require(current_user, "audit.view")
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc())
    action = (request.args.get("action") or "").strip()
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action, autoescape=True))
    page = db.paginate(stmt, per_page=50, error_out=False)
    return render_template("home/audit_log.html", page=page, action=action)
