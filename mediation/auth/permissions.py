from mediation.permissions import rule


@rule("user.view")
@rule("user.manage")
@rule("area.manage")
@rule("institution.manage")
@rule("audit.view")
def _admin_only(user, obj) -> bool:
    return user.is_admin
