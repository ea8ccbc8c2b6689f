"""Scope through the public surface: pages, API, PDFs and the inbox."""

from __future__ import annotations

import pytest

from mediation.agreements.operations import agreement_for
from mediation.auth.operations import create_api_token
from tests.referrals import factories as rf


def _token(user) -> str:
    from mediation.extensions import db

    token = create_api_token(user, name="test")
    db.session.commit()
    return token


def _api(client, user, method: str, path: str, **kw):
    headers = {"Authorization": f"Bearer {_token(user)}"}
    return getattr(client, method)(f"/api/v1{path}", headers=headers, **kw)


@pytest.fixture()
def confirmed(world):
    return rf.referral_of(world, "judicial", "completed")


def test_judge2_never_sees_judges_court_referrals(world, login, client, confirmed):
    r = confirmed
    agreement = agreement_for(r.case)
    judge2 = login(world.judge2)
    for url in (f"/referrals/{r.id}", f"/cases/{r.case_id}", f"/cases/{r.case_id}/referrals",
                f"/documents/{r.decision_document_id}/pdf", f"/documents/{agreement.document_id}/pdf",
                f"/referrals/{r.id}/do/complete"):
        assert judge2.get(url).status_code == 404, url
    assert r.number not in judge2.get("/referrals/").get_data(as_text=True)
    assert r.number not in judge2.get("/referrals/?state=all").get_data(as_text=True)
    assert judge2.post(f"/referrals/{r.id}/accept").status_code == 404
    assert r.number not in judge2.get("/notifications/").get_data(as_text=True)
    assert _api(client, world.judge2, "get", f"/referrals/{r.id}").status_code == 404
    assert _api(client, world.judge2, "get", f"/cases/{r.case_id}/referrals").status_code == 404
    listed = _api(client, world.judge2, "get", "/referrals?state=all").json
    assert listed["total"] == 0 and listed["counts"]["completed"] == 0
    assert _api(client, world.judge2, "get", "/notifications").json["total"] == 0
    assert _api(client, world.judge2, "get", f"/documents/{r.decision_document_id}/pdf").status_code == 404


def test_the_court_sees_the_case_read_only_with_its_documents(world, login, confirmed):
    r = confirmed
    judge = login(world.judge)
    assert judge.get(f"/cases/{r.case_id}").status_code == 200
    page = judge.get(f"/referrals/{r.id}").get_data(as_text=True)
    assert "确认有效" in page and r.decision_document.number in page
    pdf = judge.get(f"/documents/{agreement_for(r.case).document_id}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # read-only: no case operations for the court
    assert judge.post(f"/cases/{r.case_id}/accept").status_code in (403, 404)
    assert f"/cases/{r.case_id}/do/" not in judge.get(f"/cases/{r.case_id}").get_data(as_text=True)
    # a notary office that received nothing for this case sees nothing
    assert login(world.notary).get(f"/cases/{r.case_id}").status_code == 404


def test_a_notary_cannot_decide_a_judicial_confirmation(world, login, client):
    r = rf.referral_of(world, "judicial", "accepted")
    notary = login(world.notary)
    assert notary.get(f"/referrals/{r.id}/do/complete").status_code == 404
    assert notary.post(f"/referrals/{r.id}/do/complete", data={"outcome": "valid", "decision": "有效"}
                       ).status_code == 404
    response = _api(client, world.notary, "post", f"/referrals/{r.id}/complete",
                    json={"outcome": "valid", "decision": "有效"})
    assert response.status_code == 404
    r2 = rf.referral_of(world, "notarization", "accepted")  # even with a referral of its own on another case
    assert _api(client, world.notary, "post", f"/referrals/{r.id}/accept").status_code == 404
    assert r2.status == "accepted"


def test_grid2_cannot_see_grid1s_referrals(world, login, client):
    r = rf.referral_of(world, "lawyer")
    grid2 = login(world.grid2_user)
    assert grid2.get(f"/referrals/{r.id}").status_code == 404
    assert grid2.get(f"/cases/{r.case_id}/referrals").status_code == 404
    assert r.number not in grid2.get("/referrals/sent?state=all").get_data(as_text=True)
    assert _api(client, world.grid2_user, "get", "/referrals?box=sent&state=all").json["total"] == 0
    assert _api(client, world.grid2_user, "post", f"/referrals/{r.id}/withdraw", json={"reason": "x"}
                ).status_code == 404
    grid1 = login(world.grid1_user)
    assert r.number in grid1.get("/referrals/sent").get_data(as_text=True)


def test_the_lawyer_sees_only_referrals_to_the_law_office(world, login):
    mine = rf.referral_of(world, "lawyer")
    other = rf.referral_of(world, "judicial")
    lawyer = login(world.lawyer)
    queue = lawyer.get("/referrals/").get_data(as_text=True)
    assert mine.number in queue and other.number not in queue
    assert lawyer.get(f"/referrals/{other.id}").status_code == 404
