"""JSON API under /api/v1/ with bearer tokens. Domains add routes to `api.blueprint.bp`."""
