"""API plumbing: bearer-token authentication, JSON errors, helpers for domain endpoints."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, jsonify, request
from flask_login import current_user
from sqlalchemy import select

from mediation.api import openapi
from mediation.areas.models import Area
from mediation.auth.operations import user_for_token
from mediation.errors import ValidationFailed
from mediation.extensions import csrf, db, login_manager
from mediation.permissions import area_scope

PUBLIC_ENDPOINTS = {"api.index", "api.openapi_json"}


def api_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint for a domain's API routes under /api/v1, behind the bearer-token check.

    Register it with `register_api(app, bp)` in the domain's init_app.
    """
    bp = Blueprint(name, import_name, url_prefix="/api/v1")
    bp.before_request(require_token)
    return bp


def register_api(app, bp: Blueprint) -> None:
    # Tokens, not cookies, authenticate the API, so CSRF does not apply — and cookies are ignored
    # there (see auth.blueprint.load_user), so a forged cross-site request carries no identity.
    csrf.exempt(bp)
    app.register_blueprint(bp)


def init_app(app) -> None:
    register_api(app, bp)

    @login_manager.request_loader
    def load_user_from_token(req):
        if not req.path.startswith("/api/"):
            return None
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        return user_for_token(header.removeprefix("Bearer ").strip())


def require_token():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    if not current_user.is_authenticated:
        response = jsonify(error="missing or invalid bearer token")
        response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
        return response, 401
    return None


bp = api_blueprint("api", __name__)


def json_body() -> dict:
    """The request's JSON object, or a 422 naming the body when it is not one."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ValidationFailed({"body": ["expected a JSON object"]})
    return data


def json_str(body: dict, name: str, default: str = "") -> str:
    """A string field of a JSON body (missing or null → default), or a 422 naming the field."""
    value = body.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ValidationFailed({name: ["must be a string"]})
    return value


def json_date(body: dict, name: str) -> date | None:
    """An ISO date field (YYYY-MM-DD) of a JSON body, or a 422 naming the field."""
    value = body.get(name)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationFailed({name: ["must be a date (YYYY-MM-DD)"]}) from None


def page_args(default_size: int = 20) -> tuple[int, int]:
    try:
        page = max(1, int(request.args.get("page", 1)))
        size = min(100, max(1, int(request.args.get("per_page", default_size))))
    except ValueError:
        raise ValidationFailed({"page": ["must be a positive integer"]}) from None
    return page, size


@bp.get("/")
def index():
    return jsonify(name="mediation", version=1, openapi="/api/v1/openapi.json")


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi.document())


@bp.get("/me")
def me():
    u = current_user
    return jsonify(
        id=u.id, username=u.username, display_name=u.display_name, roles=sorted(r.value for r in u.roles),
        institution=({"id": u.institution.id, "name": u.institution.name} if u.institution else None),
        areas=[{"id": a.id, "name": a.full_name} for a in u.areas],
    )


@bp.get("/areas")
def areas():
    rows = db.session.scalars(select(Area).where(Area.is_active, area_scope(current_user, Area.path))
                              .order_by(Area.path))
    return jsonify(items=[{"id": a.id, "code": a.code, "name": a.name, "kind": a.kind, "parent_id": a.parent_id,
                           "path": a.path} for a in rows])


openapi.add_paths({
    "/me": {"get": {"summary": "The token's user, roles and scope", "responses": {
        "200": {"description": "the user"}, "401": {"$ref": "#/components/responses/Unauthorized"}}}},
    "/areas": {"get": {"summary": "Active areas inside the user's scope", "responses": {
        "200": {"description": "areas, tree order"}, "401": {"$ref": "#/components/responses/Unauthorized"}}}},
})
