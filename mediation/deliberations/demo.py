"""Demo deliberations in 光渺村 (the demo secretary's village): a street-light project through all of
四议两公开 with both publications, a 板凳会 micro-consultation, and an item ended for lack of quorum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from mediation.areas.models import Area
from mediation.auth.models import User
from mediation.db import today
from mediation.deliberations.models import Body, Deliberation
from mediation.deliberations.operations import bodies, items, meetings, minutes, publication, votes
from mediation.extensions import db
from mediation.people.models import Person

VILLAGE = "光渺村"
LIGHTS = "光渺村主干道太阳能路灯安装工程"
LANE = "第一网格后巷道路硬化"
SQUARE = "村文化广场改建"
ROSTERS = {  # body kind → (number of villagers, role)
    "party_branch": (3, "委员"), "two_committees": (5, "委员"), "party_members": (7, "党员"),
    "representatives": (9, "村民代表"),
}


def _at(days_ago: int, hour: int = 19) -> datetime:
    day = today() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour - 8, 30, tzinfo=UTC)  # 19:30 Beijing time


def _bodies(actor, village: Area, people: list[Person], grid: Area) -> dict[str, Body]:
    out = {}
    for kind, (n, role) in ROSTERS.items():
        body = db.session.scalar(select(Body).where(Body.area_id == village.id, Body.kind == kind))
        if body is None:
            body = bodies.create_body(actor, village, kind)
            for i, person in enumerate(people[:n]):
                bodies.add_member(actor, body, person, "书记" if i == 0 and kind == "party_branch" else role,
                                  is_household_rep=(i % 2 == 0))
        out[kind] = body
    council = db.session.scalar(select(Body).where(Body.area_id == grid.id, Body.kind == "grid_council"))
    if council is None:
        council = bodies.create_body(actor, grid, "grid_council", f"{grid.name}网格议事会")
        for person in [p for p in people if p.area_id == grid.id]:
            bodies.add_member(actor, council, person, "村民", is_household_rep=True)
    council.roll_call_public = True
    out["grid_council"] = council
    return out


def _meeting(actor, item, body, days_ago, present, text, method="hands", no=0, abstain=0, note=""):
    m = meetings.schedule_meeting(actor, item, meetings.MeetingData(
        body=body, held_at=_at(days_ago), place="光渺村党群服务中心", host="蔡文辉", recorder="颜巧玲",
        notice_on=today() - timedelta(days=days_ago + 12)))
    rows = sorted(m.attendance, key=lambda a: a.member_id)
    meetings.set_attendance(actor, m, {a.member_id: ("present" if i < present else "excused", "")
                                       for i, a in enumerate(rows)})
    if meetings.live_quorum(m).met:
        motion = votes.open_motion(actor, m, text, method)
        if method == "roll_call":
            attending = [a for a in rows if a.status == "present"]
            choice = ["no"] * no + ["abstain"] * abstain
            votes.cast_votes(actor, motion, {a.member_id: (choice[i] if i < len(choice) else "yes")
                                             for i, a in enumerate(attending)})
            votes.close_motion(actor, motion)
        else:
            votes.close_motion(actor, motion, votes.Tally(present - no - abstain, no, abstain))
    meetings.close_meeting(actor, m)
    minutes.save_minutes(actor, m, note or f"会议由蔡文辉主持，应到 {len(rows)} 人，实到 {present} 人。\n\n"
                                           f"议题：{item.topic}。与会人员充分讨论，{text}。")
    minutes.lock_minutes(actor, m)
    return m


def seed(password: str) -> list[str]:
    village = db.session.scalar(select(Area).where(Area.name == VILLAGE, Area.kind == "village"))
    actor = db.session.scalar(select(User).where(User.username == "secretary"))
    if village is None or actor is None:
        return []
    if db.session.scalar(select(Deliberation.id).where(Deliberation.area_id == village.id,
                                                       Deliberation.topic == LIGHTS)):
        return []
    grid = next(g for g in village.children if g.kind == "grid")
    people = list(db.session.scalars(select(Person).join(Area, Person.area_id == Area.id)
                                     .where(Area.path.startswith(village.path)).order_by(Person.id)))
    if len(people) < 9:
        return []
    b = _bodies(actor, village, people, grid)
    grid_worker = db.session.scalar(select(User).where(User.username == "grid1"))

    lights = items.create_item(actor, items.ItemData(
        topic=LIGHTS, area=village, procedure="four_two", budget_cents=12_000_000,
        description="村主干道（村口至小学段）夜间无照明，拟安装太阳能路灯 40 盏。",
        origin_proposer="第一、第二网格 23 户村民联名", origin_on=today() - timedelta(days=75),
        origin_worker=grid_worker, origin_note="网格员入户走访收集，老人夜间出行不便的意见集中。"))
    _meeting(actor, lights, b["party_branch"], 60, 3, "同意提议安装太阳能路灯 40 盏")
    _meeting(actor, lights, b["two_committees"], 55, 5, "同意实施方案，预算 12 万元")
    _meeting(actor, lights, b["party_members"], 50, 6, "审议通过实施方案", abstain=1)
    _meeting(actor, lights, b["representatives"], 45, 8, "决议：安装太阳能路灯 40 盏，预算 12 万元",
             method="roll_call", no=1)
    decision = publication.publish(actor, lights, "decision",
                                   "经村民代表会议表决通过：在村主干道安装太阳能路灯 40 盏，预算 12 万元，"
                                   "由村委会公开比选施工单位。", display_from=today() - timedelta(days=44))
    for title, planned, progress, spend in [("公开比选施工单位", 35, 100, 0), ("灯杆基础施工", 20, 100, 46_000_00),
                                            ("路灯安装与调试", 8, 100, 68_500_00)]:
        publication.save_milestone(actor, lights, publication.MilestoneData(
            title=title, planned_on=today() - timedelta(days=planned), done_on=today() - timedelta(days=planned - 2),
            progress=progress, spend_cents=spend))
    result = publication.publish(actor, lights, "result",
                                 "路灯 40 盏已全部安装并通过验收，实际支出 114,500.00 元，结余部分用于后期维护。",
                                 display_from=today() - timedelta(days=2))

    lane = items.create_item(actor, items.ItemData(
        topic=LANE, area=grid, procedure="micro", micro_form="bench", budget_cents=3_500_000,
        description="后巷雨天泥泞，拟硬化 120 米。", origin_proposer="后巷 8 户村民",
        origin_on=today() - timedelta(days=20), origin_worker=grid_worker))
    _meeting(actor, lane, b["grid_council"], 12, len(b["grid_council"].active_members), "同意硬化后巷 120 米，"
             "每户投工投劳", method="roll_call")
    lane_pub = publication.publish(actor, lane, "decision", "板凳会一致同意：硬化后巷 120 米，村集体出资、村民投工投劳。",
                                   display_from=today() - timedelta(days=3))
    publication.save_milestone(actor, lane, publication.MilestoneData(
        title="路基平整", planned_on=today() + timedelta(days=5), progress=40, spend_cents=8_000_00))

    square = items.create_item(actor, items.ItemData(
        topic=SQUARE, area=village, procedure="four_two", description="改建村文化广场。",
        origin_proposer="村老年协会", origin_on=today() - timedelta(days=40)))
    _meeting(actor, square, b["party_branch"], 30, 3, "同意提议改建文化广场")
    _meeting(actor, square, b["two_committees"], 26, 4, "同意改建方案")
    _meeting(actor, square, b["party_members"], 22, 5, "审议通过改建方案")
    _meeting(actor, square, b["representatives"], 15, 5, "", note="应到 9 人，实到 5 人，未达到三分之二，会议未作决定。")
    items.end_item(actor, square, "村民代表会议两次召集均未达到法定人数（三分之二），事项终止，待来年重新提议。")
    db.session.flush()

    lines = [f"  议事 deliberations: {VILLAGE} — {LIGHTS}（四议两公开，已办结）、{LANE}（板凳会）、{SQUARE}（未达法定人数，终止）"]
    try:
        from mediation.deliberations.documents import issue_minutes_pdf, issue_notice_pdf

        for pub in (decision, result, lane_pub):
            issue_notice_pdf(actor, pub)
        issue_minutes_pdf(actor, lights.meetings[-1])
    except Exception as exc:  # noqa: BLE001 — PDFs are a bonus for the demo; the data stands without them
        lines.append(f"  （未生成 PDF：{exc}）")
    return lines
