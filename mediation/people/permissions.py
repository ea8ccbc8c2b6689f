from mediation.auth.roles import AREA_ROLES, REVEAL_ROLES, Role
from mediation.permissions import in_area_scope, rule

PEOPLE_ROLES = AREA_ROLES | {Role.CENTER_STAFF}


@rule("person.view")
@rule("person.edit")
def _person_in_scope(user, person) -> bool:
    if user.is_admin:
        return True
    if not user.has_role(*PEOPLE_ROLES):
        return False
    return person is None or in_area_scope(user, person.area)


@rule("person.create")
def _may_create(user, _obj) -> bool:
    return user.is_admin or user.has_role(*PEOPLE_ROLES)


@rule("person.reveal")
def _person_reveal(user, person) -> bool:
    if user.is_admin:
        return True
    return user.has_role(*REVEAL_ROLES) and person is not None and in_area_scope(user, person.area)
