"""Public verification pages, staff downloads, the documents API and the `flask keys` commands."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, current_app, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from mediation.documents import cli, permissions  # noqa: F401 - registers the document.* rules
from mediation.documents import operations as ops
from mediation.documents.forms import CodeForm, UploadForm
from mediation.documents.models import Document
from mediation.documents.verification import verify_pdf
from mediation.extensions import db, limiter
from mediation.permissions import require

bp = Blueprint("documents", __name__)


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(cli.keys_group)
    from mediation.api.blueprint import register_api
    from mediation.documents import api

    register_api(app, api.bp)


def _verify_limit() -> str:
    return current_app.config.get("VERIFY_RATE_LIMIT", "60 per minute")


def get_visible(document_id: int, user) -> Document:
    """The document if `user` may see it; 404 otherwise (never reveals that it exists)."""
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    require(user, "document.view", document)
    return document


def pdf_response(document: Document):
    data = ops.document_bytes(document)
    return send_file(BytesIO(data), mimetype="application/pdf", as_attachment=True,
                     download_name=f"{document.number or document.kind}.pdf", max_age=0)


@bp.get("/verify")
@limiter.limit(_verify_limit)
def verify_index():
    form = CodeForm(request.args, meta={"csrf": False})
    if request.args.get("code") is not None and form.validate():
        document = ops.find_by_code(form.code.data)
        if document is not None:
            return redirect(url_for("documents.verify_code", code=document.verification_code))
        form.code.errors = list(form.code.errors) + [form.not_found_message()]
    return render_template("documents/verify_index.html", form=form, upload=UploadForm())


@bp.get("/verify/<code>")
@limiter.limit(_verify_limit)
def verify_code(code: str):
    document = ops.find_by_code(code)
    if document is None:
        return render_template("documents/verify_unknown.html"), 404
    if document.verification_code != code:
        return redirect(url_for("documents.verify_code", code=document.verification_code))
    verdict = verify_pdf(ops.document_bytes(document))
    return render_template("documents/verify_document.html", document=document, verdict=verdict)


@bp.post("/verify")
@limiter.limit(_verify_limit)
def verify_upload():
    form = UploadForm()
    if not form.validate_on_submit():
        return render_template("documents/verify_index.html", form=CodeForm(meta={"csrf": False}),
                               upload=form), 422
    data = form.file.data.read()
    verdict = verify_pdf(data)
    # Which registered document has exactly these bytes (or an earlier state of them)?
    known = db.session.scalar(db.select(Document).where(Document.sha256 == verdict.sha256))
    return render_template("documents/verify_result.html", verdict=verdict, known=known,
                           filename=form.file.data.filename or "")


@bp.get("/documents/<int:document_id>")
@login_required
def show(document_id: int):
    document = get_visible(document_id, current_user)
    return render_template("documents/show.html", document=document,
                           related=permissions.related_object(document))


@bp.get("/documents/<int:document_id>/pdf")
@login_required
def pdf(document_id: int):
    return pdf_response(get_visible(document_id, current_user))
