"""Tamper-evident audit log: every state change and every reveal of personal data.

Each event's hash covers its content and the previous event's hash, so editing or deleting a row
breaks the chain at that point; `flask audit verify` names the first broken link. Summaries must
never contain raw personal data (ID numbers, phones): callers pass field names, not values.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import ForeignKey, String, Text, select, text
from sqlalchemy.orm import Mapped, mapped_column

from mediation.db import utcnow
from mediation.extensions import db

GENESIS = "0" * 64


class AuditEvent(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[int | None] = mapped_column(index=True)
    summary: Mapped[str] = mapped_column(Text, default="{}")
    ip: Mapped[str] = mapped_column(String(64), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    @property
    def details(self) -> dict:
        return json.loads(self.summary or "{}")

    def compute_hash(self) -> str:
        payload = json.dumps(
            [
                self.prev_hash,
                self.at.isoformat(timespec="microseconds"),
                self.actor_id,
                self.actor_name,
                self.action,
                self.object_type,
                self.object_id,
                self.summary,
                self.ip,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def _lock_chain() -> None:
    """Serialise writers of the chain. SQLite writers are already serialised by BEGIN IMMEDIATE."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SELECT pg_advisory_xact_lock(7242031)"))


def record(action: str, obj=None, actor=None, **details) -> AuditEvent:
    """Append an audit event in the current transaction (flushes, does not commit)."""
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        actor = current_user._get_current_object()
    _lock_chain()
    prev = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    event = AuditEvent(
        at=utcnow(),
        actor_id=getattr(actor, "id", None),
        actor_name=getattr(actor, "username", "") or "",
        action=action,
        object_type=_object_type(obj),
        object_id=getattr(obj, "id", None),
        summary=json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
        ip=(request.remote_addr or "") if has_request_context() else "",
        prev_hash=prev or GENESIS,
    )
    # The hash covers content and link, not the id, so ids skipped by rolled-back transactions
    # (PostgreSQL sequences) are not mistaken for deletions.
    event.hash = event.compute_hash()
    db.session.add(event)
    db.session.flush()
    return event


def _object_type(obj) -> str:
    if obj is None:
        return ""
    return getattr(obj, "__tablename__", type(obj).__name__.lower())


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify_chain(batch: int = 2000) -> ChainReport:
    """Walk the chain in id order; report the first event whose hash or link does not match."""
    expected_prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = db.session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            return ChainReport(checked)
        for ev in rows:
            if ev.prev_hash != expected_prev:
                return ChainReport(checked, ev.id, "previous event missing or changed (link broken)")
            if ev.compute_hash() != ev.hash:
                return ChainReport(checked, ev.id, "event content changed (hash mismatch)")
            expected_prev = ev.hash
            checked += 1
            last_id = ev.id
        db.session.expunge_all()


def events_for(obj, limit: int = 200) -> list[AuditEvent]:
    """The audit events of one object, oldest first (used for timelines)."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == _object_type(obj), AuditEvent.object_id == obj.id)
            .order_by(AuditEvent.id)
            .limit(limit)
        )
    )
