"""Item pages: list, create, edit, show, end or return, attachments."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select

from mediation.areas.models import Area
from mediation.auth.models import User, UserArea, UserRole
from mediation.deliberations import procedures
from mediation.deliberations.bp import bp, get_item, perform, to_cents
from mediation.deliberations.forms import CsrfForm, FileForm, ItemForm, ReasonForm
from mediation.deliberations.operations import items as ops
from mediation.deliberations.operations.publication import progress_of
from mediation.deliberations.publication_models import DeliberationFile, Milestone, Publication
from mediation.deliberations.queries import items_in_scope
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.people.queries import areas_in_scope
from mediation.permissions import area_scope, require


@bp.get("/")
@login_required
def index():
    require(current_user, "deliberation.view")
    status = request.args.get("status", "")
    status = status if status in procedures.STATUS_LABELS else ""
    q = (request.args.get("q") or "").strip()
    page = db.paginate(items_in_scope(current_user, status, q), per_page=20, error_out=False)
    return render_template("deliberations/index.html", page=page, status=status, q=q,
                           statuses=procedures.STATUS_LABELS)


def _item_form(item=None) -> ItemForm:
    form = ItemForm(obj=item)
    form.area_id.choices = choices([("", _l("请选择"))] + [
        (a.id, a.full_name) for a in db.session.scalars(areas_in_scope(current_user))])
    workers = db.session.scalars(
        select(User).join(UserRole).join(UserArea, UserArea.user_id == User.id).join(Area, UserArea.area_id == Area.id)
        .where(UserRole.role == "grid_worker", User.is_active_account, area_scope(current_user, Area.path))
        .distinct().order_by(User.display_name))
    form.origin_worker_id.choices = choices([("", _l("无"))] + [(u.id, u.display_name) for u in workers])
    if item is not None and request.method == "GET":
        form.budget.data = None if item.budget_cents is None else item.budget_cents / 100
    return form


def _item_data(form: ItemForm) -> ops.ItemData:
    worker = db.session.get(User, form.origin_worker_id.data) if form.origin_worker_id.data else None
    return ops.ItemData(
        topic=form.topic.data or "", area=db.session.get(Area, form.area_id.data) if form.area_id.data else None,
        procedure=form.procedure.data, description=form.description.data or "", micro_form=form.micro_form.data,
        origin_proposer=form.origin_proposer.data or "", origin_on=form.origin_on.data, origin_worker=worker,
        origin_note=form.origin_note.data or "", budget_cents=to_cents(form.budget.data))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require(current_user, "deliberation.create")
    form = _item_form()
    if form.validate_on_submit():
        try:
            item = ops.create_item(current_user, _item_data(form))
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("议事事项已登记。"), "success")
            return redirect(url_for("deliberations.show", item_id=item.id))
    return render_template("deliberations/item_form.html", form=form, item=None)


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit(item_id: int):
    item = get_item(item_id, "deliberation.edit")
    form = _item_form(item)
    if form.validate_on_submit():
        try:
            ops.update_item(current_user, item, _item_data(form))
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("已保存。"), "success")
            return redirect(url_for("deliberations.show", item_id=item.id))
    return render_template("deliberations/item_form.html", form=form, item=item)


@bp.get("/<int:item_id>")
@login_required
def show(item_id: int):
    item = get_item(item_id)
    pubs = {p.kind: p for p in db.session.scalars(select(Publication).where(Publication.deliberation_id == item.id))}
    milestones = db.session.scalars(select(Milestone).where(Milestone.deliberation_id == item.id)
                                    .order_by(Milestone.planned_on, Milestone.id)).all()
    attachments = db.session.scalars(select(DeliberationFile).where(
        DeliberationFile.deliberation_id == item.id, DeliberationFile.milestone_id.is_(None))).all()
    progress, spend = progress_of(item)
    return render_template("deliberations/item.html", item=item, pubs=pubs, milestones=milestones,
                           attachments=attachments, progress=progress, spend=spend,
                           stages=procedures.stages(item.procedure),
                           current=procedures.stage_index(item.procedure, item.stage),
                           reason_form=ReasonForm(), file_form=FileForm(), csrf_form=CsrfForm())


@bp.post("/<int:item_id>/end")
@login_required
def end(item_id: int):
    return _reason_action(item_id, ops.end_item, _("事项已终止。"))


@bp.post("/<int:item_id>/return")
@login_required
def return_(item_id: int):
    return _reason_action(item_id, ops.return_item, _("事项已退回第一阶段。"))


def _reason_action(item_id, operation, message):
    item = get_item(item_id, "deliberation.edit")
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            operation(current_user, item, form.reason.data)
        except OperationError as exc:
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(message, "success")
    else:
        flash(_("请填写原因。"), "error")
    return redirect(url_for("deliberations.show", item_id=item.id))


@bp.post("/<int:item_id>/attachments")
@login_required
def attach(item_id: int):
    item = get_item(item_id, "deliberation.edit")
    form = FileForm()
    if form.validate_on_submit():
        upload = form.file.data
        perform(lambda: ops.add_attachment(current_user, item, upload.filename, upload.read()), _("附件已上传。"))
    else:
        flash(_("请选择文件。"), "error")
    return redirect(url_for("deliberations.show", item_id=item.id))


@bp.get("/files/<int:file_id>")
@login_required
def file(file_id: int):
    f = db.session.get(DeliberationFile, file_id)
    if f is None:
        abort(404)
    get_item(f.deliberation_id)
    disposition = "inline" if f.content_type.startswith("image/") else "attachment"
    response = Response(f.data, mimetype=f.content_type)
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{_quote(f.filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
