"""The step pages of a referral: one small form per action, all through the operations."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from mediation.cases.labels import SESSION_OUTCOME_LABELS
from mediation.cases.models import SESSION_OUTCOMES
from mediation.db import today
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.referrals import decisions, forms, labels, ladder
from mediation.referrals import operations as ops
from mediation.referrals.models import OUTCOMES
from mediation.referrals.views import bp, get_referral


def _done(referral, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("referrals.show", referral_id=referral.id))


@bp.post("/referrals/<int:referral_id>/accept")
@login_required
def accept(referral_id: int):
    referral = get_referral(referral_id)
    ops.accept(current_user, referral)
    due = referral.decide_by.isoformat() if referral.decide_by else ""
    return _done(referral, _("已受理，应于 %(d)s 前办结。", d=due))


def _outcome_choices(form, r):
    form.outcome.choices = choices([("", _l("请选择"))] + [
        (o, labels.OUTCOME_LABELS[o]) for o in OUTCOMES[r.kind] if o != "escalated"])


def _session_choices(form, r):
    form.outcome.choices = choices([(o, SESSION_OUTCOME_LABELS[o]) for o in SESSION_OUTCOMES])
    if request.method == "GET":
        form.held_on.data = today()


def _payment_prepare(form, r):
    if request.method == "GET":
        form.paid_on.data = today()


def _complete(f, r):
    doc = decisions.complete(current_user, r, outcome=f.outcome.data or "", decision=f.decision.data or "")
    return _("已办结，%(title)s %(n)s 已签章。", title=doc.title, n=doc.number)


def _session(f, r):
    decisions.record_session(current_user, r, held_on=f.held_on.data, place=f.place.data or "",
                             participants=f.participants.data or "", record=f.record.data or "",
                             outcome=f.outcome.data or "")
    return _("调解记录已保存。")


def _payment(f, r):
    decisions.record_payment(current_user, r, paid_on=f.paid_on.data, amount=f.amount.data or "",
                             note=f.note.data or "")
    return _("履行款项已登记。")


def _enforcement(f, r):
    doc = decisions.issue_enforcement(current_user, r, note=f.note.data or "")
    return _("执行证书 %(n)s 已出具。", n=doc.number)


# action → (form, title, perform(form, referral) → message, prepare(form, referral) or None, confirm text)
STEPS = {
    "return": (forms.ReasonForm, _l("退回转介"), lambda f, r: (
        ops.return_referral(current_user, r, reason=f.reason.data or ""), _("已退回，提交方会收到通知。"))[1], None),
    "request_materials": (forms.RequestForm, _l("要求补充材料"), lambda f, r: (
        ops.request_materials(current_user, r, request=f.request.data or ""),
        _("已要求补充材料，期限暂停计算。"))[1], None),
    "supply_materials": (forms.NoteForm, _l("补充材料"), lambda f, r: (
        ops.supply_materials(current_user, r, note=f.note.data or ""), _("已补充材料，期限继续计算。"))[1], None),
    "resubmit": (forms.NoteForm, _l("重新提交"), lambda f, r: (
        ops.resubmit(current_user, r, note=f.note.data or ""), _("已重新提交。"))[1], None),
    "withdraw": (forms.ReasonForm, _l("撤回转介"), lambda f, r: (
        ops.withdraw(current_user, r, reason=f.reason.data or ""), _("转介已撤回。"))[1], None),
    "extend": (forms.ApprovalForm, _l("延长审查期限（经院长批准，延长10日）"), lambda f, r: (
        ops.extend(current_user, r, approval=f.approval.data or ""), _("审查期限已延长。"))[1], None),
    "complete": (forms.CompleteForm, _l("办结并出具决定"), _complete, _outcome_choices),
    "record_session": (forms.SessionForm, _l("记录律师调解"), _session, _session_choices),
    "record_payment": (forms.PaymentForm, _l("登记履行款项"), _payment, _payment_prepare),
    "issue_enforcement": (forms.NoteForm, _l("出具执行证书"), _enforcement, None),
}
CONFIRM = {
    "withdraw": _l("确认撤回该转介？"),
    "complete": _l("办结后将出具并签章决定文书，不能撤销。确认提交？"),
    "issue_enforcement": _l("确认按台账计算的未履行金额出具执行证书？"),
}


@bp.route("/referrals/<int:referral_id>/do/<action>", methods=["GET", "POST"])
@login_required
def step(referral_id: int, action: str):
    if action not in STEPS:
        abort(404)
    referral = get_referral(referral_id)
    ladder.check(current_user, referral, action)  # 403 / 409 before showing a form that cannot succeed
    form_class, title, perform, prepare = STEPS[action]
    form = form_class()
    if prepare:
        prepare(form, referral)
    if request.method == "POST" and form.validate():
        try:
            message = perform(form, referral)
        except ValidationFailed as exc:
            db.session.rollback()
            apply_errors(form, exc)
        except OperationError as exc:
            db.session.rollback()
            form.form_errors.append(exc.message)
        else:
            return _done(referral, message)
        referral = get_referral(referral_id)
    return render_template("referrals/step.html", r=referral, form=form, title=title, action=action,
                           labels=labels, confirm=CONFIRM.get(action))
