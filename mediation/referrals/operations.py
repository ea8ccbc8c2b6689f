"""Sending a case on (every kind) and the steps of a referral before its decision.

Each function checks access inside (`referral.create` / `ladder.check`), validates, changes the
referral and its case, writes the referral's history, the case timeline and an audit event,
notifies, and flushes — the request or CLI command commits. Decisions are in decisions.py.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from mediation import audit, numbering
from mediation.agreements.operations import agreement_for
from mediation.cases import states
from mediation.cases.models import AGREED, FAILED, REFERRED, Case
from mediation.db import today
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import require
from mediation.referrals import casework, ladder, rules
from mediation.referrals.models import (
    ACCEPTED,
    COMPLETED,
    DISPATCH,
    ESCALATE,
    JUDICIAL,
    LAWYER,
    LITIGATION,
    MATERIALS,
    MATTERS,
    NOTARIZATION,
    OPEN_STATES,
    RETURNED,
    SUBMITTED,
    WITHDRAWN,
    Referral,
)
from mediation.referrals.permissions import works_for

MAX_TEXT = 5000
TARGET_KIND = {DISPATCH: "department", LAWYER: "law_office", NOTARIZATION: "notary_office", JUDICIAL: "court",
               LITIGATION: "court"}


def _text(name: str, value: str | None, message: str, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed({name: [message]})
    if len(value) > MAX_TEXT:
        raise ValidationFailed({name: [_("内容过长（不超过5000字）")]})
    return value


def holding_referral(actor, case: Case) -> Referral | None:
    """The accepted referral through which the actor's office now holds the case, if any."""
    if actor.institution_id is None:
        return None
    return db.session.scalar(select(Referral).where(
        Referral.case_id == case.id, Referral.to_institution_id == actor.institution_id,
        Referral.status == ACCEPTED, Referral.kind.in_((ESCALATE, LAWYER))).order_by(Referral.id.desc()).limit(1))


def _target(kind: str, institution) -> None:
    if institution is None or not institution.is_active or institution.kind != TARGET_KIND[kind]:
        raise ValidationFailed({"to_institution_id": [_("请选择接收的机构")]})


def _no_open_duplicate(case: Case, kind: str, held: Referral | None = None) -> None:
    """One open referral of a kind per case (the one through which the sender holds it aside)."""
    stmt = select(Referral.id).where(Referral.case_id == case.id, Referral.kind == kind,
                                     Referral.status.in_(OPEN_STATES))
    if held is not None:
        stmt = stmt.where(Referral.id != held.id)
    dup = db.session.scalar(stmt)
    if dup is not None:
        raise OperationError(_("该案件已有尚未办结的同类转介，请先办结或撤回。"))


def _movable(actor, case: Case) -> Referral | None:
    """A case can go up from its own mediator (status allows `refer`) or from the office holding it."""
    held = holding_referral(actor, case)
    if held is None:
        require(actor, "case.edit", case)
        states.check(case, "refer")
    return held


def _new(actor, case: Case, kind: str, to_institution, *, reason: str, held: Referral | None = None,
         rung_from: str = "", rung_to: str = "", **fields) -> Referral:
    year = today().year
    seq = numbering.next_number("referral", year)
    referral = Referral(
        number=f"转〔{year}〕{seq:05d}号", case=case, kind=kind, status=SUBMITTED,
        from_institution_id=actor.institution_id if actor.institution_id else case.committee_id,
        to_institution=to_institution, from_user_id=actor.id, parent=held if kind == DISPATCH else None,
        rung_from=rung_from or case.rung, rung_to=rung_to, reason=reason, submitted_on=today(),
        accept_paused_days=0, decide_paused_days=0, extension_days=0, times_returned=0, **fields)
    rules.apply_clock(referral)
    db.session.add(referral)
    db.session.flush()
    if held is not None and kind != DISPATCH:
        # The lower office hands the case up: its own part ends here.
        held.status, held.outcome, held.decided_on, held.decided_by_id = COMPLETED, "escalated", today(), actor.id
        held.decision = _("已转送%(office)s", office=to_institution.name)
        casework.log(held, actor, "complete", held.decision)
        audit.record("referral.complete", held, actor=actor, outcome="escalated", next_referral_id=referral.id)
    referral.case_status_before = held.case_status_before if held is not None else case.status
    before = casework.send_case(actor, referral)
    casework.log(referral, actor, "submit", reason)
    casework.case_event(referral, actor, "referral_submitted", reason, before=before)
    audit.record("referral.submit", referral, actor=actor, case_id=case.id, kind=kind,
                 to_institution_id=to_institution.id, from_status=before, to_status=case.status)
    casework.tell_office(referral, "new_referral")
    return referral


