"""The two procedures as ordered stages; each meeting stage names the bodies that may hold it."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Stage:
    key: str
    label: object
    kind: str  # "meeting", "publication", "implementation", "done"
    bodies: tuple[str, ...] = ()


FOUR_TWO = (
    Stage("propose", _l("党支部会提议"), "meeting", ("party_branch",)),
    Stage("consult", _l("两委会商议"), "meeting", ("two_committees",)),
    Stage("review", _l("党员大会审议"), "meeting", ("party_members",)),
    Stage("resolve", _l("村民代表会议或村民会议决议"), "meeting", ("representatives", "villagers")),
    Stage("decision_publication", _l("决议公开"), "publication"),
    Stage("implementation", _l("组织实施"), "implementation"),
    Stage("result_publication", _l("实施结果公开"), "publication"),
    Stage("done", _l("已办结"), "done"),
)

MICRO = (
    Stage("meeting", _l("议事协商"), "meeting", ("grid_council", "group", "villagers", "representatives")),
    Stage("decision_publication", _l("决定公开"), "publication"),
    Stage("implementation", _l("组织实施"), "implementation"),
    Stage("result_publication", _l("实施结果公开"), "publication"),
    Stage("done", _l("已办结"), "done"),
)

PROCEDURES = {"four_two": FOUR_TWO, "micro": MICRO}
PROCEDURE_LABELS = {"four_two": _l("四议两公开"), "micro": _l("微协商（网格议事会、板凳会、庭院议事）")}
MICRO_FORMS = {"grid_council": _l("网格议事会"), "bench": _l("板凳会"), "courtyard": _l("庭院议事")}
STATUS_LABELS = {"active": _l("进行中"), "ended": _l("已终止"), "completed": _l("已办结")}


def stages(procedure: str) -> tuple[Stage, ...]:
    return PROCEDURES[procedure]


def stage(procedure: str, key: str) -> Stage:
    for s in PROCEDURES[procedure]:
        if s.key == key:
            return s
    raise KeyError(key)


def next_stage(procedure: str, key: str) -> Stage:
    seq = PROCEDURES[procedure]
    keys = [s.key for s in seq]
    return seq[min(keys.index(key) + 1, len(seq) - 1)]


def stage_index(procedure: str, key: str) -> int:
    return [s.key for s in PROCEDURES[procedure]].index(key)
