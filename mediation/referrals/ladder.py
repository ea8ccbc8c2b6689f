"""The ladder as data: rungs and their offices, and which action each side may take in which state.

`check(user, referral, action)` is what every operation calls first; it raises NotVisible (404)
when the user may not see the referral, PermissionDenied (403) when it is the other side's action
or another office's, and OperationError (409) with a Chinese reason when the state or the kind
does not allow it. `refusal(...)` returns that reason instead (the pages use it to offer actions).
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from mediation.areas.models import Institution
from mediation.errors import NotVisible, OperationError, PermissionDenied
from mediation.extensions import db
from mediation.permissions import can, require
from mediation.referrals.labels import kind_label, state_label
from mediation.referrals.models import (
    ACCEPTED,
    COMPLETED,
    JUDICIAL,
    LAWYER,
    MATERIALS,
    NOTARIZATION,
    RETURNED,
    SUBMITTED,
)

# Mediation rungs, lowest first, and the kind of office that works at each.
MEDIATION_RUNGS = ("grid", "village", "town", "county")
RUNG_OFFICE = {"village": ("village", "mediation_committee"), "town": ("town", "mediation_center"),
               "county": ("county", "mediation_center")}

RECEIVER_ACTIONS = ("accept", "return", "request_materials", "complete", "extend", "record_session",
                    "record_payment", "issue_enforcement")
SENDER_ACTIONS = ("supply_materials", "resubmit", "withdraw")
ACTIONS = RECEIVER_ACTIONS + SENDER_ACTIONS

STATES_FOR = {
    "accept": (SUBMITTED,),
    "return": (SUBMITTED, MATERIALS),
    "request_materials": (SUBMITTED, ACCEPTED),
    "complete": (ACCEPTED,),
    "extend": (ACCEPTED,),
    "record_session": (ACCEPTED,),
    "record_payment": (COMPLETED,),
    "issue_enforcement": (COMPLETED,),
    "supply_materials": (MATERIALS,),
    "resubmit": (RETURNED,),
    "withdraw": (SUBMITTED, ACCEPTED, MATERIALS, RETURNED),
}
KINDS_FOR = {
    "extend": (JUDICIAL,),
    "record_session": (LAWYER,),
    "record_payment": (NOTARIZATION,),
    "issue_enforcement": (NOTARIZATION,),
}

ACTION_LABELS = {
    "accept": _l("受理"), "return": _l("退回"), "request_materials": _l("要求补充材料"), "complete": _l("办结"),
    "extend": _l("延长审查期限"), "record_session": _l("记录调解"), "record_payment": _l("登记履行款项"),
    "issue_enforcement": _l("出具执行证书"), "supply_materials": _l("补充材料"), "resubmit": _l("重新提交"),
    "withdraw": _l("撤回"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def next_rung(rung: str) -> str | None:
    if rung not in MEDIATION_RUNGS or rung == MEDIATION_RUNGS[-1]:
        return None
    return MEDIATION_RUNGS[MEDIATION_RUNGS.index(rung) + 1]


def office_for_rung(case, rung: str) -> Institution | None:
    """The committee of the case's village, or the center of its town or county."""
    area_kind, inst_kind = RUNG_OFFICE[rung]
    area = case.area
    chain = area.ancestors() + [area]
    target = next((a for a in reversed(chain) if a.kind == area_kind), None)
    if target is None:
        return None
    return db.session.scalar(select(Institution).where(
        Institution.area_id == target.id, Institution.kind == inst_kind, Institution.is_active)
        .order_by(Institution.id).limit(1))


def office_for_court(case) -> Institution | None:
    """The court nearest to the case: a court in its town, else one in its county."""
    chain = list(reversed(case.area.ancestors() + [case.area]))
    for area in chain:
        court = db.session.scalar(select(Institution).where(
            Institution.area_id == area.id, Institution.kind == "court", Institution.is_active)
            .order_by(Institution.id).limit(1))
        if court is not None:
            return court
    return None


def check(user, referral, action: str) -> None:
    if action not in STATES_FOR:
        raise KeyError(action)
    require(user, "referral.view", referral)
    if action in RECEIVER_ACTIONS:
        if not can(user, "referral.decide", referral):
            raise PermissionDenied(_("只有接收机构（%(office)s）的承办人员可以%(action)s。",
                                     office=referral.to_institution.name, action=action_label(action)))
        if referral.from_user_id is not None and referral.from_user_id == user.id:
            raise PermissionDenied(_("不能办理本人提交的转介。"))
    elif not can(user, "referral.send", referral):
        raise PermissionDenied(_("只有提交转介的一方可以%(action)s。", action=action_label(action)))
    kinds = KINDS_FOR.get(action)
    if kinds and referral.kind not in kinds:
        raise OperationError(_("%(kind)s没有“%(action)s”这一步。", kind=kind_label(referral.kind),
                               action=action_label(action)))
    if referral.status not in STATES_FOR[action]:
        raise OperationError(_("转介当前状态为“%(state)s”，不能%(action)s。", state=state_label(referral.status),
                               action=action_label(action)))
    if action == "extend" and referral.extension_days:
        raise OperationError(_("审查期限已经延长过一次，不能再次延长。"))
    if action in ("record_payment", "issue_enforcement") and referral.outcome != "notarized":
        raise OperationError(_("只有已出具公证书的协议才能登记履行和出具执行证书。"))


def refusal(user, referral, action: str) -> str | None:
    """None when allowed, else the reason (a not-visible referral gives a generic reason)."""
    try:
        check(user, referral, action)
    except NotVisible:
        return _("无权查看该转介。")
    except (PermissionDenied, OperationError) as exc:
        return exc.message
    return None


def available(user, referral) -> list[str]:
    return [a for a in ACTIONS if refusal(user, referral, a) is None]