def escalate(actor, case: Case, *, reason: str) -> Referral:
    """Up one mediation rung: grid → village committee → town center → county center."""
    require(actor, "referral.create", case)
    reason = _text("reason", reason, _("请填写上报理由"))
    held = _movable(actor, case)
    _no_open_duplicate(case, ESCALATE, held)
    rung = ladder.next_rung(case.rung)
    if rung is None:
        raise OperationError(_("案件已在县级矛调中心，没有更高的调解层级；可转律师调解或引导诉讼。"))
    office = ladder.office_for_rung(case, rung)
    if office is None:
        raise OperationError(_("没有找到%(rung)s对应的调解组织，请联系管理员配置机构。",
                               rung=casework_rung_label(rung)))
    return _new(actor, case, ESCALATE, office, reason=reason, held=held, rung_to=rung)


def casework_rung_label(rung: str) -> str:
    from mediation.referrals.labels import RUNG_LABELS, label

    return label(RUNG_LABELS, rung)


def dispatch(actor, case: Case, *, department, reason: str) -> Referral:
    """部门办单: a mediation center sends a task to a department; the result comes back to it."""
    require(actor, "referral.create", case)
    if actor.institution is None or actor.institution.kind != "mediation_center" or not works_for(
            actor, actor.institution):
        raise OperationError(_("只有矛调中心的工作人员可以派单给职能部门。"))
    reason = _text("reason", reason, _("请写明需要部门办理的事项"))
    _target(DISPATCH, department)
    held = holding_referral(actor, case)
    if held is None:
        require(actor, "case.edit", case)
        if case.status != REFERRED:
            states.check(case, "refer")
    _no_open_duplicate(case, DISPATCH)
    return _new(actor, case, DISPATCH, department, reason=reason, held=held, rung_to="department")


def refer_to_lawyer(actor, case: Case, *, law_office, reason: str) -> Referral:
    require(actor, "referral.create", case)
    reason = _text("reason", reason, _("请填写转律师调解的理由（如案情复杂、专业性强）"))
    _target(LAWYER, law_office)
    held = _movable(actor, case)
    _no_open_duplicate(case, LAWYER, held)
    return _new(actor, case, LAWYER, law_office, reason=reason, held=held, rung_to="lawyer")


def _agreed_case(actor, case: Case):
    require(actor, "case.edit", case)
    if case.status != AGREED:
        raise OperationError(_("只有已达成调解协议的案件才能申请（当前状态：%(s)s）。",
                               s=states.status_label(case.status)))
    return agreement_for(case)


def apply_notarization(actor, case: Case, *, notary_office, reason: str = "") -> Referral:
    """赋予强制执行效力的公证: refused, with each missing condition named, unless the agreement qualifies."""
    require(actor, "referral.create", case)
    _target(NOTARIZATION, notary_office)
    agreement = _agreed_case(actor, case)
    problems = rules.notarization_problems(agreement)
    if problems:
        raise ValidationFailed({"agreement": problems})
    _no_open_duplicate(case, NOTARIZATION)
    reason = _text("reason", reason, "", required=False) or _("申请对调解协议办理赋予强制执行效力的公证")
    return _new(actor, case, NOTARIZATION, notary_office, reason=reason, agreement_id=agreement.id,
                rung_to="notary")


