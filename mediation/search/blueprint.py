"""Search pages: staff search (`/search`), portal search (`/portal/search`), JSON API, CLI, listeners."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from mediation import navigation
from mediation.api import openapi
from mediation.api.blueprint import api_blueprint, page_args, register_api
from mediation.areas.models import Area
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.people.queries import areas_in_scope
from mediation.permissions import can, require, rule
from mediation.search import analyzer, outbox, registry, service
from mediation.search.backends import FACETS
from mediation.search.cli import search_group
from mediation.search.forms import PortalSearchForm, SearchForm

bp = Blueprint("search", __name__)
portal_bp = Blueprint("search_portal", __name__, url_prefix="/portal")
api = api_blueprint("search_api", __name__)


@rule("search.use")
def _may_search(user, _obj=None) -> bool:
    return any(k.visible(user) for k in registry.kinds())


def init_app(app) -> None:
    from mediation.search import models  # noqa: F401  (tables for create_all and migrations)
    from mediation.search.kinds import register_all

    app.config.setdefault("SEARCH_BACKEND", "whoosh")
    analyzer.configure(app.instance_path)
    register_all()
    outbox.install()
    app.register_blueprint(bp)
    app.register_blueprint(portal_bp)
    register_api(app, api)
    app.cli.add_command(search_group)
    navigation.nav_item("search.index", _l("搜索"), order=90, visible=lambda u: can(u, "search.use"))


def _page_size() -> int:
    return current_app.config.get("PAGE_SIZE", 20)


def _page() -> int:
    try:
        return max(1, min(int(request.args.get("page", 1)), 500))
    except ValueError:
        return 1


def _area_path(area_id) -> str:
    if not area_id:
        return ""
    try:
        area = db.session.get(Area, int(area_id))
    except (TypeError, ValueError):
        return "-"
    return area.path if area is not None else "-"


@bp.get("/search")
@login_required
def index():
    require(current_user, "search.use")
    kinds = [k for k in registry.kinds() if k.visible(current_user)]
    areas = list(db.session.scalars(areas_in_scope(current_user, kinds=("town", "village", "grid"))))
    form = SearchForm(formdata=request.args)
    form.set_choices(kinds, areas)
    results = None
    if request.args and form.validate():
        criteria = service.Criteria(
            q=form.q.data or "", kind=form.kind.data or "", category=form.category.data or "",
            status=form.status.data or "", within=_area_path(form.area.data), date_from=form.date_from.data,
            date_to=form.date_to.data, page=_page(), per_page=_page_size())
        results = service.search(current_user, criteria)
    return render_template("search/index.html", form=form, results=results, facets=FACETS,
                           facet_label=service.facet_label)


@portal_bp.get("/search")
def portal():
    form = PortalSearchForm(formdata=request.args)
    results = None
    if request.args.get("q") and form.validate():
        results = service.public_search(service.Criteria(q=form.q.data, page=_page(), per_page=_page_size()))
    # The portal's own layout when the portal domain provides one, else the site's.
    layout = current_app.jinja_env.select_template(["portal/base.html", "base.html"])
    return render_template("search/portal.html", form=form, results=results, layout=layout)


@api.get("/search")
def api_search():
    require(current_user, "search.use")
    page, per_page = page_args()
    q = (request.args.get("q") or "").strip()
    if not q:
        raise ValidationFailed({"q": ["required"]})
    kind = request.args.get("kind", "")
    if kind and registry.get_kind(kind) is None:
        raise ValidationFailed({"kind": ["unknown kind"]})
    criteria = service.Criteria(q=q[:analyzer.MAX_QUERY_LENGTH], kind=kind, category=request.args.get("category", ""),
                                status=request.args.get("status", ""), within=_area_path(request.args.get("area")),
                                page=page, per_page=per_page)
    results = service.search(current_user, criteria)
    return jsonify(
        query=q, total=results.total, page=page, per_page=per_page, counts=results.counts,
        items=[{"kind": i.hit.kind, "id": i.hit.object_id, "title": i.hit.title, "title_html": str(i.title),
                "snippet_html": str(i.snippet), "url": i.url, "category": i.hit.category, "status": i.hit.status,
                "date": i.hit.day.isoformat() if i.hit.day else None} for i in results.items],
    )


openapi.add_paths({
    "/search": {"get": {
        "summary": "Full-text search over what the token's user may see (cases, records, minutes, deliberations)",
        "description": "Results and counts are restricted to the user's scope inside the query. Snippets are "
                       "HTML-escaped text with `<mark>` around matches. Two or more Chinese characters match any "
                       "text containing them; Traditional characters find Simplified text and vice versa.",
        "parameters": [
            {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 100}},
            {"name": "kind", "in": "query", "schema": {"type": "string"},
             "description": "case, session, deliberation, minutes, …"},
            {"name": "category", "in": "query", "schema": {"type": "string"}},
            {"name": "status", "in": "query", "schema": {"type": "string"}},
            {"name": "area", "in": "query", "schema": {"type": "integer"}, "description": "an area id (subtree)"},
            {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
            {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
        ],
        "responses": {
            "200": {"description": "one page of results with the total and counts per kind, category and status",
                    "content": {"application/json": {"schema": {"type": "object", "properties": {
                        "total": {"type": "integer"}, "counts": {"type": "object"},
                        "items": {"type": "array", "items": {"type": "object"}}}}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "422": {"$ref": "#/components/responses/Invalid"},
        }}},
})
