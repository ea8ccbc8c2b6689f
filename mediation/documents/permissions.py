"""Who may see a document: whoever may view the object it belongs to.

Domains plug in with `register_related(type_name, loader, view_action)`, e.g. the agreements
domain registers `("agreement", lambda id: db.session.get(Agreement, id), "agreement.view")`.
A document whose related type nobody registered is visible to administrators and to the staff of
the issuing institution only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mediation.auth.roles import OFFICE_ROLES, Role
from mediation.permissions import can, rule


@dataclass(frozen=True)
class RelatedType:
    loader: Callable[[int], object | None]
    view_action: str


_related: dict[str, RelatedType] = {}


def register_related(type_name: str, loader: Callable[[int], object | None], view_action: str) -> None:
    _related[type_name] = RelatedType(loader, view_action)


def related_object(document):
    spec = _related.get(document.related_type)
    if spec is None or document.related_id is None:
        return None
    return spec.loader(document.related_id)


@rule("document.view")
def _via_related(user, document) -> bool:
    if user.is_admin:
        return True
    if document is None:
        return False
    spec = _related.get(document.related_type)
    if spec is None or document.related_id is None:
        return False
    obj = spec.loader(document.related_id)
    return obj is not None and can(user, spec.view_action, obj)


@rule("document.view")
def _own_institution(user, document) -> bool:
    """Office staff (center, lawyer, notary, court) see what their own institution issued."""
    return (document is not None and user.institution_id is not None
            and user.institution_id == document.institution_id and user.has_role(*OFFICE_ROLES))


@rule("document.sign")
def _office_signs(user, document) -> bool:
    """A notary, judge or center staff adds their institution's signature to a document they can see."""
    if document is None or user.institution_id is None:
        return user.is_admin
    return user.has_role(Role.NOTARY, Role.JUDGE, Role.CENTER_STAFF, Role.LAWYER) and can(
        user, "document.view", document)
