"""JSON API for referrals: the same operations and checks as the pages."""

from __future__ import annotations

from flask import abort, jsonify, request
from flask_login import current_user

from mediation.api import openapi
from mediation.api.blueprint import api_blueprint, json_body, json_date, json_str, page_args
from mediation.areas.models import Institution
from mediation.cases.models import Case
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.permissions import require
from mediation.referrals import decisions, labels, ladder, queries
from mediation.referrals import operations as ops
from mediation.referrals.models import Referral

bp = api_blueprint("referrals_api", __name__)




def _institution(body) -> Institution | None:
    value = body.get("to_institution_id")
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationFailed({"to_institution_id": ["must be an integer id"]})
    return db.session.get(Institution, value)


def serialize(r: Referral) -> dict:
    return {
        "id": r.id, "number": r.number, "case_id": r.case_id, "case_number": r.case.number, "kind": r.kind,
        "kind_label": labels.kind_label(r.kind), "status": r.status, "status_label": labels.state_label(r.status),
        "from_institution": r.from_institution.name if r.from_institution else None,
        "to_institution": {"id": r.to_institution_id, "name": r.to_institution.name},
        "rung_from": r.rung_from, "rung_to": r.rung_to, "reason": r.reason,
        "submitted_on": r.submitted_on.isoformat(), "accept_by": _iso(r.accept_by), "accepted_on": _iso(r.accepted_on),
        "decide_by": _iso(r.decide_by), "is_overdue": r.is_overdue, "is_paused": r.is_paused,
        "extension_days": r.extension_days, "return_reason": r.return_reason,
        "materials_request": r.materials_request, "outcome": r.outcome or None, "decision": r.decision,
        "decided_on": _iso(r.decided_on), "decision_document_id": r.decision_document_id,
        "enforcement_document_id": r.enforcement_document_id, "agreement_id": r.agreement_id,
        "paid": f"{r.paid_fen / 100:.2f}", "actions": ladder.available(current_user, r),
    }


def _iso(d):
    return d.isoformat() if d else None


def _referral(referral_id: int) -> Referral:
    r = db.session.get(Referral, referral_id)
    if r is None:
        abort(404)
    require(current_user, "referral.view", r)
    return r


@bp.get("/referrals")
def list_referrals():
    box = request.args.get("box", "queue")
    if box not in ("queue", "sent"):
        raise ValidationFailed({"box": ["queue or sent"]})
    f = queries.parse_filters(request.args)
    page, size = page_args()
    stmt = queries.queue(current_user, f) if box == "queue" else queries.sent(current_user, f)
    result = db.paginate(stmt, page=page, per_page=size, error_out=False, count=True)
    return jsonify(items=[serialize(r) for r in result.items], total=result.total, page=page,
                   counts=queries.counts(current_user, f, box))


@bp.get("/referrals/<int:referral_id>")
def get_referral(referral_id: int):
    return jsonify(serialize(_referral(referral_id)))


@bp.get("/cases/<int:case_id>/referrals")
def case_referrals(case_id: int):
    case = db.session.get(Case, case_id)
    if case is None:
        abort(404)
    require(current_user, "case.view", case)
    return jsonify(items=[serialize(r) for r in queries.for_case(current_user, case)])


@bp.post("/cases/<int:case_id>/referrals")
def create(case_id: int):
    case = db.session.get(Case, case_id)
    if case is None:
        abort(404)
    body = json_body()
    kind = body.get("kind")
    u, reason, inst = current_user, json_str(body, "reason"), _institution(body)
    if kind == "escalate":
        r = ops.escalate(u, case, reason=reason)
    elif kind == "dispatch":
        r = ops.dispatch(u, case, department=inst, reason=reason)
    elif kind == "lawyer":
        r = ops.refer_to_lawyer(u, case, law_office=inst, reason=reason)
    elif kind == "notarization":
        r = ops.apply_notarization(u, case, notary_office=inst, reason=reason)
    elif kind == "judicial":
        r = ops.apply_judicial_confirmation(u, case, court=inst, applied_on=json_date(body, "applied_on"),
                                            is_joint=body.get("is_joint") is True, matter=json_str(body, "matter"),
                                            reason=reason)
    elif kind == "litigation":
        r = ops.guide_litigation(u, case, court=inst, guidance=json_str(body, "guidance"))
    else:
        raise ValidationFailed({"kind": ["one of escalate, dispatch, lawyer, notarization, judicial, litigation"]})
    db.session.commit()
    return jsonify(serialize(r)), 201