def apply_judicial_confirmation(actor, case: Case, *, court, applied_on: date | None, is_joint: bool,
                                matter: str = "", reason: str = "") -> Referral:
    """司法确认: a joint application within 30 days of the agreement taking effect."""
    require(actor, "referral.create", case)
    _target(JUDICIAL, court)
    agreement = _agreed_case(actor, case)
    if matter and matter not in MATTERS:
        raise ValidationFailed({"matter": [_("请选择协议涉及的事项")]})
    if applied_on is not None and applied_on > today():
        raise ValidationFailed({"applied_on": [_("申请日期不能晚于今天")]})
    errors = rules.judicial_problems(case, agreement, applied_on=applied_on, is_joint=is_joint, matter=matter)
    if errors:
        raise ValidationFailed(errors)
    _no_open_duplicate(case, JUDICIAL)
    applicants = "、".join(p.person.name for p in case.parties if p.role in ("applicant", "respondent"))
    reason = _text("reason", reason, "", required=False) or _("双方当事人共同申请确认调解协议的效力")
    referral = _new(actor, case, JUDICIAL, court, reason=reason, agreement_id=agreement.id, rung_to="court",
                    is_joint=True, applicants=applicants[:400], matter=matter or "")
    referral.submitted_on = applied_on
    rules.apply_clock(referral)
    return referral


def guide_litigation(actor, case: Case, *, court=None, guidance: str) -> Referral:
    """诉讼引导 after mediation failed (or a confirmation was dismissed): recorded as finished."""
    require(actor, "referral.create", case)
    require(actor, "case.edit", case)
    dismissed = db.session.scalar(select(Referral.id).where(Referral.case_id == case.id, Referral.kind == JUDICIAL,
                                                            Referral.outcome == "dismissed"))
    if case.status != FAILED and dismissed is None:
        raise OperationError(_("只有调解不成或司法确认被驳回的案件才需要诉讼引导。"))
    guidance = _text("guidance", guidance, _("请记录告知当事人的诉讼途径（管辖法院、诉讼时效、所需材料等）"))
    if court is not None:
        _target(LITIGATION, court)
    court = court or ladder.office_for_court(case)
    if court is None:
        raise ValidationFailed({"to_institution_id": [_("请选择管辖法院")]})
    year = today().year
    seq = numbering.next_number("referral", year)
    referral = Referral(number=f"转〔{year}〕{seq:05d}号", case=case, kind=LITIGATION, status=COMPLETED,
                        from_institution_id=actor.institution_id or case.committee_id, to_institution=court,
                        from_user_id=actor.id, rung_from=case.rung, rung_to="court", reason=guidance,
                        submitted_on=today(), decided_on=today(), decided_by_id=actor.id, outcome="guided",
                        decision=guidance, case_status_before=case.status)
    db.session.add(referral)
    db.session.flush()
    casework.log(referral, actor, "guide", guidance)
    casework.case_event(referral, actor, "litigation_guided", guidance)
    audit.record("referral.guide", referral, actor=actor, case_id=case.id, court_id=court.id)
    return referral


# --- steps before the decision ------------------------------------------------------------------


def accept(actor, referral: Referral) -> None:
    ladder.check(actor, referral, "accept")
    referral.status = ACCEPTED
    referral.accepted_on = today()
    rules.apply_clock(referral)
    casework.log(referral, actor, "accept")
    casework.case_event(referral, actor, "referral_accepted",
                        _("应于 %(d)s 前办结", d=referral.decide_by.isoformat()) if referral.decide_by else "")
    audit.record("referral.accept", referral, actor=actor, decide_by=referral.decide_by)


def return_referral(actor, referral: Referral, *, reason: str) -> None:
    """退回: the sender sees the reason and may correct and resubmit."""
    ladder.check(actor, referral, "return")
    reason = _text("reason", reason, _("请填写退回理由，告知提交方需要补正的内容"))
    referral.status = RETURNED
    referral.return_reason = reason
    referral.times_returned += 1
    referral.paused_on = None
    before = casework.release_case(actor, referral, rung_back=True)
    casework.log(referral, actor, "return", reason)
    casework.case_event(referral, actor, "referral_returned", reason, before=before)
    audit.record("referral.return", referral, actor=actor, times=referral.times_returned)
    casework.tell_sender(referral, "returned")


