"""Create and read notifications. Other domains call `notify(...)` inside their operation's
transaction, so a notification exists exactly when the change it announces was committed."""

from __future__ import annotations

from sqlalchemy import func, select, update

from mediation import audit
from mediation.db import utcnow
from mediation.extensions import db
from mediation.notifications.models import KINDS, Notification


def notify(users, kind: str, title: str, *, link: str = "", obj=None, dedupe: str | None = None) -> list[Notification]:
    """One notification per distinct active user. With `dedupe`, a user who already has the
    notification keyed `<dedupe>:<user id>` gets nothing new (idempotent deadline scans)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    made = []
    seen: set[int] = set()
    for user in users:
        if user is None or user.id in seen or not user.is_active:
            continue
        seen.add(user.id)
        key = f"{dedupe}:{user.id}" if dedupe else None
        if key and db.session.scalar(select(Notification.id).where(Notification.dedupe_key == key)):
            continue
        n = Notification(user_id=user.id, kind=kind, title=title[:200], link=link[:200],
                         object_type=getattr(obj, "__tablename__", "") if obj is not None else "",
                         object_id=getattr(obj, "id", None), dedupe_key=key, created_at=utcnow())
        db.session.add(n)
        made.append(n)
    db.session.flush()
    return made


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def for_user(user, *, unread_only: bool = False):
    stmt = select(Notification).where(Notification.user_id == user.id)
    if unread_only:
        stmt = stmt.where(Notification.read_at.is_(None))
    return stmt.order_by(Notification.read_at.is_not(None), Notification.created_at.desc(), Notification.id.desc())


def get_own(user, notification_id: int) -> Notification | None:
    """The user's own notification, or None (someone else's is as good as missing)."""
    n = db.session.get(Notification, notification_id)
    return n if n is not None and n.user_id == user.id else None


def mark_read(user, notification: Notification) -> None:
    if notification.user_id != user.id:
        raise ValueError("not the recipient")
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
        audit.record("notification.read", notification, actor=user)


def mark_all_read(user) -> int:
    result = db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
    db.session.flush()
    if result.rowcount:
        audit.record("notification.read_all", None, actor=user, count=result.rowcount)
    return result.rowcount or 0


# --- deadline scans -------------------------------------------------------------------------------

_scanners: dict[str, object] = {}


def register_scanner(name: str, fn) -> None:
    """A domain's `fn() -> int` that creates its due-soon/overdue notifications idempotently."""
    _scanners[name] = fn


def run_scanners() -> dict[str, int]:
    return {name: fn() for name, fn in sorted(_scanners.items())}
