"""Minutes: every save is a new revision; approval locks them; later changes are corrections with a reason."""

from __future__ import annotations

import io

from flask_babel import gettext as _

from mediation import audit
from mediation.db import utcnow
from mediation.deliberations.models import Meeting, MeetingSignature, MinutesRevision
from mediation.deliberations.sanitize import clean_minutes
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import require

MAX_SIGNATURE_BYTES = 512 * 1024


def save_minutes(actor, meeting: Meeting, html: str, reason: str = "") -> MinutesRevision:
    require(actor, "deliberation.edit", meeting.deliberation)
    body = clean_minutes(html)
    if not body:
        raise ValidationFailed({"body": [_("请填写会议纪要")]})
    locked = meeting.minutes_locked_at is not None
    if locked and not reason.strip():
        raise ValidationFailed({"reason": [_("纪要已审定锁定，更正须填写理由")]})
    current = meeting.minutes
    if current is not None and current.body_html == body:
        raise ValidationFailed({"body": [_("纪要内容没有变化")]})
    revision = MinutesRevision(meeting_id=meeting.id, number=(current.number + 1 if current else 1),
                               body_html=body, reason=reason.strip(), is_correction=locked,
                               created_by_id=getattr(actor, "id", None), created_at=utcnow())
    db.session.add(revision)
    db.session.flush()
    db.session.expire(meeting, ["revisions"])
    audit.record("minutes.correct" if locked else "minutes.save", meeting, actor=actor, revision=revision.number)
    return revision


def lock_minutes(actor, meeting: Meeting) -> None:
    """Approve and lock the minutes of a closed meeting."""
    require(actor, "deliberation.edit", meeting.deliberation)
    if meeting.status != "closed":
        raise OperationError(_("会议结束后才能审定纪要"))
    if meeting.minutes is None:
        raise OperationError(_("还没有会议纪要"))
    if meeting.minutes_locked_at is not None:
        raise OperationError(_("纪要已审定锁定"))
    meeting.minutes_locked_at, meeting.minutes_locked_by_id = utcnow(), getattr(actor, "id", None)
    db.session.flush()
    audit.record("minutes.lock", meeting, actor=actor, revision=meeting.minutes.number)


def sign_minutes(actor, meeting: Meeting, role: str, png: bytes) -> MeetingSignature:
    """The host's or recorder's drawn signature (PNG from the signature pad) on the current revision."""
    require(actor, "deliberation.edit", meeting.deliberation)
    if role not in ("host", "recorder"):
        raise ValidationFailed({"role": [_("请选择签名人")]})
    if meeting.minutes is None:
        raise OperationError(_("还没有会议纪要"))
    if not png or len(png) > MAX_SIGNATURE_BYTES or not png.startswith(b"\x89PNG"):
        raise ValidationFailed({"signature": [_("请在签名框内签名")]})
    from PIL import Image

    try:
        with Image.open(io.BytesIO(png)) as img:
            img.verify()
    except Exception:  # noqa: BLE001 — any decoding failure means the upload is not a PNG
        raise ValidationFailed({"signature": [_("签名图片无效")]}) from None
    signature = MeetingSignature(meeting_id=meeting.id, role=role,
                                 signer_name=meeting.host if role == "host" else meeting.recorder,
                                 image=png, revision_number=meeting.minutes.number, signed_at=utcnow())
    db.session.add(signature)
    db.session.flush()
    db.session.expire(meeting, ["signatures"])
    audit.record("minutes.sign", meeting, actor=actor, role=role, revision=signature.revision_number)
    return signature
