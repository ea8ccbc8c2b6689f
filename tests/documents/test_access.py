"""grid2 (another village) cannot get grid1's agreement, its PDF or metadata through any route."""

import pytest

from mediation.auth.operations import create_api_token
from mediation.extensions import db
from tests.agreements.helpers import signed


def _routes(agreement):
    doc = agreement.document
    sig = agreement.active_signatures[0]
    return [
        f"/agreements/{agreement.id}", f"/agreements/{agreement.id}/pdf", f"/agreements/{agreement.id}/edit",
        f"/agreements/{agreement.id}/signatures/{sig.id}", f"/documents/{doc.id}", f"/documents/{doc.id}/pdf",
    ], [f"/api/v1/documents/{doc.id}", f"/api/v1/documents/{doc.id}/pdf"]


@pytest.mark.parametrize("who, allowed", [("grid1", True), ("admin", True), ("grid2", False), ("judge", False),
                                          ("notary", False), ("secretary", False), ("center", True)])
def test_who_sees_the_agreement(world, login, app, who, allowed):
    agreement = signed(world)
    pages, api = _routes(agreement)
    user = world.user(who)
    client = login(user)
    for url in pages:
        r = client.get(url)
        if url.endswith("/edit"):
            continue  # effective agreements redirect editors; checked for visibility below
        assert (r.status_code == 200) == allowed, (who, url, r.status_code)
        if not allowed:
            assert r.status_code == 404 and b"%PDF" not in r.data
    r = client.get(f"/agreements/{agreement.id}/edit")
    assert (r.status_code in (200, 302)) == allowed
    token = create_api_token(user, "test")
    db.session.commit()
    api_client = app.test_client()
    for url in api:
        r = api_client.get(url, headers={"Authorization": f"Bearer {token}"})
        assert (r.status_code == 200) == allowed, (who, url, r.status_code)
        if allowed and url.endswith(f"/{agreement.document.id}"):
            assert r.get_json()["verification_code"] == agreement.document.code_display
        if not allowed:
            assert agreement.number.encode() not in r.data


def test_lists_do_not_leak(world, login):
    agreement = signed(world)
    html = login(world.grid2_user).get("/agreements/").get_data(as_text=True)
    assert agreement.number not in html
    assert agreement.number in login(world.grid1_user).get("/agreements/").get_data(as_text=True)


def test_api_without_token_is_refused(world, client):
    agreement = signed(world)
    assert client.get(f"/api/v1/documents/{agreement.document.id}").status_code == 401
