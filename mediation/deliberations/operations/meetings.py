"""Meetings: scheduling with the notice check, attendance, live quorum, closing with the stage result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from mediation import audit
from mediation.db import utcnow
from mediation.deliberations import procedures, rules
from mediation.deliberations.models import ATTENDANCE, Attendance, Body, Deliberation, Meeting
from mediation.deliberations.operations.bodies import village_of
from mediation.deliberations.operations.items import require_active
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import require
from mediation.web import LOCAL_TZ


@dataclass
class MeetingData:
    body: Body | None
    held_at: datetime | None
    place: str = ""
    host: str = ""
    recorder: str = ""
    notice_on: object = None  # date


def schedule_meeting(actor, item: Deliberation, data: MeetingData) -> Meeting:
    require(actor, "deliberation.edit", item)
    require_active(item)
    stage = item.stage_obj
    if stage.kind != "meeting":
        raise OperationError(_("当前阶段（%(stage)s）不是会议阶段", stage=stage.label))
    if any(m.status == "open" for m in item.meetings):
        raise OperationError(_("本事项已有一次会议正在进行，请先结束该会议"))
    errors: dict[str, list[str]] = {}
    body = data.body
    if body is None or body.kind not in stage.bodies or village_of(body.area) != village_of(item.area):
        allowed = "、".join(str(rules.BODY_LABELS[k]) for k in stage.bodies)
        errors["body_id"] = [_("本阶段应由本村的%(bodies)s召开", bodies=allowed)]
    elif not body.active_members:
        errors["body_id"] = [_("该机构名册为空，请先维护名册")]
    if data.held_at is None:
        errors["held_at"] = [_("请填写会议时间")]
    if not data.host.strip():
        errors["host"] = [_("请填写主持人")]
    if not data.recorder.strip():
        errors["recorder"] = [_("请填写记录人")]
    warning = ""
    if not errors and body.notice_days > 0:
        held_day = data.held_at.astimezone(LOCAL_TZ).date()
        short = data.notice_on is None or (held_day - data.notice_on).days < body.notice_days
        if data.notice_on is not None and data.notice_on > held_day:
            errors["notice_on"] = [_("通知日期不能晚于会议日期")]
        elif short:
            message = _("%(body)s应至少提前 %(n)d 天通知（会议日 %(day)s）", body=body.kind_label,
                        n=body.notice_days, day=held_day.isoformat())
            if body.notice_enforcement == "refuse":
                errors["notice_on"] = [message]
            else:
                warning = message
    if errors:
        raise ValidationFailed(errors)
    meeting = Meeting(deliberation=item, stage=item.stage, body=body, held_at=data.held_at,
                      place=data.place.strip(), host=data.host.strip(), recorder=data.recorder.strip(),
                      notice_on=data.notice_on, notice_warning=warning,
                      quorum_rule=rules.quorum_text(body.rules))
    db.session.add(meeting)
    for member in body.active_members:
        db.session.add(Attendance(meeting=meeting, member=member, status="absent"))
    db.session.flush()
    audit.record("meeting.schedule", meeting, actor=actor, deliberation_id=item.id, body_id=body.id,
                 stage=item.stage, notice_warning=bool(warning))
    return meeting


def require_open(meeting: Meeting) -> None:
    if meeting.status != "open":
        raise OperationError(_("会议已结束，不能再更改"))


def counts_present(meeting: Meeting, a: Attendance) -> bool:
    return a.status in ("present", "late") or (a.status == "proxy" and meeting.body.proxies_allowed)


def attendance_counts(meeting: Meeting) -> dict[str, tuple[int, int]]:
    """(present, eligible) per base: all members, members aged 18+, household representatives."""
    day = meeting.held_at.astimezone(LOCAL_TZ).date()
    out = {"members": [0, 0], "adults": [0, 0], "households": [0, 0]}
    for a in meeting.attendance:
        if not a.member.is_active and a.status == "absent":
            continue
        here = counts_present(meeting, a)
        bases = ["members"]
        if a.member.is_adult_on(day):
            bases.append("adults")
        if a.member.is_household_rep:
            bases.append("households")
        for b in bases:
            out[b][1] += 1
            out[b][0] += here
    return {k: (v[0], v[1]) for k, v in out.items()}


def live_quorum(meeting: Meeting) -> rules.QuorumResult:
    return rules.quorum(meeting.body.rules, attendance_counts(meeting))


def require_quorum(meeting: Meeting) -> rules.QuorumResult:
    q = live_quorum(meeting)
    if not q.met:
        raise OperationError(_("未达到法定人数（%(rule)s；现出席 %(p)d / %(e)d 人，至少需 %(n)d 人），不能表决",
                               rule=rules.quorum_text(meeting.body.rules), p=q.present, e=q.eligible, n=q.needed))
    return q


def set_attendance(actor, meeting: Meeting, changes: dict[int, tuple[str, str]]) -> None:
    """changes maps member id → (status, proxy name)."""
    require(actor, "deliberation.edit", meeting.deliberation)
    require_open(meeting)
    rows = {a.member_id: a for a in meeting.attendance}
    errors: dict[str, list[str]] = {}
    for member_id, (status, proxy_name) in changes.items():
        a = rows.get(member_id)
        if a is None:
            raise ValidationFailed({"attendance": [_("名册中没有该成员")]})
        if status not in ATTENDANCE:
            errors[f"status-{member_id}"] = [_("请选择出席情况")]
        elif status == "proxy" and not meeting.body.proxies_allowed:
            errors[f"status-{member_id}"] = [_("本机构的规则不允许委托出席")]
        elif status == "proxy" and not proxy_name.strip():
            errors[f"status-{member_id}"] = [_("委托出席请填写受托人")]
    if errors:
        raise ValidationFailed(errors)
    changed = 0
    for member_id, (status, proxy_name) in changes.items():
        a = rows[member_id]
        name = proxy_name.strip() if status == "proxy" else ""
        if (a.status, a.proxy_name) == (status, name):
            continue
        if status == "late" and a.status != "late":
            a.arrived_at = utcnow()
        elif status != "late":
            a.arrived_at = None
        a.status, a.proxy_name = status, name
        changed += 1
    db.session.flush()
    q = live_quorum(meeting)
    audit.record("meeting.attendance", meeting, actor=actor, changed=changed, present=q.present,
                 eligible=q.eligible, quorum=q.met)


def close_meeting(actor, meeting: Meeting) -> str:
    """End the meeting; its decisive motion decides the stage. Returns the outcome."""
    item = meeting.deliberation
    require(actor, "deliberation.edit", item)
    require_open(meeting)
    if any(m.status == "open" for m in meeting.motions):
        raise OperationError(_("还有未结束的表决"))
    q = live_quorum(meeting)
    decisive = [m for m in meeting.motions if m.is_decisive]
    if not q.met and not decisive:
        outcome = "no_quorum"
    elif not decisive:
        raise OperationError(_("已达到法定人数，请先对议题进行表决再结束会议"))
    else:
        outcome = "passed" if all(m.outcome == "passed" for m in decisive) else "rejected"
    meeting.status, meeting.outcome, meeting.closed_at = "closed", outcome, utcnow()
    meeting.present_count, meeting.eligible_count = q.present, q.eligible
    if outcome == "passed" and item.stage == meeting.stage:
        item.stage = procedures.next_stage(item.procedure, item.stage).key
        if not item.decision_text:
            item.decision_text = decisive[-1].text
    db.session.flush()
    audit.record("meeting.close", meeting, actor=actor, outcome=outcome, present=q.present, eligible=q.eligible,
                 stage=meeting.stage, next_stage=item.stage)
    return outcome
