"""The embedded default: a Whoosh index in `instance/index/`.

One writer at a time (Whoosh's file lock; a request that finds it taken leaves its rows in the
outbox instead of waiting). Readers keep one searcher per thread and reopen it when the index
changed. Requests commit without merging; `flask search sync` and `reindex` merge.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.writing import CLEAR

from mediation.extensions import db
from mediation.search import analyzer, outbox
from mediation.search.backends import FACETS, Backend, Filter, Hit, RawResults
from mediation.search.registry import SearchDoc

# Segments a request may leave behind before its commit merges the small ones.
MAX_SEGMENTS = 12


def schema() -> Schema:
    return Schema(
        key=ID(stored=True, unique=True),
        kind=ID(stored=True, sortable=True),
        category=ID(stored=True, sortable=True),
        status=ID(stored=True, sortable=True),
        areas=KEYWORD,  # every ancestor path, so a subtree is one exact term
        insts=KEYWORD,
        published=ID,
        day=NUMERIC(stored=True, bits=32),
        area_path=STORED,
        title=STORED,
        body=STORED,
        digest=STORED,
        text=TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
    )


def ancestor_paths(path: str) -> list[str]:
    parts = [p for p in (path or "").strip("/").split("/") if p]
    return ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]


def _day(value: date | None) -> int:
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def _from_day(value: int | None) -> date | None:
    return date(value // 10000, value // 100 % 100, value % 100) if value else None


def fields(doc: SearchDoc) -> dict:
    return {
        "key": doc.key, "kind": doc.kind, "category": doc.category or "", "status": doc.status or "",
        "areas": " ".join(ancestor_paths(doc.area_path)), "insts": " ".join(str(i) for i in doc.institution_ids),
        "published": "1" if doc.is_published else "0", "day": _day(doc.day), "area_path": doc.area_path,
        "title": doc.title, "body": doc.body, "digest": doc.digest(), "text": " ".join(analyzer.tokens(doc.text)),
    }


def text_query(q) -> wq.Query:
    parts: list[wq.Query] = [wq.Term("text", t) for t in q.terms]
    parts += [wq.Prefix("text", p) for p in q.prefixes]
    must = parts[0] if len(parts) == 1 else wq.And(parts)
    if q.boosts:
        return wq.AndMaybe(must, wq.Or([wq.Term("text", b) for b in q.boosts]))
    return must


def filter_query(flt: Filter) -> wq.Query | None:
    parts: list[wq.Query] = []
    if not flt.everything:
        scope = [wq.Term("areas", p) for p in flt.area_paths] + [wq.Term("insts", str(i)) for i in flt.institution_ids]
        if not scope:
            return wq.NullQuery
        parts.append(wq.Or(scope))
    if flt.kinds:
        parts.append(wq.Or([wq.Term("kind", k) for k in flt.kinds]))
    if flt.published_only:
        parts.append(wq.Term("published", "1"))
    if flt.within:
        parts.append(wq.Term("areas", flt.within))
    if flt.date_from or flt.date_to:
        parts.append(wq.NumericRange("day", _day(flt.date_from) or 1, _day(flt.date_to) or None))
    for name in FACETS:
        if getattr(flt, name):
            parts.append(wq.Term(name, getattr(flt, name)))
    if not parts:
        return None
    return wq.ConstantScoreQuery(parts[0] if len(parts) == 1 else wq.And(parts), 0.0)


class WhooshBackend(Backend):
    name = "whoosh"

    def __init__(self, path: str):
        self.path = Path(path)
        self._ix = None
        self._local = threading.local()
        self._open_lock = threading.Lock()

    # --- index handle -------------------------------------------------------------------------
    def index(self):
        if self._ix is None:
            with self._open_lock:
                if self._ix is None:
                    self.path.mkdir(parents=True, exist_ok=True)
                    if whoosh_index.exists_in(str(self.path)):
                        self._ix = whoosh_index.open_dir(str(self.path))
                    else:
                        self._ix = whoosh_index.create_in(str(self.path), schema())
        return self._ix

    def searcher(self):
        s = getattr(self._local, "searcher", None)
        # refresh() returns the same searcher when nothing changed, a new reader otherwise
        s = self.index().searcher() if s is None else s.refresh()
        self._local.searcher = s
        return s

    def _writer(self, blocking: bool, **kw):
        try:
            return self.index().writer(timeout=30.0 if blocking else 0.0, **kw)
        except LockError:
            return None

    # --- reading ------------------------------------------------------------------------------
    def search(self, query, flt, offset, limit, facets=True) -> RawResults:
        searcher = self.searcher()
        q = text_query(query)
        f = filter_query(flt)
        if f is wq.NullQuery:
            return RawResults(0, [], {name: {} for name in FACETS} if facets else {})
        if f is not None:
            q = wq.And([q, f])
        groups = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS} if facets else None
        results = searcher.search(q, limit=offset + limit, groupedby=groups)
        hits = []
        for r in results[offset:offset + limit]:
            stored = r.fields()
            kind, _, object_id = stored["key"].partition(":")
            hits.append(Hit(kind, int(object_id), stored.get("title", ""), stored.get("body", ""),
                            stored.get("category", ""), stored.get("status", ""), stored.get("area_path", ""),
                            _from_day(stored.get("day")), r.score or 0.0))
        counts = {name: {k: v for k, v in results.groups(name).items() if k} for name in FACETS} if facets else {}
        return RawResults(len(results), hits, counts)

    def digests(self) -> dict[str, str]:
        with self.index().searcher() as s:
            return {d["key"]: d.get("digest", "") for d in s.all_stored_fields()}

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.glob("*") if f.is_file())

    # --- writing ------------------------------------------------------------------------------
    def apply_pending(self, batch: int = 500) -> int | None:
        writer = self._writer(blocking=False)
        if writer is None:
            return None
        try:
            with Session(db.engine) as session:
                row_ids, docs, deletes = outbox.collect(session, batch)
                session.commit()  # end the read transaction before writing the index
                if not row_ids:
                    writer.cancel()
                    return 0
                for key in deletes:
                    writer.delete_by_term("key", key)
                for doc in docs:
                    writer.update_document(**fields(doc))
                merge = len(self.index()._segments()) >= MAX_SEGMENTS
                writer.commit(merge=merge)
                writer = None
                outbox.delete_rows(session, row_ids)
                session.commit()
            return len(row_ids)
        finally:
            if writer is not None:
                writer.cancel()

    def rebuild(self, docs, progress=None) -> int:
        writer = self._writer(blocking=True, procs=1, limitmb=256)
        if writer is None:
            raise RuntimeError("the search index is locked by another writer")
        n = 0
        try:
            for doc in docs:
                writer.add_document(**fields(doc))
                n += 1
                if progress:
                    progress(1)
            writer.commit(mergetype=CLEAR)  # the new segment replaces everything
        except BaseException:
            writer.cancel()
            raise
        return n

    def optimize(self) -> None:
        self.index().optimize()

    def merge_small(self) -> None:
        writer = self._writer(blocking=False)
        if writer is not None:
            writer.commit(merge=True)

    def clear(self) -> None:
        writer = self._writer(blocking=True)
        if writer is None:
            raise RuntimeError("the search index is locked by another writer")
        writer.commit(mergetype=CLEAR)
        self._local = threading.local()

    def remove_files(self) -> None:
        """Delete the index directory's files (tests, and reindex of a corrupt index)."""
        self._ix = None
        self._local = threading.local()
        for f in self.path.glob("*"):
            if f.is_file():
                os.unlink(f)
