"""Account operations: create, update, reset, deactivate, sign-in sessions and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from mediation import audit
from mediation.auth.models import ApiToken, LoginSession, User
from mediation.auth.passwords import password_problems, temporary_password
from mediation.auth.roles import Role
from mediation.db import utcnow
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.permissions import require


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def create_user(actor, *, username, display_name, roles, password=None, institution=None, areas=(),
                must_change_password=True) -> tuple[User, str]:
    """Create an account; returns the user and the initial password (generated when not given)."""
    if actor is not None:
        require(actor, "user.manage")
    errors: dict[str, list[str]] = {}
    username = username.strip()
    if not username:
        errors["username"] = [_("请填写用户名")]
    elif find_user(username):
        errors["username"] = [_("用户名已存在")]
    if not roles:
        errors["roles"] = [_("至少选择一个角色")]
    initial = password or temporary_password()
    if password and (problems := password_problems(password, username)):
        errors["password"] = problems
    if errors:
        raise ValidationFailed(errors)
    user = User(username=username, display_name=display_name.strip() or username, institution=institution,
                must_change_password=must_change_password)
    user.set_password(initial)
    user.set_roles(roles)
    user.set_areas(list(areas))
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", user, actor=actor, roles=sorted(r.value for r in user.roles))
    return user, initial


def update_user(actor, user: User, *, display_name, roles, institution, areas, is_active) -> None:
    require(actor, "user.manage", user)
    if not roles:
        raise ValidationFailed({"roles": [_("至少选择一个角色")]})
    if user.id == actor.id and (not is_active or Role.ADMIN not in {Role(r) for r in roles}):
        raise ValidationFailed({"roles": [_("不能停用自己的账号或取消自己的管理员角色")]})
    before = {"roles": sorted(r.value for r in user.roles), "active": user.is_active_account}
    user.display_name = display_name.strip() or user.username
    user.set_roles(roles)
    user.institution = institution
    user.set_areas(list(areas))
    user.is_active_account = is_active
    if not is_active:
        end_all_sessions(user)
    db.session.flush()
    audit.record("user.update", user, actor=actor, before=before,
                 after={"roles": sorted(r.value for r in user.roles), "active": is_active},
                 institution_id=institution.id if institution else None,
                 area_ids=sorted(a.id for a in areas))


def reset_password(actor, user: User) -> str:
    """Give the user a temporary password they must change at next login; ends their sessions."""
    require(actor, "user.manage", user)
    pw = temporary_password()
    user.set_password(pw)
    user.must_change_password = True
    end_all_sessions(user)
    audit.record("user.reset_password", user, actor=actor)
    return pw


def change_password(user: User, current: str, new: str) -> None:
    errors: dict[str, list[str]] = {}
    if not user.check_password(current):
        errors["current_password"] = [_("当前密码不正确")]
    if problems := password_problems(new, user.username):
        errors["new_password"] = problems
    elif current == new:
        errors["new_password"] = [_("新密码不能与当前密码相同")]
    if errors:
        raise ValidationFailed(errors)
    user.set_password(new)
    user.must_change_password = False
    audit.record("user.change_password", user, actor=user)


# --- sign-in sessions -----------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> str:
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(user_id=user.id, token_hash=_digest(token)))
    user.last_login_at = utcnow()
    audit.record("auth.login", user, actor=user)
    return token


def session_is_live(user_id: int, token: str | None) -> bool:
    if not token:
        return False
    return db.session.scalar(
        select(LoginSession.id).where(LoginSession.user_id == user_id, LoginSession.token_hash == _digest(token))
    ) is not None


def end_session(user: User, token: str | None) -> None:
    if token:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(token)))
    audit.record("auth.logout", user, actor=user)


def end_all_sessions(user: User) -> None:
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


# --- API tokens ------------------------------------------------------------------------------


def create_api_token(user: User, name: str = "", actor=None) -> str:
    token = ApiToken.generate()
    db.session.add(ApiToken(user_id=user.id, name=name, token_hash=ApiToken.hash(token), prefix=token[:8]))
    audit.record("api_token.create", user, actor=actor, name=name)
    return token


def user_for_token(token: str) -> User | None:
    row = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(token), ApiToken.revoked_at.is_(None))
    )
    if row is None or not row.user.is_active:
        return None
    return row.user
