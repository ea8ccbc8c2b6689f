"""Workspace actions: every status change, session, follow-up, transfer, evidence and reveals."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from mediation.areas.models import Area
from mediation.auth.models import User
from mediation.cases import evidence as evidence_ops
from mediation.cases import forms, labels, states
from mediation.cases import operations as ops
from mediation.cases.models import CaseParty, Evidence
from mediation.cases.views import bp, get_case, show
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.people.operations import reveal_person
from mediation.people.queries import areas_in_scope


def _done(case, message):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("cases.show", case_id=case.id) + "#timeline")


@bp.post("/<int:case_id>/accept")
@login_required
def accept(case_id: int):
    case = get_case(case_id, "case.edit")
    ops.accept_case(current_user, case)
    return _done(case, _("案件已受理，调解期限至 %(d)s。", d=case.deadline.isoformat()))


@bp.post("/<int:case_id>/start")
@login_required
def start(case_id: int):
    case = get_case(case_id, "case.edit")
    ops.start_mediation(current_user, case)
    return _done(case, _("已开始调解。"))


def _transfer_choices(form, case):
    form.mediator_id.choices = choices([("", _l("不变"))] + [
        (u.id, u.display_name) for u in ops.mediator_choices(case.area) if u.id != case.mediator_id])
    form.area_id.choices = choices([("", _l("不变"))] + [
        (a.id, a.full_name) for a in db.session.scalars(areas_in_scope(current_user, ("village", "grid", "microgrid")))
        if a.id != case.area_id])


def _transfer(form, case):
    mediator = db.session.get(User, form.mediator_id.data) if form.mediator_id.data else None
    area = db.session.get(Area, form.area_id.data) if form.area_id.data else None
    ops.transfer_case(current_user, case, mediator=mediator, area=area, reason=form.reason.data or "")
    return _("案件已移交。")


# action → (form class, page title, perform(form, case) → flash message, optional prepare(form, case))
ACTIONS = {
    "decline": (forms.ReasonForm, _l("不予受理"), lambda f, c: (
        ops.decline_case(current_user, c, reason=f.reason.data or ""), _("已决定不予受理。"))[1], None),
    "withdraw": (forms.ReasonForm, _l("撤回案件"), lambda f, c: (
        ops.withdraw_case(current_user, c, reason=f.reason.data or ""), _("案件已撤回。"))[1], None),
    "reopen": (forms.ReasonForm, _l("重新启用"), lambda f, c: (
        ops.reopen_case(current_user, c, reason=f.reason.data or ""), _("案件已重新启用。"))[1], None),
    "record_session": (forms.SessionForm, _l("记录调解（调解笔录）"), lambda f, c: (
        ops.record_session(current_user, c, held_on=f.held_on.data, place=f.place.data or "",
                           participants=f.participants.data or "", record=f.record.data or "",
                           outcome=f.outcome.data or ""), _("调解记录已保存。"))[1], None),
    "record_agreement": (forms.AgreementForm, _l("记录达成协议"), lambda f, c: (
        ops.record_agreement(current_user, c, summary=f.summary.data or ""), _("已记录达成协议。"))[1], None),
    "record_failure": (forms.FailureForm, _l("记录调解不成"), lambda f, c: (
        ops.record_failure(current_user, c, advice=f.advice.data or ""), _("已记录调解不成。"))[1], None),
    "extend_deadline": (forms.ExtendForm, _l("延长调解期限"), lambda f, c: (
        ops.extend_deadline(current_user, c, new_deadline=f.new_deadline.data, consented_by=f.consented_by.data or "",
                            reason=f.reason.data or ""), _("调解期限已延长。"))[1], None),
    "add_follow_up": (forms.FollowUpForm, _l("回访"), lambda f, c: (
        ops.add_follow_up(current_user, c, visited_on=f.visited_on.data, performance=f.performance.data or "",
                          evaluation=f.evaluation.data or "", remarks=f.remarks.data or ""), _("回访已记录。"))[1],
        None),
    "close": (forms.CloseForm, _l("结案"), lambda f, c: (
        ops.close_case(current_user, c, remarks=f.remarks.data or ""), _("案件已结案。"))[1], None),
    "transfer": (forms.TransferForm, _l("移交案件"), _transfer, _transfer_choices),
}


@bp.route("/<int:case_id>/do/<action>", methods=["GET", "POST"])
@login_required
def act(case_id: int, action: str):
    if action not in ACTIONS:
        abort(404)
    case = get_case(case_id, "case.edit")
    form_class, title, perform, prepare = ACTIONS[action]
    refusal = states.refusal(case.status, action)
    form = form_class()
    if prepare:
        prepare(form, case)
    if request.method == "POST" and refusal is None and form.validate():
        try:
            message = perform(form, case)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except OperationError as exc:
            form.form_errors.append(exc.message)
        else:
            return _done(case, message)
    return render_template("cases/action.html", case=case, form=form, action=action, title=title,
                           refusal=refusal, labels=labels), (409 if refusal and request.method == "POST" else 200)


# --- evidence --------------------------------------------------------------------------------------


@bp.route("/<int:case_id>/evidence", methods=["GET", "POST"])
@login_required
def upload(case_id: int):
    case = get_case(case_id, "case.edit")
    form = forms.EvidenceForm()
    refusal = states.refusal(case.status, "add_evidence")
    if request.method == "POST" and refusal is None and form.validate():
        file = form.file.data
        data = file.read(evidence_ops.max_bytes() + 1) if file else b""
        try:
            evidence_ops.add_evidence(current_user, case, data=data, filename=getattr(file, "filename", "") or "",
                                      description=form.description.data or "")
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            return _done(case, _("证据已上传。"))
    return render_template("cases/evidence_form.html", case=case, form=form, refusal=refusal,
                           max_mb=evidence_ops.max_bytes() // (1024 * 1024)), (
        422 if form.errors else 200)


def _evidence(case_id: int, evidence_id: int) -> Evidence:
    case = get_case(case_id)
    item = db.session.get(Evidence, evidence_id)
    if item is None or item.case_id != case.id:
        abort(404)
    return item


@bp.get("/<int:case_id>/evidence/<int:evidence_id>")
@login_required
def download(case_id: int, evidence_id: int):
    item = _evidence(case_id, evidence_id)
    path = evidence_ops.evidence_path(item)
    if not path.exists():
        abort(404)
    response = send_file(path, mimetype=item.content_type, as_attachment=True, download_name=item.filename,
                         max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/<int:case_id>/evidence/<int:evidence_id>/thumb")
@login_required
def thumbnail(case_id: int, evidence_id: int):
    item = _evidence(case_id, evidence_id)
    path = evidence_ops.evidence_path(item, thumbnail=True)
    if not item.has_thumbnail or not path.exists():
        abort(404)
    response = send_file(path, mimetype="image/jpeg", max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- parties' personal data ----------------------------------------------------------------------


@bp.post("/<int:case_id>/parties/<int:party_id>/reveal")
@login_required
def reveal(case_id: int, party_id: int):
    case = get_case(case_id)
    party = db.session.get(CaseParty, party_id)
    if party is None or party.case_id != case.id:
        abort(404)
    field = request.form.get("field", "")
    who = party.agent if request.form.get("agent") == "1" and party.agent else party.person
    try:
        value = reveal_person(current_user, who, field)
    except ValidationFailed:
        abort(400)
    db.session.commit()
    return show(case_id, revealed={(who.id, field): value})
