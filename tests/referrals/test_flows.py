"""Referral flows through the pages and the API: the case moves, the timeline and the audit log
record each step, returns reach the sender, withdrawals give the case back."""

from __future__ import annotations

from sqlalchemy import select

from mediation.audit import AuditEvent
from mediation.extensions import db
from mediation.notifications.models import Notification
from mediation.referrals.models import Referral
from tests.cases.factories import make_case
from tests.referrals import factories as rf
from tests.referrals.test_scope import _api


def _actions(case_id: int) -> list[str]:
    from mediation.cases.models import CaseEvent

    return list(db.session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case_id)
                                   .order_by(CaseEvent.id)))


def test_escalation_up_the_ladder_and_back(world, login):
    case = make_case(world, status="mediating")
    grid1 = login(world.grid1_user)
    page = grid1.get(f"/cases/{case.id}/referrals").get_data(as_text=True)
    assert "上报至村调委会" in page
    response = grid1.post(f"/cases/{case.id}/referrals/new/escalate", data={"reason": ""})
    assert "请填写上报理由" in response.get_data(as_text=True)  # error next to the field, input kept
    response = grid1.post(f"/cases/{case.id}/referrals/new/escalate", data={"reason": "双方矛盾激化"})
    assert response.status_code == 302
    r = db.session.scalar(select(Referral).where(Referral.case_id == case.id))
    db.session.refresh(case)
    assert (r.to_institution_id, r.rung_to, case.status, case.rung) == (world.committee1.id, "village", "referred",
                                                                       "village")
    # The village committee (another of its mediators) accepts and sends it on to the town center.
    village = rf.factories_user(world, "cmember", ["mediator"], world.committee1, [world.village1])
    c = login(village)
    assert c.post(f"/referrals/{r.id}/accept").status_code == 302
    response = c.post(f"/cases/{case.id}/referrals/new/escalate", data={"reason": "涉及多个村"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(r)
    db.session.refresh(case)
    r2 = db.session.scalars(select(Referral).where(Referral.case_id == case.id).order_by(Referral.id)).all()[-1]
    assert r.status == "completed" and r.outcome == "escalated"
    assert r2.to_institution_id == world.center.id and case.rung == "town" and case.status == "referred"
    # The center returns it: the sender sees why, the case goes back down.
    center = login(world.center_user)
    assert center.post(f"/referrals/{r2.id}/do/return", data={"reason": "请先补充现场勘查记录"}).status_code == 302
    db.session.refresh(case)
    assert case.status == "mediating" and case.rung == "village"
    shown = c.get(f"/referrals/{r2.id}").get_data(as_text=True)
    assert "请先补充现场勘查记录" in shown and "重新提交" in shown
    assert db.session.scalar(select(Notification).where(Notification.user_id == village.id,
                                                        Notification.kind == "returned")) is not None
    assert c.post(f"/referrals/{r2.id}/do/resubmit", data={"note": "已补充勘查记录"}).status_code == 302
    db.session.refresh(case)
    assert case.status == "referred" and case.rung == "town"
    assert center.post(f"/referrals/{r2.id}/accept").status_code == 302
    assert center.post(f"/referrals/{r2.id}/do/complete", data={"outcome": "agreed", "decision": "经中心调解达成协议"}
                       ).status_code == 302
    db.session.refresh(case)
    assert case.status == "agreed" and case.outcome == "经中心调解达成协议"
    acts = _actions(case.id)
    for code in ("referral_submitted", "referral_accepted", "referral_returned", "referral_resubmitted",
                 "referral_completed"):
        assert code in acts
    workspace = grid1.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "转介办结" in workspace  # labelled in the case timeline
    assert f'href="/cases/{case.id}/referrals"' in workspace  # the workspace links to the ladder page
    audited = set(db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "referral")))
    assert {"referral.submit", "referral.accept", "referral.return", "referral.resubmit",
            "referral.complete"} <= audited


