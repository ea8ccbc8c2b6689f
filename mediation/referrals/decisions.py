"""The receiving office's work and decision: lawyer sessions, the decision with its signed
document (民事裁定书, 公证书, handling result), the court's or notary's incremental signature on the
agreement PDF, and for notarized agreements the payment ledger and the 执行证书."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from mediation import audit, numbering
from mediation.cases.intake import parse_amount
from mediation.cases.models import MediationSession
from mediation.cases.operations import add_session_record
from mediation.db import today
from mediation.documents.models import Document
from mediation.documents.operations import add_signature, issue_document
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.referrals import casework, ladder
from mediation.referrals.labels import MATTER_LABELS, kind_label, label, outcome_label
from mediation.referrals.models import (
    COMPLETED,
    ESCALATE,
    JUDICIAL,
    LAWYER,
    NOTARIZATION,
    OUTCOMES,
    Payment,
    Referral,
)
from mediation.referrals.rules import enforceable_total_fen, first_due

MAX_TEXT = 20000
# Outcomes that endorse the agreement: the office adds its own signature to the agreement PDF.
ENDORSING = {JUDICIAL: "valid", NOTARIZATION: "notarized"}
CASE_OUTCOME = {"agreed": "agreed", "failed": "failed"}


def _number(referral: Referral, outcome: str) -> tuple[str, str, str, str]:
    """(number, document kind, title, template) of the decision document."""
    inst = referral.to_institution
    year = today().year
    if referral.kind == JUDICIAL:
        seq = numbering.next_number(f"ruling:{inst.id}", year)
        return f"（{year}）{inst.short_name}民特{seq}号", "judicial_ruling", "民事裁定书", "referrals/pdf/ruling.html"
    if referral.kind == NOTARIZATION and outcome == "notarized":
        seq = numbering.next_number(f"notarial:{inst.id}", year)
        return f"（{year}）{inst.short_name}证字第{seq}号", "notarial_certificate", "公证书", "referrals/pdf/notarial.html"
    seq = numbering.next_number(f"referral-decision:{inst.id}", year)
    title = "不予办理公证决定书" if referral.kind == NOTARIZATION else "转介办理结果告知书"
    return f"{inst.short_name}转结〔{year}〕{seq:04d}号", "referral_decision", title, "referrals/pdf/decision.html"


def complete(actor, referral: Referral, *, outcome: str, decision: str) -> Document:
    """办结 with a decision; returns the signed decision document."""
    ladder.check(actor, referral, "complete")
    allowed = [o for o in OUTCOMES[referral.kind] if o != "escalated"]
    if outcome not in allowed:
        raise ValidationFailed({"outcome": [_("请选择办理结果")]})
    decision = (decision or "").strip()
    if not decision:
        needs = {"dismissed": _("请写明驳回申请的理由"), "refused": _("请写明不予办理公证的理由")}
        raise ValidationFailed({"decision": [needs.get(outcome, _("请填写办理结果"))]})
    if len(decision) > MAX_TEXT:
        raise ValidationFailed({"decision": [_("内容过长")]})
    agreement_doc = None
    if ENDORSING.get(referral.kind) == outcome:
        agreement = referral.agreement
        agreement_doc = db.session.get(Document, agreement.document_id) if agreement and agreement.document_id else None
        if agreement_doc is None:
            raise OperationError(_("找不到已盖章的调解协议书文件，无法签章。"))
    number, kind, title, template = _number(referral, outcome)
    referral.status, referral.outcome, referral.decision = COMPLETED, outcome, decision
    referral.decided_on, referral.decided_by_id = today(), actor.id
    document = issue_document(actor, kind=kind, institution=referral.to_institution, template=template,
                              context=_context(referral, actor), number=number, title=title, related=referral,
                              reason=title)
    referral.decision_document_id = document.id
    if agreement_doc is not None:
        # The agreement now carries the committee's seal and this office's signature, both valid.
        add_signature(actor, agreement_doc, referral.to_institution,
                      reason=_("%(office)s %(what)s %(number)s", office=referral.to_institution.name,
                               what=kind_label(referral.kind), number=number))
    case = referral.case
    before = casework.release_case(actor, referral, CASE_OUTCOME.get(outcome))
    if referral.kind in (ESCALATE, LAWYER) and outcome in CASE_OUTCOME:
        case.outcome = decision
    casework.log(referral, actor, "complete", f"{outcome_label(outcome)}：{decision}")
    casework.case_event(referral, actor, "referral_completed", f"{outcome_label(outcome)}（{number}）：{decision}",
                        before=before)
    audit.record("referral.complete", referral, actor=actor, outcome=outcome, document_id=document.id,
                 signed_agreement_document_id=agreement_doc.id if agreement_doc else None)
    casework.tell_sender(referral, "decided")
    return document


def _context(referral: Referral, actor) -> dict:
    case = referral.case
    agreement = referral.agreement
    return {
        "referral": referral, "case": case, "agreement": agreement, "office": referral.to_institution,
        "actor": actor, "today": today(), "outcome_text": outcome_label(referral.outcome),
        "kind_text": kind_label(referral.kind), "matter_text": label(MATTER_LABELS, referral.matter),
        "parties": [(p.role, p.person) for p in case.parties],
        "total_fen": enforceable_total_fen(agreement), "paid_fen": referral.paid_fen,
    }


def record_session(actor, referral: Referral, *, held_on: date | None, place: str, participants: str, record: str,
                   outcome: str = "continue") -> MediationSession:
    """律师调解: the lawyer's session record goes into the case's 调解记录."""
    ladder.check(actor, referral, "record_session")
    session = add_session_record(actor, referral.case, held_on=held_on, place=place, participants=participants,
                                 record=record, outcome=outcome)
    casework.log(referral, actor, "record_session", (place or "").strip())
    casework.case_event(referral, actor, "referral_session", (place or "").strip())
    audit.record("referral.session", session, actor=actor, referral_id=referral.id, case_id=referral.case_id)
    return session


def record_payment(actor, referral: Referral, *, paid_on: date | None, amount: str, note: str = "") -> Payment:
    """履行台账: a payment the debtor made under the notarized agreement."""
    ladder.check(actor, referral, "record_payment")
    errors: dict[str, list[str]] = {}
    if paid_on is None or paid_on > today():
        errors["paid_on"] = [_("请填写付款日期（不能晚于今天）")]
    try:
        fen = parse_amount(amount)
    except ValueError:
        fen = None
    if not fen or fen <= 0:
        errors["amount"] = [_("请填写大于0的金额，最多两位小数")]
    elif referral.paid_fen + fen > enforceable_total_fen(referral.agreement):
        errors["amount"] = [_("累计付款超过协议约定的给付总额")]
    if errors:
        raise ValidationFailed(errors)
    payment = Payment(referral=referral, paid_on=paid_on, amount_fen=fen, note=(note or "").strip()[:200],
                      recorded_by_id=actor.id)
    db.session.add(payment)
    db.session.flush()
    casework.log(referral, actor, "record_payment", f"{paid_on.isoformat()} {payment.amount}")
    casework.case_event(referral, actor, "referral_payment", _("%(d)s 付款 %(a)s 元", d=paid_on.isoformat(),
                                                               a=f"{payment.amount:,.2f}"))
    audit.record("referral.payment", referral, actor=actor, payment_id=payment.id, amount_fen=fen)
    return payment


def issue_enforcement(actor, referral: Referral, *, note: str = "") -> Document:
    """执行证书 for the unpaid remainder, once the debtor is in default (a deadline has passed)."""
    ladder.check(actor, referral, "issue_enforcement")
    if referral.enforcement_document_id is not None:
        raise OperationError(_("已经出具过执行证书。"))
    agreement = referral.agreement
    remainder = enforceable_total_fen(agreement) - referral.paid_fen
    if remainder <= 0:
        raise OperationError(_("协议约定的款项已全部履行，无需出具执行证书。"))
    due = first_due(agreement)
    if due is None or due >= today():
        raise OperationError(_("履行期限（%(d)s）尚未届满，债务人尚未违约，不能出具执行证书。",
                               d=due.isoformat() if due else "—"))
    inst = referral.to_institution
    year = today().year
    seq = numbering.next_number(f"enforcement:{inst.id}", year)
    number = f"（{year}）{inst.short_name}执证字第{seq}号"
    context = _context(referral, actor) | {"remainder_fen": remainder, "note": (note or "").strip(), "due": due}
    document = issue_document(actor, kind="notarial_certificate", institution=inst,
                              template="referrals/pdf/enforcement.html", context=context, number=number,
                              title="执行证书", related=referral, reason="执行证书")
    referral.enforcement_document_id = document.id
    casework.log(referral, actor, "issue_enforcement", number)
    casework.case_event(referral, actor, "referral_enforcement",
                        _("未履行部分 %(a)s 元（%(n)s）", a=f"{remainder / 100:,.2f}", n=number))
    audit.record("referral.enforcement", referral, actor=actor, document_id=document.id, remainder_fen=remainder)
    return document
