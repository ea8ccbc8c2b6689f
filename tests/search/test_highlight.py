"""Snippets and titles come back escaped, with <mark> around what matched; no personal numbers."""

from __future__ import annotations

from mediation.search import service
from mediation.search.highlight import highlight, snippet
from tests.search.factories import make_case


def test_script_in_a_description_comes_back_as_text(backend, world, login):
    make_case(world.grid1_user, world.grid1, title="<b>围墙</b>纠纷", people=["洪宝珠", "苏开通"],
              description='<script>alert("x")</script>双方因围墙发生争执<img src=x onerror=alert(1)>')
    item = service.search(world.admin, service.Criteria(q="围墙")).items[0]
    assert "<script>" not in str(item.snippet) and "&lt;script&gt;" in str(item.snippet)
    assert "<mark>围墙</mark>" in str(item.snippet)
    assert str(item.title).count("<mark>") == 1 and "&lt;b&gt;" in str(item.title)
    html = login(world.admin).get("/search", query_string={"q": "围墙"}).get_data(as_text=True)
    assert '<script>alert("x")' not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html and "<mark>围墙</mark>" in html


def test_phones_and_id_numbers_are_neither_found_nor_shown(backend, world):
    make_case(world.grid1_user, world.grid1, title="借款纠纷", people=["曾丽卿", "沈雅婷"],
              description="申请人电话13905951234，身份证350582198005170011，要求还款。")
    assert service.search(world.admin, service.Criteria(q="13905951234")).total == 0
    assert service.search(world.admin, service.Criteria(q="350582198005170011")).total == 0
    item = service.search(world.admin, service.Criteria(q="还款")).items[0]
    text = str(item.snippet)
    assert "13905951234" not in text and "350582198005170011" not in text
    assert "139" in text and "*" in text


def test_highlight_helpers():
    assert str(highlight("康秀英诉曾阿妹", ["秀英"])) == "康<mark>秀英</mark>诉曾阿妹"
    assert str(highlight("網格員調解", ["网格"])) == "<mark>網格</mark>員調解"
    assert str(highlight("a<b>&", ["b"])) == "a&lt;<mark>b</mark>&gt;&amp;"
    long = "前文" * 100 + "宅基地" + "后文" * 100
    s = str(snippet(long, ["宅基地"], size=40))
    assert s.startswith("…") and s.endswith("…") and "<mark>宅基地</mark>" in s
