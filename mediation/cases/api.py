"""JSON API for cases (12345 hotline and other systems): the same operations and checks as the web."""

from __future__ import annotations

from flask import abort, jsonify, request
from flask_login import current_user

from mediation.api.blueprint import api_blueprint, json_body, json_date, json_str, page_args
from mediation.areas.models import Area
from mediation.auth.models import User
from mediation.cases import labels, queries
from mediation.cases import operations as ops
from mediation.cases.intake import CaseData, DuplicateSuspected, PartyInput
from mediation.cases.models import Case
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.people.models import Person
from mediation.people.operations import PersonData
from mediation.permissions import get_for, require
from mediation.personal_data import mask_id_number, mask_phone

bp = api_blueprint("cases_api", __name__)




def _id(body, name) -> int | None:
    value = body.get(name)
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationFailed({name: ["must be an integer id"]})
    return value


def _person_data(raw, field: str) -> PersonData:
    if not isinstance(raw, dict):
        raise ValidationFailed({field: ["must be an object"]})
    return PersonData(name=json_str(raw, "name"), id_number=json_str(raw, "id_number"), phone=json_str(raw, "phone"),
                      sex=json_str(raw, "sex"), address=json_str(raw, "address"), occupation=json_str(raw, "occupation"),
                      is_organisation=bool(raw.get("is_organisation")),
                      legal_representative=json_str(raw, "legal_representative"))


def _party(raw, i: int) -> PartyInput:
    prefix = f"parties-{i}-"
    if not isinstance(raw, dict):
        raise ValidationFailed({f"parties-{i}": ["must be an object"]})
    person_id, agent_id = _id(raw, "person_id"), _id(raw, "agent_id")
    person = db.session.get(Person, person_id) if person_id else None
    agent = db.session.get(Person, agent_id) if agent_id else None
    if person_id and person is None:
        raise ValidationFailed({prefix + "person_id": ["找不到该人员"]})
    if agent_id and agent is None:
        raise ValidationFailed({prefix + "agent_id": ["找不到该人员"]})
    return PartyInput(
        role=json_str(raw, "role"), person=person,
        new_person=_person_data(raw["person"], prefix + "person") if person is None and raw.get("person") else None,
        agent=agent, new_agent=_person_data(raw["agent"], prefix + "agent") if raw.get("agent") else None)


@bp.post("/cases")
def create():
    body = json_body()
    parties = body.get("parties") or []
    if not isinstance(parties, list):
        raise ValidationFailed({"parties": ["must be a list"]})
    area_id = _id(body, "area_id")
    amount = body.get("amount")
    data = CaseData(
        title=json_str(body, "title"), category=json_str(body, "category"), source=json_str(body, "source"),
        area=db.session.get(Area, area_id) if area_id else None, description=json_str(body, "description"),
        occurred_on=json_date(body, "occurred_on"), amount=None if amount is None else str(amount),
        risk_level=json_str(body, "risk_level", "normal") or "normal", is_violence_risk=bool(body.get("is_violence_risk")),
        parties=[_party(p, i) for i, p in enumerate(parties)])
    try:
        case = ops.create_case(current_user, data, confirm_duplicate=bool(body.get("confirm_duplicate")))
    except DuplicateSuspected as exc:
        return jsonify(error=exc.message, duplicates=[brief(c) for c in exc.cases]), 409
    db.session.commit()
    return jsonify(detail(case)), 201


@bp.get("/cases")
def index():
    require(current_user, "case.create")
    f = queries.parse_filters(request.args)
    page_no, size = page_args()
    counts = queries.status_counts(current_user, f)
    page = db.paginate(queries.case_ids(current_user, f), page=page_no, per_page=size, error_out=False,
                       count=False)
    page.items = queries.load_cases(page.items)
    total = counts[f.status] if f.status else sum(counts.values())
    return jsonify(items=[brief(c) for c in page.items], page=page.page, per_page=size, total=total,
                   status_counts=counts)


def _get(case_id: int, action: str = "case.view") -> Case:
    return get_for(Case, case_id, action)


@bp.get("/cases/<int:case_id>")
def show(case_id: int):
    return jsonify(detail(_get(case_id)))


