"""Who may see and work on cases: area roles in their subtrees, center staff in their center's area."""

from __future__ import annotations

from sqlalchemy import exists, select

from mediation.auth.roles import Role
from mediation.extensions import db
from mediation.permissions import in_area_scope, rule

CASE_ROLES = frozenset({Role.GRID_WORKER, Role.MEDIATOR, Role.CENTER_STAFF})
# Who may be assigned as a case's mediator.
MEDIATOR_ROLES = frozenset({Role.GRID_WORKER, Role.MEDIATOR, Role.CENTER_STAFF})


def works_on_cases(user) -> bool:
    return user.is_admin or user.has_role(*CASE_ROLES)


@rule("case.view")
@rule("case.edit")
def _case_in_scope(user, case) -> bool:
    if user.is_admin:
        return True
    if not user.has_role(*CASE_ROLES):
        return False
    return case is None or in_area_scope(user, case.area)


@rule("case.create")
def _may_create(user, _obj) -> bool:
    return works_on_cases(user)


@rule("person.view")
@rule("person.reveal")
def _party_of_my_case(user, person) -> bool:
    """A mediator working on a case may see and reveal its parties, wherever they live."""
    if person is None or not user.has_role(*CASE_ROLES) or not user.area_paths:
        return False
    from mediation.areas.models import Area
    from mediation.cases.models import Case, CaseParty
    from mediation.permissions import area_scope

    party = select(CaseParty.id).join(Case, Case.id == CaseParty.case_id).join(Area, Area.id == Case.area_id).where(
        (CaseParty.person_id == person.id) | (CaseParty.agent_id == person.id), area_scope(user, Area.path))
    return bool(db.session.scalar(select(exists(party))))
