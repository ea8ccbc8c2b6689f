"""Quorum and decision rules as data, computed with exact integer arithmetic.

A fraction is (numerator, denominator, strict). Chinese law words map onto it like this:
"超过半数" (more than half) is strict: count * 2 > total, so 5 of 10 fails and 6 of 10 passes;
"三分之二以上" (two thirds or more; 以上 includes the number itself) is not strict:
count * 3 >= total * 2, so 20 of 30 passes and 19 of 30 fails. No floating point is involved.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


class BodyKind(enum.StrEnum):
    PARTY_BRANCH = "party_branch"
    TWO_COMMITTEES = "two_committees"
    PARTY_MEMBERS = "party_members"
    REPRESENTATIVES = "representatives"
    VILLAGERS = "villagers"
    GROUP = "group"
    GRID_COUNCIL = "grid_council"

    @property
    def label(self) -> str:
        return str(BODY_LABELS[self.value])


BODY_LABELS = {
    "party_branch": _l("党支部委员会"),
    "two_committees": _l("村“两委”联席会议"),
    "party_members": _l("党员大会"),
    "representatives": _l("村民代表会议"),
    "villagers": _l("村民会议"),
    "group": _l("村民小组会议"),
    "grid_council": _l("网格议事会"),
}

# Who counts towards the quorum.
BASES = {
    "members": _l("全体成员"),
    "adults": _l("年满十八周岁的成员"),
    "households": _l("户代表"),
}
DECISION_BASES = {"present": _l("出席人数"), "members": _l("应到人数（全体成员）")}
NOTICE_ENFORCEMENT = {"warn": _l("不足时提醒"), "refuse": _l("不足时不得召开")}


@dataclass(frozen=True)
class Fraction:
    num: int
    den: int
    strict: bool  # True: more than (超过); False: at least (以上)

    def met(self, count: int, total: int) -> bool:
        if total <= 0 or self.den <= 0:
            return False
        if self.strict:
            return count * self.den > total * self.num
        return count * self.den >= total * self.num

    def needed(self, total: int) -> int:
        """The smallest count that meets the fraction of `total` (0 when total is 0)."""
        if total <= 0:
            return 0
        base, rem = divmod(total * self.num, self.den)
        if self.strict:
            return base + 1
        return base + (1 if rem else 0)

    @property
    def text(self) -> str:
        if (self.num, self.den) == (1, 2):
            words = str(_l("半数"))
        elif (self.num, self.den) == (2, 3):
            words = str(_l("三分之二"))
        else:
            words = str(_l("%(num)d/%(den)d", num=self.num, den=self.den))
        return str(_l("超过%(w)s", w=words)) if self.strict else str(_l("%(w)s以上（含本数）", w=words))


@dataclass(frozen=True)
class RuleSet:
    """A body's rule. Roll-call names are never public unless a village turns `roll_call_public` on."""

    quorum_base: str
    quorum: Fraction
    alt_base: str | None  # an alternative way to reach quorum (e.g. household representatives)
    alt_quorum: Fraction | None
    decision_base: str  # "present" or "members"
    decision: Fraction
    notice_days: int
    notice_enforcement: str
    proxies_allowed: bool
    roll_call_public: bool


DEFAULTS: dict[str, RuleSet] = {
    # 党章: more than half of the voting members present; decisions by more than half of all members.
    "party_branch": RuleSet("members", Fraction(1, 2, True), None, None, "members", Fraction(1, 2, True),
                            1, "warn", False, False),
    "two_committees": RuleSet("members", Fraction(1, 2, True), None, None, "present", Fraction(1, 2, True),
                              1, "warn", False, False),
    "party_members": RuleSet("members", Fraction(1, 2, True), None, None, "members", Fraction(1, 2, True),
                             3, "warn", False, False),
    # 村民委员会组织法 第二十六条: two thirds of the representatives; more than half of those present.
    "representatives": RuleSet("members", Fraction(2, 3, False), None, None, "present", Fraction(1, 2, True),
                               5, "warn", False, False),
    # 第二十二条: more than half of villagers aged 18+ or two thirds of household representatives; more
    # than half of those present; called ten days ahead (第二十一条).
    "villagers": RuleSet("adults", Fraction(1, 2, True), "households", Fraction(2, 3, False), "present",
                         Fraction(1, 2, True), 10, "refuse", True, False),
    # 第二十八条: two thirds of members aged 18+ or of household representatives; more than half present.
    "group": RuleSet("adults", Fraction(2, 3, False), "households", Fraction(2, 3, False), "present",
                     Fraction(1, 2, True), 3, "warn", True, False),
    "grid_council": RuleSet("members", Fraction(1, 2, True), None, None, "present", Fraction(1, 2, True),
                            0, "warn", False, False),
}


@dataclass(frozen=True)
class QuorumResult:
    met: bool
    present: int
    eligible: int
    needed: int
    via: str  # the base that satisfied (or was tried first)
    alt_present: int | None = None
    alt_eligible: int | None = None
    alt_needed: int | None = None


def quorum(rules: RuleSet, counts: dict[str, tuple[int, int]]) -> QuorumResult:
    """counts maps a base ("members", "adults", "households") to (present, eligible)."""
    present, eligible = counts[rules.quorum_base]
    primary = rules.quorum.met(present, eligible)
    alt = None
    if rules.alt_base and rules.alt_quorum:
        ap, ae = counts[rules.alt_base]
        alt = (ap, ae, rules.alt_quorum.needed(ae), rules.alt_quorum.met(ap, ae))
    met = primary or bool(alt and alt[3])
    via = rules.alt_base if (not primary and alt and alt[3]) else rules.quorum_base
    return QuorumResult(met, present, eligible, rules.quorum.needed(eligible), via,
                        *(alt[:3] if alt else (None, None, None)))


def quorum_text(rules: RuleSet) -> str:
    text = str(_l("%(base)s%(frac)s出席", base=BASES[rules.quorum_base], frac=rules.quorum.text))
    if rules.alt_base and rules.alt_quorum:
        text += str(_l("，或%(base)s%(frac)s出席", base=BASES[rules.alt_base], frac=rules.alt_quorum.text))
    return text


def decision_text(rules: RuleSet) -> str:
    return str(_l("赞成票%(frac)s（以%(base)s计）", frac=rules.decision.text,
                  base=DECISION_BASES[rules.decision_base]))


def decided(rules: RuleSet, yes: int, present: int, members: int) -> tuple[bool, int, int]:
    """(passed, base count, votes needed) for `yes` votes under the decision rule."""
    base = present if rules.decision_base == "present" else members
    return rules.decision.met(yes, base), base, rules.decision.needed(base)
