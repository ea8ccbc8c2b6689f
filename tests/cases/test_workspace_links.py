"""The case workspace leads to the agreement: draft it while mediating, open it once it exists."""

from mediation.cases.models import Case
from mediation.extensions import db


def _mediating_case(world, login):
    from tests.search.factories import make_case

    case = make_case(world.grid1_user, world.grid1, title="宅基地围墙纠纷", people=["康秀英", "洪阿妹"])
    c = login(world.grid1_user)
    assert c.post(f"/cases/{case.id}/accept").status_code == 302
    assert c.post(f"/cases/{case.id}/start").status_code == 302
    return case, c


def test_mediating_case_offers_to_draft_then_links_the_agreement(world, login):
    case, c = _mediating_case(world, login)
    assert db.session.get(Case, case.id).status == "mediating"
    html = c.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f"/agreements/new?case_id={case.id}" in html and "起草调解协议书" in html

    created = c.post("/agreements/new", data={"case_id": str(case.id), "form": "written"})
    assert created.status_code == 302
    html = c.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "起草调解协议书" not in html
    assert "调协〔" in html and "草稿" in html


def test_other_grid_sees_neither(world, login):
    case, _c = _mediating_case(world, login)
    assert login(world.grid2_user).get(f"/cases/{case.id}").status_code == 404
