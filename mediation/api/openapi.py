"""The OpenAPI document, assembled from what each domain contributes."""

from __future__ import annotations

import copy

_paths: dict[str, dict] = {}
_schemas: dict[str, dict] = {}

BASE = {
    "openapi": "3.1.0",
    "info": {
        "title": "网格调解与议事记录系统 API",
        "version": "1",
        "description": "Bearer tokens are created with `flask create-token USERNAME`. Errors: "
        '`{"errors": {"field": ["message"]}}` (422) for validation, `{"error": "..."}` otherwise.',
    },
    "servers": [{"url": "/api/v1"}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
            "ValidationErrors": {
                "type": "object",
                "properties": {"errors": {"type": "object",
                                          "additionalProperties": {"type": "array", "items": {"type": "string"}}}},
                "required": ["errors"],
            },
        },
        "responses": {
            "Unauthorized": {"description": "missing or invalid token",
                             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "NotFound": {"description": "not found or not visible to this token's user",
                         "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            "Invalid": {"description": "validation failed",
                        "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/ValidationErrors"}}}},
        },
    },
    "security": [{"bearer": []}],
}


def add_paths(paths: dict) -> None:
    _paths.update(paths)


def add_schemas(schemas: dict) -> None:
    _schemas.update(schemas)


def document() -> dict:
    doc = copy.deepcopy(BASE)
    doc["paths"] = dict(sorted(_paths.items()))
    doc["components"]["schemas"].update(_schemas)
    return doc
