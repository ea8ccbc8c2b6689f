"""Quorum and decision rules per body, with the exact edges, in integer arithmetic."""

import pytest

from mediation.deliberations.rules import DEFAULTS, Fraction, decided, quorum


def counts(members=(0, 0), adults=(0, 0), households=(0, 0)):
    return {"members": members, "adults": adults, "households": households}


@pytest.mark.parametrize(
    ("body", "present", "total", "met"),
    [
        # 村民代表会议: two thirds of the representatives (三分之二以上 includes the number itself).
        ("representatives", 20, 30, True),
        ("representatives", 19, 30, False),
        ("representatives", 30, 30, True),
        ("representatives", 14, 21, True),
        ("representatives", 13, 21, False),
        ("representatives", 7, 10, True),  # 6.67 needed → 7
        ("representatives", 6, 10, False),
        # 党员大会 / 两委 / 网格议事会: more than half of the members (超过半数 is strict).
        ("party_members", 6, 10, True),
        ("party_members", 5, 10, False),  # exactly half is not more than half
        ("party_members", 5, 9, True),
        ("party_members", 4, 9, False),
        ("two_committees", 4, 7, True),
        ("grid_council", 3, 6, False),
        ("grid_council", 4, 6, True),
        ("party_branch", 2, 3, True),
        ("party_branch", 1, 2, False),
        ("party_branch", 0, 0, False),  # an empty roster never has a quorum
    ],
)
def test_member_quorum_table(body, present, total, met):
    assert quorum(DEFAULTS[body], counts(members=(present, total))).met is met


@pytest.mark.parametrize(
    ("adults", "households", "met", "via"),
    [
        # 村民会议: more than half of the villagers aged 18+ …
        ((51, 100), (0, 40), True, "adults"),
        ((50, 100), (0, 40), False, "adults"),
        # … or two thirds of the household representatives.
        ((30, 100), (20, 30), True, "households"),
        ((30, 100), (19, 30), False, "adults"),
        ((50, 100), (27, 40), True, "households"),
        ((50, 100), (26, 40), False, "adults"),
    ],
)
def test_villagers_meeting_quorum_with_household_alternative(adults, households, met, via):
    q = quorum(DEFAULTS["villagers"], counts(adults=adults, households=households))
    assert (q.met, q.via) == (met, via)


@pytest.mark.parametrize(
    ("adults", "households", "met"),
    [
        ((20, 30), (0, 12), True),   # 村民小组会议: two thirds of members aged 18+
        ((19, 30), (0, 12), False),
        ((19, 30), (8, 12), True),   # … or two thirds of household representatives
        ((19, 30), (7, 12), False),
    ],
)
def test_group_meeting_quorum(adults, households, met):
    assert quorum(DEFAULTS["group"], counts(adults=adults, households=households)).met is met


@pytest.mark.parametrize(
    ("body", "yes", "present", "members", "passed"),
    [
        # more than half of those present, even numbers: 10 of 20 fails, 11 passes
        ("representatives", 11, 20, 30, True),
        ("representatives", 10, 20, 30, False),
        ("villagers", 26, 50, 100, True),
        ("villagers", 25, 50, 100, False),
        ("villagers", 13, 25, 100, True),   # odd: 12.5 → 13
        ("villagers", 12, 25, 100, False),
        ("grid_council", 4, 6, 9, True),
        ("grid_council", 3, 6, 9, False),
        # party bodies decide by more than half of all members, not of those present
        ("party_members", 6, 6, 10, True),
        ("party_members", 5, 6, 10, False),  # 5 of 6 present, but only half of the 10 members
        ("party_branch", 3, 4, 5, True),
        ("party_branch", 2, 3, 5, False),
    ],
)
def test_decision_table(body, yes, present, members, passed):
    assert decided(DEFAULTS[body], yes, present, members)[0] is passed


@pytest.mark.parametrize(
    ("frac", "total", "needed"),
    [
        (Fraction(2, 3, False), 30, 20),
        (Fraction(2, 3, False), 31, 21),
        (Fraction(1, 2, True), 10, 6),
        (Fraction(1, 2, True), 9, 5),
        (Fraction(1, 2, True), 0, 0),
        (Fraction(3, 4, False), 8, 6),
    ],
)
def test_needed_matches_met(frac, total, needed):
    assert frac.needed(total) == needed
    if total:
        assert frac.met(needed, total) and not frac.met(needed - 1, total)


def test_every_count_agrees_with_exact_rational_arithmetic():
    from fractions import Fraction as Q

    for total in range(1, 80):
        for present in range(total + 1):
            assert Fraction(2, 3, False).met(present, total) is (Q(present, total) >= Q(2, 3))
            assert Fraction(1, 2, True).met(present, total) is (Q(present, total) > Q(1, 2))


def test_defaults_follow_the_organic_law():
    v = DEFAULTS["villagers"]
    assert (v.quorum_base, v.alt_base, v.decision_base, v.notice_days) == ("adults", "households", "present", 10)
    r = DEFAULTS["representatives"]
    assert (r.quorum.num, r.quorum.den, r.quorum.strict) == (2, 3, False)
