"""Bodies: list, create, roster, and the rule (edited as data, audited)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from mediation.areas.models import Area
from mediation.deliberations import rules
from mediation.deliberations.bp import bp, get_body, get_member
from mediation.deliberations.forms import BodyForm, CsrfForm, MemberForm, RuleForm
from mediation.deliberations.operations import bodies as ops
from mediation.deliberations.queries import bodies_in_scope, people_for_body
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.people.models import Person
from mediation.people.queries import areas_in_scope
from mediation.permissions import require


@bp.get("/bodies")
@login_required
def bodies():
    require(current_user, "deliberation.view")
    page = db.paginate(bodies_in_scope(current_user), per_page=30, error_out=False)
    return render_template("deliberations/bodies.html", page=page)


@bp.route("/bodies/new", methods=["GET", "POST"])
@login_required
def new_body():
    require(current_user, "deliberation.create")
    form = BodyForm()
    form.area_id.choices = choices([("", _l("请选择"))] + [
        (a.id, a.full_name) for a in db.session.scalars(areas_in_scope(current_user))])
    if form.validate_on_submit():
        try:
            body = ops.create_body(current_user, db.session.get(Area, form.area_id.data), form.kind.data,
                                   form.name.data or "")
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("议事机构已建立，规则采用法定默认值，可按需调整。"), "success")
            return redirect(url_for("deliberations.body", body_id=body.id))
    return render_template("deliberations/body_form.html", form=form)


def _member_form(body) -> MemberForm:
    form = MemberForm()
    on_roster = {m.person_id for m in body.active_members}
    form.person_id.choices = choices([("", _l("请选择"))] + [
        (p.id, p.name) for p in db.session.scalars(people_for_body(body)) if p.id not in on_roster])
    return form


@bp.get("/bodies/<int:body_id>")
@login_required
def body(body_id: int):
    b = get_body(body_id)
    return render_template("deliberations/body.html", body=b, member_form=_member_form(b), csrf_form=CsrfForm(),
                           quorum_rule=rules.quorum_text(b.rules), decision_rule=rules.decision_text(b.rules))


@bp.post("/bodies/<int:body_id>/members")
@login_required
def add_member(body_id: int):
    b = get_body(body_id, "deliberation.edit")
    form = _member_form(b)
    if form.validate_on_submit():
        try:
            ops.add_member(current_user, b, db.session.get(Person, form.person_id.data), form.role.data,
                           form.is_household_rep.data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("已加入名册。"), "success")
            return redirect(url_for("deliberations.body", body_id=b.id))
    return render_template("deliberations/body.html", body=b, member_form=form, csrf_form=CsrfForm(),
                           quorum_rule=rules.quorum_text(b.rules), decision_rule=rules.decision_text(b.rules)), 422


@bp.post("/members/<int:member_id>/remove")
@login_required
def remove_member(member_id: int):
    m = get_member(member_id)
    if CsrfForm().validate_on_submit():
        try:
            ops.remove_member(current_user, m)
        except OperationError as exc:
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("已移出名册。"), "success")
    return redirect(url_for("deliberations.body", body_id=m.body_id))


@bp.route("/bodies/<int:body_id>/rules", methods=["GET", "POST"])
@login_required
def edit_rules(body_id: int):
    b = get_body(body_id, "deliberation.edit")
    form = RuleForm()
    if request.method == "GET":
        r = b.rules
        form.name.data = b.name
        form.quorum_base.data, form.quorum_num.data, form.quorum_den.data = r.quorum_base, r.quorum.num, r.quorum.den
        form.quorum_strict.data = "strict" if r.quorum.strict else "atleast"
        form.alt_base.data = r.alt_base or ""
        if r.alt_quorum:
            form.alt_num.data, form.alt_den.data = r.alt_quorum.num, r.alt_quorum.den
            form.alt_strict.data = "strict" if r.alt_quorum.strict else "atleast"
        form.decision_base.data, form.decision_num.data, form.decision_den.data = (
            r.decision_base, r.decision.num, r.decision.den)
        form.decision_strict.data = "strict" if r.decision.strict else "atleast"
        form.notice_days.data, form.notice_enforcement.data = r.notice_days, r.notice_enforcement
        form.proxies_allowed.data, form.roll_call_public.data = r.proxies_allowed, r.roll_call_public
    if form.validate_on_submit():
        alt = None
        if form.alt_base.data:
            if not (form.alt_num.data and form.alt_den.data):
                form.alt_num.errors = [_("请填写替代条件的比例")]
                return render_template("deliberations/rule_form.html", form=form, body=b), 422
            alt = rules.Fraction(form.alt_num.data, form.alt_den.data, form.alt_strict.data == "strict")
        new = rules.RuleSet(
            form.quorum_base.data, rules.Fraction(form.quorum_num.data, form.quorum_den.data,
                                                  form.quorum_strict.data == "strict"),
            form.alt_base.data or None, alt, form.decision_base.data,
            rules.Fraction(form.decision_num.data, form.decision_den.data, form.decision_strict.data == "strict"),
            form.notice_days.data, form.notice_enforcement.data, form.proxies_allowed.data,
            form.roll_call_public.data)
        try:
            ops.update_rules(current_user, b, new, form.name.data)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        else:
            db.session.commit()
            flash(_("规则已更新（已记入审计日志）。"), "success")
            return redirect(url_for("deliberations.body", body_id=b.id))
    return render_template("deliberations/rule_form.html", form=form, body=b)
