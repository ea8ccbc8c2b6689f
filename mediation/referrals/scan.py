"""Deadline notifications for referrals: due within 3 days, and overdue — once per due date."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from mediation.db import today
from mediation.extensions import db
from mediation.referrals import casework
from mediation.referrals.models import PENDING_STATES, Referral
from mediation.referrals.queries import DUE_SOON_DAYS, due_column


def scan_deadlines() -> int:
    """Notify the receiving office's staff; the dedupe key holds the due date, so a new deadline
    (after a pause or an extension) is announced again, and a rerun on the same day adds nothing."""
    t = today()
    rows = db.session.scalars(select(Referral).where(Referral.status.in_(PENDING_STATES),
                                                     due_column() <= t + timedelta(days=DUE_SOON_DAYS)))
    made = 0
    for r in rows:
        due = r.due_on
        if due is None:
            continue
        kind = "overdue" if due < t else "due_soon"
        before = _count()
        casework.tell_office(r, kind, dedupe=f"{kind}:{r.id}:{due.isoformat()}")
        made += _count() - before
    return made


def _count() -> int:
    from sqlalchemy import func

    from mediation.notifications.models import Notification

    return db.session.scalar(select(func.count(Notification.id))) or 0
