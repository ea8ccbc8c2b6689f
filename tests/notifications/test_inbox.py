"""The inbox: who is told what, unread counts in the navigation, idempotent deadline scans."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from mediation.db import today
from mediation.extensions import db
from mediation.notifications.models import Notification
from tests.referrals import factories as rf


def _kinds(user) -> list[str]:
    return sorted(db.session.scalars(select(Notification.kind).where(Notification.user_id == user.id)))


def test_new_referral_materials_and_decision_reach_the_right_people(world):
    r = rf.referral_of(world, "judicial")
    assert _kinds(world.judge) == ["new_referral"]
    assert _kinds(world.judge2) == [] and _kinds(world.notary) == []
    from mediation.referrals import operations as ops

    ops.request_materials(world.judge, r, request="请补充身份证明")
    ops.supply_materials(world.grid1_user, r, note="已补充")
    ops.accept(world.judge, r)
    from mediation.referrals import decisions

    decisions.complete(world.judge, r, outcome="valid", decision="有效")
    db.session.commit()
    assert _kinds(world.grid1_user) == ["decided", "materials"]
    assert _kinds(world.judge) == ["new_referral", "supplied"]


def test_badge_list_and_mark_read(world, login):
    r = rf.referral_of(world, "judicial")
    judge = login(world.judge)
    html = judge.get("/").get_data(as_text=True)
    assert 'href="/notifications/">消息 <span class="badge">1</span>' in html
    page = judge.get("/notifications/").get_data(as_text=True)
    assert r.number in page and "新的转介" in page
    n = db.session.scalar(select(Notification).where(Notification.user_id == world.judge.id))
    assert login(world.judge2).post(f"/notifications/{n.id}/open").status_code == 404  # not theirs
    response = judge.post(f"/notifications/{n.id}/open")
    assert response.status_code == 302 and response.headers["Location"] == f"/referrals/{r.id}"
    assert 'href="/notifications/">消息 <span class="badge">' not in judge.get("/").get_data(as_text=True)
    db.session.refresh(n)
    assert n.read_at is not None


def test_read_all(world, login):
    rf.referral_of(world, "judicial")
    rf.referral_of(world, "judicial")
    judge = login(world.judge)
    assert judge.post("/notifications/read-all").status_code == 302
    assert db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == world.judge.id, Notification.read_at.is_(None))) == 0
    assert "没有消息" not in judge.get("/notifications/").get_data(as_text=True)
    assert "没有消息" in login(world.lawyer).get("/notifications/").get_data(as_text=True)


def test_scan_creates_deadline_notifications_once(world, runner):
    soon = rf.referral_of(world, "judicial")
    late = rf.referral_of(world, "notarization", "accepted")
    far = rf.referral_of(world, "lawyer")
    soon.accept_by = today() + timedelta(days=2)
    late.decide_by = today() - timedelta(days=1)
    far.accept_by = today() + timedelta(days=10)
    db.session.commit()
    result = runner.invoke(args=["notifications", "scan"])
    assert result.exit_code == 0, result.output
    assert "referrals: 2 new" in result.output
    assert "due_soon" in _kinds(world.judge) and "overdue" in _kinds(world.notary)
    assert "due_soon" not in _kinds(world.lawyer)
    again = runner.invoke(args=["notifications", "scan"])
    assert "referrals: 0 new" in again.output


def test_api_inbox(world, client):
    from tests.referrals.test_scope import _api

    rf.referral_of(world, "judicial")
    listed = _api(client, world.judge, "get", "/notifications").json
    assert listed["unread"] == 1 and listed["items"][0]["kind"] == "new_referral"
    nid = listed["items"][0]["id"]
    assert _api(client, world.judge2, "post", f"/notifications/{nid}/read").status_code == 404
    assert _api(client, world.judge, "post", f"/notifications/{nid}/read").json["read"] is True
    assert _api(client, world.judge, "get", "/notifications?unread=1").json["total"] == 0
