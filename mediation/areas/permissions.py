from mediation.permissions import in_area_scope, rule


@rule("area.view")
def _area_in_scope(user, area) -> bool:
    return area is None or in_area_scope(user, area)
