"""The staff search page, its filters and counts, the API, the portal page, and parity of backends."""

from __future__ import annotations

from datetime import date

import pytest

from mediation.api import openapi
from mediation.search import analyzer, outbox, service
from tests.conftest import TEST_DATABASE_URL
from tests.search.conftest import BACKENDS, use_backend
from tests.search.factories import generated_cases, make_case, make_item


@pytest.fixture()
def three_cases(backend, world):
    return [
        make_case(world.grid1_user, world.grid1, title="宅基地边界纠纷", people=["蔡文辉", "黄东辉"],
                  category="房屋宅基地", occurred_on=date(2026, 1, 5)),
        make_case(world.grid1_user, world.grid1, title="宅基地排水纠纷", people=["许华山", "陈志嘉"],
                  category="邻里纠纷", occurred_on=date(2026, 2, 5)),
        make_case(world.grid2_user, world.grid2, title="宅基地围墙纠纷", people=["王秀英", "李建国"],
                  category="房屋宅基地", occurred_on=date(2026, 3, 5)),
    ]


def test_nav_and_access(world, login, client):
    assert "搜索" in login(world.grid1_user).get("/").get_data(as_text=True)
    assert client.get("/search?q=纠纷").status_code == 302  # sign in first
    assert login(world.judge).get("/search?q=纠纷").status_code == 200


def test_offices_find_only_what_was_referred_to_them(backend, world):
    from mediation.extensions import db
    from mediation.referrals.models import Referral

    case = make_case(world.grid1_user, world.grid1, title="借款纠纷司法确认", people=["郭振南", "罗雅婷"])
    assert service.search(world.judge, service.Criteria(q="郭振南")).total == 0
    db.session.add(Referral(number="转〔2026〕0001号", case_id=case.id, kind="judicial", status="accepted",
                            to_institution_id=world.court.id, from_institution_id=world.committee1.id,
                            reason="双方共同申请司法确认", decision="确认调解协议有效"))
    db.session.commit()
    found = service.search(world.judge, service.Criteria(q="郭振南"))
    assert [(i.hit.kind, i.hit.object_id) for i in found.items] == [("case", case.id)]
    decision = service.search(world.judge, service.Criteria(q="确认调解协议有效"))
    assert [i.hit.kind for i in decision.items] == ["referral"]
    assert service.search(world.judge2, service.Criteria(q="郭振南")).total == 0
    assert service.search(world.grid2_user, service.Criteria(q="郭振南")).total == 0


def test_page_shows_counts_filters_and_highlights(three_cases, world, login):
    client = login(world.admin)
    html = client.get("/search", query_string={"q": "宅基地"}).get_data(as_text=True)
    assert "找到 3 条结果" in html and html.count("<mark>宅基地</mark>") >= 3
    assert "房屋宅基地" in html and "邻里纠纷" in html
    narrowed = client.get("/search", query_string={"q": "宅基地", "category": "邻里纠纷"}).get_data(as_text=True)
    assert "找到 1 条结果" in narrowed and "排水" in narrowed and "围墙" not in narrowed
    # counts ignore the facet's own choice, so the other category stays reachable with its count
    assert 'class="count">2<' in narrowed
    by_area = client.get("/search", query_string={"q": "宅基地", "area": world.grid2.id}).get_data(as_text=True)
    assert "找到 1 条结果" in by_area and "围墙" in by_area
    by_date = client.get("/search", query_string={"q": "宅基地", "date_from": "2026-02-01",
                                                  "date_to": "2026-02-28"}).get_data(as_text=True)
    assert "找到 1 条结果" in by_date and "排水" in by_date


def test_no_result_hint_suggests_dropping_filters(three_cases, world, login):
    client = login(world.admin)
    html = client.get("/search", query_string={"q": "宅基地", "status": "closed"}).get_data(as_text=True)
    assert "没有找到" in html and "去掉全部筛选条件后再搜索" in html
    html = client.get("/search", query_string={"q": "飞机场"}).get_data(as_text=True)
    assert "没有找到" in html and "去掉全部筛选条件" not in html


