"""People pages: search within scope, create, edit, and the audited "show full" action."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from mediation import navigation
from mediation.areas.models import Area
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.people import operations as ops
from mediation.people import permissions  # noqa: F401
from mediation.people.forms import PersonForm
from mediation.people.models import Person
from mediation.people.queries import areas_in_scope, people_in_scope
from mediation.permissions import can, get_for, in_area_scope, require

bp = Blueprint("people", __name__, url_prefix="/people")


def init_app(app) -> None:
    app.register_blueprint(bp)
    navigation.nav_item("people.index", _l("人员"), order=60, visible=lambda u: can(u, "person.create"))


def _get(person_id: int, action: str = "person.view") -> Person:
    return get_for(Person, person_id, action)


def _form(person=None) -> PersonForm:
    form = PersonForm(obj=person)
    form.area_id.choices = choices([("", _l("请选择"))] + [
        (a.id, a.full_name) for a in db.session.scalars(areas_in_scope(current_user))
    ])
    return form


def _area(form) -> Area | None:
    area = db.session.get(Area, form.area_id.data) if form.area_id.data else None
    if area is not None and not in_area_scope(current_user, area):
        return None
    return area


@bp.get("/")
@login_required
def index():
    require(current_user, "person.create")
    q = (request.args.get("q") or "").strip()
    page = db.paginate(people_in_scope(current_user, q), per_page=20, error_out=False)
    return render_template("people/index.html", page=page, q=q)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require(current_user, "person.create")
    form = _form()
    if form.validate_on_submit():
        try:
            person = ops.create_person(current_user, form.data_object(_area(form)))
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("人员已登记。"), "success")
            return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/form.html", form=form, person=None)


@bp.get("/<int:person_id>")
@login_required
def show(person_id: int):
    person = _get(person_id)
    return render_template("people/show.html", person=person, revealed={})


@bp.post("/<int:person_id>/reveal")
@login_required
def reveal(person_id: int):
    person = _get(person_id, "person.view")
    field = request.form.get("field", "")
    try:
        value = ops.reveal_person(current_user, person, field)
    except ValidationFailed:
        abort(400)
    db.session.commit()
    return render_template("people/show.html", person=person, revealed={field: value})


@bp.route("/<int:person_id>/edit", methods=["GET", "POST"])
@login_required
def edit(person_id: int):
    person = _get(person_id, "person.edit")
    form = _form(person)
    if request.method == "GET":
        # Full values never go into the form: the inputs show the masked value as a placeholder
        # and an empty input keeps what is stored (no reveal needed just to fix an address).
        form.id_number.data = ""
        form.phone.data = ""
    if form.validate_on_submit():
        data = form.data_object(_area(form))
        data.id_number = data.id_number or person.id_number or ""
        data.phone = data.phone or person.phone or ""
        try:
            ops.update_person(current_user, person, data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("人员信息已保存。"), "success")
            return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/form.html", form=form, person=person)
