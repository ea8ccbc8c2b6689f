"""The PostgreSQL backend: the analyzer's tokens in a `tsvector` column with a GIN index.

Every app node sees one consistent index. Applying the outbox happens in one database transaction
(documents and outbox rows together), serialised by a transaction-level advisory lock that a second
writer does not wait for.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, bindparam, cast, delete, desc, false, func, literal, or_, select, text, true
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR, insert
from sqlalchemy.orm import Session

from mediation.extensions import db
from mediation.search import analyzer, outbox
from mediation.search.backends import FACETS, Backend, Filter, Hit, RawResults
from mediation.search.models import SearchDocument
from mediation.search.registry import SearchDoc

LOCK_KEY = 7242032
T = SearchDocument.__table__


def tsvector_literal(tokens: list[str]) -> str:
    positions: dict[str, list[int]] = defaultdict(list)
    for pos, tok in enumerate(tokens, start=1):
        if len(positions[tok]) < 256:
            positions[tok].append(min(pos, 16383))
    return " ".join(f"'{tok}':{','.join(map(str, sorted(set(p))))}" for tok, p in positions.items())


def tsquery_literal(q) -> str:
    parts = [f"'{t}'" for t in q.terms] + [f"'{p}':*" for p in q.prefixes]
    return " & ".join(parts)


def row(doc: SearchDoc) -> dict:
    return {
        "kind": doc.kind, "object_id": doc.object_id, "title": doc.title, "body": doc.body,
        "category": doc.category or "", "status": doc.status or "", "area_path": doc.area_path or "",
        "institution_ids": "," + "".join(f"{i}," for i in doc.institution_ids), "is_published": doc.is_published,
        "day": doc.day, "digest": doc.digest(), "tokens": tsvector_literal(analyzer.tokens(doc.text)),
    }


def conditions(flt: Filter) -> list:
    c = T.c
    where = []
    if not flt.everything:
        scope = [c.area_path.startswith(p, autoescape=True) for p in flt.area_paths]
        scope += [c.institution_ids.contains(f",{i},", autoescape=True) for i in flt.institution_ids]
        where.append(or_(*scope) if scope else false())
    if flt.kinds:
        where.append(c.kind.in_(flt.kinds))
    if flt.published_only:
        where.append(c.is_published == true())
    if flt.within:
        where.append(c.area_path.startswith(flt.within, autoescape=True))
    if flt.date_from:
        where.append(c.day >= flt.date_from)
    if flt.date_to:
        where.append(c.day <= flt.date_to)
    for name in FACETS:
        if getattr(flt, name):
            where.append(getattr(c, name) == getattr(flt, name))
    return where


class PostgresBackend(Backend):
    name = "postgresql"

    def search(self, query, flt, offset, limit, facets=True) -> RawResults:
        tsq = cast(literal(tsquery_literal(query)), TSQUERY)
        rank_terms = [f"'{t}'" for t in query.terms + query.boosts] + [f"'{p}':*" for p in query.prefixes]
        rank_q = cast(literal(" | ".join(rank_terms)), TSQUERY)
        where = and_(T.c.tokens.op("@@")(tsq), *conditions(flt))
        rank = func.ts_rank(T.c.tokens, rank_q).label("rank")
        rows = db.session.execute(
            select(T.c.kind, T.c.object_id, T.c.title, T.c.body, T.c.category, T.c.status, T.c.area_path,
                   T.c.day, rank).where(where)
            .order_by(desc("rank"), T.c.day.desc().nulls_last(), T.c.id.desc()).offset(offset).limit(limit)
        ).all()
        hits = [Hit(r.kind, r.object_id, r.title, r.body, r.category, r.status, r.area_path, r.day, float(r.rank))
                for r in rows]
        counts: dict[str, dict[str, int]] = {}
        if facets:
            counts = {name: defaultdict(int) for name in FACETS}
            total = 0
            for kind, category, status, n in db.session.execute(
                    select(T.c.kind, T.c.category, T.c.status, func.count()).where(where)
                    .group_by(T.c.kind, T.c.category, T.c.status)):
                total += n
                for name, value in zip(FACETS, (kind, category, status), strict=True):
                    if value:
                        counts[name][value] += n
            counts = {k: dict(v) for k, v in counts.items()}
        else:
            total = db.session.scalar(select(func.count()).select_from(T).where(where)) or 0
        return RawResults(total, hits, counts)

    def matching_keys(self, query, flt) -> set[str]:
        tsq = cast(literal(tsquery_literal(query)), TSQUERY)
        rows = db.session.execute(select(T.c.kind, T.c.object_id).where(T.c.tokens.op("@@")(tsq), *conditions(flt)))
        return {f"{k}:{i}" for k, i in rows}

    def _write(self, session: Session, docs: list[SearchDoc], deletes: list[str]) -> None:
        keys = deletes + [d.key for d in docs]
        by_kind: dict[str, list[int]] = defaultdict(list)
        for key in keys:
            kind, _, object_id = key.partition(":")
            by_kind[kind].append(int(object_id))
        for kind, ids in by_kind.items():
            session.execute(delete(T).where(T.c.kind == kind, T.c.object_id.in_(ids)))
        if docs:
            stmt = insert(T).values(tokens=cast(bindparam("tok"), TSVECTOR))
            session.execute(stmt, [{**{k: v for k, v in row(d).items() if k != "tokens"},
                                    "tok": row(d)["tokens"]} for d in docs])

    def apply_pending(self, batch: int = 500) -> int | None:
        with Session(db.engine) as session:
            if not session.scalar(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": LOCK_KEY}):
                return None
            row_ids, docs, deletes = outbox.collect(session, batch)
            if not row_ids:
                return 0
            self._write(session, docs, deletes)
            outbox.delete_rows(session, row_ids)
            session.commit()
            return len(row_ids)

    def rebuild(self, docs, progress=None) -> int:
        n = 0
        with Session(db.engine) as session:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
            session.execute(delete(T))
            chunk: list[SearchDoc] = []
            for doc in docs:
                chunk.append(doc)
                if len(chunk) >= 500:
                    self._write(session, chunk, [])
                    n += len(chunk)
                    if progress:
                        progress(len(chunk))
                    chunk = []
            self._write(session, chunk, [])
            n += len(chunk)
            if progress and chunk:
                progress(len(chunk))
            session.commit()
        return n

    def digests(self) -> dict[str, str]:
        with Session(db.engine) as session:
            return {f"{k}:{i}": d for k, i, d in session.execute(select(T.c.kind, T.c.object_id, T.c.digest))}

    def doc_count(self) -> int:
        return db.session.scalar(select(func.count()).select_from(T)) or 0

    def size_bytes(self) -> int:
        return db.session.scalar(text("SELECT pg_total_relation_size('search_document')")) or 0

    def clear(self) -> None:
        with Session(db.engine) as session:
            session.execute(delete(T))
            session.commit()
