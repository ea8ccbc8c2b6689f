"""Meeting pages: schedule, attendance with live quorum, motions and votes, close."""

from __future__ import annotations

from datetime import UTC

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from mediation.db import today
from mediation.deliberations import rules
from mediation.deliberations.bp import bp, get_item, get_meeting, get_motion
from mediation.deliberations.documents import minutes_document
from mediation.deliberations.forms import (
    CsrfForm,
    MeetingForm,
    MinutesForm,
    MotionForm,
    SignatureForm,
    TallyForm,
)
from mediation.deliberations.models import Body
from mediation.deliberations.operations import meetings as ops
from mediation.deliberations.operations import votes as vote_ops
from mediation.deliberations.queries import bodies_for_item
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.web import LOCAL_TZ


@bp.route("/<int:item_id>/meetings/new", methods=["GET", "POST"])
@login_required
def new_meeting(item_id: int):
    item = get_item(item_id, "deliberation.edit")
    form = MeetingForm()
    bodies = bodies_for_item(item)
    form.body_id.choices = choices([("", _l("请选择"))] + [(b.id, f"{b.name}（{len(b.active_members)}人）")
                                                          for b in bodies])
    if request.method == "GET":
        form.notice_on.data = today()
    if form.validate_on_submit():
        held = form.held_at.data.replace(tzinfo=LOCAL_TZ).astimezone(UTC)
        data = ops.MeetingData(body=db.session.get(Body, form.body_id.data), held_at=held, place=form.place.data,
                               host=form.host.data, recorder=form.recorder.data, notice_on=form.notice_on.data)
        try:
            meeting = ops.schedule_meeting(current_user, item, data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except OperationError as exc:
            flash(exc.message, "error")
        else:
            db.session.commit()
            if meeting.notice_warning:
                flash(meeting.notice_warning, "warning")
            flash(_("会议已登记，请记录出席情况。"), "success")
            return redirect(url_for("deliberations.meeting", meeting_id=meeting.id))
    return render_template("deliberations/meeting_form.html", form=form, item=item, bodies=bodies)


def _meeting_page(meeting, motion_form=None, tally_forms=None, minutes_form=None, errors=None, status=200):
    quorum = ops.live_quorum(meeting)
    minutes_form = minutes_form or MinutesForm(formdata=None)
    if meeting.minutes and not minutes_form.body.data:
        minutes_form.body.data = meeting.minutes.body_html
    return render_template(
        "deliberations/meeting.html", meeting=meeting, item=meeting.deliberation, quorum=quorum,
        quorum_rule=rules.quorum_text(meeting.body.rules), decision_rule=rules.decision_text(meeting.body.rules),
        counts=ops.attendance_counts(meeting), motion_form=motion_form or MotionForm(formdata=None),
        tally_forms=tally_forms or {}, minutes_form=minutes_form, signature_form=SignatureForm(formdata=None),
        csrf_form=CsrfForm(), errors=errors or {}, minutes_doc=minutes_document(meeting),
        attendance=sorted(meeting.attendance, key=lambda a: (a.member.person.name, a.member_id)),
    ), status


@bp.get("/meetings/<int:meeting_id>")
@login_required
def meeting(meeting_id: int):
    return _meeting_page(get_meeting(meeting_id))


@bp.post("/meetings/<int:meeting_id>/attendance")
@login_required
def attendance(meeting_id: int):
    meeting = get_meeting(meeting_id, "deliberation.edit")
    if not CsrfForm().validate_on_submit():
        return redirect(url_for("deliberations.meeting", meeting_id=meeting.id))
    changes = {}
    for a in meeting.attendance:
        status = request.form.get(f"status-{a.member_id}")
        if status is not None:
            changes[a.member_id] = (status, request.form.get(f"proxy-{a.member_id}", ""))
    try:
        ops.set_attendance(current_user, meeting, changes)
    except ValidationFailed as exc:
        db.session.rollback()
        return _meeting_page(meeting, errors=exc.errors, status=422)
    db.session.commit()
    q = ops.live_quorum(meeting)
    flash(_("出席情况已保存：出席 %(p)d / %(e)d 人，%(state)s。", p=q.present, e=q.eligible,
            state=_("已达到法定人数") if q.met else _("未达到法定人数")), "success" if q.met else "warning")
    return redirect(url_for("deliberations.meeting", meeting_id=meeting.id) + "#attendance")


@bp.post("/meetings/<int:meeting_id>/motions")
@login_required
def open_motion(meeting_id: int):
    meeting = get_meeting(meeting_id, "deliberation.edit")
    form = MotionForm()
    if form.validate_on_submit():
        try:
            vote_ops.open_motion(current_user, meeting, form.text.data, form.method.data, form.is_decisive.data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except OperationError as exc:
            flash(exc.message, "error")
            return redirect(url_for("deliberations.meeting", meeting_id=meeting.id))
        else:
            db.session.commit()
            flash(_("表决事项已提出。"), "success")
            return redirect(url_for("deliberations.meeting", meeting_id=meeting.id) + "#motions")
    return _meeting_page(meeting, motion_form=form, status=422)


@bp.post("/motions/<int:motion_id>/votes")
@login_required
def cast_votes(motion_id: int):
    motion = get_motion(motion_id)
    if not CsrfForm().validate_on_submit():
        return redirect(url_for("deliberations.meeting", meeting_id=motion.meeting_id))
    choices_ = {}
    for a in motion.meeting.attendance:
        value = request.form.get(f"vote-{a.member_id}")
        if value:
            choices_[a.member_id] = value
    try:
        vote_ops.cast_votes(current_user, motion, choices_)
    except ValidationFailed as exc:
        db.session.rollback()
        return _meeting_page(motion.meeting, errors=exc.errors, status=422)
    except OperationError as exc:
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("已记录 %(n)d 人的表决意见。", n=len(choices_)), "success")
    return redirect(url_for("deliberations.meeting", meeting_id=motion.meeting_id) + f"#motion-{motion.id}")


@bp.post("/motions/<int:motion_id>/close")
@login_required
def close_motion(motion_id: int):
    motion = get_motion(motion_id)
    tally = None
    if motion.method != "roll_call":
        form = TallyForm(prefix=f"m{motion.id}")
        if not form.validate_on_submit():
            return _meeting_page(motion.meeting, tally_forms={motion.id: form}, status=422)
        tally = vote_ops.Tally(form.yes.data, form.no.data, form.abstain.data, form.invalid.data or 0)
    elif not CsrfForm().validate_on_submit():
        return redirect(url_for("deliberations.meeting", meeting_id=motion.meeting_id))
    try:
        outcome = vote_ops.close_motion(current_user, motion, tally)
    except ValidationFailed as exc:
        db.session.rollback()
        if tally is not None:
            apply_errors(form, exc)
            return _meeting_page(motion.meeting, tally_forms={motion.id: form}, status=422)
        flash(exc.message, "error")
    except OperationError as exc:
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("表决结果：%(o)s。", o=_("通过") if outcome == "passed" else _("未通过")), "success")
    return redirect(url_for("deliberations.meeting", meeting_id=motion.meeting_id) + f"#motion-{motion.id}")


@bp.post("/meetings/<int:meeting_id>/close")
@login_required
def close_meeting(meeting_id: int):
    meeting = get_meeting(meeting_id, "deliberation.edit")
    if CsrfForm().validate_on_submit():
        try:
            outcome = ops.close_meeting(current_user, meeting)
        except OperationError as exc:
            flash(exc.message, "error")
        else:
            db.session.commit()
            messages = {"passed": _("会议已结束，本阶段通过。"), "rejected": _("会议已结束，表决未通过。"),
                        "no_quorum": _("会议已结束：未达到法定人数，未作决定。")}
            flash(messages[outcome], "success" if outcome == "passed" else "warning")
    return redirect(url_for("deliberations.meeting", meeting_id=meeting.id))
