"""Person operations: create and edit with validated ID numbers and phones, audited reveals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from mediation import audit
from mediation.areas.models import Area
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.people.models import SEXES, Person
from mediation.permissions import in_area_scope, require
from mediation.personal_data import (
    birth_date_from_id,
    id_number_error,
    normalize_id_number,
    normalize_phone,
    phone_error,
    sex_from_id,
)


@dataclass
class PersonData:
    name: str
    sex: str = ""
    ethnicity: str = "汉族"
    birth_date: date | None = None
    occupation: str = ""
    id_number: str = ""
    phone: str = ""
    address: str = ""
    area: Area | None = None
    is_organisation: bool = False
    legal_representative: str = ""


def validate_person(data: PersonData, existing: Person | None = None, prefix: str = "") -> dict[str, list[str]]:
    """Field errors for `data`; `prefix` namespaces field names (e.g. "parties-0-") in nested forms."""
    errors: dict[str, list[str]] = {}

    def err(field, message):
        errors.setdefault(prefix + field, []).append(message)

    if not data.name.strip():
        err("name", _("请填写姓名或名称"))
    if data.id_number:
        if message := id_number_error(data.id_number):
            err("id_number", message)
        else:
            number = normalize_id_number(data.id_number)
            other = db.session.scalar(select(Person.id).where(Person.id_number == number))
            if other is not None and (existing is None or other != existing.id):
                err("id_number", _("该身份证号码已登记，请在已有人员中选择"))
            if data.birth_date and data.birth_date != birth_date_from_id(number):
                err("birth_date", _("出生日期与身份证号码不一致"))
    if data.phone and (message := phone_error(data.phone)):
        err("phone", message)
    if data.sex and data.sex not in SEXES:
        err("sex", _("请选择性别"))
    if data.is_organisation and not data.legal_representative.strip():
        err("legal_representative", _("单位当事人请填写法定代表人"))
    return errors


def _apply(person: Person, data: PersonData) -> None:
    person.name = data.name.strip()
    person.is_organisation = data.is_organisation
    person.legal_representative = data.legal_representative.strip()
    person.id_number = normalize_id_number(data.id_number) or None
    person.phone = normalize_phone(data.phone)
    person.birth_date = data.birth_date or (birth_date_from_id(person.id_number) if person.id_number else None)
    person.sex = data.sex or (sex_from_id(person.id_number) if person.id_number else "")
    person.ethnicity = data.ethnicity.strip()
    person.occupation = data.occupation.strip()
    person.address = data.address.strip()
    person.area = data.area


def create_person(actor, data: PersonData) -> Person:
    if actor is not None:
        require(actor, "person.create")
        if data.area is not None and not in_area_scope(actor, data.area):
            raise ValidationFailed({"area_id": [_("所选区划不在您的工作范围内")]})
    if errors := validate_person(data):
        raise ValidationFailed(errors)
    person = Person()
    _apply(person, data)
    db.session.add(person)
    db.session.flush()
    audit.record("person.create", person, actor=actor, fields=_filled_fields(person))
    return person


def update_person(actor, person: Person, data: PersonData) -> None:
    require(actor, "person.edit", person)
    if data.area is not None and not in_area_scope(actor, data.area):
        raise ValidationFailed({"area_id": [_("所选区划不在您的工作范围内")]})
    if errors := validate_person(data, existing=person):
        raise ValidationFailed(errors)
    before = _snapshot(person)
    _apply(person, data)
    db.session.flush()
    after = _snapshot(person)
    # Field names only: the audit log must not become a second copy of personal data.
    changed = sorted(k for k in after if after[k] != before[k])
    audit.record("person.update", person, actor=actor, changed=changed)


def reveal_person(actor, person: Person, field: str) -> str:
    """Return the full ID number or phone, recording who looked (the audit keeps no value)."""
    require(actor, "person.reveal", person)
    if field not in ("id_number", "phone"):
        raise ValidationFailed({"field": [_("无效的字段")]})
    audit.record("person.reveal", person, actor=actor, field=field)
    return getattr(person, field) or ""


def _snapshot(p: Person) -> dict:
    return {k: getattr(p, k) for k in ("name", "sex", "ethnicity", "birth_date", "occupation", "id_number",
                                       "phone", "address", "area_id", "is_organisation",
                                       "legal_representative")}


def _filled_fields(p: Person) -> list[str]:
    return sorted(k for k, v in _snapshot(p).items() if v not in (None, "", False))
