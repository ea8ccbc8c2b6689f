"""Case intake: validate everything first, then create parties, allocate the number, save.

Field names in errors match the web form and the API body: `title`, `area_id`, `parties`,
`parties-0-id_number`, … Nothing is written before all input is valid, so a refusal saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import func, select

from mediation import audit, numbering
from mediation.areas.models import Area, Institution, InstitutionKind
from mediation.cases.models import (
    CATEGORIES,
    PARTY_ROLES,
    REGISTERED,
    RISK_LEVELS,
    SOURCES,
    Case,
    CaseParty,
)
from mediation.cases.permissions import MEDIATOR_ROLES
from mediation.cases.timeline import add_event
from mediation.db import today
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.people.models import Person
from mediation.people.operations import PersonData, create_person, validate_person
from mediation.permissions import area_scope, can, in_area_scope, require
from mediation.personal_data import normalize_id_number

DUPLICATE_WINDOW_DAYS = 90
MAX_AMOUNT_FEN = 10**15


@dataclass
class PartyInput:
    role: str
    person: Person | None = None  # an existing person …
    new_person: PersonData | None = None  # … or one created on the spot
    agent: Person | None = None
    new_agent: PersonData | None = None


@dataclass
class CaseData:
    title: str
    category: str
    source: str
    area: Area | None
    description: str = ""
    occurred_on: date | None = None
    amount: str | Decimal | None = None  # yuan, as typed
    risk_level: str = "normal"
    is_violence_risk: bool = False
    parties: list[PartyInput] = field(default_factory=list)


class DuplicateSuspected(OperationError):
    """Similar cases exist; the caller shows them and asks for confirmation."""

    def __init__(self, cases: list[Case]):
        super().__init__(_("近90天内已有相同当事人和纠纷类型的案件，请核对后确认是否仍要登记。"))
        self.cases = cases


def parse_amount(value) -> int | None:
    """Yuan (str/Decimal) → fen; raises ValueError on bad input."""
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValueError from None
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValueError
    fen = int(amount * 100)
    if fen >= MAX_AMOUNT_FEN:
        raise ValueError
    return fen


def committee_for(area: Area) -> Institution | None:
    """The nearest active mediation committee whose area contains `area` (village before town)."""
    ids = [int(p) for p in area.path.strip("/").split("/") if p]
    return db.session.scalars(
        select(Institution).join(Area, Area.id == Institution.area_id)
        .where(Institution.kind == InstitutionKind.MEDIATION_COMMITTEE.value, Institution.is_active,
               Institution.area_id.in_(ids))
        .order_by(func.length(Area.path).desc(), Institution.id)
    ).first()


def format_number(committee: Institution, year: int, seq: int) -> str:
    return f"{committee.short_name}调〔{year}〕{seq:04d}号"


def rung_for(area: Area) -> str:
    return {"county": "county", "town": "town", "village": "village"}.get(area.kind, "grid")


def validate_case(actor, data: CaseData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def err(name, message):
        errors.setdefault(name, []).append(message)

    if not data.title.strip():
        err("title", _("请填写案件标题"))
    elif len(data.title.strip()) > 200:
        err("title", _("标题不能超过200字"))
    if data.category not in CATEGORIES:
        err("category", _("请选择纠纷类型"))
    if data.source not in SOURCES:
        err("source", _("请选择案件来源"))
    if data.risk_level not in RISK_LEVELS:
        err("risk_level", _("请选择风险等级"))
    if data.area is None:
        err("area_id", _("请选择纠纷发生的网格"))
    elif not in_area_scope(actor, data.area) or not data.area.is_active:
        err("area_id", _("所选网格不在您的工作范围内"))
    elif committee_for(data.area) is None:
        err("area_id", _("该网格所属村镇尚未设立人民调解委员会，无法编号"))
    if data.occurred_on and data.occurred_on > today():
        err("occurred_on", _("发生日期不能晚于今天"))
    try:
        parse_amount(data.amount)
    except ValueError:
        err("amount", _("请填写有效的金额（元，最多两位小数）"))
    _validate_parties(actor, data.parties, err)
    return errors


def _validate_parties(actor, parties: list[PartyInput], err) -> None:
    if len(parties) < 2:
        err("parties", _("至少需要两方当事人"))
    roles = [p.role for p in parties]
    if len(parties) >= 2 and ("applicant" not in roles or "respondent" not in roles):
        err("parties", _("至少需要一名申请人和一名被申请人"))
    seen_people: set[int] = set()
    seen_ids: set[str] = set()
    for i, party in enumerate(parties):
        prefix = f"parties-{i}-"
        if party.role not in PARTY_ROLES:
            err(prefix + "role", _("请选择当事人身份"))
        if party.person is not None:
            if not can(actor, "person.view", party.person):
                err(prefix + "person_id", _("找不到该人员"))
            elif party.person.id in seen_people:
                err(prefix + "person_id", _("同一人不能重复列为当事人"))
            seen_people.add(party.person.id)
        elif party.new_person is not None:
            for name, messages in validate_person(party.new_person, prefix=prefix).items():
                for m in messages:
                    err(name, m)
            number = normalize_id_number(party.new_person.id_number)
            if number and number in seen_ids:
                err(prefix + "id_number", _("同一人不能重复列为当事人"))
            if number:
                seen_ids.add(number)
        else:
            err(prefix + "name", _("请选择已有人员或填写当事人姓名"))
        if party.agent is not None and not can(actor, "person.view", party.agent):
            err(prefix + "agent_id", _("找不到该人员"))
        if party.new_agent is not None and _reusable_agent(party.new_agent) is None:
            for name, messages in validate_person(party.new_agent, prefix=prefix + "agent_").items():
                for m in messages:
                    err(name, m)


def find_duplicates(actor, category: str, person_ids: list[int], exclude_id: int | None = None) -> list[Case]:
    """Cases the actor can see, same category, last 90 days, sharing at least two (or all) parties."""
    ids = sorted(set(person_ids))
    if not ids:
        return []
    need = min(2, len(ids))
    since = today() - timedelta(days=DUPLICATE_WINDOW_DAYS)
    from datetime import UTC, datetime, time

    since_at = datetime.combine(since, time.min, tzinfo=UTC)
    shared = (select(CaseParty.case_id).where(CaseParty.person_id.in_(ids)).group_by(CaseParty.case_id)
              .having(func.count(func.distinct(CaseParty.person_id)) >= need))
    stmt = (select(Case).join(Area, Area.id == Case.area_id)
            .where(Case.id.in_(shared), Case.category == category, Case.created_at >= since_at,
                   area_scope(actor, Area.path))
            .order_by(Case.id.desc()).limit(10))
    if exclude_id:
        stmt = stmt.where(Case.id != exclude_id)
    return list(db.session.scalars(stmt))


def create_case(actor, data: CaseData, *, confirm_duplicate: bool = False, mediator=None) -> Case:
    """Register a dispute: validates, creates new parties, allocates the committee's next number."""
    require(actor, "case.create")
    if errors := validate_case(actor, data):
        raise ValidationFailed(errors)
    if not confirm_duplicate:
        existing = [p.person.id for p in data.parties if p.person is not None]
        if dupes := find_duplicates(actor, data.category, existing):
            raise DuplicateSuspected(dupes)
    mediator = mediator or (actor if actor.has_role(*MEDIATOR_ROLES) else None)
    area = data.area
    committee = committee_for(area)
    year = today().year
    # The number is allocated last, just before the insert, so the counter row is locked briefly.
    parties = []
    for party in data.parties:
        person = party.person or _create_on_spot(actor, party.new_person, area)
        agent = party.agent or (_create_on_spot(actor, party.new_agent, area, agent=True) if party.new_agent else None)
        parties.append(CaseParty(person=person, role=party.role, agent=agent))
    seq = numbering.next_number(f"case:{committee.id}", year)
    case = Case(
        number=format_number(committee, year, seq), committee=committee, year=year, seq=seq,
        title=data.title.strip(), category=data.category, source=data.source, area=area,
        occurred_on=data.occurred_on, description=(data.description or "").strip(),
        amount_fen=parse_amount(data.amount), risk_level=data.risk_level, is_violence_risk=data.is_violence_risk,
        status=REGISTERED, rung=rung_for(area), mediator=mediator, created_by=actor, parties=parties,
    )
    db.session.add(case)
    db.session.flush()
    add_event(case, actor, "create", to_status=REGISTERED)
    audit.record("case.create", case, actor=actor, number=case.number, category=case.category,
                 area_id=area.id, parties=[p.person_id for p in case.parties])
    return case


def _reusable_agent(data: PersonData) -> Person | None:
    """An agent may already be registered (a lawyer with several cases): same ID number and name."""
    number = normalize_id_number(data.id_number)
    if not number:
        return None
    existing = db.session.scalar(select(Person).where(Person.id_number == number))
    return existing if existing is not None and existing.name == data.name.strip() else None


def _create_on_spot(actor, data: PersonData, area: Area, *, agent: bool = False) -> Person:
    if agent and (existing := _reusable_agent(data)) is not None:
        return existing
    if data.area is None:
        data.area = area
    return create_person(actor, data)