def test_withdraw_gives_the_case_back(world, login):
    r = rf.referral_of(world, "lawyer")
    grid1 = login(world.grid1_user)
    assert grid1.get(f"/referrals/{r.id}/do/withdraw").status_code == 200
    assert grid1.post(f"/referrals/{r.id}/do/withdraw", data={"reason": "当事人自行和解"}).status_code == 302
    db.session.refresh(r)
    assert r.status == "withdrawn" and r.case.status == "mediating"
    assert grid1.post(f"/referrals/{r.id}/do/withdraw", data={"reason": "again"}).status_code == 409


def test_lawyer_records_sessions_and_settles(world, login):
    r = rf.referral_of(world, "lawyer", "accepted")
    lawyer = login(world.lawyer)
    response = lawyer.post(f"/referrals/{r.id}/do/record_session", data={
        "held_on": "2000-01-01", "place": "律所调解室", "participants": "双方", "record": "释明工程质量鉴定规则。",
        "outcome": "continue"})
    assert response.status_code == 302
    assert any(s.recorded_by_id == world.lawyer.id for s in r.case.sessions)
    response = lawyer.post(f"/referrals/{r.id}/do/complete", data={"outcome": "agreed",
                                                                    "decision": "双方同意按鉴定结论分担维修费"})
    assert response.status_code == 302
    db.session.refresh(r)
    assert r.case.status == "agreed" and r.decision_document.institution_id == world.law_office.id


def test_department_result_goes_back_to_the_center(world, login):
    r = rf.referral_of(world, "dispatch", "accepted")
    dept = login(rf._department_user(world))
    response = dept.post(f"/referrals/{r.id}/do/complete", data={"outcome": "handled",
                                                                  "decision": "经现场测量，界址以1998年确权图为准"})
    assert response.status_code == 302
    db.session.refresh(r)
    assert r.case.status == "mediating"  # back with the center, which sent it from its own mediation
    assert "1998年确权图" in login(world.center_user).get(f"/cases/{r.case_id}").get_data(as_text=True)


def test_litigation_guidance_after_failure(world, login):
    case = make_case(world, status="failed")
    grid1 = login(world.grid1_user)
    response = grid1.post(f"/cases/{case.id}/referrals/new/litigation", data={
        "to_institution_id": world.court.id, "guidance": "告知可向东石人民法庭起诉，诉讼时效三年。"})
    assert response.status_code == 302
    r = db.session.scalar(select(Referral).where(Referral.case_id == case.id))
    assert (r.kind, r.status, r.outcome) == ("litigation", "completed", "guided")
    assert "litigation_guided" in _actions(case.id)


def test_api_judicial_confirmation_round_trip(world, client):
    case, _a = rf.make_agreed_case(world)
    body = {"kind": "judicial", "to_institution_id": world.court.id, "applied_on": None, "is_joint": True}
    assert _api(client, world.grid1_user, "post", f"/cases/{case.id}/referrals", json=body).status_code == 422
    body["applied_on"] = rf.today().isoformat()
    created = _api(client, world.grid1_user, "post", f"/cases/{case.id}/referrals", json=body)
    assert created.status_code == 201, created.json
    rid = created.json["id"]
    assert created.json["accept_by"] and created.json["actions"] == ["withdraw"]
    assert _api(client, world.judge, "post", f"/referrals/{rid}/complete", json={}).status_code == 409
    assert _api(client, world.judge, "post", f"/referrals/{rid}/accept").json["status"] == "accepted"
    bad = _api(client, world.judge, "post", f"/referrals/{rid}/complete", json={"outcome": "dismissed"})
    assert bad.status_code == 422 and "decision" in bad.json["errors"]
    done = _api(client, world.judge, "post", f"/referrals/{rid}/complete",
                json={"outcome": "valid", "decision": "符合法律规定"})
    assert done.status_code == 200 and done.json["outcome"] == "valid"
    listed = _api(client, world.grid1_user, "get", f"/cases/{case.id}/referrals").json["items"]
    assert [i["status"] for i in listed] == ["completed"]
    assert _api(client, world.judge, "post", f"/referrals/{rid}/withdraw", json={"reason": "x"}).status_code == 403
    doc = client.get("/api/v1/openapi.json").json
    assert "/cases/{case_id}/referrals" in doc["paths"] and "/notifications" in doc["paths"]
