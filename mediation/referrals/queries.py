"""Read side: an office's review queue, the referrals a user sent, a case's path up the ladder.

Every list is scoped in SQL before it is counted, so counts never include another office's work.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case as sql_case
from sqlalchemy import false, func, or_, select

from mediation.areas.models import Area
from mediation.cases.models import Case
from mediation.db import today
from mediation.permissions import area_scope
from mediation.referrals.models import ACCEPTED, KINDS, PENDING_STATES, STATES, SUBMITTED, Referral
from mediation.referrals.permissions import has_office, is_department_staff

DUE_SOON_DAYS = 3


def due_column():
    """The date the receiving office must act by, as SQL (accept-by, then decide-by; none when paused)."""
    return sql_case((Referral.status == SUBMITTED, Referral.accept_by),
                    (Referral.status == ACCEPTED, Referral.decide_by), else_=None)


@dataclass
class Filters:
    state: str = ""  # "" = pending (待受理/办理中/待补充材料), "all", or one state
    kind: str = ""
    overdue: bool = False
    q: str = ""


def parse_filters(args) -> Filters:
    state = args.get("state", "")
    kind = args.get("kind", "")
    return Filters(state=state if state in STATES or state == "all" else "", kind=kind if kind in KINDS else "",
                   overdue=args.get("overdue") in ("1", "true", "on"), q=(args.get("q") or "").strip()[:50])


def _apply(stmt, f: Filters, *, with_state: bool = True):
    if with_state:
        if f.state == "":
            stmt = stmt.where(Referral.status.in_(PENDING_STATES))
        elif f.state != "all":
            stmt = stmt.where(Referral.status == f.state)
    if f.kind:
        stmt = stmt.where(Referral.kind == f.kind)
    if f.overdue:
        stmt = stmt.where(due_column() < today())
    if f.q:
        stmt = stmt.where(or_(Case.title.contains(f.q, autoescape=True), Case.number.contains(f.q, autoescape=True),
                              Referral.number.contains(f.q, autoescape=True)))
    return stmt


def _queue_scope(user):
    if not has_office(user):
        return false()
    return Referral.to_institution_id == user.institution_id


def _sent_scope(user):
    """Referrals of cases the user works on (area scope), or sent by the user's office."""
    in_area = Referral.case_id.in_(select(Case.id).join(Area, Area.id == Case.area_id)
                                   .where(area_scope(user, Area.path)))
    if user.is_admin:
        return in_area
    conds = [in_area] if user.area_paths and not is_department_staff(user) else []
    if has_office(user):
        conds.append(Referral.from_institution_id == user.institution_id)
    return or_(*conds) if conds else false()


def _ordered(stmt):
    due = due_column()
    overdue_first = sql_case((due < today(), 0), else_=1)
    return stmt.order_by(overdue_first, due.is_(None), due, Referral.id.desc())


def queue(user, f: Filters):
    stmt = select(Referral).join(Case, Case.id == Referral.case_id).where(_queue_scope(user))
    return _ordered(_apply(stmt, f))


def sent(user, f: Filters):
    stmt = select(Referral).join(Case, Case.id == Referral.case_id).where(_sent_scope(user))
    return _ordered(_apply(stmt, f))


def counts(user, f: Filters, box: str = "queue") -> dict[str, int]:
    """Per-state counts under the other filters, plus overdue and due-soon counts of pending work."""
    scope = _queue_scope(user) if box == "queue" else _sent_scope(user)
    base = _apply(select(Referral.status, func.count(Referral.id)).join(Case, Case.id == Referral.case_id)
                  .where(scope), Filters(kind=f.kind, q=f.q), with_state=False)
    from mediation.extensions import db

    result = {s: 0 for s in STATES}
    result.update(dict(db.session.execute(base.group_by(Referral.status)).all()))
    due = due_column()
    pending = select(func.count(Referral.id)).join(Case, Case.id == Referral.case_id).where(scope)
    pending = _apply(pending, Filters(kind=f.kind, q=f.q))
    result["overdue"] = db.session.scalar(pending.where(due < today())) or 0
    result["due_soon"] = db.session.scalar(pending.where(due >= today(), due <= today() + _days(DUE_SOON_DAYS))) or 0
    return result


def _days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


def pending_count(user) -> int:
    """The nav badge: referrals waiting on the user's office."""
    if not has_office(user):
        return 0
    from mediation.extensions import db

    return db.session.scalar(select(func.count(Referral.id)).where(
        _queue_scope(user), Referral.status.in_(PENDING_STATES))) or 0


def for_case(user, case) -> list[Referral]:
    """The case's referrals the user may see, oldest first (the stepper)."""
    from mediation.extensions import db
    from mediation.permissions import can

    rows = db.session.scalars(select(Referral).where(Referral.case_id == case.id).order_by(Referral.id))
    return [r for r in rows if can(user, "referral.view", r)]