def request_materials(actor, referral: Referral, *, request: str) -> None:
    """Ask the sender for more materials; the running clock stops until they arrive."""
    ladder.check(actor, referral, "request_materials")
    request = _text("request", request, _("请写明需要补充的材料"))
    referral.paused_from = referral.status
    referral.paused_on = today()
    referral.status = MATERIALS
    referral.materials_request = request
    casework.log(referral, actor, "request_materials", request)
    casework.case_event(referral, actor, "referral_materials", request)
    audit.record("referral.request_materials", referral, actor=actor, paused_from=referral.paused_from)
    casework.tell_sender(referral, "materials")


def supply_materials(actor, referral: Referral, *, note: str) -> None:
    """The sender answers (evidence goes into the case); the clock runs again with the paused days added."""
    ladder.check(actor, referral, "supply_materials")
    note = _text("note", note, _("请说明补充了哪些材料（证据可在案件中上传）"))
    days = rules.resume_clock(referral, today())
    referral.status = referral.paused_from or SUBMITTED
    referral.paused_on, referral.paused_from = None, ""
    casework.log(referral, actor, "supply_materials", note)
    casework.case_event(referral, actor, "referral_supplied", note)
    audit.record("referral.supply_materials", referral, actor=actor, paused_days=days, accept_by=referral.accept_by,
                 decide_by=referral.decide_by)
    casework.tell_office(referral, "supplied")


def resubmit(actor, referral: Referral, *, note: str) -> None:
    """After a return: corrected and sent again; a new application day starts the clocks afresh."""
    ladder.check(actor, referral, "resubmit")
    note = _text("note", note, _("请说明已补正的内容"))
    case = referral.case
    if referral.kind in casework.MOVING_KINDS and case.status != REFERRED:
        states.check(case, "refer")
    if referral.kind in (NOTARIZATION, JUDICIAL):
        _recheck_agreement(referral)
    referral.status = SUBMITTED
    referral.submitted_on = today()
    referral.accepted_on = None
    referral.accept_paused_days = referral.decide_paused_days = 0
    rules.apply_clock(referral)
    before = casework.send_case(actor, referral)
    casework.log(referral, actor, "resubmit", note)
    casework.case_event(referral, actor, "referral_resubmitted", note, before=before)
    audit.record("referral.resubmit", referral, actor=actor)
    casework.tell_office(referral, "new_referral")


def _recheck_agreement(referral: Referral) -> None:
    agreement = agreement_for(referral.case)
    if referral.kind == NOTARIZATION:
        problems = rules.notarization_problems(agreement)
        if problems:
            raise ValidationFailed({"agreement": problems})
    else:
        errors = rules.judicial_problems(referral.case, agreement, applied_on=today(), is_joint=referral.is_joint,
                                         matter=referral.matter)
        if errors:
            raise ValidationFailed(errors)


def withdraw(actor, referral: Referral, *, reason: str) -> None:
    """Only while undecided; the case goes back to where it was."""
    ladder.check(actor, referral, "withdraw")
    reason = _text("reason", reason, _("请填写撤回原因"))
    was = referral.status
    referral.status = WITHDRAWN
    referral.paused_on = None
    before = casework.release_case(actor, referral, rung_back=True) if was != RETURNED else referral.case.status
    casework.log(referral, actor, "withdraw", reason)
    casework.case_event(referral, actor, "referral_withdrawn", reason, before=before)
    audit.record("referral.withdraw", referral, actor=actor, from_state=was)


def extend(actor, referral: Referral, *, approval: str) -> None:
    """司法确认: +10 days to rule, with the president's approval recorded."""
    ladder.check(actor, referral, "extend")
    approval = _text("approval", approval, _("请记录批准延长的院长姓名、日期和理由"))
    referral.extension_days = rules.CLOCKS[referral.kind].extension_days
    referral.extension_approval = approval
    rules.apply_clock(referral)
    casework.log(referral, actor, "extend", approval)
    casework.case_event(referral, actor, "referral_extended", approval)
    audit.record("referral.extend", referral, actor=actor, decide_by=referral.decide_by)
