"""Who may see and run deliberations: secretaries in their village, admins everywhere.

Grid workers and mediators of the area may look (they collect the opinions that start an item).
"""

from mediation.auth.roles import AREA_ROLES, Role
from mediation.permissions import in_area_scope, rule


def _area_of(obj):
    return getattr(obj, "area", None) if obj is not None else None


@rule("deliberation.view")
def _view(user, obj) -> bool:
    if user.is_admin:
        return True
    if not user.has_role(*AREA_ROLES):
        return False
    return obj is None or in_area_scope(user, _area_of(obj))


@rule("deliberation.edit")
@rule("deliberation.create")
def _edit(user, obj) -> bool:
    if user.is_admin:
        return True
    if not user.has_role(Role.SECRETARY):
        return False
    return obj is None or in_area_scope(user, _area_of(obj))
