"""Minutes (revisions, lock, signatures), publication, answers to villagers, implementation milestones."""

from __future__ import annotations

import base64
import binascii

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from mediation.deliberations.bp import (
    bp,
    get_feedback,
    get_item,
    get_meeting,
    get_milestone,
    perform,
    to_cents,
)
from mediation.deliberations.documents import issue_notice_pdf
from mediation.deliberations.forms import (
    AnswerForm,
    CsrfForm,
    FileForm,
    MilestoneForm,
    MinutesForm,
    PublishForm,
    SignatureForm,
)
from mediation.deliberations.labels import PUBLICATION_LABELS
from mediation.deliberations.models import MeetingSignature
from mediation.deliberations.operations import minutes as minutes_ops
from mediation.deliberations.operations import publication as pub_ops
from mediation.deliberations.views_meetings import _meeting_page
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors


@bp.post("/meetings/<int:meeting_id>/minutes")
@login_required
def save_minutes(meeting_id: int):
    meeting = get_meeting(meeting_id, "deliberation.edit")
    form = MinutesForm()
    if form.validate_on_submit():
        try:
            rev = minutes_ops.save_minutes(current_user, meeting, form.body.data, form.reason.data or "")
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("纪要已保存为第 %(n)d 版。", n=rev.number), "success")
            return redirect(url_for("deliberations.meeting", meeting_id=meeting.id) + "#minutes")
    return _meeting_page(meeting, minutes_form=form, status=422)


@bp.post("/meetings/<int:meeting_id>/minutes/lock")
@login_required
def lock_minutes(meeting_id: int):
    meeting = get_meeting(meeting_id, "deliberation.edit")
    if CsrfForm().validate_on_submit():
        perform(lambda: minutes_ops.lock_minutes(current_user, meeting),
                _("纪要已审定并锁定；此后的更改将作为更正版本保存。"))
    return redirect(url_for("deliberations.meeting", meeting_id=meeting.id) + "#minutes")


@bp.get("/meetings/<int:meeting_id>/minutes/history")
@login_required
def minutes_history(meeting_id: int):
    meeting = get_meeting(meeting_id)
    return render_template("deliberations/minutes_history.html", meeting=meeting, item=meeting.deliberation)


@bp.post("/meetings/<int:meeting_id>/sign")
@login_required
def sign_minutes(meeting_id: int):
    meeting = get_meeting(meeting_id, "deliberation.edit")
    form = SignatureForm()
    if form.validate_on_submit():
        data = form.signature.data or ""
        try:
            png = base64.b64decode(data.split(",", 1)[1], validate=True) if data.startswith("data:image/png;base64,") \
                else b""
        except (binascii.Error, ValueError):
            png = b""
        try:
            minutes_ops.sign_minutes(current_user, meeting, form.role.data, png)
        except (ValidationFailed, OperationError) as exc:
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("签名已保存。"), "success")
    else:
        flash(_("请在签名框内签名。"), "error")
    return redirect(url_for("deliberations.meeting", meeting_id=meeting.id) + "#signatures")


@bp.get("/signatures/<int:signature_id>.png")
@login_required
def signature_image(signature_id: int):
    sig = db.session.get(MeetingSignature, signature_id)
    if sig is None:
        abort(404)
    get_meeting(sig.meeting_id)
    return Response(sig.image, mimetype="image/png")


@bp.route("/<int:item_id>/publish/<kind>", methods=["GET", "POST"])
@login_required
def publish(item_id: int, kind: str):
    item = get_item(item_id, "deliberation.edit")
    if kind not in PUBLICATION_LABELS:
        abort(404)
    form = PublishForm()
    if request.method == "GET" and kind == "decision":
        form.content.data = item.decision_text
    if form.validate_on_submit():
        try:
            pub = pub_ops.publish(current_user, item, kind, form.content.data, form.display_days.data,
                                  form.display_from.data)
            try:
                with db.session.begin_nested():
                    issue_notice_pdf(current_user, pub)
            except OperationError as exc:  # the publication stands; the notice can be made later
                flash(_("公开栏告示 PDF 未生成：%(m)s", m=exc.message), "warning")
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except OperationError as exc:
            flash(exc.message, "error")
            return redirect(url_for("deliberations.show", item_id=item.id))
        else:
            db.session.commit()
            flash(_("已公开，村民可在公开页面查看。"), "success")
            return redirect(url_for("deliberations.show", item_id=item.id))
    return render_template("deliberations/publish_form.html", form=form, item=item, kind=kind,
                           kind_label=PUBLICATION_LABELS[kind])


