"""Every change to a case after intake: one function per action, shared by web, API and CLI.

Each checks access (`case.edit`), asks the state machine whether the action is allowed in the
current status, changes the case, writes a timeline entry and an audit event, and flushes.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from mediation import audit
from mediation.areas.models import Area
from mediation.auth.models import User
from mediation.cases import states
from mediation.cases.intake import create_case, find_duplicates  # noqa: F401 — re-exported
from mediation.cases.models import (
    AGREED,
    DEADLINE_DAYS,
    EVALUATIONS,
    FULFILLED,
    MEDIATING,
    PERFORMANCES,
    REGISTERED,
    RUNGS,
    SESSION_OUTCOMES,
    Case,
    DeadlineExtension,
    FollowUp,
    MediationSession,
)
from mediation.cases.permissions import MEDIATOR_ROLES
from mediation.cases.timeline import add_event
from mediation.db import today, utcnow
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import in_area_scope, require

MAX_TEXT = 20000


def _allowed(actor, case: Case, action: str) -> None:
    require(actor, "case.edit", case)
    states.check(case, action)


def _transition(actor, case: Case, action: str, *, note: str = "", event: str | None = None,
                target: str | None = None, **details) -> str:
    """Check, move to the action's target status (if any), write timeline + audit. Returns old status."""
    _allowed(actor, case, action)
    before = case.status
    target = target or states.TARGET.get(action)
    if target:
        case.status = target
    add_event(case, actor, event or action, note=note, from_status=before,
              to_status=case.status if case.status != before else "")
    db.session.flush()
    audit.record(f"case.{action}", case, actor=actor, from_status=before, to_status=case.status, **details)
    return before


