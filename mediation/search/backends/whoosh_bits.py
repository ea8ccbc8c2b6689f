"""Fast query evaluation over Whoosh's postings with bitsets (Python ints).

Whoosh's own collectors walk every matching document in Python, so a query matching most of 100k
cases (纠纷, 调解 …) plus counts per kind, category and status costs seconds. Here each term's
postings become a bitset once (segments are immutable, so per-segment bitsets are cached until a
merge removes the segment); AND/OR/NOT, scope, counts (`int.bit_count`) and the first page (highest
set bits) are then C-speed operations on those ints. Whoosh still stores, locks, writes and merges.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from whoosh import query as wq

CACHE_ENTRIES = 4096


def bits_from_ids(ids, size: int) -> int:
    buf = bytearray((size >> 3) + 1)
    for i in ids:
        buf[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buf, "little")


def _posting_ids(matcher) -> list[int]:
    """All document numbers of a leaf matcher, a block at a time where the codec allows."""
    ids: list[int] = []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            ids.extend(matcher._ids[matcher._i:])
            matcher._i = matcher._blocklength
            matcher._next_block()
        return ids
    return list(matcher.all_ids())


class SegmentCache:
    """Per-segment term bitsets shared by all searchers of one process (LRU)."""

    def __init__(self, entries: int = CACHE_ENTRIES):
        self.entries = entries
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, build):
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
                return value
        value = build()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.entries:
                self._data.popitem(last=False)
        return value


class Bits:
    """Bitsets over the global document numbers of one searcher."""

    def __init__(self, searcher, cache: SegmentCache):
        self.searcher = searcher
        self.cache = cache
        self.leaves = []
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            segment = reader.segment() if hasattr(reader, "segment") else None
            if segment is not None:  # an empty index has no segments
                self.leaves.append((reader, segment.segment_id(), offset))
        self._memo: dict = {}
        self.size = searcher.doc_count_all()

    def _combine(self, leaf_bits) -> int:
        out = 0
        for bits, offset in leaf_bits:
            if bits:
                out |= bits << offset
        return out

    def live(self) -> int:
        if "live" not in self._memo:
            parts = []
            for reader, segid, offset in self.leaves:
                count = reader.doc_count_all()
                full = (1 << count) - 1
                if reader.has_deletions():
                    deleted = self.cache.get((segid, "deleted", reader.segment().deleted_count()),
                                             lambda r=reader, c=count: bits_from_ids(r.segment().deleted_docs(), c))
                    full &= ~deleted
                parts.append((full, offset))
            self._memo["live"] = self._combine(parts)
        return self._memo["live"]

    def term(self, field: str, text: str) -> int:
        key = ("t", field, text)
        if key not in self._memo:
            parts = []
            for reader, segid, offset in self.leaves:
                def build(r=reader):
                    if (field, text) not in r:
                        return 0
                    return bits_from_ids(_posting_ids(r.postings(field, text)), r.doc_count_all())

                parts.append((self.cache.get((segid, field, text), build), offset))
            self._memo[key] = self._combine(parts)
        return self._memo[key]

    def prefix(self, field: str, prefix: str) -> int:
        key = ("p", field, prefix)
        if key not in self._memo:
            parts = []
            for reader, segid, offset in self.leaves:
                def build(r=reader):
                    out = 0
                    for t in r.expand_prefix(field, prefix):
                        text = t.decode("utf-8") if isinstance(t, bytes) else t
                        out |= bits_from_ids(_posting_ids(r.postings(field, text)), r.doc_count_all())
                    return out

                parts.append((self.cache.get((segid, "prefix", field, prefix), build), offset))
            self._memo[key] = self._combine(parts)
        return self._memo[key]

    def any_of(self, field: str, values) -> int:
        out = 0
        for v in values:
            out |= self.term(field, v)
        return out

    def query(self, q: wq.Query) -> int:
        """Any other Whoosh query (e.g. a numeric range), evaluated the slow way, not cached."""
        return bits_from_ids(self.searcher.docs_for_query(q), self.size)

    def values(self, field: str) -> list[str]:
        return [t.decode("utf-8") if isinstance(t, bytes) else t for t in self.searcher.reader().lexicon(field)]


def highest(bits: int, skip: int, count: int) -> list[int]:
    """Document numbers of the highest set bits, after skipping `skip` of them."""
    out: list[int] = []
    while bits and len(out) < skip + count:
        top = bits.bit_length() - 1
        out.append(top)
        bits ^= 1 << top
    return out[skip:]
