"""Area tree and institution operations (admin only)."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import String, func, literal, select, update

from mediation import audit
from mediation.areas.models import Area, AreaKind, Institution, InstitutionKind
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import require


def _check_kind(kind: str, parent: Area | None) -> None:
    try:
        k = AreaKind(kind)
    except ValueError:
        raise ValidationFailed({"kind": [_("请选择区划类型")]}) from None
    if parent is None and k != AreaKind.COUNTY:
        raise ValidationFailed({"parent_id": [_("只有县/区可以没有上级区划")]})
    if parent is not None and k.depth <= AreaKind(parent.kind).depth:
        raise ValidationFailed({"kind": [_("%(kind)s不能设在%(parent)s之下", kind=k.label,
                                             parent=AreaKind(parent.kind).label)]})


def create_area(actor, *, code: str, name: str, kind: str, parent: Area | None) -> Area:
    if actor is not None:
        require(actor, "area.manage")
    code, name = code.strip(), name.strip()
    errors = {}
    if not name:
        errors["name"] = [_("请填写名称")]
    if not code:
        errors["code"] = [_("请填写区划代码")]
    elif db.session.scalar(select(func.count()).where(Area.code == code)):
        errors["code"] = [_("区划代码已存在")]
    if errors:
        raise ValidationFailed(errors)
    _check_kind(kind, parent)
    area = Area(code=code, name=name, kind=kind, parent=parent)
    db.session.add(area)
    db.session.flush()
    area.path = (parent.path if parent else "/") + f"{area.id}/"
    db.session.flush()
    audit.record("area.create", area, actor=actor, code=code, name=name, kind=kind)
    return area


def update_area(actor, area: Area, *, name: str, parent: Area | None) -> None:
    """Rename and/or move an area; moving rewrites the paths of the whole subtree."""
    require(actor, "area.manage", area)
    if not name.strip():
        raise ValidationFailed({"name": [_("请填写名称")]})
    before = {"name": area.name, "parent_id": area.parent_id}
    area.name = name.strip()
    if (parent.id if parent else None) != area.parent_id:
        if parent is not None and parent.path.startswith(area.path):
            raise ValidationFailed({"parent_id": [_("不能把区划移到它自己的下级之下")]})
        _check_kind(area.kind, parent)
        old_prefix = area.path
        new_prefix = (parent.path if parent else "/") + f"{area.id}/"
        area.parent = parent
        db.session.flush()
        db.session.execute(
            update(Area)
            .where(Area.path.startswith(old_prefix, autoescape=True))
            .values(path=literal(new_prefix, String).concat(func.substr(Area.path, len(old_prefix) + 1)))
            .execution_options(synchronize_session=False)
        )
        db.session.expire_all()
    db.session.flush()
    audit.record("area.update", area, actor=actor, before=before, after={"name": area.name,
                                                                          "parent_id": area.parent_id})


def set_area_active(actor, area: Area, active: bool) -> None:
    require(actor, "area.manage", area)
    if not active and any(c.is_active for c in area.children):
        raise OperationError(_("请先停用其下级区划"))
    area.is_active = active
    audit.record("area.activate" if active else "area.deactivate", area, actor=actor)


def save_institution(actor, inst: Institution | None, *, name, short_name, kind, area, address="",
                     phone="", is_active=True) -> Institution:
    if actor is not None:
        require(actor, "institution.manage", inst)
    errors = {}
    if not name.strip():
        errors["name"] = [_("请填写机构名称")]
    elif db.session.scalar(select(Institution.id).where(Institution.name == name.strip(),
                                                        Institution.id != (inst.id if inst else -1))):
        errors["name"] = [_("机构名称已存在")]
    if not short_name.strip():
        errors["short_name"] = [_("请填写文书编号用的简称")]
    if kind not in {k.value for k in InstitutionKind}:
        errors["kind"] = [_("请选择机构类型")]
    if area is None:
        errors["area_id"] = [_("请选择所在区划")]
    if errors:
        raise ValidationFailed(errors)
    created = inst is None
    if created:
        inst = Institution()
        db.session.add(inst)
    inst.name, inst.short_name, inst.kind, inst.area = name.strip(), short_name.strip(), kind, area
    inst.address, inst.phone, inst.is_active = address.strip(), phone.strip(), is_active
    db.session.flush()
    audit.record("institution.create" if created else "institution.update", inst, actor=actor,
                 name=inst.name, kind=kind, area_id=area.id, active=is_active)
    return inst
