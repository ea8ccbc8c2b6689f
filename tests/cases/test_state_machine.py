"""The case state machine as a table: every status × every action → allowed (new status) or refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mediation.cases import operations as ops
from mediation.cases.models import STATUSES
from mediation.db import today
from mediation.errors import OperationError
from tests.cases.factories import make_case

S = ("registered", "accepted", "mediating", "agreed", "fulfilled", "closed", "declined", "withdrawn", "failed",
     "referred")

# action → {status it is allowed in: status afterwards}; every other status refuses.
EXPECTED = {
    "accept": {"registered": "accepted"},
    "decline": {"registered": "declined"},
    "start_mediation": {"accepted": "mediating"},
    "record_session": {"accepted": "mediating", "mediating": "mediating"},
    "record_agreement": {"mediating": "agreed"},
    "record_failure": {"mediating": "failed"},
    "withdraw": {"registered": "withdrawn", "accepted": "withdrawn", "mediating": "withdrawn"},
    "extend_deadline": {"accepted": "accepted", "mediating": "mediating"},
    "add_follow_up": {"agreed": "fulfilled", "fulfilled": "fulfilled", "failed": "failed"},
    "close": {"agreed": "closed", "fulfilled": "closed", "failed": "closed"},
    "reopen": {"closed": "mediating", "declined": "registered", "withdrawn": "mediating", "failed": "mediating"},
    "transfer": {s: s for s in ("registered", "accepted", "mediating", "agreed", "fulfilled", "failed")},
}


def _perform(world, case, action):
    u = world.grid1_user
    if action in ("close",) and case.status in EXPECTED["close"]:
        # closing needs a follow-up first (tested separately); give it one when the status allows it
        ops.add_follow_up(u, case, visited_on=today(), performance="partial", evaluation="basically")
    run = {
        "accept": lambda: ops.accept_case(u, case),
        "decline": lambda: ops.decline_case(u, case, reason="不属于受理范围"),
        "start_mediation": lambda: ops.start_mediation(u, case),
        "record_session": lambda: ops.record_session(u, case, held_on=today(), place="村委会", participants="双方",
                                                     record="笔录内容"),
        "record_agreement": lambda: ops.record_agreement(u, case, summary="赔偿800元"),
        "record_failure": lambda: ops.record_failure(u, case, advice="告知可向法院起诉"),
        "withdraw": lambda: ops.withdraw_case(u, case, reason="申请人撤回"),
        "extend_deadline": lambda: ops.extend_deadline(u, case, new_deadline=today() + timedelta(days=60),
                                                       consented_by="双方当事人", reason="需要补充测量"),
        "add_follow_up": lambda: ops.add_follow_up(u, case, visited_on=today(), performance="fulfilled",
                                                   evaluation="satisfied"),
        "close": lambda: ops.close_case(u, case),
        "reopen": lambda: ops.reopen_case(u, case, reason="当事人反悔，重新调解"),
        "transfer": lambda: ops.transfer_case(u, case, mediator=world.center_user, reason="移交中心"),
    }
    run[action]()


def test_table_covers_every_status():
    assert set(S) == set(STATUSES)


@pytest.mark.parametrize("action", list(EXPECTED))
def test_every_status_for(action, world, db):
    for status in S:
        case = make_case(world, status=status, people=None)
        before_events = len(case.events)
        if status in EXPECTED[action]:
            _perform(world, case, action)
            db.session.commit()
            assert case.status == EXPECTED[action][status], (action, status)
            assert len(case.events) > before_events
        else:
            with pytest.raises(OperationError) as refused:
                _perform(world, case, action)
            db.session.rollback()
            assert refused.value.message, (action, status)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message)  # a Chinese reason
            assert case.status == status


def test_refusal_names_the_status(world, db):
    case = make_case(world, status="closed")
    with pytest.raises(OperationError, match="已结案"):
        ops.accept_case(world.grid1_user, case)


def test_close_requires_follow_up(world, db):
    case = make_case(world, status="agreed")
    with pytest.raises(OperationError, match="回访"):
        ops.close_case(world.grid1_user, case)
    db.session.rollback()
    assert case.status == "agreed"


def test_accept_sets_thirty_day_deadline_and_reopen_resets(world, db):
    case = make_case(world, status="accepted")
    assert case.deadline == today() + timedelta(days=30)
    ops.record_session(world.grid1_user, case, held_on=today(), place="", participants="", record="r")
    ops.record_failure(world.grid1_user, case, advice="起诉")
    assert case.deadline is None
    ops.reopen_case(world.grid1_user, case, reason="再次调解")
    assert case.status == "mediating" and case.deadline == today() + timedelta(days=30)
