"""Administration of the area tree and of institutions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from mediation import navigation
from mediation.areas import operations as ops
from mediation.areas import permissions  # noqa: F401
from mediation.areas.forms import AreaForm, InstitutionForm
from mediation.areas.models import Area, Institution
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors
from mediation.permissions import require

bp = Blueprint("areas", __name__, url_prefix="/admin")


def init_app(app) -> None:
    app.register_blueprint(bp)
    navigation.nav_item("areas.tree", _l("区划"), order=80, visible=lambda u: u.is_admin)
    navigation.nav_item("areas.institutions", _l("机构"), order=85, visible=lambda u: u.is_admin)


def _all_areas(active_only=False):
    stmt = select(Area).order_by(Area.path)
    if active_only:
        stmt = stmt.where(Area.is_active)
    return list(db.session.scalars(stmt))


@bp.get("/areas")
@login_required
def tree():
    require(current_user, "area.manage")
    return render_template("areas/tree.html", areas=_all_areas())


@bp.route("/areas/new", methods=["GET", "POST"])
@login_required
def new_area():
    require(current_user, "area.manage")
    form = AreaForm()
    form.fill_choices(_all_areas(active_only=True))
    if request.method == "GET" and request.args.get("parent", type=int):
        form.parent_id.data = request.args.get("parent", type=int)
    if form.validate_on_submit():
        parent = db.session.get(Area, form.parent_id.data) if form.parent_id.data else None
        try:
            ops.create_area(current_user, code=form.code.data, name=form.name.data, kind=form.kind.data,
                            parent=parent)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("区划已创建。"), "success")
            return redirect(url_for("areas.tree"))
    return render_template("areas/area_form.html", form=form, area=None)


@bp.route("/areas/<int:area_id>", methods=["GET", "POST"])
@login_required
def edit_area(area_id: int):
    require(current_user, "area.manage")
    area = db.session.get(Area, area_id) or abort(404)
    form = AreaForm(obj=area)
    form.fill_choices([a for a in _all_areas(active_only=True) if not a.path.startswith(area.path)])
    del form.code, form.kind  # codes and kinds are fixed once created
    if form.validate_on_submit():
        parent = db.session.get(Area, form.parent_id.data) if form.parent_id.data else None
        try:
            ops.update_area(current_user, area, name=form.name.data, parent=parent)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("区划已保存。"), "success")
            return redirect(url_for("areas.tree"))
    return render_template("areas/area_form.html", form=form, area=area)


@bp.post("/areas/<int:area_id>/active")
@login_required
def set_area_active(area_id: int):
    require(current_user, "area.manage")
    area = db.session.get(Area, area_id) or abort(404)
    try:
        ops.set_area_active(current_user, area, request.form.get("active") == "1")
    except OperationError as exc:
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(_("已更新区划状态。"), "success")
    return redirect(url_for("areas.tree"))


@bp.get("/institutions")
@login_required
def institutions():
    require(current_user, "institution.manage")
    rows = db.session.scalars(select(Institution).order_by(Institution.kind, Institution.name))
    return render_template("areas/institutions.html", institutions=list(rows))


@bp.route("/institutions/new", methods=["GET", "POST"], defaults={"inst_id": None})
@bp.route("/institutions/<int:inst_id>", methods=["GET", "POST"])
@login_required
def edit_institution(inst_id: int | None):
    require(current_user, "institution.manage")
    inst = (db.session.get(Institution, inst_id) or abort(404)) if inst_id else None
    form = InstitutionForm(obj=inst)
    form.fill_choices(_all_areas(active_only=True))
    if form.validate_on_submit():
        area = db.session.get(Area, form.area_id.data) if form.area_id.data else None
        try:
            ops.save_institution(current_user, inst, name=form.name.data, short_name=form.short_name.data,
                                 kind=form.kind.data, area=area, address=form.address.data or "",
                                 phone=form.phone.data or "", is_active=form.is_active.data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("机构已保存。"), "success")
            return redirect(url_for("areas.institutions"))
    return render_template("areas/institution_form.html", form=form, inst=inst)
