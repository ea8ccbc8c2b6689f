"""The blueprint object and the lookups every deliberation view uses (scope checked in `require`)."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, abort, flash
from flask_login import current_user

from mediation.deliberations.models import Body, BodyMember, Deliberation, Meeting, Motion
from mediation.deliberations.publication_models import Feedback, Milestone
from mediation.errors import OperationError
from mediation.extensions import db
from mediation.permissions import get_for, require

bp = Blueprint("deliberations", __name__, url_prefix="/deliberations")


def perform(fn, success: str) -> bool:
    """Run a button's operation: flash its refusal (OperationError, ValidationFailed), or commit and
    flash `success`. The caller redirects either way."""
    try:
        fn()
    except OperationError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return False
    db.session.commit()
    flash(success, "success")
    return True


def get_item(item_id: int, action: str = "deliberation.view") -> Deliberation:
    return get_for(Deliberation, item_id, action)


def get_meeting(meeting_id: int, action: str = "deliberation.view") -> Meeting:
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    require(current_user, action, meeting.deliberation)
    return meeting


def get_motion(motion_id: int, action: str = "deliberation.edit") -> Motion:
    motion = db.session.get(Motion, motion_id)
    if motion is None:
        abort(404)
    require(current_user, action, motion.meeting.deliberation)
    return motion


def get_body(body_id: int, action: str = "deliberation.view") -> Body:
    body = db.session.get(Body, body_id)
    if body is None:
        abort(404)
    require(current_user, action, body)
    return body


def get_member(member_id: int) -> BodyMember:
    member = db.session.get(BodyMember, member_id)
    if member is None:
        abort(404)
    require(current_user, "deliberation.edit", member.body)
    return member


def get_feedback(feedback_id: int) -> Feedback:
    fb = db.session.get(Feedback, feedback_id)
    if fb is None:
        abort(404)
    require(current_user, "deliberation.edit", fb.publication.deliberation)
    return fb


def get_milestone(milestone_id: int) -> Milestone:
    m = db.session.get(Milestone, milestone_id)
    if m is None:
        abort(404)
    require(current_user, "deliberation.edit", db.session.get(Deliberation, m.deliberation_id))
    return m


def to_cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


def yuan(cents: int | None) -> str:
    if cents is None:
        return ""
    return f"{cents // 100:,}.{cents % 100:02d}"