def test_bad_date_range_is_shown_next_to_the_field(backend, world, login):
    html = login(world.admin).get("/search", query_string={"q": "纠纷", "date_from": "2026-03-01",
                                                           "date_to": "2026-01-01"}).get_data(as_text=True)
    assert "截止日期不能早于起始日期" in html and 'value="2026-03-01"' in html


def test_pagination(backend, world, login, app):
    for i in range(5):
        make_case(world.grid1_user, world.grid1, title=f"果树遮光纠纷{i}", people=[f"林{'一二三四五'[i]}宝", f"吴{'一二三四五'[i]}珠"])
    app.config["PAGE_SIZE"] = 2
    try:
        client = login(world.admin)
        first = client.get("/search", query_string={"q": "果树"}).get_data(as_text=True)
        assert "第 1 / 3 页" in first and first.count('class="hit"') == 2
        last = client.get("/search", query_string={"q": "果树", "page": 3}).get_data(as_text=True)
        assert last.count('class="hit"') == 1
    finally:
        app.config["PAGE_SIZE"] = 20


def test_api_search(three_cases, world, api_client, app):
    client, headers = api_client(world.grid1_user)
    body = client.get("/api/v1/search", query_string={"q": "宅基地"}, headers=headers).get_json()
    assert body["total"] == 2 and body["counts"]["kind"] == {"case": 2}
    assert all("<mark>宅基地</mark>" in i["title_html"] for i in body["items"])
    assert {i["url"] for i in body["items"]} == {f"/cases/{c.id}" for c in three_cases[:2]}
    assert client.get("/api/v1/search", query_string={"q": "宅基地", "kind": "minutes"},
                      headers=headers).get_json()["total"] == 0
    assert client.get("/api/v1/search", headers=headers).status_code == 422
    assert client.get("/api/v1/search", query_string={"q": "x", "kind": "nope"}, headers=headers).status_code == 422
    assert app.test_client().get("/api/v1/search?q=宅基地").status_code == 401
    assert "/search" in openapi.document()["paths"]


def test_portal_page_without_query(client, backend):
    response = client.get("/portal/search")
    assert response.status_code == 200 and "搜索公开事项" in response.get_data(as_text=True)


QUERIES = ["宅基地", "纠纷", "边界 纠纷", "網格", "康", "2026", "秀英", "蔡文辉", "排水溝", "养殖场异味", "不存在的词"]


def reference(q: str, docs) -> set[tuple[str, int]]:
    """The matching rule in plain Python: every query bigram present, each 1-character word begins a token."""
    parsed = analyzer.parse_query(q)
    out = set()
    for doc in docs:
        toks = set(analyzer.tokens(doc.text))
        if all(t in toks for t in parsed.terms) and all(any(t.startswith(p) for t in toks) for p in parsed.prefixes):
            out.add((doc.kind, doc.object_id))
    return out


def test_backend_parity(app, world):
    """Every backend available on this database returns the same documents as the reference rule
    (on PostgreSQL: Whoosh and PostgreSQL, so they also agree with each other)."""
    generated_cases(world, 10)
    make_case(world.grid1_user, world.grid1, title="網格員調解宅基地邊界糾紛", people=["康秀英", "沈丽卿"])
    make_item(world.village1, "网格议事会：修建排水沟", description="排水沟堵塞", published=True, decision="同意修建")
    from sqlalchemy.orm import Session

    from mediation.extensions import db

    with Session(db.engine) as s:
        docs = [d for d in outbox.all_docs(s) if d.kind != "publication"]
    results: dict[str, list[set]] = {}
    previous = app.config.get("SEARCH_BACKEND", "whoosh")
    try:
        for name in BACKENDS:
            use_backend(app, name)
            from mediation.search.cli import reindex

            reindex()
            results[name] = [{(i.hit.kind, i.hit.object_id) for i in
                              service.search(world.admin, service.Criteria(q=q, per_page=100)).items} for q in QUERIES]
    finally:
        use_backend(app, previous)
        app.config["SEARCH_BACKEND"] = previous
    expected = [reference(q, docs) for q in QUERIES]
    assert any(expected) and expected[-1] == set()
    for name in BACKENDS:
        assert results[name] == expected, name
    assert len(results) == (2 if TEST_DATABASE_URL else 1)
