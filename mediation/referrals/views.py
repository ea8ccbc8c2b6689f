"""Referral pages: a case's path up the ladder, the apply forms, review queues, a referral's page
with its actions. Views are thin: the operations check access and rules."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from mediation.agreements.operations import agreement_for
from mediation.areas.models import Institution
from mediation.cases.models import Case
from mediation.db import today
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.permissions import can, require
from mediation.referrals import forms, labels, ladder, queries, rules
from mediation.referrals import operations as ops
from mediation.referrals.models import KINDS, MATTERS, Referral

bp = Blueprint("referrals", __name__)


def get_referral(referral_id: int) -> Referral:
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        abort(404)
    require(current_user, "referral.view", referral)
    return referral


def get_case(case_id: int) -> Case:
    case = db.session.get(Case, case_id)
    if case is None:
        abort(404)
    require(current_user, "case.view", case)
    return case


# --- a case's path ------------------------------------------------------------------------------


@bp.get("/cases/<int:case_id>/referrals")
@login_required
def case_referrals(case_id: int):
    case = get_case(case_id)
    referrals = queries.for_case(current_user, case)
    may_send = can(current_user, "referral.create", case)
    return render_template("referrals/case.html", case=case, referrals=referrals, may_send=may_send,
                           labels=labels, next_rung=ladder.next_rung(case.rung), agreement=agreement_for(case),
                           apply_kinds=_apply_kinds(case) if may_send else [])


def _apply_kinds(case) -> list[str]:
    from mediation.cases.models import AGREED, FAILED, REFERRED

    kinds = []
    if case.status in ("accepted", "mediating", FAILED, REFERRED):
        if ladder.next_rung(case.rung):
            kinds.append("escalate")
        kinds.append("lawyer")
        if current_user.institution is not None and current_user.institution.kind == "mediation_center":
            kinds.append("dispatch")
    if case.status == AGREED:
        kinds += ["judicial", "notarization"]
    if case.status == FAILED or any(r.kind == "judicial" and r.outcome == "dismissed" for r in
                                    db.session.scalars(select(Referral).where(Referral.case_id == case.id))):
        kinds.append("litigation")
    return kinds


def _offices(kind: str, case) -> list[Institution]:
    stmt = select(Institution).where(Institution.is_active, Institution.kind == ops.TARGET_KIND[kind])
    return list(db.session.scalars(stmt.order_by(Institution.name)))


@bp.route("/cases/<int:case_id>/referrals/new/<kind>", methods=["GET", "POST"])
@login_required
def apply(case_id: int, kind: str):
    if kind not in KINDS:
        abort(404)
    case = get_case(case_id)
    require(current_user, "referral.create", case)
    form = {"escalate": forms.EscalateForm, "judicial": forms.JudicialForm,
            "litigation": forms.LitigationForm}.get(kind, forms.OfficeForm)()
    if hasattr(form, "to_institution_id"):
        form.to_institution_id.choices = choices([("", _l("请选择"))] + [(i.id, i.name) for i in _offices(kind, case)])
        if request.method == "GET" and kind in ("judicial", "litigation"):
            court = ladder.office_for_court(case)
            form.to_institution_id.data = court.id if court else None
    if kind == "judicial":
        form.matter.choices = choices([("", _l("不涉及（非婚姻家庭纠纷）"))] + [
            (m, labels.MATTER_LABELS[m]) for m in MATTERS])
        if request.method == "GET":
            form.applied_on.data = today()
    agreement = agreement_for(case)
    problems = rules.notarization_problems(agreement) if kind == "notarization" else []
    if request.method == "POST" and form.validate():
        try:
            referral = _submit(kind, case, form)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except OperationError as exc:
            form.form_errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("已提交：%(n)s", n=referral.number), "success")
            return redirect(url_for("referrals.show", referral_id=referral.id))
    return render_template("referrals/apply.html", case=case, form=form, kind=kind, labels=labels,
                           agreement=agreement, problems=problems,
                           window_end=rules.judicial_window_end(agreement.effective_on)
                           if agreement and agreement.effective_on else None)


def _institution(form):
    value = getattr(form, "to_institution_id", None)
    return db.session.get(Institution, value.data) if value is not None and value.data else None


def _submit(kind: str, case, form) -> Referral:
    u = current_user
    if kind == "escalate":
        return ops.escalate(u, case, reason=form.reason.data or "")
    if kind == "dispatch":
        return ops.dispatch(u, case, department=_institution(form), reason=form.reason.data or "")
    if kind == "lawyer":
        return ops.refer_to_lawyer(u, case, law_office=_institution(form), reason=form.reason.data or "")
    if kind == "notarization":
        return ops.apply_notarization(u, case, notary_office=_institution(form), reason=form.reason.data or "")
    if kind == "judicial":
        return ops.apply_judicial_confirmation(u, case, court=_institution(form), applied_on=form.applied_on.data,
                                               is_joint=bool(form.is_joint.data), matter=form.matter.data or "",
                                               reason=form.reason.data or "")
    return ops.guide_litigation(u, case, court=_institution(form), guidance=form.guidance.data or "")


# --- lists ------------------------------------------------------------------------------------------


@bp.get("/referrals/")
@login_required
def queue():
    require(current_user, "referral.decide")
    return _list("queue")


@bp.get("/referrals/sent")
@login_required
def sent():
    require(current_user, "referral.view")
    return _list("sent")


def _list(box: str):
    f = queries.parse_filters(request.args)
    stmt = queries.queue(current_user, f) if box == "queue" else queries.sent(current_user, f)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False, count=True)
    return render_template("referrals/list.html", page=page, f=f, box=box, labels=labels,
                           counts=queries.counts(current_user, f, box), today=today(),
                           endpoint="referrals.queue" if box == "queue" else "referrals.sent")


# --- one referral -----------------------------------------------------------------------------------


@bp.get("/referrals/<int:referral_id>")
@login_required
def show(referral_id: int):
    referral = get_referral(referral_id)
    return render_template("referrals/show.html", r=referral, labels=labels, ladder=ladder,
                           actions=ladder.available(current_user, referral), today=today(),
                           agreement=referral.agreement or agreement_for(referral.case))
