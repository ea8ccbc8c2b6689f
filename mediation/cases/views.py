"""Case pages: lists with filters and CSV export, the intake form, the workspace."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from mediation.areas.models import Area
from mediation.cases import labels, queries, states
from mediation.cases.forms import CaseForm, apply_case_errors
from mediation.cases.intake import DuplicateSuspected, create_case
from mediation.cases.models import STATUSES, Case
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.forms import choices
from mediation.people.models import Person
from mediation.people.queries import areas_in_scope, people_in_scope
from mediation.permissions import can, require
from mediation.personal_data import ID_NUMBER_PATTERN, mask_id_number, normalize_id_number

bp = Blueprint("cases", __name__, url_prefix="/cases")
CSV_LIMIT = 50_000


def get_case(case_id: int, action: str = "case.view") -> Case:
    case = db.session.get(Case, case_id)
    if case is None:
        abort(404)
    require(current_user, action, case)
    return case


def _list_page(mine: bool):
    require(current_user, "case.create")
    f = queries.parse_filters(request.args)
    f.mine = mine or f.mine
    counts = queries.status_counts(current_user, f)
    page = db.paginate(queries.case_ids(current_user, f), per_page=current_app.config["PAGE_SIZE"],
                       error_out=False, count=False)
    page.total = counts[f.status] if f.status else sum(counts.values())  # one counting query, not two
    page.items = queries.load_cases(page.items)
    mediators = [] if mine else _mediator_filter_choices()
    return render_template("cases/index.html", page=page, f=f, counts=counts, mine=mine, labels=labels,
                           statuses=STATUSES, mediators=mediators,
                           endpoint="cases.mine" if mine else "cases.index")


def _mediator_filter_choices():
    """Users working inside the viewer's area (cheap: no scan of the cases)."""
    from mediation.auth.models import User, UserArea
    from mediation.permissions import area_scope

    by_area = select(UserArea.user_id).join(Area, Area.id == UserArea.area_id).where(
        area_scope(current_user, Area.path))
    return list(db.session.scalars(select(User).where(User.id.in_(by_area), User.is_active_account)
                                   .order_by(User.display_name).limit(200)))


@bp.get("/")
@login_required
def index():
    return _list_page(mine=False)


@bp.get("/mine")
@login_required
def mine():
    return _list_page(mine=True)


