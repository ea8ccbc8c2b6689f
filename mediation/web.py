"""Cross-cutting web concerns: security headers, error pages, template helpers."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import jsonify, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from mediation import navigation
from mediation.errors import NotVisible, OperationError, PermissionDenied, ValidationFailed
from mediation.permissions import can
from mediation.personal_data import mask_id_number, mask_phone

LOCAL_TZ = ZoneInfo("Asia/Shanghai")

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app) -> None:
    @app.after_request
    def security_headers(response):
        h = response.headers
        h.setdefault("Content-Security-Policy", CSP)
        h["X-Content-Type-Options"] = "nosniff"
        h["X-Frame-Options"] = "DENY"
        h["Referrer-Policy"] = "same-origin"
        h["Permissions-Policy"] = "geolocation=(), microphone=(), payment=()"
        h["Cross-Origin-Opener-Policy"] = "same-origin"
        # Pages for signed-in users and API answers may carry personal data: never cache them.
        if request.endpoint != "static" and (
            current_user.is_authenticated or request.path.startswith("/api/")
        ):
            h["Cache-Control"] = "no-store"
        return response

    def error_page(status: int, message: str = ""):
        if wants_json():
            default = {400: "bad request", 403: "forbidden", 404: "not found", 405: "method not allowed",
                       413: "file too large", 429: "too many requests", 500: "internal error"}
            return jsonify(error=message or default.get(status, "error")), status
        return render_template("errors/error.html", status=status, message=message), status

    @app.errorhandler(NotVisible)
    def _not_visible(e):
        return error_page(404)

    @app.errorhandler(PermissionDenied)
    def _denied(e):
        return error_page(403, e.message)

    @app.errorhandler(ValidationFailed)
    def _invalid(e):
        if wants_json():
            return jsonify(errors=e.errors), 422
        return error_page(422, e.message)

    @app.errorhandler(OperationError)
    def _refused(e):
        if wants_json():
            body = {"error": e.message}
            if e.field:
                body["field"] = e.field
            return jsonify(body), e.status
        return error_page(e.status, e.message)

    @app.errorhandler(CSRFError)
    def _csrf(e):
        return error_page(400, _("表单已过期或来源无效，请刷新页面后重试。"))

    for status in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(status, lambda e, s=status: error_page(s))

    app.jinja_env.filters["mask_id"] = mask_id_number
    app.jinja_env.filters["mask_phone"] = mask_phone
    app.jinja_env.filters["local_dt"] = format_local_datetime
    app.jinja_env.filters["local_date"] = format_date
    app.jinja_env.globals["can"] = can
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.globals["nav_entries"] = lambda: navigation.entries_for(current_user)


def format_local_datetime(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    return value.astimezone(LOCAL_TZ).strftime(fmt)


def format_date(value: date | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""
