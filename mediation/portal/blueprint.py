"""Villagers' portal (no login): town → village → published deliberations → one item's page.

Phone first, works without JavaScript, shows no personal data: only bodies, counts, tallies and
the texts the village published on purpose (with any ID or mobile number masked).
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from mediation.areas.models import Area
from mediation.db import today
from mediation.deliberations.models import BodyMember, Deliberation, Meeting, Motion, Vote
from mediation.deliberations.operations.publication import submit_feedback
from mediation.deliberations.publication_models import DeliberationFile
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db, limiter
from mediation.forms import apply_errors
from mediation.portal import queries
from mediation.portal.forms import FeedbackForm

bp = Blueprint("portal", __name__, url_prefix="/portal")


def init_app(app) -> None:
    app.config.setdefault("PORTAL_FEEDBACK_LIMIT", "5 per hour;20 per day")
    app.register_blueprint(bp)
    app.jinja_env.filters["public_text"] = queries.public_text


def _area(area_id: int, kind: str) -> Area:
    area = db.session.get(Area, area_id)
    if area is None or area.kind != kind or not area.is_active:
        abort(404)
    return area


def _public_item(item_id: int) -> Deliberation:
    item = db.session.get(Deliberation, item_id, options=[
        selectinload(Deliberation.meetings).selectinload(Meeting.motions).selectinload(Motion.votes)
        .selectinload(Vote.member).selectinload(BodyMember.person),
        selectinload(Deliberation.meetings).selectinload(Meeting.body)])
    if item is None or item.published_at is None:
        abort(404)
    return item


@bp.get("/")
def index():
    return render_template("portal/index.html", towns=queries.towns())


@bp.get("/town/<int:town_id>")
def town(town_id: int):
    t = _area(town_id, "town")
    return render_template("portal/town.html", town=t, villages=queries.published_counts_by(t, "village"))


@bp.get("/village/<int:village_id>")
def village(village_id: int):
    v = _area(village_id, "village")
    page = db.paginate(queries.published_items(v), per_page=10, error_out=False)
    rows = [(item, queries.deciding_motion(item), queries.progress(item)) for item in page.items]
    return render_template("portal/village.html", village=v, town=v.parent, page=page, rows=rows)


def _item_page(item: Deliberation, form: FeedbackForm | None = None, status: int = 200):
    from mediation.deliberations.documents import notice_document

    pubs = queries.publications(item)
    open_pub = next((p for p in (pubs.get("result"), pubs.get("decision")) if p and p.is_open_on(today())), None)
    village = item.area if item.area.kind == "village" else next(
        (a for a in reversed(item.area.ancestors()) if a.kind == "village"), None)
    return render_template(
        "portal/item.html", item=item, village=village, pubs=pubs, open_pub=open_pub,
        meetings=queries.public_meetings(item), milestones=queries.milestones(item),
        progress=queries.progress(item), form=form or FeedbackForm(formdata=None),
        feedback={k: queries.published_feedback(p) for k, p in pubs.items()},
        notices={k: notice_document(p) for k, p in pubs.items()},
    ), status


@bp.get("/item/<int:item_id>")
def item(item_id: int):
    return _item_page(_public_item(item_id))


@bp.post("/item/<int:item_id>/feedback")
@limiter.limit(lambda: current_app.config["PORTAL_FEEDBACK_LIMIT"])
def feedback(item_id: int):
    it = _public_item(item_id)
    form = FeedbackForm()
    pubs = queries.publications(it)
    pub = next((p for p in (pubs.get("result"), pubs.get("decision")) if p and p.is_open_on(today())), None)
    if pub is None:
        flash(_("公示期已结束，不再受理询问或异议。"), "error")
        return redirect(url_for("portal.item", item_id=it.id))
    if not form.validate_on_submit():
        return _item_page(it, form, 422)
    if form.website.data:  # the hidden field: a bot; answer as if accepted, store nothing
        flash(_("已收到，工作人员答复后将在本页公开。"), "success")
        return redirect(url_for("portal.item", item_id=it.id))
    try:
        submit_feedback(pub, form.kind.data, form.text.data)
    except ValidationFailed as exc:
        apply_errors(form, exc)
        return _item_page(it, form, 422)
    except OperationError as exc:
        flash(exc.message, "error")
        return redirect(url_for("portal.item", item_id=it.id))
    db.session.commit()
    flash(_("已收到，工作人员答复后将在本页公开。"), "success")
    return redirect(url_for("portal.item", item_id=it.id) + "#feedback")


@bp.get("/photo/<int:file_id>.jpg")
def photo(file_id: int):
    f = db.session.get(DeliberationFile, file_id)
    if f is None or f.milestone_id is None:
        abort(404)
    _public_item(f.deliberation_id)
    response = Response(f.data, mimetype=f.content_type)
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.get("/item/<int:item_id>/notice-<kind>.pdf")
def notice_pdf(item_id: int, kind: str):
    from mediation.deliberations.documents import notice_document
    from mediation.documents.operations import document_bytes

    it = _public_item(item_id)
    pub = queries.publications(it).get(kind)
    doc = notice_document(pub) if pub else None
    if doc is None:
        abort(404)
    response = Response(document_bytes(doc), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f"inline; filename=notice-{it.id}-{kind}.pdf"
    return response
