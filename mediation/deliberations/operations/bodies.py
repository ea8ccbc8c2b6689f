"""Bodies, their rules and their rosters."""

from __future__ import annotations

from dataclasses import asdict

from flask_babel import gettext as _
from sqlalchemy import select

from mediation import audit
from mediation.areas.models import Area
from mediation.deliberations.models import MEMBER_ROLES, Body, BodyMember
from mediation.deliberations.rules import (
    BASES,
    DECISION_BASES,
    DEFAULTS,
    NOTICE_ENFORCEMENT,
    BodyKind,
    RuleSet,
)
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.people.models import Person
from mediation.permissions import in_area_scope, require


def village_of(area: Area | None) -> Area | None:
    """The village (村/社区) an area belongs to, or None above village level."""
    if area is None:
        return None
    if area.kind == "village":
        return area
    return next((a for a in reversed(area.ancestors()) if a.kind == "village"), None)


def create_body(actor, area: Area, kind: str, name: str = "") -> Body:
    require(actor, "deliberation.create")
    if actor is not None and not in_area_scope(actor, area):
        raise ValidationFailed({"area_id": [_("所选区划不在您的工作范围内")]})
    if kind not in DEFAULTS:
        raise ValidationFailed({"kind": [_("请选择机构类型")]})
    if area.kind not in ("village", "grid", "microgrid"):
        raise ValidationFailed({"area_id": [_("议事机构应设在村（社区）或网格")]})
    body = Body(area=area, kind=kind, name=name.strip() or f"{area.name}{BodyKind(kind).label}")
    body.apply_rules(DEFAULTS[kind])
    db.session.add(body)
    db.session.flush()
    audit.record("body.create", body, actor=actor, kind=kind, area_id=area.id)
    return body


def _rule_errors(r: RuleSet) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, frac in (("quorum", r.quorum), ("decision", r.decision), ("alt", r.alt_quorum)):
        if frac is not None and not (0 < frac.num <= frac.den <= 100):
            errors.setdefault(f"{name}_num", []).append(_("比例应在 0 与 1 之间，例如 2/3"))
    if r.quorum_base not in BASES or (r.alt_base and r.alt_base not in BASES):
        errors.setdefault("quorum_base", []).append(_("请选择计算基数"))
    if r.decision_base not in DECISION_BASES:
        errors.setdefault("decision_base", []).append(_("请选择计算基数"))
    if r.notice_enforcement not in NOTICE_ENFORCEMENT:
        errors.setdefault("notice_enforcement", []).append(_("请选择"))
    if not (0 <= r.notice_days <= 60):
        errors.setdefault("notice_days", []).append(_("通知期应在 0 至 60 天之间"))
    return errors


def update_rules(actor, body: Body, rules: RuleSet, name: str | None = None) -> None:
    """A village adapts a body's rule (e.g. a party meeting's); the old and new rule go to the audit log."""
    require(actor, "deliberation.edit", body)
    if errors := _rule_errors(rules):
        raise ValidationFailed(errors)
    before = asdict(body.rules)
    body.apply_rules(rules)
    if name is not None and name.strip():
        body.name = name.strip()
    db.session.flush()
    after = asdict(body.rules)
    audit.record("body.rules", body, actor=actor, before=before, after=after,
                 changed=sorted(k for k in after if after[k] != before[k]))


def add_member(actor, body: Body, person: Person, role: str = "村民", is_household_rep: bool = False) -> BodyMember:
    require(actor, "deliberation.edit", body)
    if role not in MEMBER_ROLES:
        raise ValidationFailed({"role": [_("请选择身份")]})
    village = village_of(body.area)
    if person.area is None or village is None or not person.area.is_within(village):
        raise ValidationFailed({"person_id": [_("该人员不属于本村（社区）")]})
    member = db.session.scalar(select(BodyMember).where(BodyMember.body_id == body.id,
                                                        BodyMember.person_id == person.id))
    if member is not None and member.is_active:
        raise ValidationFailed({"person_id": [_("该人员已在名册中")]})
    if member is None:
        member = BodyMember(body=body, person=person)
        db.session.add(member)
    member.role, member.is_household_rep, member.is_active = role, is_household_rep, True
    db.session.flush()
    audit.record("body.member_add", body, actor=actor, member_id=member.id, role=role,
                 household=is_household_rep)
    return member


def remove_member(actor, member: BodyMember) -> None:
    require(actor, "deliberation.edit", member.body)
    if not member.is_active:
        raise OperationError(_("该成员已不在名册中"))
    member.is_active = False
    db.session.flush()
    audit.record("body.member_remove", member.body, actor=actor, member_id=member.id)
