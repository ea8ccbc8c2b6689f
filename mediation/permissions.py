"""One way to ask "may this user do this to that?", used by every operation.

Domains declare rules in their own `permissions.py` with `@rule("case.edit")`; several rules for
one action combine with OR, so a later domain can widen access (e.g. a judge may view a person who
is a party to a referral sent to the judge's court). Operations call `require(user, action, obj)`:

- allowed → returns;
- the user may not even see the object (no "<type>.view" permission) → NotVisible (404);
- otherwise → PermissionDenied (403).

Lists use `area_scope(user, column)` so that counts never include what the user may not see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import false, or_, true

from mediation.errors import NotVisible, PermissionDenied

Rule = Callable[..., bool]
_rules: dict[str, list[Rule]] = defaultdict(list)


def rule(action: str):
    def register(fn: Rule) -> Rule:
        _rules[action].append(fn)
        return fn

    return register


def can(user, action: str, obj=None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if action not in _rules:
        raise KeyError(f"no permission rule declared for {action!r}")
    return any(fn(user, obj) for fn in _rules[action])


def require(user, action: str, obj=None, message: str = "") -> None:
    if can(user, action, obj):
        return
    view_action = action.split(".")[0] + ".view"
    if obj is not None and view_action != action and view_action in _rules and not can(user, view_action, obj):
        raise NotVisible()
    if obj is not None and action == view_action:
        raise NotVisible()
    raise PermissionDenied(message)


def get_for(model, obj_id: int, action: str, user=None):
    """Load `model` by id for the current user: NotVisible (404) when missing or invisible, else
    `require(user, action, obj)`. The one way views load an object they act on."""
    from flask_login import current_user

    from mediation.extensions import db

    obj = db.session.get(model, obj_id)
    if obj is None:
        raise NotVisible()
    require(user if user is not None else current_user, action, obj)
    return obj


# --- scope helpers ---------------------------------------------------------------------------


def in_area_scope(user, area) -> bool:
    """True when `area` lies inside one of the user's area subtrees (admins see everything)."""
    if area is None:
        return False
    if user.is_admin:
        return True
    return any(area.path.startswith(p) for p in user.area_paths)


def area_scope(user, path_column):
    """SQL condition restricting `path_column` (an Area.path) to the user's subtrees."""
    if user.is_admin:
        return true()
    paths = user.area_paths
    if not paths:
        return false()
    return or_(*(path_column.startswith(p, autoescape=True) for p in paths))


def is_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))
