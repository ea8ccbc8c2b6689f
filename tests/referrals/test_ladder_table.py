"""The ladder as a table: each referral kind × state × action × role → allowed, or refused with
the reason (404 not visible, 403 the other side's or another office's step, 409 state or kind)."""

from __future__ import annotations

from mediation.errors import NotVisible, OperationError, PermissionDenied
from mediation.referrals import ladder
from tests.referrals import factories as rf

KINDS = ("escalate", "dispatch", "lawyer", "notarization", "judicial")
STATES = ("submitted", "accepted", "materials", "returned", "completed", "withdrawn")
ROLES = ("admin", "grid1", "grid2", "center", "dept", "lawyer", "notary", "judge", "judge2", "secretary")

# The specification, written out independently of the code.
RECEIVER = {"escalate": "center", "dispatch": "dept", "lawyer": "lawyer", "notarization": "notary",
            "judicial": "judge"}
# Who may see each kind: the sending side (grid1 and the center and the administrator, whose scope
# holds the case) and the receiving office.
SENDERS = {"escalate": {"admin", "grid1"}, "dispatch": {"admin", "grid1", "center"},
           "lawyer": {"admin", "grid1", "center"}, "notarization": {"admin", "grid1", "center"},
           "judicial": {"admin", "grid1", "center"}}
RECEIVER_STEPS = {
    "accept": {"submitted"}, "return": {"submitted", "materials"}, "request_materials": {"submitted", "accepted"},
    "complete": {"accepted"}, "extend": {"accepted"}, "record_session": {"accepted"},
    "record_payment": {"completed"}, "issue_enforcement": {"completed"},
}
SENDER_STEPS = {"supply_materials": {"materials"}, "resubmit": {"returned"},
                "withdraw": {"submitted", "accepted", "materials", "returned"}}
ONLY_FOR = {"extend": "judicial", "record_session": "lawyer", "record_payment": "notarization",
            "issue_enforcement": "notarization"}


def expected(kind: str, state: str, action: str, role: str) -> str:
    visible = role in SENDERS[kind] | {RECEIVER[kind], "center" if kind == "escalate" else RECEIVER[kind]}
    if not visible:
        return "404"
    if action in RECEIVER_STEPS and role != RECEIVER[kind]:
        return "403"
    if action in SENDER_STEPS and role not in SENDERS[kind]:
        return "403"
    if action in ONLY_FOR and ONLY_FOR[action] != kind:
        return "409"
    allowed_states = RECEIVER_STEPS.get(action) or SENDER_STEPS[action]
    return "ok" if state in allowed_states else "409"


def outcome(user, referral, action: str) -> tuple[str, str]:
    try:
        ladder.check(user, referral, action)
    except NotVisible:
        return "404", ""
    except PermissionDenied as exc:
        return "403", exc.message
    except OperationError as exc:
        return "409", exc.message
    return "ok", ""


def test_the_whole_table(world):
    users = {r: world.user(r) for r in ROLES if r != "dept"}
    referrals = {kind: rf.referral_of(world, kind) for kind in KINDS}
    users["dept"] = rf._department_user(world)
    wrong = []
    checked = 0
    for kind, referral in referrals.items():
        for state in STATES:
            referral.status = state
            referral.outcome = "notarized" if (kind == "notarization" and state == "completed") else ""
            for action in ladder.ACTIONS:
                for role in ROLES:
                    got, message = outcome(users[role], referral, action)
                    want = expected(kind, state, action, role)
                    checked += 1
                    if got != want:
                        wrong.append((kind, state, action, role, want, got, message))
                    elif got in ("403", "409"):
                        assert message, (kind, state, action, role)
    assert checked == len(KINDS) * len(STATES) * len(ladder.ACTIONS) * len(ROLES)
    assert wrong == []


def test_refusal_reasons_say_why(world):
    r = rf.referral_of(world, "judicial", "accepted")
    assert ladder.refusal(world.judge, r, "accept") == "转介当前状态为“办理中”，不能受理。"
    assert "晋江市人民法院东石人民法庭" in ladder.refusal(world.grid1_user, r, "complete")
    assert ladder.refusal(world.judge, r, "record_session") == "司法确认没有“记录调解”这一步。"
    assert ladder.refusal(world.judge2, r, "complete") == "无权查看该转介。"
    assert ladder.refusal(world.judge, r, "complete") is None
