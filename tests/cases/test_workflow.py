"""The closed loop through the web and the API: accept → sessions → agreement → follow-up → close."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from mediation.audit import AuditEvent
from mediation.cases.models import Case
from mediation.db import today
from tests.cases.factories import make_case


def _reload(db, case):
    db.session.expire_all()
    return db.session.get(Case, case.id)


def test_web_closed_loop(world, login, db):
    case = make_case(world)
    c = login(world.grid1_user)
    assert c.post(f"/cases/{case.id}/accept").status_code == 302
    r = c.post(f"/cases/{case.id}/do/record_session", data={
        "held_on": today().isoformat(), "place": "光渺村调解室", "participants": "蔡文辉、黄东辉",
        "record": "双方同意以原界址为准。", "outcome": "agreed"})
    assert r.status_code == 302
    assert c.post(f"/cases/{case.id}/do/record_agreement", data={"summary": "拆除越界围墙"}).status_code == 302
    # closing before a follow-up is refused with the reason
    assert "结案前须完成至少一次回访" in c.post(f"/cases/{case.id}/do/close", data={}).get_data(as_text=True)
    assert c.post(f"/cases/{case.id}/do/add_follow_up", data={
        "visited_on": today().isoformat(), "performance": "fulfilled", "evaluation": "satisfied",
        "remarks": "围墙已拆除"}).status_code == 302
    assert _reload(db, case).status == "fulfilled"
    assert c.post(f"/cases/{case.id}/do/close", data={"remarks": "履行完毕"}).status_code == 302
    case = _reload(db, case)
    assert case.status == "closed" and case.ended_at is not None
    html = c.get(f"/cases/{case.id}").get_data(as_text=True)
    for text in ("受理", "记录调解", "记录达成协议", "回访", "结案", "双方同意以原界址为准"):
        assert text in html
    actions = [e.action for e in db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "case"))]
    assert {"case.create", "case.accept", "case.record_agreement", "case.close"} <= set(actions)


def test_illegal_transition_page_and_api_give_reason(world, login, api_client, db):
    case = make_case(world, status="closed")
    c = login(world.grid1_user)
    r = c.post(f"/cases/{case.id}/accept")
    assert r.status_code == 409 and "已结案" in r.get_data(as_text=True)
    r = c.post(f"/cases/{case.id}/do/record_agreement", data={"summary": "x"})
    assert r.status_code == 409 and "不能记录达成协议" in r.get_data(as_text=True)
    client, headers = api_client(world.grid1_user)
    r = client.post(f"/api/v1/cases/{case.id}/transitions/accept", headers=headers)
    assert r.status_code == 409 and "已结案" in r.get_json()["error"]


def test_api_session_follow_up_and_transitions(world, api_client, db):
    case = make_case(world, status="accepted")
    client, headers = api_client(world.grid1_user)
    r = client.post(f"/api/v1/cases/{case.id}/sessions", json={"held_on": "2999-01-01", "record": ""},
                    headers=headers)
    assert r.status_code == 422 and set(r.get_json()["errors"]) == {"held_on", "record"}
    r = client.post(f"/api/v1/cases/{case.id}/sessions", json={"held_on": today().isoformat(), "record": "笔录"},
                    headers=headers)
    assert r.status_code == 201
    r = client.post(f"/api/v1/cases/{case.id}/transitions/record_failure", json={"advice": "告知可起诉"},
                    headers=headers)
    assert r.json["status"] == "failed"
    r = client.post(f"/api/v1/cases/{case.id}/follow-ups", json={"visited_on": today().isoformat(),
                                                                 "performance": "unfulfilled",
                                                                 "evaluation": "basically"}, headers=headers)
    assert r.status_code == 201
    r = client.post(f"/api/v1/cases/{case.id}/transitions/close", json={}, headers=headers)
    assert r.json["status"] == "closed"


def test_deadline_extension_and_overdue_badges(world, login, db):
    case = make_case(world, status="mediating", title="逾期的土地纠纷")
    soon = make_case(world, status="accepted", title="快到期的纠纷")
    case.deadline = today() - timedelta(days=2)
    soon.deadline = today() + timedelta(days=2)
    db.session.commit()
    c = login(world.grid1_user)
    listing = c.get("/cases/").get_data(as_text=True)
    assert "已超期" in listing and "3天内到期" in listing
    overdue_only = c.get("/cases/?deadline=overdue").get_data(as_text=True)
    assert "逾期的土地纠纷" in overdue_only and "快到期的纠纷" not in overdue_only
    home = c.get("/").get_data(as_text=True)
    assert "需要关注的案件" in home and "逾期的土地纠纷" in home and "已超期 1 件" in home
    # an extension with the parties' consent
    new_deadline = today() + timedelta(days=20)
    r = c.post(f"/cases/{case.id}/do/extend_deadline", data={"new_deadline": new_deadline.isoformat(),
                                                             "consented_by": "蔡文辉、黄东辉", "reason": "等待测绘"})
    assert r.status_code == 302
    case = _reload(db, case)
    assert case.deadline == new_deadline and not case.is_overdue
    assert case.extensions[0].consented_by == "蔡文辉、黄东辉"
    assert "等待测绘" in c.get(f"/cases/{case.id}").get_data(as_text=True)


def test_extension_needs_consent_and_later_date(world, login, db):
    case = make_case(world, status="accepted")
    c = login(world.grid1_user)
    html = c.post(f"/cases/{case.id}/do/extend_deadline", data={"new_deadline": today().isoformat(),
                                                                "consented_by": "", "reason": ""}).get_data(as_text=True)
    assert 'id="new_deadline-err"' in html and 'id="consented_by-err"' in html
    assert _reload(db, case).extensions == []


def test_filters_counts_sorting_and_csv(world, login, db):
    make_case(world, title="宅基地纠纷甲", category="房屋宅基地")
    make_case(world, title="邻里噪音纠纷", category="邻里纠纷", status="accepted")
    c = login(world.grid1_user)
    html = c.get("/cases/?category=邻里纠纷").get_data(as_text=True)
    assert "邻里噪音纠纷" in html and "宅基地纠纷甲" not in html
    assert "已受理 1" in html and "全部 1" in html
    html = c.get("/cases/?sort=oldest").get_data(as_text=True)
    assert html.index("宅基地纠纷甲") < html.index("邻里噪音纠纷")
    csv = c.get("/cases/export.csv?category=邻里纠纷").get_data(as_text=True)
    assert "邻里噪音纠纷" in csv and "宅基地纠纷甲" not in csv
    case = db.session.scalar(select(Case).where(Case.title == "邻里噪音纠纷"))
    for p in case.parties:
        assert p.person.id_number not in csv and p.person.phone not in csv
        assert p.person.id_number[-4:] in csv


def test_pagination(world, login, db):
    from tests import factories

    a, b = factories.make_person("甲", world.grid1), factories.make_person("乙", world.grid1)
    for i in range(23):
        make_case(world, title=f"纠纷{i:02d}", people=[a, b])
    c = login(world.grid1_user)
    first = c.get("/cases/").get_data(as_text=True)
    assert "第 1 / 2 页，共 23 条" in first and "纠纷22" in first and "纠纷00" not in first
    assert "纠纷00" in c.get("/cases/?page=2").get_data(as_text=True)


def test_reveal_party_phone_is_audited(world, login, db):
    case = make_case(world)
    party = case.parties[0]
    c = login(world.grid1_user)
    html = c.post(f"/cases/{case.id}/parties/{party.id}/reveal", data={"field": "phone"}).get_data(as_text=True)
    assert party.person.phone in html
    ev = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person.reveal"))
    assert ev.object_id == party.person.id and party.person.phone not in ev.summary


def test_empty_states(world, login, db):
    c = login(world.grid1_user)
    assert "还没有案件" in c.get("/cases/").get_data(as_text=True)
    assert "您没有超期或即将到期的案件" in c.get("/").get_data(as_text=True)
