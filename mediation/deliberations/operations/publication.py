"""Publication of the decision and of the result, public feedback, implementation milestones and photos."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

from mediation import audit
from mediation.db import today, utcnow
from mediation.deliberations import procedures
from mediation.deliberations.models import Deliberation
from mediation.deliberations.operations.items import require_active
from mediation.deliberations.publication_models import DeliberationFile, Feedback, Milestone, Publication
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import require

DEFAULT_DISPLAY_DAYS = 7
MAX_PHOTO_BYTES = 8 * 1024 * 1024


def publish(actor, item: Deliberation, kind: str, content: str, display_days: int = DEFAULT_DISPLAY_DAYS,
            display_from: date | None = None) -> Publication:
    """决议公开 (after the deciding meeting passed) or 实施结果公开 (after implementation)."""
    require(actor, "deliberation.edit", item)
    require_active(item)
    allowed = {"decision": ("decision_publication",), "result": ("implementation", "result_publication")}
    if kind not in allowed:
        raise ValidationFailed({"kind": [_("请选择公开类型")]})
    if item.stage not in allowed[kind]:
        raise OperationError(_("当前阶段（%(stage)s）不能进行此项公开", stage=item.stage_obj.label))
    errors = {}
    if not content.strip():
        errors["content"] = [_("请填写公开内容")]
    if not (1 <= display_days <= 90):
        errors["display_days"] = [_("公示期应在 1 至 90 天之间")]
    if errors:
        raise ValidationFailed(errors)
    start = display_from or today()
    pub = Publication(deliberation=item, kind=kind, content=content.strip(), display_from=start,
                      display_until=start + timedelta(days=display_days - 1), published_at=utcnow(),
                      published_by_id=getattr(actor, "id", None))
    db.session.add(pub)
    if kind == "decision":
        item.decision_text = content.strip()
        item.published_at = item.published_at or pub.published_at
        item.stage = "implementation"
    else:
        item.stage, item.status = "done", "completed"
    db.session.flush()
    audit.record("deliberation.publish", item, actor=actor, kind=kind, display_from=start,
                 display_until=pub.display_until)
    return pub


def submit_feedback(publication: Publication, kind: str, text: str) -> Feedback:
    """A villager's question or objection through the public page; only during the display period."""
    errors = {}
    if kind not in ("question", "objection"):
        errors["kind"] = [_("请选择询问或异议")]
    text = (text or "").strip()
    if len(text) < 5:
        errors["text"] = [_("请至少写 5 个字")]
    elif len(text) > 1000:
        errors["text"] = [_("请不要超过 1000 字")]
    if errors:
        raise ValidationFailed(errors)
    if not publication.is_open_on(today()):
        raise OperationError(_("公示期已结束，不再受理询问或异议"))
    fb = Feedback(publication=publication, kind=kind, text=text, submitted_at=utcnow())
    db.session.add(fb)
    db.session.flush()
    audit.record("feedback.submit", fb, actor=None, publication_id=publication.id, kind=kind)
    return fb


def answer_feedback(actor, fb: Feedback, answer: str, publish_answer: bool) -> None:
    require(actor, "deliberation.edit", fb.publication.deliberation)
    if not answer.strip():
        raise ValidationFailed({"answer": [_("请填写答复")]})
    fb.answer, fb.is_published = answer.strip(), publish_answer
    fb.answered_at, fb.answered_by_id = utcnow(), getattr(actor, "id", None)
    db.session.flush()
    audit.record("feedback.answer", fb, actor=actor, published=publish_answer)


@dataclass
class MilestoneData:
    title: str
    planned_on: date | None = None
    done_on: date | None = None
    progress: int = 0
    spend_cents: int = 0
    note: str = ""


def _validate_milestone(item: Deliberation, data: MilestoneData) -> None:
    if procedures.stage_index(item.procedure, item.stage) < procedures.stage_index(item.procedure, "implementation"):
        raise OperationError(_("决议公开后才能登记实施进度"))
    errors = {}
    if not data.title.strip():
        errors["title"] = [_("请填写节点名称")]
    if not (0 <= data.progress <= 100):
        errors["progress"] = [_("进度应在 0 至 100 之间")]
    if data.spend_cents < 0:
        errors["spend"] = [_("金额不能为负数")]
    if data.done_on and data.done_on > today():
        errors["done_on"] = [_("完成日期不能晚于今天")]
    if errors:
        raise ValidationFailed(errors)


def save_milestone(actor, item: Deliberation, data: MilestoneData, milestone: Milestone | None = None) -> Milestone:
    require(actor, "deliberation.edit", item)
    _validate_milestone(item, data)
    if milestone is None:
        milestone = Milestone(deliberation_id=item.id)
        db.session.add(milestone)
    elif milestone.deliberation_id != item.id:
        raise OperationError(_("节点不属于该事项"))
    milestone.title, milestone.planned_on, milestone.done_on = data.title.strip(), data.planned_on, data.done_on
    milestone.progress, milestone.spend_cents, milestone.note = data.progress, data.spend_cents, data.note.strip()
    db.session.flush()
    audit.record("milestone.save", item, actor=actor, milestone_id=milestone.id, progress=data.progress,
                 spend_cents=data.spend_cents)
    return milestone


def add_photo(actor, milestone: Milestone, filename: str, data: bytes) -> DeliberationFile:
    """A progress photo, re-encoded as JPEG so camera metadata (GPS position, device) is dropped."""
    item = db.session.get(Deliberation, milestone.deliberation_id)
    require(actor, "deliberation.edit", item)
    if not data or len(data) > MAX_PHOTO_BYTES:
        raise ValidationFailed({"photo": [_("请上传不超过 8 MB 的照片")]})
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img = ImageOps.exif_transpose(img).convert("RGB")
            img.thumbnail((1600, 1600))
            out = io.BytesIO()
            img.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationFailed({"photo": [_("无法识别的图片，请上传 JPG 或 PNG 照片")]}) from None
    stem = (filename or "photo").rsplit(".", 1)[0][:150] or "photo"
    f = DeliberationFile(deliberation_id=item.id, milestone_id=milestone.id, filename=stem + ".jpg",
                         content_type="image/jpeg", size=out.tell(), data=out.getvalue(),
                         uploaded_by_id=getattr(actor, "id", None), created_at=utcnow())
    db.session.add(f)
    db.session.flush()
    audit.record("milestone.photo", item, actor=actor, milestone_id=milestone.id, file_id=f.id)
    return f


def progress_of(item: Deliberation) -> tuple[int, int]:
    """(average progress %, total spend in cents) over the item's milestones."""
    rows = db.session.scalars(db.select(Milestone).where(Milestone.deliberation_id == item.id)).all()
    if not rows:
        return 0, 0
    return sum(m.progress for m in rows) // len(rows), sum(m.spend_cents for m in rows)
