"""Read side: case lists scoped to the viewer, filters, sorting, status counts, deadline flags."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, func, select, true
from sqlalchemy.orm import selectinload

from mediation.areas.models import Area
from mediation.cases.models import (
    CATEGORIES,
    DEADLINE_STATUSES,
    DUE_SOON_DAYS,
    RISK_LEVELS,
    SOURCES,
    STATUSES,
    Case,
    CaseParty,
)
from mediation.db import today
from mediation.extensions import db
from mediation.permissions import area_scope

LOCAL_TZ = ZoneInfo("Asia/Shanghai")

SORTS = {
    "newest": (Case.id.desc(),),
    "oldest": (Case.id.asc(),),
    "deadline": (Case.deadline.is_(None), Case.deadline.asc(), Case.id.desc()),
    "risk": (Case.is_violence_risk.desc(), Case.risk_level.desc(), Case.id.desc()),
    "number": (Case.year.desc(), Case.committee_id, Case.seq.desc()),
}
DEADLINE_FILTERS = ("overdue", "due_soon")


@dataclass
class CaseFilters:
    status: str = ""
    category: str = ""
    source: str = ""
    risk: str = ""
    deadline: str = ""  # overdue | due_soon
    date_from: date | None = None
    date_to: date | None = None
    mediator_id: int | None = None
    mine: bool = False
    sort: str = "newest"

    def query_args(self, **override) -> dict:
        """As URL query arguments (for links that keep the current filters)."""
        args = {k: v for k, v in asdict(self).items() if v not in (None, "", False)}
        if args.get("mine"):
            args["mine"] = "1"
        if args.get("sort") == "newest":
            args.pop("sort")
        args.update(override)
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in args.items() if v not in (None, "")}


def parse_filters(args) -> CaseFilters:
    """Filters from query arguments; unknown values are ignored rather than refused."""

    def pick(name, allowed):
        value = (args.get(name) or "").strip()
        return value if value in allowed else ""

    def day(name):
        try:
            return date.fromisoformat(args.get(name) or "")
        except ValueError:
            return None

    try:
        mediator_id = int(args.get("mediator_id") or 0) or None
    except ValueError:
        mediator_id = None
    sort = args.get("sort") or "newest"
    return CaseFilters(
        status=pick("status", STATUSES), category=pick("category", CATEGORIES), source=pick("source", SOURCES),
        risk=pick("risk", RISK_LEVELS), deadline=pick("deadline", DEADLINE_FILTERS),
        date_from=day("date_from"), date_to=day("date_to"), mediator_id=mediator_id,
        mine=args.get("mine") in ("1", "true", "on"), sort=sort if sort in SORTS else "newest",
    )


def local_day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=LOCAL_TZ).astimezone(UTC)


def in_scope(user):
    """Condition: the case's area lies in the user's subtrees. The few hundred area ids are selected
    first, so counting uses the (area_id, status) index instead of joining every case to its area."""
    if user.is_admin:
        return true()
    return Case.area_id.in_(select(Area.id).where(area_scope(user, Area.path)))


def visible_cases(user):
    """Every case the user may see (a SELECT to refine)."""
    return select(Case).where(in_scope(user))


def overdue_condition():
    return and_(Case.status.in_(DEADLINE_STATUSES), Case.deadline < today())


def due_soon_condition():
    t = today()
    return and_(Case.status.in_(DEADLINE_STATUSES), Case.deadline >= t,
                Case.deadline <= t + timedelta(days=DUE_SOON_DAYS))


def _conditions(user, f: CaseFilters, *, with_status: bool = True) -> list:
    cond = []
    if with_status and f.status:
        cond.append(Case.status == f.status)
    if f.category:
        cond.append(Case.category == f.category)
    if f.source:
        cond.append(Case.source == f.source)
    if f.risk:
        cond.append(Case.risk_level == f.risk)
    if f.deadline == "overdue":
        cond.append(overdue_condition())
    elif f.deadline == "due_soon":
        cond.append(due_soon_condition())
    if f.date_from:
        cond.append(Case.created_at >= local_day_start(f.date_from))
    if f.date_to:
        cond.append(Case.created_at < local_day_start(f.date_to + timedelta(days=1)))
    if f.mine:
        cond.append(Case.mediator_id == user.id)
    elif f.mediator_id:
        cond.append(Case.mediator_id == f.mediator_id)
    return cond


_LIST_OPTIONS = (selectinload(Case.area), selectinload(Case.mediator),
                 selectinload(Case.parties).selectinload(CaseParty.person))


def case_list(user, f: CaseFilters):
    stmt = visible_cases(user).where(*_conditions(user, f)).order_by(*SORTS[f.sort])
    return stmt.options(*_LIST_OPTIONS)


def case_ids(user, f: CaseFilters):
    """Ids only: sorting tens of thousands of ids reads an index, not the case rows."""
    return select(Case.id).where(in_scope(user), *_conditions(user, f)).order_by(*SORTS[f.sort])


def load_cases(ids: list[int]) -> list[Case]:
    """The cases of one page, in the order of `ids`, with what the list shows."""
    if not ids:
        return []
    by_id = {c.id: c for c in db.session.scalars(select(Case).where(Case.id.in_(ids)).options(*_LIST_OPTIONS))}
    return [by_id[i] for i in ids if i in by_id]


def status_counts(user, f: CaseFilters) -> dict[str, int]:
    """Counts per status for the current filters (except status itself), only over visible cases."""
    stmt = (select(Case.status, func.count()).where(in_scope(user), *_conditions(user, f, with_status=False))
            .group_by(Case.status))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({s: n for s, n in db.session.execute(stmt)})
    return counts


def deadline_counts(user, *, mine: bool = False, only_overdue: bool = False) -> dict[str, int]:
    base = select(func.count()).select_from(Case).where(in_scope(user))
    if mine:
        base = base.where(Case.mediator_id == user.id)
    counts = {"overdue": db.session.scalar(base.where(overdue_condition())) or 0}
    if not only_overdue:
        counts["due_soon"] = db.session.scalar(base.where(due_soon_condition())) or 0
    return counts


def attention_cases(user, limit: int = 10) -> list[Case]:
    """The user's own overdue and due-soon cases, most urgent first (home panel)."""
    stmt = (visible_cases(user).where(Case.mediator_id == user.id, Case.status.in_(DEADLINE_STATUSES),
                                      Case.deadline <= today() + timedelta(days=DUE_SOON_DAYS))
            .order_by(Case.deadline, Case.id).limit(limit).options(selectinload(Case.area)))
    return list(db.session.scalars(stmt))
