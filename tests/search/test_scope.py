"""Results are filtered by the viewer's scope inside the query: no hit, no count, no snippet leaks."""

from __future__ import annotations

import pytest

from mediation.search import service
from tests.search.factories import make_case, make_item


@pytest.fixture()
def grid1_case(backend, world):
    return make_case(world.grid1_user, world.grid1, title="康秀英与施荣华宅基地边界纠纷", people=["康秀英", "施荣华"],
                     description="双方因围墙位置争执", category="房屋宅基地")


@pytest.mark.parametrize("q", ["康秀英", "施荣华", "秀英", "宅基地边界"])
def test_grid2_finds_nothing_of_grid1_and_no_count(grid1_case, world, q):
    mine = service.search(world.grid2_user, service.Criteria(q=q))
    assert mine.total == 0 and mine.items == []
    assert all(counts == {} for counts in mine.counts.values())
    theirs = service.search(world.grid1_user, service.Criteria(q=q))
    assert [i.hit.object_id for i in theirs.items] == [grid1_case.id]
    assert theirs.counts["kind"] == {"case": 1}


def test_grid2_page_and_api_reveal_nothing(grid1_case, world, login, api_client):
    page = login(world.grid2_user).get("/search", query_string={"q": "康秀英"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "康秀英" not in html.replace('value="康秀英"', "").replace("“康秀英”", "")
    assert grid1_case.number not in html
    client, headers = api_client(world.grid2_user)
    body = client.get("/api/v1/search", query_string={"q": "康秀英"}, headers=headers).get_json()
    assert body["total"] == 0 and body["items"] == [] and all(v == {} for v in body["counts"].values())
    client, headers = api_client(world.grid1_user)
    body = client.get("/api/v1/search", query_string={"q": "康秀英"}, headers=headers).get_json()
    assert body["total"] == 1 and body["items"][0]["id"] == grid1_case.id


@pytest.mark.parametrize("who, sees", [("admin", True), ("grid1", True), ("center", True), ("grid2", False),
                                       ("secretary", False), ("judge", False), ("lawyer", False)])
def test_who_finds_a_grid1_case(grid1_case, world, who, sees):
    results = service.search(world.user(who), service.Criteria(q="康秀英"))
    assert (results.total == 1) is sees


def test_area_filter_stays_inside_scope(grid1_case, world):
    inside = service.search(world.grid1_user, service.Criteria(q="康秀英", within=world.grid1.path))
    assert inside.total == 1
    # a subtree outside the viewer's scope gives nothing, even for an area that holds the case
    town = service.search(world.grid2_user, service.Criteria(q="康秀英", within=world.town.path))
    assert town.total == 0


def test_portal_search_returns_published_items_only(backend, world, client):
    make_item(world.village1, "村道路灯安装议事", description="拟在村道安装路灯", published=True,
              decision="同意在村道安装路灯二十盏，由村集体出资。")
    hidden = make_item(world.village1, "村道路灯维修草案", description="路灯维修方案讨论中")
    make_case(world.grid1_user, world.grid1, title="路灯电费分摊纠纷", people=["蔡东辉", "许志明"])
    results = service.public_search(service.Criteria(q="路灯"))
    assert [i.hit.kind for i in results.items] == ["publication"]
    assert results.total == 1 and "路灯" in str(results.items[0].snippet)
    html = client.get("/portal/search", query_string={"q": "路灯"}).get_data(as_text=True)
    assert "村道<mark>路灯</mark>安装议事" in html
    assert "维修草案" not in html and "电费分摊" not in html and "蔡东辉" not in html
    # staff see the unpublished item, not the publication copy
    staff = service.search(world.secretary, service.Criteria(q="路灯"))
    assert {i.hit.kind for i in staff.items} == {"deliberation"}
    assert hidden.id in {i.hit.object_id for i in staff.items}


def test_portal_never_shows_cases_or_minutes_even_with_matching_words(backend, world, client):
    make_case(world.grid1_user, world.grid1, title="公开公示纠纷", people=["颜巧玲", "郑天佑"])
    response = client.get("/portal/search", query_string={"q": "公示"})
    assert response.status_code == 200
    assert "没有找到" in response.get_data(as_text=True)
