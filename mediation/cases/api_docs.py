"""OpenAPI description of the cases API (added to /api/v1/openapi.json)."""

from __future__ import annotations

from mediation.api import openapi
from mediation.cases.models import (
    CATEGORIES,
    EVALUATIONS,
    PARTY_ROLES,
    PERFORMANCES,
    RISK_LEVELS,
    SESSION_OUTCOMES,
    SOURCES,
    STATUSES,
)

_JSON = "application/json"


def _body(ref: str) -> dict:
    return {"required": True, "content": {_JSON: {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


def _ok(description: str, ref: str) -> dict:
    return {"description": description, "content": {_JSON: {"schema": {"$ref": f"#/components/schemas/{ref}"}}}}


_ERRORS = {"401": {"$ref": "#/components/responses/Unauthorized"},
           "404": {"$ref": "#/components/responses/NotFound"},
           "409": {"description": "refused: illegal transition (the reason in `error`)"},
           "422": {"$ref": "#/components/responses/Invalid"}}
_CASE_ID = {"name": "case_id", "in": "path", "required": True, "schema": {"type": "integer"}}

PERSON = {"type": "object", "required": ["name"], "properties": {
    "name": {"type": "string"}, "id_number": {"type": "string", "description": "18-digit resident ID, checked"},
    "phone": {"type": "string", "description": "11-digit mobile"}, "sex": {"enum": ["男", "女", ""]},
    "address": {"type": "string"}, "occupation": {"type": "string"}, "is_organisation": {"type": "boolean"},
    "legal_representative": {"type": "string"}}}

SCHEMAS = {
    "CasePerson": PERSON,
    "CasePartyInput": {"type": "object", "required": ["role"], "properties": {
        "role": {"enum": list(PARTY_ROLES)},
        "person_id": {"type": "integer", "description": "an existing person in scope …"},
        "person": {"$ref": "#/components/schemas/CasePerson", "description": "… or one created on the spot"},
        "agent_id": {"type": "integer"}, "agent": {"$ref": "#/components/schemas/CasePerson"}}},
    "CaseInput": {"type": "object", "required": ["title", "category", "source", "area_id", "parties"], "properties": {
        "title": {"type": "string", "maxLength": 200}, "category": {"enum": list(CATEGORIES)},
        "source": {"enum": list(SOURCES)}, "area_id": {"type": "integer", "description": "grid inside your scope"},
        "occurred_on": {"type": "string", "format": "date"}, "description": {"type": "string"},
        "amount": {"type": "string", "description": "yuan, up to two decimals"},
        "risk_level": {"enum": list(RISK_LEVELS)}, "is_violence_risk": {"type": "boolean"},
        "confirm_duplicate": {"type": "boolean", "description": "save although similar cases exist (409 otherwise)"},
        "parties": {"type": "array", "minItems": 2, "items": {"$ref": "#/components/schemas/CasePartyInput"}}}},
    "CaseBrief": {"type": "object", "properties": {
        "id": {"type": "integer"}, "number": {"type": "string", "example": "东石镇调〔2026〕0012号"},
        "title": {"type": "string"}, "category": {"type": "string"}, "status": {"enum": list(STATUSES)},
        "deadline": {"type": ["string", "null"], "format": "date"}, "is_overdue": {"type": "boolean"},
        "is_due_soon": {"type": "boolean"}}},
    "CaseDetail": {"allOf": [{"$ref": "#/components/schemas/CaseBrief"}], "description":
                   "plus parties (ID numbers and phones masked), sessions, follow_ups, extensions, evidence, timeline"},
    "CaseList": {"type": "object", "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/CaseBrief"}},
        "page": {"type": "integer"}, "per_page": {"type": "integer"}, "total": {"type": "integer"},
        "status_counts": {"type": "object", "additionalProperties": {"type": "integer"}}}},
    "CaseTransition": {"type": "object", "description": "fields by action: decline/withdraw/reopen `reason`; "
                       "record_agreement `summary`; record_failure `advice`; close `remarks`; extend_deadline "
                       "`new_deadline`, `consented_by`, `reason`; transfer `mediator_id` and/or `area_id`, `reason`",
                       "properties": {k: {"type": "string"} for k in ("reason", "summary", "advice", "remarks",
                                                                      "new_deadline", "consented_by")}},
    "MediationSessionInput": {"type": "object", "required": ["held_on", "record"], "properties": {
        "held_on": {"type": "string", "format": "date"}, "place": {"type": "string"},
        "participants": {"type": "string"}, "record": {"type": "string"}, "outcome": {"enum": list(SESSION_OUTCOMES)}}},
    "FollowUpInput": {"type": "object", "required": ["visited_on", "performance", "evaluation"], "properties": {
        "visited_on": {"type": "string", "format": "date"}, "performance": {"enum": list(PERFORMANCES)},
        "evaluation": {"enum": list(EVALUATIONS)}, "remarks": {"type": "string"}}},
}

_FILTERS = [{"name": n, "in": "query", "schema": {"type": t}} for n, t in (
    ("status", "string"), ("category", "string"), ("source", "string"), ("risk", "string"),
    ("deadline", "string"), ("date_from", "string"), ("date_to", "string"), ("mediator_id", "integer"),
    ("mine", "string"), ("sort", "string"), ("page", "integer"), ("per_page", "integer"))]

PATHS = {
    "/cases": {
        "get": {"summary": "Cases in your scope, filtered, sorted and paginated, with counts per status",
                "parameters": _FILTERS, "responses": {"200": _ok("a page of cases", "CaseList"),
                                                      "401": _ERRORS["401"]}},
        "post": {"summary": "Register a case (intake); allocates the committee's next number",
                 "requestBody": _body("CaseInput"),
                 "responses": {"201": _ok("the new case", "CaseDetail"), **_ERRORS,
                               "409": {"description": "similar cases in the last 90 days (`duplicates`); "
                                       "resend with confirm_duplicate"}}},
    },
    "/cases/{case_id}": {"get": {"summary": "One case with parties (masked), sessions, follow-ups, timeline",
                                 "parameters": [_CASE_ID],
                                 "responses": {"200": _ok("the case", "CaseDetail"), "401": _ERRORS["401"],
                                               "404": _ERRORS["404"]}}},
    "/cases/{case_id}/transitions/{action}": {"post": {
        "summary": "Change the case: accept, decline, start_mediation, record_agreement, record_failure, withdraw, "
                   "close, reopen, extend_deadline, transfer",
        "parameters": [_CASE_ID, {"name": "action", "in": "path", "required": True, "schema": {"enum": [
            "accept", "decline", "start_mediation", "record_agreement", "record_failure", "withdraw", "close",
            "reopen", "extend_deadline", "transfer"]}}],
        "requestBody": {"required": False, "content": {_JSON: {"schema": {
            "$ref": "#/components/schemas/CaseTransition"}}}},
        "responses": {"200": _ok("the case after the change", "CaseDetail"), **_ERRORS}}},
    "/cases/{case_id}/sessions": {"post": {"summary": "Record a mediation session (调解笔录)", "parameters": [_CASE_ID],
                                           "requestBody": _body("MediationSessionInput"),
                                           "responses": {"201": {"description": "the session"}, **_ERRORS}}},
    "/cases/{case_id}/follow-ups": {"post": {"summary": "Record a follow-up visit (回访)", "parameters": [_CASE_ID],
                                             "requestBody": _body("FollowUpInput"),
                                             "responses": {"201": {"description": "the follow-up"}, **_ERRORS}}},
}


def document() -> None:
    openapi.add_schemas(SCHEMAS)
    openapi.add_paths(PATHS)
