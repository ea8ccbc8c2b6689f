"""Demo cases for `flask seed-demo`: every status in both towns, some overdue, with sessions and follow-ups.

Cases go through the real operations (numbers, timelines, audit), then their dates are moved into
the past so that deadlines, overdue badges and the home panel look like a working month.
No case is left `referred`: the referrals domain adds those.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from mediation.areas.models import Area, Institution
from mediation.auth.models import User
from mediation.cases import operations as ops
from mediation.cases.intake import CaseData, PartyInput
from mediation.cases.models import DEADLINE_DAYS, Case
from mediation.cases.sample_texts import SCENARIOS, fill
from mediation.db import today, utcnow
from mediation.extensions import db
from mediation.people.models import Person
from mediation.web import LOCAL_TZ

# (user, village, grid, status, days since registration, scenario index)
PLAN = [
    ("grid1", "光渺村", "第一网格", "registered", 1, 0),
    ("grid1", "光渺村", "第一网格", "accepted", 5, 1),
    ("grid1", "光渺村", "第一网格", "mediating", 41, 0),   # overdue
    ("grid1", "光渺村", "第一网格", "mediating", 28, 6),   # due within 3 days
    ("grid1", "光渺村", "第一网格", "agreed", 20, 5),
    ("grid1", "光渺村", "第一网格", "fulfilled", 35, 7),
    ("grid1", "光渺村", "第一网格", "closed", 60, 1),
    ("grid1", "光渺村", "第一网格", "declined", 12, 10),
    ("grid2", "井林村", "第二网格", "registered", 0, 2),
    ("grid2", "井林村", "第二网格", "mediating", 36, 3),   # overdue
    ("grid2", "井林村", "第二网格", "withdrawn", 15, 8),
    ("grid2", "井林村", "第二网格", "failed", 45, 4),
    ("grid2", "井林村", "第二网格", "closed", 75, 9),
    ("center", "萧下村", "第一网格", "mediating", 10, 3),
    ("center", "梅峰村", "第二网格", "agreed", 25, 11),
    ("anhai1", "郭岑村", "第一网格", "registered", 2, 8),
    ("anhai1", "郭岑村", "第一网格", "accepted", 29, 5),   # due within 3 days
    ("anhai1", "郭岑村", "第一网格", "mediating", 50, 2),  # overdue
    ("anhai1", "洪塘村", "第一网格", "agreed", 18, 6),
    ("anhai1", "洪塘村", "第一网格", "fulfilled", 40, 1),
    ("anhai1", "郭岑村", "第二网格", "closed", 90, 7),
    ("anhai1", "朝山村", "第一网格", "failed", 33, 10),
    ("anhai1", "朝山村", "第二网格", "withdrawn", 8, 0),
    ("anhai1", "洪塘村", "第二网格", "declined", 4, 4),
]


def _grid(village: str, grid: str) -> Area | None:
    parent = db.session.scalar(select(Area).where(Area.name == village, Area.kind == "village"))
    if parent is None:
        return None
    return db.session.scalar(select(Area).where(Area.parent_id == parent.id, Area.name == grid))


def _anhai_mediator(password: str) -> User | None:
    """A mediator for 安海镇 so both towns have working cases (the foundation seeds only 东石镇's)."""
    user = db.session.scalar(select(User).where(User.username == "anhai1"))
    if user is not None:
        return user
    from mediation.auth.operations import create_user

    committee = db.session.scalar(select(Institution).where(Institution.name == "安海镇人民调解委员会"))
    town = db.session.scalar(select(Area).where(Area.name == "安海镇", Area.kind == "town"))
    if committee is None or town is None:
        return None
    return create_user(None, username="anhai1", display_name="施明亮", roles=["mediator"], password=password,
                       institution=committee, areas=[town], must_change_password=False)[0]


def seed(password: str) -> list[str]:
    if db.session.scalar(select(Case.id).limit(1)) is not None:
        return ["  案件 cases: already seeded"]
    users = {u.username: u for u in db.session.scalars(select(User))}
    users["anhai1"] = _anhai_mediator(password)
    rng = random.Random(3)
    made = 0
    for username, village, grid_name, status, days, scenario in PLAN:
        user, grid = users.get(username), _grid(village, grid_name)
        if user is None or grid is None:
            continue
        people = list(db.session.scalars(select(Person).where(Person.area_id == grid.id).order_by(Person.id)))
        if len(people) < 2:
            continue
        a, b = rng.sample(people, 2)
        _make(user, grid, a, b, SCENARIOS[scenario], status, days, rng)
        made += 1
    db.session.flush()
    return [f"  案件 cases: {made}（各种状态，含超期和即将到期）; 安海镇调解员 anhai1 / {password}"]


def _make(user, grid, a, b, s, status, days, rng) -> Case:
    amount = rng.choice([1200, 3600, 8000, 26000])
    text = lambda t: fill(t, a.name, b.name, grid.parent.name, amount)  # noqa: E731
    case = ops.create_case(user, CaseData(
        title=text(s.title), category=s.category, source=rng.choice(["网格员排查", "群众来访", "电话/12345热线"]),
        area=grid, description=text(s.description), amount=str(amount) if "{amount}" in s.description else None,
        risk_level="serious" if days > 40 else "normal", occurred_on=today() - timedelta(days=days + 3),
        parties=[PartyInput("applicant", person=a), PartyInput("respondent", person=b)]), confirm_duplicate=True)
    if status == "declined":
        ops.decline_case(user, case, reason="该纠纷已由人民法院立案受理，依法不予受理。")
    elif status != "registered":
        ops.accept_case(user, case)
        if status == "withdrawn":
            ops.withdraw_case(user, case, reason="双方已自行和解，申请人撤回调解申请。")
        elif status != "accepted":
            ops.record_session(user, case, held_on=today(), place=f"{grid.parent.name}人民调解室",
                               participants=f"{a.name}、{b.name}、{user.display_name}", record=text(s.session))
            if status == "failed":
                ops.record_failure(user, case, advice=text(s.failure))
                ops.add_follow_up(user, case, visited_on=today(), performance="unfulfilled", evaluation="basically",
                                  remarks="双方情绪平稳，未发生激化。")
            elif status in ("agreed", "fulfilled", "closed"):
                ops.record_agreement(user, case, summary=text(s.agreement))
                if status in ("fulfilled", "closed"):
                    ops.add_follow_up(user, case, visited_on=today(), performance="fulfilled",
                                      evaluation="satisfied", remarks="协议已履行完毕，双方对调解结果满意。")
                if status == "closed":
                    ops.close_case(user, case, remarks="协议履行完毕，回访满意，结案归档。")
    _backdate(case, days)
    return case


def _backdate(case: Case, days: int) -> None:
    """Move the case into the past, keeping the timeline and the dates shown beside it consistent.

    Timeline entries run from registration `days` ago to an hour ago; the acceptance date,
    session dates and follow-up dates are then read off their timeline entries (demo data only).
    """
    start = utcnow() - timedelta(days=days, hours=3)
    case.created_at = start
    events = list(case.events)
    # Registration `days` ago, the next step a day later, the rest spread from then until an hour ago.
    second = start + timedelta(days=1 if days >= 2 else 0, hours=1)
    events[0].at = start
    rest = events[1:]
    span = (utcnow() - timedelta(hours=1) - second) / max(len(rest), 1)
    for i, event in enumerate(rest):
        event.at = second + span * i
    local_days = {e.action: [] for e in events}
    for e in events:
        local_days[e.action].append(e.at.astimezone(LOCAL_TZ).date())
    if case.accepted_on is not None and local_days.get("accept"):
        case.accepted_on = local_days["accept"][0]
        if case.deadline is not None and case.status in ("accepted", "mediating"):
            case.deadline = case.accepted_on + timedelta(days=DEADLINE_DAYS)
    for session, held_on in zip(case.sessions, local_days.get("session_recorded", []), strict=False):
        session.held_on = held_on
    for follow_up, visited_on in zip(case.follow_ups, local_days.get("follow_up", []), strict=False):
        follow_up.visited_on = visited_on