@bp.route("/feedback/<int:feedback_id>/answer", methods=["GET", "POST"])
@login_required
def answer(feedback_id: int):
    fb = get_feedback(feedback_id)
    form = AnswerForm(obj=fb if request.method == "GET" and fb.answer else None)
    if form.validate_on_submit():
        try:
            pub_ops.answer_feedback(current_user, fb, form.answer.data, form.publish.data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("答复已保存。"), "success")
            return redirect(url_for("deliberations.show", item_id=fb.publication.deliberation_id) + "#feedback")
    return render_template("deliberations/answer_form.html", form=form, fb=fb, item=fb.publication.deliberation)


def _milestone_data(form: MilestoneForm) -> pub_ops.MilestoneData:
    return pub_ops.MilestoneData(title=form.title.data or "", planned_on=form.planned_on.data,
                                 done_on=form.done_on.data, progress=form.progress.data or 0,
                                 spend_cents=to_cents(form.spend.data) or 0, note=form.note.data or "")


@bp.route("/<int:item_id>/milestones/new", methods=["GET", "POST"])
@bp.route("/milestones/<int:milestone_id>/edit", methods=["GET", "POST"], endpoint="edit_milestone")
@login_required
def milestone(item_id: int | None = None, milestone_id: int | None = None):
    existing = get_milestone(milestone_id) if milestone_id else None
    item = get_item(existing.deliberation_id if existing else item_id, "deliberation.edit")
    form = MilestoneForm(obj=existing)
    if existing is not None and request.method == "GET":
        form.spend.data = existing.spend_cents / 100
    if form.validate_on_submit():
        try:
            pub_ops.save_milestone(current_user, item, _milestone_data(form), existing)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except OperationError as exc:
            flash(exc.message, "error")
            return redirect(url_for("deliberations.show", item_id=item.id))
        else:
            db.session.commit()
            flash(_("实施进度已保存。"), "success")
            return redirect(url_for("deliberations.show", item_id=item.id) + "#implementation")
    return render_template("deliberations/milestone_form.html", form=form, item=item, milestone=existing,
                           file_form=FileForm(formdata=None))


@bp.post("/milestones/<int:milestone_id>/photos")
@login_required
def add_photo(milestone_id: int):
    m = get_milestone(milestone_id)
    form = FileForm()
    if form.validate_on_submit():
        upload = form.file.data
        perform(lambda: pub_ops.add_photo(current_user, m, upload.filename, upload.read()), _("照片已上传。"))
    else:
        flash(_("请选择照片。"), "error")
    return redirect(url_for("deliberations.show", item_id=m.deliberation_id) + "#implementation")


@bp.post("/meetings/<int:meeting_id>/minutes/pdf")
@login_required
def issue_minutes_pdf(meeting_id: int):
    from mediation.deliberations.documents import issue_minutes_pdf as issue

    meeting = get_meeting(meeting_id, "deliberation.edit")
    if CsrfForm().validate_on_submit():
        perform(lambda: issue(current_user, meeting), _("纪要 PDF 已生成并盖章。"))
    return redirect(url_for("deliberations.meeting", meeting_id=meeting.id) + "#minutes")


@bp.get("/meetings/<int:meeting_id>/minutes.pdf")
@login_required
def minutes_pdf(meeting_id: int):
    from mediation.deliberations.documents import minutes_document
    from mediation.documents.operations import document_bytes

    meeting = get_meeting(meeting_id)
    doc = minutes_document(meeting)
    if doc is None:
        abort(404)
    response = Response(document_bytes(doc), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f"inline; filename=minutes-{meeting.id}-v{doc.version}.pdf"
    return response
