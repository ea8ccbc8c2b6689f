"""Scope: grid2 cannot see or change grid1's case anywhere; counts do not leak; who may do what."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from mediation.cases import evidence as evidence_ops
from mediation.cases.models import Case
from tests.cases.factories import make_case


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 20)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture()
def grid1_case(world, db):
    case = make_case(world, status="mediating", title="光渺村围墙纠纷")
    evidence_ops.add_evidence(world.grid1_user, case, data=_png(), filename="现场.png")
    db.session.commit()
    return case


def test_grid2_gets_404_on_every_page(world, login, grid1_case):
    c = login(world.grid2_user)
    cid, eid = grid1_case.id, grid1_case.evidence[0].id
    for url in (f"/cases/{cid}", f"/cases/{cid}/do/record_session", f"/cases/{cid}/do/transfer",
                f"/cases/{cid}/evidence", f"/cases/{cid}/evidence/{eid}", f"/cases/{cid}/evidence/{eid}/thumb"):
        assert c.get(url).status_code == 404, url
    for url in (f"/cases/{cid}/accept", f"/cases/{cid}/start", f"/cases/{cid}/do/record_agreement",
                f"/cases/{cid}/parties/{grid1_case.parties[0].id}/reveal"):
        assert c.post(url, data={"summary": "x", "field": "phone"}).status_code == 404, url
    assert grid1_case.status == "mediating"


def test_grid2_lists_and_csv_leak_nothing(world, login, grid1_case):
    c = login(world.grid2_user)
    html = c.get("/cases/").get_data(as_text=True)
    assert grid1_case.number not in html and "光渺村围墙纠纷" not in html
    assert "调解中 1" not in html and "全部 0" in html
    csv = c.get("/cases/export.csv").get_data(as_text=True)
    assert grid1_case.number not in csv and len(csv.strip().splitlines()) == 1
    assert "光渺村围墙纠纷" not in c.get("/cases/?status=mediating").get_data(as_text=True)


def test_grid2_api_404_and_empty_list(world, api_client, grid1_case):
    client, headers = api_client(world.grid2_user)
    assert client.get(f"/api/v1/cases/{grid1_case.id}", headers=headers).status_code == 404
    r = client.post(f"/api/v1/cases/{grid1_case.id}/transitions/record_failure", json={"advice": "x"},
                    headers=headers)
    assert r.status_code == 404
    assert client.post(f"/api/v1/cases/{grid1_case.id}/sessions", json={"held_on": "2026-01-01", "record": "x"},
                       headers=headers).status_code == 404
    listing = client.get("/api/v1/cases", headers=headers).get_json()
    assert listing["total"] == 0 and sum(listing["status_counts"].values()) == 0


@pytest.mark.parametrize(("who", "sees"), [
    ("grid1", True), ("grid2", False), ("center", True), ("admin", True),
    ("judge", False), ("lawyer", False), ("notary", False), ("secretary", False),
])
def test_who_sees_the_case(world, login, grid1_case, who, sees):
    c = login(world.user(who))
    r = c.get(f"/cases/{grid1_case.id}")
    assert r.status_code == (200 if sees else 404)
    if sees:
        html = r.get_data(as_text=True)
        assert "办理过程" in html and "登记案件" in html  # the timeline


def test_timeline_in_api_only_for_scope(world, api_client, grid1_case):
    client, headers = api_client(world.center_user)
    data = client.get(f"/api/v1/cases/{grid1_case.id}", headers=headers).get_json()
    assert [e["action"] for e in data["timeline"]][:2] == ["create", "accept"]


def test_transfer_to_grid_out_of_scope_refused(world, login, grid1_case, db):
    c = login(world.grid1_user)
    r = c.post(f"/cases/{grid1_case.id}/do/transfer", data={"area_id": str(world.grid2.id), "reason": "x"})
    assert r.status_code == 200 and 'id="area_id-err"' in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, grid1_case.id).area_id == world.grid1.id


def test_center_transfers_to_other_grid_and_mediator(world, login, grid1_case, db):
    c = login(world.center_user)
    r = c.post(f"/cases/{grid1_case.id}/do/transfer",
               data={"area_id": str(world.grid2.id), "mediator_id": str(world.grid2_user.id), "reason": "当事人住井林村"})
    assert r.status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, grid1_case.id)
    assert case.area_id == world.grid2.id and case.mediator_id == world.grid2_user.id
    assert login(world.grid1_user).get(f"/cases/{case.id}").status_code == 404
    assert "当事人住井林村" in login(world.grid2_user).get(f"/cases/{case.id}").get_data(as_text=True)
