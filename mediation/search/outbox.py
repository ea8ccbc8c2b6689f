"""The transactional outbox: index changes are queued in the changing transaction, applied after commit.

Session listeners (installed once per process) watch every flush: an object of a registered kind, or
a related object (a case's party, a person's name), that is created, changed or deleted adds an
outbox row *in the same transaction*. After the commit the pending rows are applied to the index;
a crash in between loses nothing, because the rows are applied on the next commit, the next start
(first search of a process) or by `flask search sync`. Applying never waits for another writer: if
the index is locked, the rows stay pending for whoever holds the lock (it re-checks before leaving).
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterator

from flask import current_app, has_app_context
from sqlalchemy import delete, event, func, insert, select
from sqlalchemy.orm import Session

from mediation.db import utcnow
from mediation.extensions import db
from mediation.search import registry
from mediation.search.models import SearchOutbox
from mediation.search.registry import SearchDoc

log = logging.getLogger(__name__)
PENDING = "search_outbox_pending"
MAX_ROUNDS = 50

# Stored titles and snippets never carry full ID numbers or mobile numbers either.
_PERSONAL = re.compile(r"(?<!\d)(?:\d{17}[\dxX]|\d{15}|1[3-9]\d(?:[ -]?\d{4}){2})(?!\d)")


def mask_personal(text: str) -> str:
    return _PERSONAL.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 5) + m.group()[-2:], text or "")


# --- writing rows ------------------------------------------------------------------------------


def _changed(session: Session, obj) -> bool:
    try:
        return session.is_modified(obj, include_collections=False)
    except Exception:  # noqa: BLE001 — a detached oddity must never break the caller's flush
        return True


def _after_flush(session: Session, _context) -> None:
    objs = [o for o in session.new if registry.watched(o)]
    objs += [o for o in session.dirty if registry.watched(o) and _changed(session, o)]
    objs += [o for o in session.deleted if registry.watched(o)]
    if not objs:
        return
    connection = session.connection()
    targets = set()
    for obj in objs:
        targets.update((k, i) for k, i in registry.targets_of(obj, connection) if i is not None)
    if not targets:
        return
    now = utcnow()
    connection.execute(insert(SearchOutbox.__table__),
                       [{"kind": k, "object_id": i, "created_at": now} for k, i in sorted(targets)])
    session.info[PENDING] = True


def _after_commit(session: Session) -> None:
    # SQLAlchemy also fires after_commit when a SAVEPOINT (begin_nested) is released. The outer
    # transaction is still open then — on SQLite it holds the write lock that applying would wait
    # for on a second connection — so keep the rows pending until the real commit.
    if session.in_nested_transaction():
        return
    if not session.info.pop(PENDING, False) or not has_app_context():
        return
    if not current_app.config.get("SEARCH_APPLY_AFTER_COMMIT", True):
        return
    try:
        apply_pending()
    except Exception:  # the rows stay pending; the commit itself succeeded
        log.exception("search: applying the outbox failed; rows stay pending")


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def install() -> None:
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)


# --- building documents ------------------------------------------------------------------------


def load_objects(session: Session, kind: registry.Kind, ids: list[int]) -> list:
    if kind.load is not None:
        return list(kind.load(session, ids))
    return list(session.scalars(select(kind.model).where(kind.model.id.in_(ids))))


def prepare(doc: SearchDoc) -> SearchDoc:
    doc.title = mask_personal(doc.title)
    doc.body = mask_personal(doc.body)
    return doc


def build_docs(session: Session, kind: registry.Kind, ids: list[int]) -> tuple[list[SearchDoc], list[str]]:
    """Documents for the ids that exist and are indexable, and keys to delete for the rest."""
    docs = []
    for obj in load_objects(session, kind, ids):
        doc = kind.build(obj)
        if doc is not None:
            docs.append(prepare(doc))
    found = {d.object_id for d in docs}
    return docs, [f"{kind.name}:{i}" for i in ids if i not in found]


def collect(session: Session, batch: int) -> tuple[list[int], list[SearchDoc], list[str]]:
    """The next pending rows: their ids, documents to (re)write, keys to delete."""
    rows = session.execute(select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.object_id)
                           .order_by(SearchOutbox.id).limit(batch)).all()
    wanted: dict[str, set[int]] = defaultdict(set)
    for _id, kind, object_id in rows:
        wanted[kind].add(object_id)
    docs: list[SearchDoc] = []
    deletes: list[str] = []
    for name, ids in wanted.items():
        kind = registry.get_kind(name)
        if kind is None:  # a kind no longer registered: drop its entries
            deletes += [f"{name}:{i}" for i in ids]
            continue
        d, gone = build_docs(session, kind, sorted(ids))
        docs += d
        deletes += gone
    return [r[0] for r in rows], docs, deletes


def delete_rows(session: Session, row_ids: list[int]) -> None:
    if row_ids:
        session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(row_ids)))


def pending_count() -> int:
    with Session(db.engine) as s:
        return s.scalar(select(func.count()).select_from(SearchOutbox)) or 0


def apply_pending(batch: int = 500) -> int:
    """Apply pending outbox rows until none are left or another writer holds the index."""
    from mediation.search.backends import get_backend

    backend = get_backend()
    total = 0
    for _ in range(MAX_ROUNDS):
        applied = backend.apply_pending(batch)
        if applied is None:  # someone else is writing; they re-check before they stop
            break
        total += applied
        if applied == 0:
            break
    return total


def _caller_holds_sqlite_write_lock() -> bool:
    """True when our own session began a write transaction (SQLite): a second connection would wait on it."""
    from flask import has_request_context, request

    from mediation.db import READ_ONLY_METHODS

    if db.engine.dialect.name != "sqlite" or not db.session().in_transaction():
        return False
    if has_request_context():
        return request.method not in READ_ONLY_METHODS
    return current_app.config.get("SQLITE_IMMEDIATE_OUTSIDE_REQUESTS", True)


def catch_up_once(app) -> None:
    """Apply what a crashed process left pending: once per app instance, at its first search."""
    state = app.extensions.setdefault("search", {})
    if state.get("caught_up") or _caller_holds_sqlite_write_lock():
        return
    state["caught_up"] = True
    try:
        apply_pending()
    except Exception:
        log.exception("search: catching up the outbox failed")


def all_docs(session: Session, kinds=None, chunk: int = 1000) -> Iterator[SearchDoc]:
    """Every indexable document, built from the database (for reindex and check)."""
    for kind in kinds or registry.kinds():
        last = 0
        while True:
            ids = list(session.scalars(select(kind.model.id).where(kind.model.id > last)
                                       .order_by(kind.model.id).limit(chunk)))
            if not ids:
                break
            last = ids[-1]
            docs, _gone = build_docs(session, kind, ids)
            yield from docs
            session.expunge_all()


def count_objects(session: Session, kinds=None) -> int:
    return sum(session.scalar(select(func.count()).select_from(k.model)) or 0 for k in kinds or registry.kinds())
