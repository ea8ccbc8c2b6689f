"""The small interface every search backend implements, and the config switch between them.

`SEARCH_BACKEND = "whoosh"` (default; index files in `instance/index/`) or `"postgresql"` (the same
analyzer's tokens in a `tsvector` column with a GIN index; needs a PostgreSQL database).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app

from mediation.search.analyzer import ParsedQuery
from mediation.search.registry import SearchDoc

FACETS = ("kind", "category", "status")


@dataclass
class Filter:
    """Restrictions applied inside the query, before anything is counted.

    `area_paths`/`institution_ids` is the viewer's scope (a document matches when it lies in one of
    the subtrees OR names one of the institutions); `everything` lifts it (administrators).
    """

    everything: bool = False
    area_paths: list[str] = field(default_factory=list)
    institution_ids: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # kinds the viewer may search at all
    published_only: bool = False
    # user-chosen filters
    within: str = ""  # an area path: the chosen subtree
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""
    category: str = ""
    status: str = ""

    def without_facets(self) -> Filter:
        return Filter(self.everything, self.area_paths, self.institution_ids, self.kinds, self.published_only,
                      self.within, self.date_from, self.date_to)

    @property
    def has_facets(self) -> bool:
        return bool(self.kind or self.category or self.status)


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    body: str
    category: str
    status: str
    area_path: str
    day: date | None
    score: float = 0.0


@dataclass
class RawResults:
    total: int
    hits: list[Hit]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)


class Backend:
    name = ""

    def search(self, query: ParsedQuery, flt: Filter, offset: int, limit: int,
               facets: bool = True) -> RawResults:
        raise NotImplementedError

    def matching_keys(self, query: ParsedQuery, flt: Filter) -> set[str]:
        """Keys ("case:12") of every match, without ranking or snippets (benchmarks, checks)."""
        raise NotImplementedError

    def apply_pending(self, batch: int = 500) -> int | None:
        """Apply up to `batch` outbox rows; None when another writer holds the lock."""
        raise NotImplementedError

    def rebuild(self, docs, progress=None) -> int:
        """Replace the whole index with `docs` (an iterable of SearchDoc)."""
        raise NotImplementedError

    def digests(self) -> dict[str, str]:
        """key ("case:12") → digest of every indexed document."""
        raise NotImplementedError

    def doc_count(self) -> int:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def size_bytes(self) -> int:
        return 0

    def optimize(self) -> None:
        """Merge segments (Whoosh); a no-op where the database does it."""

    def merge_small(self) -> None:
        """Merge small segments only (cheap; what a periodic sync does)."""


def get_backend(app=None) -> Backend:
    app = app or current_app
    state = app.extensions.setdefault("search", {})
    name = app.config.get("SEARCH_BACKEND", "whoosh")
    backend = state.get(("backend", name))
    if backend is None:
        if name == "whoosh":
            from mediation.search.backends.whoosh_backend import WhooshBackend

            backend = WhooshBackend(app.config.get("SEARCH_INDEX_PATH") or f"{app.instance_path}/index")
        elif name == "postgresql":
            from mediation.search.backends.pg_backend import PostgresBackend

            backend = PostgresBackend()
        else:
            raise RuntimeError(f"unknown SEARCH_BACKEND {name!r} (whoosh or postgresql)")
        state[("backend", name)] = backend
    return backend


__all__ = ["FACETS", "Backend", "Filter", "Hit", "RawResults", "SearchDoc", "get_backend"]