TRANSITIONS = {
    "accept": lambda c, b: ops.accept_case(current_user, c),
    "decline": lambda c, b: ops.decline_case(current_user, c, reason=json_str(b, "reason")),
    "start_mediation": lambda c, b: ops.start_mediation(current_user, c),
    "record_agreement": lambda c, b: ops.record_agreement(current_user, c, summary=json_str(b, "summary")),
    "record_failure": lambda c, b: ops.record_failure(current_user, c, advice=json_str(b, "advice")),
    "withdraw": lambda c, b: ops.withdraw_case(current_user, c, reason=json_str(b, "reason")),
    "close": lambda c, b: ops.close_case(current_user, c, remarks=json_str(b, "remarks")),
    "reopen": lambda c, b: ops.reopen_case(current_user, c, reason=json_str(b, "reason")),
    "extend_deadline": lambda c, b: ops.extend_deadline(current_user, c, new_deadline=json_date(b, "new_deadline"),
                                                        consented_by=json_str(b, "consented_by"),
                                                        reason=json_str(b, "reason")),
    "transfer": lambda c, b: ops.transfer_case(
        current_user, c, reason=json_str(b, "reason"),
        mediator=db.session.get(User, _id(b, "mediator_id")) if _id(b, "mediator_id") else None,
        area=db.session.get(Area, _id(b, "area_id")) if _id(b, "area_id") else None),
}


@bp.post("/cases/<int:case_id>/transitions/<action>")
def transition(case_id: int, action: str):
    case = _get(case_id)
    if action not in TRANSITIONS:
        abort(404)
    body = request.get_json(silent=True) or {}
    if not isinstance(body, dict):
        raise ValidationFailed({"body": ["expected a JSON object"]})
    TRANSITIONS[action](case, body)
    db.session.commit()
    return jsonify(detail(case))


@bp.post("/cases/<int:case_id>/sessions")
def add_session(case_id: int):
    case = _get(case_id)
    body = json_body()
    session = ops.record_session(current_user, case, held_on=json_date(body, "held_on"), place=json_str(body, "place"),
                                 participants=json_str(body, "participants"), record=json_str(body, "record"),
                                 outcome=json_str(body, "outcome", "continue") or "continue")
    db.session.commit()
    return jsonify(_session(session)), 201


@bp.post("/cases/<int:case_id>/follow-ups")
def add_follow_up(case_id: int):
    case = _get(case_id)
    body = json_body()
    item = ops.add_follow_up(current_user, case, visited_on=json_date(body, "visited_on"),
                             performance=json_str(body, "performance"), evaluation=json_str(body, "evaluation"),
                             remarks=json_str(body, "remarks"))
    db.session.commit()
    return jsonify(_follow_up(item)), 201


# --- serialisation (ID numbers and phones always masked) -------------------------------------------


def brief(c: Case) -> dict:
    return {"id": c.id, "number": c.number, "title": c.title, "category": c.category, "source": c.source,
            "status": c.status, "status_label": labels.status_label(c.status), "risk_level": c.risk_level,
            "is_violence_risk": c.is_violence_risk, "area": {"id": c.area.id, "name": c.area.full_name},
            "mediator": {"id": c.mediator.id, "name": c.mediator.display_name} if c.mediator else None,
            "deadline": c.deadline.isoformat() if c.deadline else None, "is_overdue": c.is_overdue,
            "is_due_soon": c.is_due_soon, "created_at": c.created_at.isoformat()}


def _person(p: Person | None) -> dict | None:
    if p is None:
        return None
    return {"id": p.id, "name": p.name, "id_number": mask_id_number(p.id_number), "phone": mask_phone(p.phone)}


def _session(s) -> dict:
    return {"id": s.id, "held_on": s.held_on.isoformat(), "place": s.place, "participants": s.participants,
            "record": s.record, "outcome": s.outcome}


def _follow_up(f) -> dict:
    return {"id": f.id, "visited_on": f.visited_on.isoformat(), "performance": f.performance,
            "evaluation": f.evaluation, "remarks": f.remarks,
            "visitor": f.visitor.display_name if f.visitor else None}


def detail(c: Case) -> dict:
    return brief(c) | {
        "committee": c.committee.name, "rung": c.rung, "description": c.description,
        "occurred_on": c.occurred_on.isoformat() if c.occurred_on else None,
        "amount": str(c.amount) if c.amount is not None else None, "outcome": c.outcome,
        "accepted_on": c.accepted_on.isoformat() if c.accepted_on else None,
        "parties": [{"id": p.id, "role": p.role, "person": _person(p.person), "agent": _person(p.agent)}
                    for p in c.parties],
        "sessions": [_session(s) for s in c.sessions],
        "follow_ups": [_follow_up(f) for f in c.follow_ups],
        "extensions": [{"previous_deadline": e.previous_deadline.isoformat() if e.previous_deadline else None,
                        "new_deadline": e.new_deadline.isoformat(), "consented_by": e.consented_by,
                        "reason": e.reason} for e in c.extensions],
        "evidence": [{"id": e.id, "filename": e.filename, "kind": e.kind, "size": e.size} for e in c.evidence],
        "timeline": [{"at": e.at.isoformat(), "actor": e.actor_name, "action": e.action,
                      "from_status": e.from_status or None, "to_status": e.to_status or None, "note": e.note}
                     for e in c.events],
    }
