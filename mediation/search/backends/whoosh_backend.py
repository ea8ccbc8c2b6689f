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
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema
from whoosh.index import LockError
from whoosh.writing import CLEAR

from mediation.extensions import db
from mediation.search import analyzer, outbox
from mediation.search.backends import FACETS, Backend, Filter, Hit, RawResults
from mediation.search.backends.whoosh_bits import Bits, SegmentCache, highest
from mediation.search.registry import SearchDoc


def _cache_missing_columns() -> None:
    """Whoosh asks a segment for the lengths column of each posting it merges; for fields without
    lengths (ours) the miss is not cached and costs an os.stat() per posting — half the indexing
    time. Remember misses too (a written segment never gains a column)."""
    from whoosh.codec import whoosh3

    cls = whoosh3.W3PerDocReader
    if getattr(cls, "_mediation_patched", False):
        return
    original = cls._cached_reader

    def _cached_reader(self, fieldname, column):
        if fieldname not in self._readers:
            self._readers[fieldname] = original(self, fieldname, column)
        return self._readers[fieldname]

    cls._cached_reader = _cached_reader
    cls._mediation_patched = True


_cache_missing_columns()

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
        # Matching is by bitsets (whoosh_bits), not Whoosh scoring: no field lengths, one posting per token.
        text=KEYWORD(scorable=False),
        ttext=KEYWORD(scorable=False),  # the title's tokens, for ranking
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
        "title": doc.title, "body": doc.body, "digest": doc.digest(), "text": " ".join(set(analyzer.tokens(doc.text))),
        "ttext": " ".join(set(analyzer.tokens(doc.title, words=False))),
    }


def filter_bits(bits: Bits, flt: Filter, facets: bool) -> int | None:
    """The documents `flt` allows (None: no restriction), as a bitset."""
    from mediation.search import registry

    allowed = None

    def narrow(b: int) -> None:
        nonlocal allowed
        allowed = b if allowed is None else allowed & b

    if not flt.everything:
        narrow(bits.any_of("areas", flt.area_paths) | bits.any_of("insts", [str(i) for i in flt.institution_ids]))
    if flt.kinds:
        hidden = sorted({k.name for k in registry.kinds()} - set(flt.kinds))
        if not set(flt.kinds) & {k.name for k in registry.kinds()}:
            return 0
        if hidden:
            narrow(bits.live() & ~bits.any_of("kind", hidden))
    if flt.published_only:
        narrow(bits.term("published", "1"))
    if flt.within:
        narrow(bits.term("areas", flt.within))
    if flt.date_from or flt.date_to:
        narrow(bits.query(wq.NumericRange("day", _day(flt.date_from) or 1, _day(flt.date_to) or None)))
    if facets:
        for name in FACETS:
            if getattr(flt, name):
                narrow(bits.term(name, getattr(flt, name)))
    return allowed