ACTIONS = {
    "accept": lambda r, b: ops.accept(current_user, r),
    "return": lambda r, b: ops.return_referral(current_user, r, reason=json_str(b, "reason")),
    "request_materials": lambda r, b: ops.request_materials(current_user, r, request=json_str(b, "request")),
    "supply_materials": lambda r, b: ops.supply_materials(current_user, r, note=json_str(b, "note")),
    "resubmit": lambda r, b: ops.resubmit(current_user, r, note=json_str(b, "note")),
    "withdraw": lambda r, b: ops.withdraw(current_user, r, reason=json_str(b, "reason")),
    "extend": lambda r, b: ops.extend(current_user, r, approval=json_str(b, "approval")),
    "complete": lambda r, b: decisions.complete(current_user, r, outcome=json_str(b, "outcome"),
                                                decision=json_str(b, "decision")),
    "record_session": lambda r, b: decisions.record_session(
        current_user, r, held_on=json_date(b, "held_on"), place=json_str(b, "place"), participants=json_str(b, "participants"),
        record=json_str(b, "record"), outcome=json_str(b, "outcome") or "continue"),
    "record_payment": lambda r, b: decisions.record_payment(current_user, r, paid_on=json_date(b, "paid_on"),
                                                            amount=json_str(b, "amount"), note=json_str(b, "note")),
    "issue_enforcement": lambda r, b: decisions.issue_enforcement(current_user, r, note=json_str(b, "note")),
}


@bp.post("/referrals/<int:referral_id>/<action>")
def act(referral_id: int, action: str):
    if action not in ACTIONS:
        abort(404)
    r = _referral(referral_id)
    body = request.get_json(silent=True) or {}
    if not isinstance(body, dict):
        raise ValidationFailed({"body": ["expected a JSON object"]})
    ACTIONS[action](r, body)
    db.session.commit()
    return jsonify(serialize(r))


_R = {"401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"description": "not visible"}}
_ACT = {"200": {"description": "the referral after the step"}, "403": {"description": "the other side's step"},
        "409": {"description": "refused, with the reason"}, "422": {"description": "invalid input"}, **_R}


def document() -> None:
    openapi.add_paths({
        "/referrals": {"get": {"summary": "Review queue (box=queue) or referrals sent (box=sent), overdue first; "
                                          "filters state, kind, overdue, q; counts per state",
                               "responses": {"200": {"description": "referrals"}, **_R}}},
        "/referrals/{referral_id}": {"get": {"summary": "One referral with the steps the token's user may take",
                                             "responses": {"200": {"description": "the referral"}, **_R}}},
        "/cases/{case_id}/referrals": {
            "get": {"summary": "The case's path up the ladder", "responses": {"200": {"description": "referrals"},
                                                                              **_R}},
            "post": {"summary": "Send the case on: kind escalate | dispatch | lawyer | notarization | judicial "
                                "(applied_on, is_joint, matter) | litigation (guidance); to_institution_id, reason",
                     "responses": {"201": {"description": "created"}, **_ACT}}},
        "/referrals/{referral_id}/{action}": {"post": {
            "summary": "A step: accept, return (reason), request_materials (request), supply_materials (note), "
                       "resubmit (note), withdraw (reason), extend (approval), complete (outcome, decision), "
                       "record_session, record_payment (paid_on, amount), issue_enforcement",
            "responses": _ACT}},
    })
