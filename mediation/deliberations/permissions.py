"""Who may see and run deliberations: secretaries in their village, admins everywhere.

Grid workers and mediators of the area may look (they collect the opinions that start an item).
"""

from mediation.auth.roles import AREA_ROLES, Role
from mediation.permissions import in_area_scope, rule


def _area_of(obj):
    return getattr(obj, "area", None) if obj is not None else None


def upper_area_ids(user) -> set[int]:
    """Ids of the village-level areas above a user's grids: a grid worker sees the village's items."""
    ids: set[int] = set()
    for area in user.areas:
        ids.update(int(p) for p in area.path.strip("/").split("/")[2:] if p)  # below county and town
    return ids


@rule("deliberation.view")
def _view(user, obj) -> bool:
    if user.is_admin:
        return True
    if not user.has_role(*AREA_ROLES):
        return False
    if obj is None:
        return True
    area = _area_of(obj)
    return in_area_scope(user, area) or (area is not None and area.kind == "village"
                                         and area.id in upper_area_ids(user))


@rule("deliberation.edit")
@rule("deliberation.create")
def _edit(user, obj) -> bool:
    if user.is_admin:
        return True
    if not user.has_role(Role.SECRETARY):
        return False
    return obj is None or in_area_scope(user, _area_of(obj))
