"""Intake through the web form and the API: numbers, parties on the spot, validation, duplicates."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from mediation.cases.models import Case, CaseParty
from mediation.people.models import Person
from tests import factories
from tests.cases.factories import ID_A, ID_B, api_body, make_case


def _bad_checksum(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


def form_data(world, **override):
    data = {
        "title": "蔡某与黄某宅基地边界纠纷", "category": "房屋宅基地", "source": "网格员排查",
        "area_id": str(world.grid1.id), "occurred_on": "2026-03-01", "description": "围墙越界约30公分。",
        "amount": "1500.50", "risk_level": "normal",
        "parties-0-role": "applicant", "parties-0-name": "蔡文辉", "parties-0-id_number": ID_A,
        "parties-0-phone": "13905951234",
        "parties-1-role": "respondent", "parties-1-name": "黄东辉", "parties-1-id_number": ID_B,
        "parties-1-phone": "13805955678",
        "do": "save",
    }
    data.update(override)
    return {k: v for k, v in data.items() if v is not None}


def _count(model):
    from mediation.extensions import db

    return db.session.scalar(select(func.count()).select_from(model))


def test_web_intake_creates_case_with_new_parties(world, login, db):
    c = login(world.grid1_user)
    r = c.post("/cases/new", data=form_data(world))
    assert r.status_code == 302
    case = db.session.scalar(select(Case))
    assert case.number == f"光渺村调〔{case.year}〕0001号"
    assert case.committee == world.committee1  # the village committee, not the town's
    assert case.amount_fen == 150050 and case.status == "registered" and case.mediator == world.grid1_user
    assert sorted(p.role for p in case.parties) == ["applicant", "respondent"]
    assert {p.person.name for p in case.parties} == {"蔡文辉", "黄东辉"}
    page = c.get(r.headers["Location"]).get_data(as_text=True)
    assert ID_A not in page and "13905951234" not in page  # masked
    assert "登记案件" in page


def test_existing_person_is_found_and_used(world, login, db):
    known = factories.make_person("洪金水", world.grid1)
    c = login(world.grid1_user)
    found = c.post("/cases/new", data=form_data(world, **{"parties-1-lookup": "洪金水", "do": "find-1"}))
    html = found.get_data(as_text=True)
    assert found.status_code == 200 and "洪金水" in html and known.id_number not in html
    r = c.post("/cases/new", data=form_data(world, **{"parties-1-person_id": str(known.id), "parties-1-name": "",
                                                       "parties-1-id_number": "", "parties-1-phone": ""}))
    assert r.status_code == 302
    case = db.session.scalar(select(Case))
    assert known in [p.person for p in case.parties]


def test_add_party_keeps_input(world, login, db):
    c = login(world.grid1_user)
    html = c.post("/cases/new", data=form_data(world, do="add_party")).get_data(as_text=True)
    assert 'name="parties-2-name"' in html and "蔡某与黄某宅基地边界纠纷" in html
    assert _count(Case) == 0


def test_bad_id_checksum_refused_next_to_field_keeping_input(world, login, db):
    c = login(world.grid1_user)
    r = c.post("/cases/new", data=form_data(world, **{"parties-1-id_number": _bad_checksum(ID_B)}))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert re.search(r'id="parties-1-id_number-err">身份证号码校验位不正确', html)
    assert "蔡某与黄某宅基地边界纠纷" in html and "围墙越界约30公分" in html and "1500.50" in html
    assert _count(Case) == 0 and _count(Person) == 0  # nothing half-saved (party 0 was valid)


def test_one_party_only_refused(world, login, db):
    c = login(world.grid1_user)
    r = c.post("/cases/new", data=form_data(world, **{"parties-1-name": "", "parties-1-id_number": "",
                                                       "parties-1-phone": "", "parties-1-role": ""}))
    html = r.get_data(as_text=True)
    assert "请选择已有人员或填写当事人姓名" in html
    assert _count(Case) == 0 and _count(Person) == 0


def test_area_outside_scope_refused(world, login, db):
    c = login(world.grid1_user)
    r = c.post("/cases/new", data=form_data(world, area_id=str(world.grid2.id)))
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and 'id="area_id-err"' in html
    assert _count(Case) == 0 and _count(Person) == 0


def test_api_area_outside_scope_and_one_party(world, db, api_client):
    client, headers = api_client(world.grid1_user)
    body = api_body(world, area_id=world.grid2.id)
    body["parties"] = body["parties"][:1]
    r = client.post("/api/v1/cases", json=body, headers=headers)
    assert r.status_code == 422
    errors = r.get_json()["errors"]
    assert errors["area_id"] == ["所选网格不在您的工作范围内"]
    assert errors["parties"] == ["至少需要两方当事人"]
    assert _count(Case) == 0 and _count(Person) == 0


def test_api_bad_id_names_the_field(world, db, api_client):
    client, headers = api_client(world.grid1_user)
    body = api_body(world)
    body["parties"][1]["person"]["id_number"] = _bad_checksum(ID_B)
    r = client.post("/api/v1/cases", json=body, headers=headers)
    assert r.status_code == 422
    assert "parties-1-id_number" in r.get_json()["errors"]
    assert _count(Case) == 0 and _count(Person) == 0


def test_api_create_and_read(world, db, api_client):
    client, headers = api_client(world.grid1_user)
    r = client.post("/api/v1/cases", json=api_body(world), headers=headers)
    assert r.status_code == 201, r.get_json()
    data = r.get_json()
    assert data["number"].startswith("光渺村调〔") and data["status"] == "registered"
    assert all(ID_A not in str(p) for p in data["parties"])
    assert client.get(f"/api/v1/cases/{data['id']}", headers=headers).get_json()["number"] == data["number"]
    listing = client.get("/api/v1/cases?status=registered", headers=headers).get_json()
    assert listing["total"] == 1 and listing["status_counts"]["registered"] == 1
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/cases" in spec["paths"] and "/cases/{case_id}/transitions/{action}" in spec["paths"]


def test_duplicate_warning_before_saving(world, login, db):
    a, b = factories.make_person("蔡文辉", world.grid1), factories.make_person("黄东辉", world.grid1)
    first = make_case(world, people=[a, b])
    c = login(world.grid1_user)
    data = form_data(world, **{"parties-0-person_id": str(a.id), "parties-1-person_id": str(b.id),
                               "parties-0-name": "", "parties-1-name": "", "parties-0-id_number": "",
                               "parties-1-id_number": "", "parties-0-phone": "", "parties-1-phone": ""})
    html = c.post("/cases/new", data=data).get_data(as_text=True)
    assert "发现相似案件" in html and first.number in html
    assert _count(Case) == 1
    r = c.post("/cases/new", data=dict(data, confirm_duplicate="y"))
    assert r.status_code == 302 and _count(Case) == 2
    # different category → no warning
    r = c.post("/cases/new", data=dict(data, category="邻里纠纷"))
    assert r.status_code == 302 and _count(Case) == 3


def test_api_duplicate_is_409_with_list(world, db, api_client):
    a, b = factories.make_person("蔡文辉", world.grid1), factories.make_person("黄东辉", world.grid1)
    first = make_case(world, people=[a, b])
    client, headers = api_client(world.grid1_user)
    body = api_body(world)
    body["parties"] = [{"role": "applicant", "person_id": a.id}, {"role": "respondent", "person_id": b.id}]
    r = client.post("/api/v1/cases", json=body, headers=headers)
    assert r.status_code == 409 and r.get_json()["duplicates"][0]["number"] == first.number
    assert client.post("/api/v1/cases", json=dict(body, confirm_duplicate=True), headers=headers).status_code == 201


def test_town_committee_numbers_when_village_has_none(world, db):
    from mediation.cases.intake import committee_for

    village3 = factories.make_area("萧下村", "village", world.town)
    grid = factories.make_area("第一网格", "grid", village3)
    assert committee_for(grid) == world.town_committee
    assert committee_for(world.grid1) == world.committee1


def test_numbers_are_per_committee(world, db):
    a = make_case(world)
    b = make_case(world, user=world.grid2_user, area=world.grid2,
                  people=[factories.make_person(area=world.grid2), factories.make_person(area=world.grid2)])
    c = make_case(world)
    assert (a.seq, b.seq, c.seq) == (1, 1, 2)
    assert b.number.startswith("井林村调")
    assert _count(CaseParty) == 6
