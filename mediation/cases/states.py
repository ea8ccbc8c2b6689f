"""The case state machine (DESIGN §4.1) as data: which action is allowed in which status.

Operations call `check(case, action)` before changing anything; a refusal is an OperationError
with a Chinese sentence saying why. Tests walk the whole status × action table.
"""

from __future__ import annotations

from flask_babel import gettext as _

from mediation.cases.labels import action_label, status_label
from mediation.cases.models import (
    ACCEPTED,
    AGREED,
    CLOSED,
    DECLINED,
    FAILED,
    FULFILLED,
    MEDIATING,
    REFERRED,
    REGISTERED,
    WITHDRAWN,
)
from mediation.errors import OperationError

OPEN = (REGISTERED, ACCEPTED, MEDIATING, AGREED, FULFILLED, FAILED)

# action → statuses it is allowed in. Where an action moves the case, `TARGET` says where to.
ALLOWED: dict[str, tuple[str, ...]] = {
    "accept": (REGISTERED,),
    "decline": (REGISTERED,),
    "start_mediation": (ACCEPTED,),
    "record_session": (ACCEPTED, MEDIATING),
    "record_agreement": (MEDIATING,),
    "record_failure": (MEDIATING,),
    "withdraw": (REGISTERED, ACCEPTED, MEDIATING),
    "extend_deadline": (ACCEPTED, MEDIATING),
    "add_follow_up": (AGREED, FULFILLED, FAILED),
    "close": (AGREED, FULFILLED, FAILED),
    "reopen": (CLOSED, DECLINED, WITHDRAWN, FAILED),
    "transfer": OPEN,
    "add_evidence": OPEN + (REFERRED,),
    # Used by the referrals domain: send the case up the ladder, and take it back.
    "refer": (ACCEPTED, MEDIATING, FAILED),
    "end_referral": (REFERRED,),
}

TARGET: dict[str, str] = {
    "accept": ACCEPTED,
    "decline": DECLINED,
    "start_mediation": MEDIATING,
    "record_session": MEDIATING,
    "record_agreement": AGREED,
    "record_failure": FAILED,
    "withdraw": WITHDRAWN,
    "close": CLOSED,
    "refer": REFERRED,
}

ACTIONS = tuple(ALLOWED)

# Specific reasons where the generic sentence would not help the user.
_REASONS = {
    ("accept", ACCEPTED): lambda: _("案件已受理，无需重复受理。"),
    ("close", CLOSED): lambda: _("案件已结案。"),
    ("close", MEDIATING): lambda: _("调解尚未结束：请先记录达成协议或调解不成。"),
    ("close", DECLINED): lambda: _("不予受理的案件已经终结，无需结案。"),
    ("close", WITHDRAWN): lambda: _("已撤回的案件已经终结，无需结案。"),
    ("record_agreement", ACCEPTED): lambda: _("请先开始调解，再记录达成协议。"),
    ("record_agreement", AGREED): lambda: _("已经记录达成协议。"),
    ("reopen", MEDIATING): lambda: _("案件正在调解中，无需重新启用。"),
    ("record_session", REGISTERED): lambda: _("案件尚未受理，请先受理再记录调解。"),
    ("add_follow_up", MEDIATING): lambda: _("调解尚未结束，回访应在达成协议或调解不成之后进行。"),
}


def allowed(status: str, action: str) -> bool:
    return status in ALLOWED[action]


def refusal(status: str, action: str) -> str | None:
    """None when `action` is allowed in `status`, else the reason in Chinese."""
    if allowed(status, action):
        return None
    specific = _REASONS.get((action, status))
    if specific:
        return specific()
    return _("案件当前状态为“%(status)s”，不能%(action)s。", status=status_label(status),
             action=action_label(action))


def check(case, action: str) -> None:
    if (reason := refusal(case.status, action)) is not None:
        raise OperationError(reason)


def available_actions(status: str) -> list[str]:
    return [a for a in ACTIONS if allowed(status, a)]
