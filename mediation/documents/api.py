"""`/api/v1/documents/<id>` (metadata with the verification code) and `/api/v1/documents/<id>/pdf`."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from mediation.api import openapi
from mediation.api.blueprint import api_blueprint
from mediation.documents.models import Document

bp = api_blueprint("documents_api", __name__)


def document_json(d: Document) -> dict:
    from mediation.documents.operations import verification_url

    return {
        "id": d.id, "kind": d.kind, "kind_label": d.kind_label, "number": d.number, "title": d.title,
        "version": d.version, "sha256": d.sha256, "size": d.size, "pages": d.pages,
        "verification_code": d.code_display, "verification_url": verification_url(d.verification_code),
        "institution": {"id": d.institution.id, "name": d.institution.name},
        "related": {"type": d.related_type, "id": d.related_id} if d.related_type else None,
        "issued_at": d.issued_at.isoformat() if d.issued_at else None, "is_current": d.is_current,
        "signatures": d.signatures,
    }


@bp.get("/documents/<int:document_id>")
def document(document_id: int):
    from mediation.documents.blueprint import get_visible

    return jsonify(document_json(get_visible(document_id, current_user)))


@bp.get("/documents/<int:document_id>/pdf")
def document_pdf(document_id: int):
    from mediation.documents.blueprint import get_visible, pdf_response

    return pdf_response(get_visible(document_id, current_user))


openapi.add_schemas({"Document": {"type": "object", "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "number": {"type": "string"},
    "version": {"type": "integer"}, "sha256": {"type": "string"},
    "verification_code": {"type": "string", "example": "ABCD-2345-EFGH"},
    "verification_url": {"type": "string"}, "institution": {"type": "object"},
    "related": {"type": ["object", "null"]}, "signatures": {"type": "array", "items": {"type": "object"}}}}})
openapi.add_paths({
    "/documents/{id}": {"get": {
        "summary": "A generated document's metadata (visible when its related object is)",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "the document", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Document"}}}},
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "404": {"$ref": "#/components/responses/NotFound"}}}},
    "/documents/{id}/pdf": {"get": {
        "summary": "The document's PDF (sealed)",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "PDF", "content": {"application/pdf": {}}},
                      "401": {"$ref": "#/components/responses/Unauthorized"},
                      "404": {"$ref": "#/components/responses/NotFound"}}}},
})