def _required_text(name: str, value: str | None, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed({name: [message]})
    if len(value) > MAX_TEXT:
        raise ValidationFailed({name: [_("内容过长")]})
    return value


def accept_case(actor, case: Case) -> None:
    _transition(actor, case, "accept")
    case.accepted_on = today()
    case.deadline = case.accepted_on + timedelta(days=DEADLINE_DAYS)
    if case.mediator is None and actor.has_role(*MEDIATOR_ROLES):
        case.mediator = actor
    db.session.flush()


def decline_case(actor, case: Case, *, reason: str) -> None:
    _allowed(actor, case, "decline")
    reason = _required_text("reason", reason, _("请填写不予受理的理由"))
    _transition(actor, case, "decline", note=reason)
    case.outcome = reason
    case.ended_at = utcnow()
    case.deadline = None


def start_mediation(actor, case: Case) -> None:
    _transition(actor, case, "start_mediation")


def record_session(actor, case: Case, *, held_on: date | None, place: str, participants: str, record: str,
                   outcome: str = "continue") -> MediationSession:
    """调解笔录. Recording the first session of an accepted case starts the mediation."""
    _allowed(actor, case, "record_session")
    session = add_session_record(actor, case, held_on=held_on, place=place, participants=participants,
                                 record=record, outcome=outcome)
    _transition(actor, case, "record_session", note=session.place, event="session_recorded")
    audit.record("case.session", session, actor=actor, case_id=case.id, outcome=outcome)
    return session


def add_session_record(actor, case: Case, *, held_on: date | None, place: str, participants: str, record: str,
                       outcome: str) -> MediationSession:
    """Validate and add a 调解笔录 to the case (mediators here, lawyers through referrals); flushes.

    Callers check permission, move the case and write the audit event themselves.
    """
    errors = {}
    if held_on is None:
        errors["held_on"] = [_("请填写调解日期")]
    elif held_on > today():
        errors["held_on"] = [_("调解日期不能晚于今天")]
    if not (record or "").strip():
        errors["record"] = [_("请填写调解笔录")]
    elif len(record) > MAX_TEXT:
        errors["record"] = [_("内容过长")]
    if outcome not in SESSION_OUTCOMES:
        errors["outcome"] = [_("请选择本次调解结果")]
    if errors:
        raise ValidationFailed(errors)
    session = MediationSession(case=case, held_on=held_on, place=(place or "").strip()[:200],
                               participants=(participants or "").strip(), record=record.strip(), outcome=outcome,
                               recorded_by=actor)
    db.session.add(session)
    db.session.flush()
    return session


def record_agreement(actor, case: Case, *, summary: str, agreement=None) -> None:
    """Mediation succeeded: mediating → agreed. The agreements domain calls this when one is signed."""
    _allowed(actor, case, "record_agreement")
    summary = _required_text("summary", summary, _("请填写达成协议的内容摘要"))
    details = {"agreement_id": agreement.id} if agreement is not None and getattr(agreement, "id", None) else {}
    _transition(actor, case, "record_agreement", note=summary, **details)
    case.outcome = summary
    case.deadline = None


def record_failure(actor, case: Case, *, advice: str) -> None:
    """调解不成: records the advice given to the parties (e.g. 可向人民法院起诉)."""
    _allowed(actor, case, "record_failure")
    advice = _required_text("advice", advice, _("请填写告知当事人的后续途径"))
    _transition(actor, case, "record_failure", note=advice)
    case.outcome = advice
    case.deadline = None


def withdraw_case(actor, case: Case, *, reason: str) -> None:
    _allowed(actor, case, "withdraw")
    reason = _required_text("reason", reason, _("请填写撤回原因"))
    _transition(actor, case, "withdraw", note=reason)
    case.outcome = reason
    case.ended_at = utcnow()
    case.deadline = None


def extend_deadline(actor, case: Case, *, new_deadline: date | None, consented_by: str,
                    reason: str) -> DeadlineExtension:
    _allowed(actor, case, "extend_deadline")
    errors = {}
    if new_deadline is None:
        errors["new_deadline"] = [_("请填写延长至的日期")]
    elif case.deadline and new_deadline <= case.deadline:
        errors["new_deadline"] = [_("新的期限应晚于当前期限")]
    elif new_deadline <= today():
        errors["new_deadline"] = [_("新的期限应晚于今天")]
    if not (consented_by or "").strip():
        errors["consented_by"] = [_("请填写同意延期的当事人")]
    if not (reason or "").strip():
        errors["reason"] = [_("请填写延期原因")]
    if errors:
        raise ValidationFailed(errors)
    ext = DeadlineExtension(case=case, previous_deadline=case.deadline, new_deadline=new_deadline,
                            consented_by=consented_by.strip()[:200], reason=reason.strip(), created_by=actor)
    db.session.add(ext)
    previous = case.deadline
    case.deadline = new_deadline
    _transition(actor, case, "extend_deadline", event="deadline_extended",
                note=_("延长至 %(d)s；同意人：%(who)s；原因：%(why)s", d=new_deadline.isoformat(),
                       who=ext.consented_by, why=ext.reason),
                previous=previous, new=new_deadline)
    return ext


def add_follow_up(actor, case: Case, *, visited_on: date | None, performance: str, evaluation: str,
                  remarks: str = "") -> FollowUp:
    """回访. A follow-up finding the agreement fully performed moves agreed → fulfilled."""
    _allowed(actor, case, "add_follow_up")
    errors = {}
    if visited_on is None:
        errors["visited_on"] = [_("请填写回访日期")]
    elif visited_on > today():
        errors["visited_on"] = [_("回访日期不能晚于今天")]
    if performance not in PERFORMANCES:
        errors["performance"] = [_("请选择履行情况")]
    if evaluation not in EVALUATIONS:
        errors["evaluation"] = [_("请选择当事人评价")]
    if errors:
        raise ValidationFailed(errors)
    follow_up = FollowUp(case=case, visited_on=visited_on, visitor=actor, performance=performance,
                         evaluation=evaluation, remarks=(remarks or "").strip())
    db.session.add(follow_up)
    before = case.status
    if case.status == AGREED and performance == "fulfilled":
        case.status = FULFILLED
    add_event(case, actor, "follow_up", note=(remarks or "").strip(), from_status=before,
              to_status=case.status if case.status != before else "")
    db.session.flush()
    audit.record("case.follow_up", follow_up, actor=actor, case_id=case.id, performance=performance,
                 evaluation=evaluation, from_status=before, to_status=case.status)
    return follow_up


def close_case(actor, case: Case, *, remarks: str = "") -> None:
    """结案: only after at least one follow-up (declined and withdrawn cases are already ended)."""
    _allowed(actor, case, "close")
    if not case.follow_ups:
        raise OperationError(_("结案前须完成至少一次回访。"))
    _transition(actor, case, "close", note=(remarks or "").strip())
    case.ended_at = utcnow()


def reopen_case(actor, case: Case, *, reason: str) -> None:
    """Back to work: to mediating (new 30-day deadline) if it had been accepted, else to registered."""
    _allowed(actor, case, "reopen")
    reason = _required_text("reason", reason, _("请填写重新启用的理由"))
    before = case.status
    case.status = MEDIATING if case.accepted_on else REGISTERED
    case.ended_at = None
    case.deadline = today() + timedelta(days=DEADLINE_DAYS) if case.status == MEDIATING else None
    add_event(case, actor, "reopen", note=reason, from_status=before, to_status=case.status)
    db.session.flush()
    audit.record("case.reopen", case, actor=actor, from_status=before, to_status=case.status)


def transfer_case(actor, case: Case, *, mediator: User | None = None, area: Area | None = None,
                  reason: str) -> None:
    """Hand the case to another mediator and/or grid inside the actor's scope."""
    _allowed(actor, case, "transfer")
    errors: dict[str, list[str]] = {}
    target_area = area or case.area
    if area is not None and (not in_area_scope(actor, area) or not area.is_active):
        errors["area_id"] = [_("所选网格不在您的工作范围内")]
    target_mediator = mediator or case.mediator
    if mediator is not None and (not mediator.is_active or not mediator.has_role(*MEDIATOR_ROLES)
                                 or not in_area_scope(mediator, target_area)):
        errors["mediator_id"] = [_("所选调解员的工作范围不包括该网格")]
    if mediator is None and area is None:
        errors["mediator_id"] = [_("请选择新的调解员或网格")]
    elif (target_mediator is case.mediator) and (target_area is case.area):
        errors["mediator_id"] = [_("移交对象与当前相同")]
    if not (reason or "").strip():
        errors["reason"] = [_("请填写移交原因")]
    if errors:
        raise ValidationFailed(errors)
    details = {"from_area_id": case.area_id, "to_area_id": target_area.id,
               "from_mediator_id": case.mediator_id, "to_mediator_id": getattr(target_mediator, "id", None)}
    case.area = target_area
    case.mediator = target_mediator
    _transition(actor, case, "transfer", event="transferred", note=reason.strip(), **details)


def refer_case(actor, case: Case, *, rung: str, note: str = "") -> None:
    """For the referrals domain: the case now waits on a higher rung."""
    if rung not in RUNGS:
        raise ValidationFailed({"rung": [_("无效的层级")]})
    _transition(actor, case, "refer", note=note, rung=rung)
    case.rung = rung


def end_referral(actor, case: Case, *, to_status: str, note: str = "") -> None:
    """For the referrals domain: a referral came back (returned, or completed with an outcome)."""
    if to_status not in (MEDIATING, AGREED, FULFILLED, "failed", "closed"):
        raise ValidationFailed({"to_status": [_("无效的状态")]})
    _transition(actor, case, "end_referral", note=note, target=to_status)
    if to_status == "closed":
        case.ended_at = utcnow()
    db.session.flush()


def mediator_choices(area: Area) -> list[User]:
    """Active users who may mediate in `area`: their scope (or their center's area) contains it."""
    from mediation.areas.models import Institution
    from mediation.auth.models import UserArea

    ids = [int(p) for p in area.path.strip("/").split("/") if p]
    by_area = select(UserArea.user_id).where(UserArea.area_id.in_(ids))
    by_office = select(User.id).join(Institution, Institution.id == User.institution_id).where(
        Institution.area_id.in_(ids))
    users = db.session.scalars(select(User).where(User.is_active_account, User.id.in_(by_area.union(by_office)))
                               .order_by(User.display_name))
    return [u for u in users if u.has_role(*MEDIATOR_ROLES) and in_area_scope(u, area)]


__all__ = [
    "accept_case", "add_follow_up", "close_case", "create_case", "decline_case", "end_referral",
    "extend_deadline", "find_duplicates", "mediator_choices", "record_agreement", "record_failure",
    "record_session", "refer_case", "reopen_case", "start_mediation", "transfer_case", "withdraw_case",
]