@bp.get("/export.csv")
@login_required
def export_csv():
    """The current list as CSV (UTF-8 with BOM for Excel); ID numbers and phones masked."""
    require(current_user, "case.create")
    f = queries.parse_filters(request.args)
    rows = db.session.scalars(queries.case_list(current_user, f).limit(CSV_LIMIT))
    out = io.StringIO()
    out.write("\ufeff")
    w = csv.writer(out)
    w.writerow([_("案件编号"), _("标题"), _("纠纷类型"), _("来源"), _("网格"), _("状态"), _("风险等级"), _("调解员"),
                _("登记时间"), _("期限"), _("期限状态"), _("当事人"), _("争议金额（元）")])
    for c in rows:
        flag = _("已超期") if c.is_overdue else (_("3天内到期") if c.is_due_soon else "")
        parties = "；".join(f"{labels.label(labels.ROLE_LABELS, p.role)}:{p.person.name}"
                           f"({mask_id_number(p.person.id_number)})" if p.person.id_number else
                           f"{labels.label(labels.ROLE_LABELS, p.role)}:{p.person.name}" for p in c.parties)
        w.writerow([c.number, _csv_safe(c.title), labels.label(labels.CATEGORY_LABELS, c.category),
                    labels.label(labels.SOURCE_LABELS, c.source), c.area.full_name,
                    labels.status_label(c.status), labels.label(labels.RISK_LABELS, c.risk_level),
                    c.mediator.display_name if c.mediator else "", c.created_at.strftime("%Y-%m-%d"),
                    c.deadline.isoformat() if c.deadline else "", flag, _csv_safe(parties),
                    str(c.amount) if c.amount is not None else ""])
    return Response(out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": "attachment; filename=cases.csv"})


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (=, +, -, @ at the start of a cell)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# --- intake -----------------------------------------------------------------------------------


def _prepare(form: CaseForm) -> list[Person | None]:
    """Fill the selects; return the chosen existing person (or None) for each party entry."""
    form.area_id.choices = choices([("", _l("请选择"))] + [
        (a.id, a.full_name) for a in db.session.scalars(areas_in_scope(current_user, ("grid", "microgrid",
                                                                                       "village")))])
    chosen = []
    for entry in form.parties:
        sub = entry.form
        options: list[tuple] = [("", _l("新登记当事人（填写下方信息）"))]
        person = None
        if sub.person_id.data:
            person = db.session.get(Person, sub.person_id.data)
            if person is None or not can(current_user, "person.view", person):
                person = None
                sub.person_id.data = None
            else:
                options.append((person.id, _person_label(person)))
        for match in _lookup(sub.lookup.data):
            if person is None or match.id != person.id:
                options.append((match.id, _person_label(match)))
        sub.person_id.choices = choices(options)
        chosen.append(person)
    return chosen


def _lookup(q: str | None) -> list[Person]:
    q = (q or "").strip()
    if len(q) < 1:
        return []
    stmt = people_in_scope(current_user)
    number = normalize_id_number(q)
    if ID_NUMBER_PATTERN.fullmatch(number):
        stmt = stmt.where(Person.id_number == number)
    else:
        stmt = stmt.where(or_(Person.name.contains(q, autoescape=True)))
    return list(db.session.scalars(stmt.limit(10)))


def _person_label(p: Person) -> str:
    parts = [p.name]
    if p.id_number:
        parts.append(mask_id_number(p.id_number))
    if p.area is not None:
        parts.append(p.area.full_name)
    return " · ".join(parts)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require(current_user, "case.create")
    form = CaseForm()
    if request.method == "GET" and len(current_user.areas) == 1:
        form.area_id.data = current_user.areas[0].id
    duplicates: list[Case] = []
    if request.method == "POST":
        action = request.form.get("do", "save")
        if action == "add_party" and len(form.parties) < form.parties.max_entries:
            form.parties.append_entry()
        elif action.startswith("remove-") and len(form.parties) > 2:
            _remove_party(form, action)
        people = _prepare(form)
        if action == "save" and form.validate():
            area = db.session.get(Area, form.area_id.data) if form.area_id.data else None
            try:
                case = create_case(current_user, form.case_data(area, people),
                                   confirm_duplicate=bool(form.confirm_duplicate.data))
            except DuplicateSuspected as exc:
                duplicates = exc.cases
            except ValidationFailed as exc:
                apply_case_errors(form, exc)
            else:
                db.session.commit()
                flash(_("案件已登记：%(number)s", number=case.number), "success")
                return redirect(url_for("cases.show", case_id=case.id))
        if action == "save" and (form.errors or form.form_errors):
            flash(_("请修正标出的内容后再保存。"), "error")
    else:
        _prepare(form)
    return render_template("cases/new.html", form=form, duplicates=duplicates, labels=labels)


def _remove_party(form: CaseForm, action: str) -> None:
    try:
        index = int(action.removeprefix("remove-"))
    except ValueError:
        return
    if 0 <= index < len(form.parties.entries):
        form.parties.entries.pop(index)
        for i, entry in enumerate(form.parties.entries):  # renumber so names stay parties-0…n
            entry.id = entry.name = f"parties-{i}"
            for sub in entry.form:
                name = sub.short_name
                sub.id = sub.name = f"parties-{i}-{name}"
                sub.label.field_id = sub.id


# --- workspace ------------------------------------------------------------------------------------


@bp.get("/<int:case_id>")
@login_required
def show(case_id: int, revealed: dict | None = None):
    case = get_case(case_id)
    editable = can(current_user, "case.edit", case)
    actions = states.available_actions(case.status) if editable else []
    return render_template("cases/show.html", case=case, labels=labels, actions=actions, editable=editable,
                           revealed=revealed or {})
