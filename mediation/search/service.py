"""The project's search function: scope, filters, counts, highlighted results — for pages, API, bench."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from markupsafe import Markup

from mediation.auth.roles import Role
from mediation.search import registry
from mediation.search.analyzer import parse_query
from mediation.search.backends import FACETS, Filter, Hit, get_backend
from mediation.search.highlight import highlight, snippet
from mediation.search.outbox import catch_up_once

OFFICE_ROLES = (Role.CENTER_STAFF, Role.LAWYER, Role.NOTARY, Role.JUDGE)


@dataclass
class Criteria:
    q: str = ""
    kind: str = ""
    category: str = ""
    status: str = ""
    within: str = ""  # an area path inside the viewer's scope
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    per_page: int = 20

    @property
    def has_filters(self) -> bool:
        return bool(self.kind or self.category or self.status or self.within or self.date_from or self.date_to)


@dataclass
class Item:
    hit: Hit
    kind_label: str
    url: str
    title: Markup
    snippet: Markup
    category_label: str
    status_label: str


@dataclass
class Results:
    criteria: Criteria
    total: int = 0
    items: list[Item] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    phrases: list[str] = field(default_factory=list)

    # the attributes the `pagination` macro reads
    @property
    def page(self) -> int:
        return self.criteria.page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.criteria.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1


def scope_filter(user) -> Filter:
    """What `user` may find: kinds they may search, inside their areas or naming their office."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Filter(area_paths=[], kinds=["-"])  # nothing
    kinds = [k.name for k in registry.kinds() if k.visible(user)] or ["-"]
    if user.is_admin:
        return Filter(everything=True, kinds=kinds)
    institutions = [user.institution_id] if user.institution_id and user.has_role(*OFFICE_ROLES) else []
    return Filter(area_paths=list(user.area_paths), institution_ids=institutions, kinds=kinds)


def public_filter() -> Filter:
    kinds = [k.name for k in registry.kinds() if k.public] or ["-"]
    return Filter(everything=True, kinds=kinds, published_only=True)


def within_scope(flt: Filter, path: str) -> bool:
    return flt.everything or any(path.startswith(p) for p in flt.area_paths)


def run(flt: Filter, c: Criteria, public: bool = False) -> Results:
    """Search with the scope `flt` already set; the user's criteria narrow it further."""
    app = current_app._get_current_object()
    catch_up_once(app)
    parsed = parse_query(c.q)
    results = Results(criteria=c, phrases=parsed.phrases)
    if parsed.is_empty:
        return results
    if c.kind and c.kind not in flt.kinds:
        return results
    if c.within and not within_scope(flt, c.within):
        return results
    flt.within, flt.date_from, flt.date_to = c.within, c.date_from, c.date_to
    flt.kind, flt.category, flt.status = c.kind, c.category, c.status
    backend = get_backend(app)
    offset = (c.page - 1) * c.per_page
    raw = backend.search(parsed, flt, offset, c.per_page, facets=not flt.has_facets)
    counts = raw.counts
    if flt.has_facets:  # counts ignore the facet choices themselves, so other values stay reachable
        counts = backend.search(parsed, flt.without_facets(), 0, 0, facets=True).counts
    results.total = raw.total
    results.counts = {name: counts.get(name, {}) for name in FACETS}
    results.items = [_item(h, parsed.phrases, public) for h in raw.hits]
    return results


def search(user, c: Criteria) -> Results:
    return run(scope_filter(user), c)


def public_search(c: Criteria) -> Results:
    return run(public_filter(), c, public=True)


def _item(hit: Hit, phrases: list[str], public: bool) -> Item:
    kind = registry.get_kind(hit.kind)
    url = ""
    if kind is not None:
        url = (kind.public_url if public and kind.public_url else kind.url)(hit.object_id)
    return Item(
        hit=hit,
        kind_label=str(kind.label) if kind else hit.kind,
        url=url,
        title=highlight(hit.title, phrases),
        snippet=snippet(hit.body, phrases),
        category_label=kind.category_label(hit.category) if kind and hit.category else hit.category,
        status_label=kind.status_label(hit.status) if kind and hit.status else hit.status,
    )


def facet_label(facet: str, value: str) -> str:
    """A human label for a facet value, asking each kind that knows it."""
    if facet == "kind":
        kind = registry.get_kind(value)
        return str(kind.label) if kind else value
    for kind in registry.kinds():
        fn = kind.category_label if facet == "category" else kind.status_label
        try:
            label = fn(value)
        except (KeyError, ValueError):
            continue
        if label and label != value:
            return str(label)
    return value
