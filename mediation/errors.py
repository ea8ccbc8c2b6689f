"""Exceptions that operations raise; the web and API layers turn them into responses."""

from __future__ import annotations


class OperationError(Exception):
    """A refused operation: an illegal transition or a rule that is not met (409 / flash)."""

    status = 409

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(OperationError):
    """Input that does not validate; `errors` maps field names to messages (422)."""

    status = 422

    def __init__(self, errors: dict[str, list[str]]):
        first = next(iter(errors.values()))[0] if errors else ""
        super().__init__(first)
        self.errors = errors


class PermissionDenied(Exception):
    """The user knows the object exists but may not do this (403)."""

    status = 403

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class NotVisible(Exception):
    """The user may not know the object exists (404)."""

    status = 404
