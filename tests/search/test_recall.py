"""Recall: what people type finds the case — names, any 2–4 character piece of a title, case numbers,
Traditional script — on every backend."""

from __future__ import annotations

import opencc
import pytest

from mediation.search import service
from tests.search.factories import generated_cases, make_case

TO_TRADITIONAL = opencc.OpenCC("s2t")


def found_ids(user, q: str, kind: str = "case") -> set[int]:
    results = service.search(user, service.Criteria(q=q, kind=kind, per_page=100))
    return {i.hit.object_id for i in results.items}


def substrings(text: str, sizes=(2, 3, 4)) -> list[str]:
    return sorted({text[i:i + n] for n in sizes for i in range(len(text) - n + 1)})


@pytest.fixture()
def corpus(backend, world):
    return generated_cases(world, 12)


def test_every_party_name_finds_its_case(corpus, world):
    for case in corpus:
        for party in case.parties:
            assert case.id in found_ids(world.admin, party.person.name), party.person.name


def test_every_2_to_4_character_piece_of_a_title_finds_the_case(corpus, world):
    for case in corpus:
        for piece in substrings(case.title):
            assert case.id in found_ids(world.admin, piece), piece


def test_case_number_whole_and_in_parts(corpus, world):
    for case in corpus:
        year, serial = case.number.split("〔")[1].split("〕")
        serial = serial.removesuffix("号")
        for q in (case.number, serial, f"{year} {serial}"):
            assert found_ids(world.admin, q) >= {case.id}, q
        assert found_ids(world.admin, case.number) == {case.id}


def test_traditional_script_finds_simplified_text_and_back(backend, world):
    simplified = make_case(world.grid1_user, world.grid1, title="宅基地边界纠纷", people=["郑国强", "李丽华"],
                           description="网格员调解后双方达成协议")
    traditional = make_case(world.grid1_user, world.grid1, title="養殖場異味擾民糾紛", people=["陳淑珍", "蘇建國"])
    assert TO_TRADITIONAL.convert("网格员调解") == "網格員調解"
    assert found_ids(world.admin, "網格員調解") == {simplified.id}
    assert found_ids(world.admin, "邊界糾紛") == {simplified.id}
    assert found_ids(world.admin, "养殖场异味") == {traditional.id}
    assert found_ids(world.admin, "陈淑珍") == {traditional.id}
    # stored text stays as written
    hit = service.search(world.admin, service.Criteria(q="养殖场")).items[0]
    assert "養殖場" in hit.hit.title and "<mark>養殖場</mark>" in str(hit.title)


def test_names_jieba_would_split_are_found_and_single_characters_work(backend, world):
    case = make_case(world.grid1_user, world.grid1, title="康秀英诉曾阿妹借款纠纷", people=["康秀英", "曾阿妹"])
    for q in ("康秀英", "秀英", "康秀", "曾阿妹", "阿妹", "康", "妹"):
        assert case.id in found_ids(world.admin, q), q
    assert found_ids(world.admin, "康秀兰") == set()


def test_latin_letters_digits_and_amounts(backend, world):
    case = make_case(world.grid1_user, world.grid1, title="WiFi路由器损坏赔偿纠纷", people=["洪天佑", "施少华"],
                     description="对方同意赔偿3500元，于2026年3月底前付清。")
    for q in ("wifi", "WIFI", "路由器", "3500", "3500元", "2026"):
        assert case.id in found_ids(world.admin, q), q
