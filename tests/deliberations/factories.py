"""Factories for the deliberations domain: bodies with rosters, items, meetings run to a result."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from mediation.db import today
from mediation.deliberations.models import Body
from mediation.deliberations.operations import bodies, items, meetings, votes
from mediation.deliberations.operations.publication import publish
from mediation.extensions import db
from tests import factories


def make_body(admin, area, kind="representatives", n=5, households=0, minors=0, **rule_changes) -> Body:
    body = bodies.create_body(admin, area, kind)
    for i in range(n):
        born = date(2015, 1, 1) if i < minors else date(1970, 1, 1)
        person = factories.make_person(area=area, birth_date=born)
        bodies.add_member(admin, body, person, "村民代表", is_household_rep=i < households)
    for k, v in rule_changes.items():
        setattr(body, k, v)
    db.session.commit()
    return body


def make_item(admin, area, procedure="four_two", topic="修建村道路灯", micro_form="bench"):
    item = items.create_item(admin, items.ItemData(topic=topic, area=area, procedure=procedure,
                                                   micro_form=micro_form if procedure == "micro" else "",
                                                   origin_proposer="第一网格村民联名"))
    db.session.commit()
    return item


def soon(days=0) -> datetime:
    return datetime.now(UTC) + timedelta(days=days, hours=1)


def schedule(admin, item, body, notice_days_before=15, held=None):
    held = held or soon()
    m = meetings.schedule_meeting(admin, item, meetings.MeetingData(
        body=body, held_at=held, place="村委会会议室", host="颜巧玲", recorder="许华山",
        notice_on=today() - timedelta(days=notice_days_before)))
    db.session.commit()
    return m


def attend(admin, meeting, present: int, status="present"):
    rows = sorted(meeting.attendance, key=lambda a: a.member_id)
    meetings.set_attendance(admin, meeting, {a.member_id: (status if i < present else "absent", "")
                                             for i, a in enumerate(rows)})
    db.session.commit()


def pass_meeting(admin, item, body, yes=None):
    m = schedule(admin, item, body)
    attend(admin, m, len(body.active_members))
    motion = votes.open_motion(admin, m, "同意" + item.topic, "hands")
    n = len(body.active_members)
    votes.close_motion(admin, motion, votes.Tally(yes if yes is not None else n, 0, 0))
    meetings.close_meeting(admin, m)
    db.session.commit()
    return m


def four_two_bodies(admin, village, n=5):
    return {k: make_body(admin, village, k, n=n) for k in ("party_branch", "two_committees", "party_members",
                                                           "representatives")}


def decided_item(admin, village, bodies_=None, publish_decision=True):
    bodies_ = bodies_ or four_two_bodies(admin, village)
    item = make_item(admin, village)
    for kind in ("party_branch", "two_committees", "party_members", "representatives"):
        pass_meeting(admin, item, bodies_[kind])
    if publish_decision:
        publish(admin, item, "decision", "同意在村主干道安装太阳能路灯 40 盏，预算 12 万元。")
        db.session.commit()
    return item
