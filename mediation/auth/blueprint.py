"""Sign-in, sign-out, password change, and the administration of accounts."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import or_, select

from mediation import navigation
from mediation.areas.models import Area, Institution
from mediation.auth import operations as ops
from mediation.auth import permissions  # noqa: F401  (registers rules)
from mediation.auth.forms import ChangePasswordForm, LoginForm, UserForm
from mediation.auth.models import User
from mediation.errors import ValidationFailed
from mediation.extensions import db, limiter, login_manager
from mediation.forms import apply_errors
from mediation.permissions import require

bp = Blueprint("auth", __name__)
SESSION_TOKEN_KEY = "sid"  # noqa: S105 — a session key name, not a secret


def init_app(app) -> None:
    app.register_blueprint(bp)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "info"
    navigation.nav_item("auth.users", _l("账号"), order=90, visible=lambda u: u.is_admin)

    @login_manager.user_loader
    def load_user(user_id: str):
        # The cookie alone is not enough: the sign-in must still exist (logout deletes it).
        # The API never trusts the cookie (no CSRF there): it authenticates by bearer token only.
        if request.path.startswith("/api/"):
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not ops.session_is_live(user.id, session.get(SESSION_TOKEN_KEY)):
            return None
        return user

    @app.before_request
    def force_password_change():
        if (current_user.is_authenticated and current_user.must_change_password
                and request.endpoint not in {"auth.change_password", "auth.logout", "static", "home.set_locale"}
                and not request.path.startswith("/api/")):
            return redirect(url_for("auth.change_password"))
        return None


def _login_failed(response) -> bool:
    # Only failed attempts count towards the limits; a success must not lock out the next login.
    return response.status_code != 302


def _account_key() -> str:
    return "login-account:" + (request.form.get("username") or "").strip().lower()


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: _config("LOGIN_LIMIT_PER_IP"), methods=["POST"], deduct_when=_login_failed)
@limiter.limit(lambda: _config("LOGIN_LIMIT_PER_ACCOUNT"), key_func=_account_key, methods=["POST"],
               deduct_when=_login_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = ops.find_user(form.username.data)
        if user is not None and user.is_active and user.check_password(form.password.data):
            session.clear()  # rotate: nothing from the anonymous session survives
            session[SESSION_TOKEN_KEY] = ops.start_session(user)
            login_user(user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")) or url_for("home.index"))
        # One message for unknown users, inactive accounts and wrong passwords.
        form.form_errors.append(_("用户名或密码错误"))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 401


def _config(key: str) -> str:
    from flask import current_app

    return current_app.config[key]


def _safe_next(target: str | None) -> str | None:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.post("/logout")
@login_required
def logout():
    ops.end_session(current_user, session.get(SESSION_TOKEN_KEY))
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("您已安全退出。"), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            ops.change_password(current_user, form.current_password.data, form.new_password.data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("密码已修改。"), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/change_password.html", form=form)


# --- administration of accounts ---------------------------------------------------------------


@bp.get("/admin/users")
@login_required
def users():
    require(current_user, "user.view")
    q = (request.args.get("q") or "").strip()
    stmt = select(User).order_by(User.username)
    if q:
        stmt = stmt.where(or_(User.username.contains(q, autoescape=True),
                              User.display_name.contains(q, autoescape=True)))
    page = db.paginate(stmt, per_page=20, error_out=False)
    return render_template("admin/users.html", page=page, q=q)


def _user_form(user=None) -> UserForm:
    form = UserForm(obj=user) if user else UserForm()
    institutions = db.session.scalars(select(Institution).where(Institution.is_active).order_by(Institution.name))
    areas = db.session.scalars(select(Area).where(Area.is_active).order_by(Area.path))
    form.fill_choices(list(institutions), [a for a in areas if a.kind != "county"])
    if user and request.method == "GET":
        form.roles.data = sorted(r.value for r in user.roles)
        form.institution_id.data = user.institution_id
        form.area_ids.data = [a.id for a in user.areas]
        form.is_active.data = user.is_active_account
    return form


def _selected(form: UserForm):
    institution = db.session.get(Institution, form.institution_id.data) if form.institution_id.data else None
    areas = list(db.session.scalars(select(Area).where(Area.id.in_(form.area_ids.data or []))))
    return institution, areas


@bp.route("/admin/users/new", methods=["GET", "POST"])
@login_required
def new_user():
    require(current_user, "user.manage")
    form = _user_form()
    if form.validate_on_submit():
        institution, areas = _selected(form)
        try:
            user, initial = ops.create_user(current_user, username=form.username.data,
                                            display_name=form.display_name.data, roles=form.roles.data,
                                            institution=institution, areas=areas)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            return render_template("admin/password_shown.html", user=user, password=initial)
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@login_required
def edit_user(user_id: int):
    require(current_user, "user.manage")
    user = db.session.get(User, user_id) or abort(404)
    form = _user_form(user)
    del form.username  # usernames are permanent: audit events and documents refer to them
    if form.validate_on_submit():
        institution, areas = _selected(form)
        try:
            ops.update_user(current_user, user, display_name=form.display_name.data, roles=form.roles.data,
                            institution=institution, areas=areas, is_active=form.is_active.data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("账号已保存。"), "success")
            return redirect(url_for("auth.users"))
    return render_template("admin/user_form.html", form=form, user=user)


@bp.post("/admin/users/<int:user_id>/reset-password")
@login_required
def reset_password(user_id: int):
    require(current_user, "user.manage")
    user = db.session.get(User, user_id) or abort(404)
    password = ops.reset_password(current_user, user)
    db.session.commit()
    return render_template("admin/password_shown.html", user=user, password=password, reset=True)
