"""Deliberation items: create, edit, and end or return an item after a failed stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from mediation import audit
from mediation.areas.models import Area
from mediation.auth.models import User
from mediation.db import today
from mediation.deliberations import procedures
from mediation.deliberations.models import Deliberation
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import in_area_scope, require


@dataclass
class ItemData:
    topic: str
    area: Area | None
    procedure: str
    description: str = ""
    micro_form: str = ""
    origin_proposer: str = ""
    origin_on: date | None = None
    origin_worker: User | None = None
    origin_note: str = ""
    budget_cents: int | None = None


def _validate(actor, data: ItemData) -> None:
    errors: dict[str, list[str]] = {}
    if not data.topic.strip():
        errors["topic"] = [_("请填写议题")]
    if data.area is None or (actor is not None and not in_area_scope(actor, data.area)):
        errors["area_id"] = [_("所选区划不在您的工作范围内")]
    elif data.area.kind not in ("village", "grid", "microgrid"):
        errors["area_id"] = [_("议事事项应属于村（社区）或网格")]
    if data.procedure not in procedures.PROCEDURES:
        errors["procedure"] = [_("请选择议事程序")]
    if data.procedure == "micro" and data.micro_form not in procedures.MICRO_FORMS:
        errors["micro_form"] = [_("请选择协商形式")]
    if data.origin_on and data.origin_on > today():
        errors["origin_on"] = [_("收集日期不能晚于今天")]
    if data.budget_cents is not None and data.budget_cents < 0:
        errors["budget"] = [_("金额不能为负数")]
    if errors:
        raise ValidationFailed(errors)


def create_item(actor, data: ItemData) -> Deliberation:
    require(actor, "deliberation.create")
    _validate(actor, data)
    item = Deliberation(stage=procedures.stages(data.procedure)[0].key, status="active",
                        created_by_id=getattr(actor, "id", None))
    _apply(item, data)
    db.session.add(item)
    db.session.flush()
    audit.record("deliberation.create", item, actor=actor, procedure=item.procedure, area_id=item.area_id)
    return item


def update_item(actor, item: Deliberation, data: ItemData) -> None:
    require(actor, "deliberation.edit", item)
    if data.procedure != item.procedure and item.meetings:
        raise ValidationFailed({"procedure": [_("已召开会议的事项不能更改议事程序")]})
    _validate(actor, data)
    before = _snapshot(item)
    _apply(item, data)
    db.session.flush()
    after = _snapshot(item)
    audit.record("deliberation.update", item, actor=actor, changed=sorted(k for k in after if after[k] != before[k]))


def _apply(item: Deliberation, data: ItemData) -> None:
    item.topic = data.topic.strip()
    item.area = data.area
    item.procedure = data.procedure
    item.description = data.description.strip()
    item.micro_form = data.micro_form if data.procedure == "micro" else ""
    item.origin_proposer = data.origin_proposer.strip()
    item.origin_on = data.origin_on
    item.origin_worker_id = data.origin_worker.id if data.origin_worker else None
    item.origin_note = data.origin_note.strip()
    item.budget_cents = data.budget_cents


def _snapshot(item: Deliberation) -> dict:
    return {k: getattr(item, k) for k in ("topic", "area_id", "procedure", "description", "micro_form",
                                          "origin_proposer", "origin_on", "origin_worker_id", "origin_note",
                                          "budget_cents")}


def require_active(item: Deliberation) -> None:
    if item.status != "active":
        raise OperationError(_("该事项已%(status)s，不能再办理", status=item.status_label))


def end_item(actor, item: Deliberation, reason: str) -> None:
    """End an item (e.g. after a failed vote or a meeting without quorum), with the reason recorded."""
    require(actor, "deliberation.edit", item)
    require_active(item)
    if not reason.strip():
        raise ValidationFailed({"reason": [_("请填写终止原因")]})
    if any(m.status == "open" for m in item.meetings):
        raise OperationError(_("请先结束正在进行的会议"))
    item.status, item.end_reason = "ended", reason.strip()
    db.session.flush()
    audit.record("deliberation.end", item, actor=actor, stage=item.stage)


def return_item(actor, item: Deliberation, reason: str) -> None:
    """Send a failed item back to the first stage (e.g. the party branch re-proposes a revised plan)."""
    require(actor, "deliberation.edit", item)
    require_active(item)
    if not reason.strip():
        raise ValidationFailed({"reason": [_("请填写退回原因")]})
    stage = item.stage_obj
    first = procedures.stages(item.procedure)[0]
    if stage.kind != "meeting" or stage.key == first.key:
        raise OperationError(_("只有未通过的会议阶段可以退回到第一阶段"))
    if any(m.status == "open" for m in item.meetings):
        raise OperationError(_("请先结束正在进行的会议"))
    previous = item.stage
    item.stage = first.key
    db.session.flush()
    audit.record("deliberation.return", item, actor=actor, from_stage=previous, to_stage=first.key,
                 reason=reason.strip())


ATTACHMENT_TYPES = {"application/pdf": b"%PDF", "image/jpeg": b"\xff\xd8", "image/png": b"\x89PNG"}
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def add_attachment(actor, item: Deliberation, filename: str, data: bytes):
    """A staff-only attachment (plan, budget, drawing): PDF, JPEG or PNG, checked by content."""
    from mediation.deliberations.publication_models import DeliberationFile

    require(actor, "deliberation.edit", item)
    kind = next((t for t, magic in ATTACHMENT_TYPES.items() if data and data.startswith(magic)), None)
    if kind is None or len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationFailed({"file": [_("请上传不超过 10 MB 的 PDF、JPG 或 PNG 文件")]})
    name = (filename or "file").replace("/", "_").replace("\\", "_")[-200:]
    f = DeliberationFile(deliberation_id=item.id, filename=name, content_type=kind, size=len(data), data=data,
                         uploaded_by_id=getattr(actor, "id", None))
    db.session.add(f)
    db.session.flush()
    audit.record("deliberation.attach", item, actor=actor, file_id=f.id, size=len(data))
    return f