class WhooshBackend(Backend):
    name = "whoosh"

    def __init__(self, path: str):
        self.path = Path(path)
        self._ix = None
        self._local = threading.local()
        self._open_lock = threading.Lock()
        self._cache = SegmentCache()

    # --- index handle -------------------------------------------------------------------------
    def index(self):
        if self._ix is None:
            with self._open_lock:
                if self._ix is None:
                    self.path.mkdir(parents=True, exist_ok=True)
                    ix = whoosh_index.open_dir(str(self.path)) if whoosh_index.exists_in(str(self.path)) else None
                    if ix is None or sorted(ix.schema.names()) != sorted(schema().names()):
                        # a new index, or one written by an older version: start empty; `flask search
                        # check` then lists every document as missing and `reindex` fills it
                        ix = whoosh_index.create_in(str(self.path), schema())
                    self._ix = ix
        return self._ix

    def searcher(self):
        s = getattr(self._local, "searcher", None)
        # Reopen when the index changed. Not Searcher.refresh(): it reuses segment readers by segment
        # id and so keeps stale deletions (a deleted case would still be found).
        if s is None or self.index().latest_generation() != s.reader().generation():
            if s is not None:
                s.close()
            s = self._local.searcher = self.index().searcher()
        return s

    def _writer(self, blocking: bool, **kw):
        try:
            return self.index().writer(timeout=30.0 if blocking else 0.0, **kw)
        except LockError:
            return None

    # --- reading ------------------------------------------------------------------------------
    def bits(self) -> Bits:
        searcher = self.searcher()
        bits = getattr(self._local, "bits", None)
        if bits is None or bits.searcher is not searcher:
            bits = self._local.bits = Bits(searcher, self._cache)
        return bits

    def _base(self, bits: Bits, query, flt) -> int:
        match = bits.live()
        for t in query.terms:
            match &= bits.term("text", t)
        for p in query.prefixes:
            match &= bits.prefix("text", p)
        allowed = filter_bits(bits, flt, facets=False)
        return match if allowed is None else match & allowed

    def matching_keys(self, query, flt) -> set[str]:
        bits = self.bits()
        final = self._base(bits, query, flt)
        facet_filter = filter_bits(bits, Filter(everything=True, kind=flt.kind, category=flt.category,
                                                status=flt.status), facets=True)
        if facet_filter is not None:
            final &= facet_filter
        keys = bits.__dict__.setdefault("keys", {})
        out = set()
        for docnum, flag in enumerate(reversed(bin(final)[2:])):
            if flag == "1":
                if docnum not in keys:
                    keys[docnum] = bits.searcher.stored_fields(docnum)["key"]
                out.add(keys[docnum])
        return out

    def search(self, query, flt, offset, limit, facets=True) -> RawResults:
        bits = self.bits()
        base = self._base(bits, query, flt)
        counts: dict[str, dict[str, int]] = {}
        if facets:
            for name in FACETS:
                counts[name] = {}
                for value in bits.values(name):
                    n = (base & bits.term(name, value)).bit_count() if base else 0
                    if n and value:
                        counts[name][value] = n
        facet_filter = filter_bits(bits, Filter(everything=True, kind=flt.kind, category=flt.category,
                                                status=flt.status), facets=True)
        final = base if facet_filter is None else base & facet_filter
        # Rank: the whole query in the title first, then documents holding the query's jieba words
        # (宅基地 as a word, not only 宅基 + 基地), then the rest; newest indexed first in each tier.
        in_title = final
        for t in query.terms:
            in_title &= bits.term("ttext", t)
        for p in query.prefixes:
            in_title &= bits.prefix("ttext", p)
        words = final & ~in_title
        for w in query.boosts:
            words &= bits.term("text", w)
        tiers = [(in_title, 3.0), (words if query.boosts else 0, 2.0), (final & ~in_title & ~words if query.boosts
                                                                          else final & ~in_title, 1.0)]
        page: list[tuple[int, float]] = []
        skip = offset
        for tier, score in tiers:
            if len(page) >= limit:
                break
            size = tier.bit_count() if tier else 0
            if skip >= size:
                skip -= size
                continue
            page += [(d, score) for d in highest(tier, skip, limit - len(page))]
            skip = 0
        searcher = bits.searcher
        hits = []
        for docnum, score in page:
            stored = searcher.stored_fields(docnum)
            kind, _, object_id = stored["key"].partition(":")
            hits.append(Hit(kind, int(object_id), stored.get("title", ""), stored.get("body", ""),
                            stored.get("category", ""), stored.get("status", ""), stored.get("area_path", ""),
                            _from_day(stored.get("day")), score))
        return RawResults(final.bit_count(), hits, counts)

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
                    return 0  # the finally clause releases the lock
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
        # Whoosh's pure-Python indexing is the bottleneck: one writer process per core, each writing
        # its own segment (multisegment: no final merge) with a 1 GB pool each: 302 → 569 docs/s at
        # 100k cases on 2 cores.
        procs = max(1, min(4, os.cpu_count() or 1))
        writer = self._writer(blocking=True, procs=procs, multisegment=procs > 1, limitmb=1024)
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
