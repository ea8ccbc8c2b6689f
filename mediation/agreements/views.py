"""Agreement pages: list, draft from a case, editor, signing (canvas pad, fingerprint, scan)."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from mediation.agreements import images
from mediation.agreements import operations as ops
from mediation.agreements.forms import (
    AgreementForm,
    NewAgreementForm,
    ScanForm,
    SignatureForm,
    apply_nested_errors,
    fill_from,
)
from mediation.agreements.models import STATUSES, Agreement, AgreementSignature
from mediation.agreements.queries import cases_ready_for_agreement, visible_agreements
from mediation.cases.models import Case
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.forms import apply_errors, choices
from mediation.permissions import get_for, require

bp = Blueprint("agreements", __name__, url_prefix="/agreements")


def _get(agreement_id: int, action: str = "agreement.view") -> Agreement:
    return get_for(Agreement, agreement_id, action)


@bp.get("/")
@login_required
def index():
    require(current_user, "agreement.view")
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    page = db.paginate(visible_agreements(current_user, status), per_page=20, error_out=False)
    return render_template("agreements/index.html", page=page, status=status)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require(current_user, "agreement.edit")
    form = NewAgreementForm(case_id=request.args.get("case_id", type=int))
    ready = list(db.session.scalars(cases_ready_for_agreement(current_user)))
    form.case_id.choices = choices([("", _("请选择"))] + [(c.id, f"{c.number} {c.title}") for c in ready])
    if form.validate_on_submit():
        case = db.session.get(Case, form.case_id.data) if form.case_id.data else None
        if case is None:
            form.case_id.errors = [_("请选择调解中的案件")]
        else:
            try:
                agreement = ops.create_agreement(current_user, case, form=form.form.data or "written")
            except ValidationFailed as exc:
                apply_errors(form, exc)
            except OperationError as exc:
                form.case_id.errors = [exc.message]
            else:
                db.session.commit()
                flash(_("已创建调解协议 %(n)s，请填写协议内容。", n=agreement.number), "success")
                return redirect(url_for("agreements.edit", agreement_id=agreement.id))
    return render_template("agreements/new.html", form=form, ready=ready)


@bp.get("/<int:agreement_id>")
@login_required
def show(agreement_id: int):
    agreement = _get(agreement_id)
    scan_form = ScanForm()
    scan_form.signers.choices = choices([(k, f"{role} {name}") for k, role, name in ops.missing_signers(agreement)])
    return render_template("agreements/show.html", agreement=agreement, scan_form=scan_form,
                           required=ops.required_signers(agreement), missing=ops.missing_signers(agreement))


@bp.route("/<int:agreement_id>/edit", methods=["GET", "POST"])
@login_required
def edit(agreement_id: int):
    agreement = _get(agreement_id, "agreement.edit")
    if agreement.status == "effective":
        flash(_("协议已生效，不能再修改。"), "warning")
        return redirect(url_for("agreements.show", agreement_id=agreement.id))
    form = AgreementForm()
    if request.method == "GET":
        fill_from(form, agreement)
    form.add_blank_rows()
    form.set_parties(agreement.case.parties)
    if form.validate_on_submit():
        try:
            ops.update_agreement(current_user, agreement, form.data_object(),
                                 discard_signatures=bool(form.confirm_discard.data))
        except ValidationFailed as exc:
            apply_nested_errors(form, exc)
        except OperationError as exc:
            form.form_errors.append(exc.message)
        else:
            db.session.commit()
            flash(_("协议内容已保存（第 %(v)d 版）。", v=agreement.version), "success")
            return redirect(url_for("agreements.show", agreement_id=agreement.id))
    return render_template("agreements/edit.html", agreement=agreement, form=form)


def _act(agreement_id: int, fn, message: str):
    agreement = _get(agreement_id, "agreement.edit")
    try:
        fn(agreement)
    except (OperationError, ValidationFailed) as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("agreements.show", agreement_id=agreement_id))


@bp.post("/<int:agreement_id>/start-signing")
@login_required
def start_signing(agreement_id: int):
    return _act(agreement_id, lambda a: ops.start_signing(current_user, a),
                _("协议内容已锁定，可以开始签名。"))


@bp.post("/<int:agreement_id>/confirm-oral")
@login_required
def confirm_oral(agreement_id: int):
    return _act(agreement_id, lambda a: ops.confirm_oral(current_user, a),
                _("口头协议已确认生效，记录已出具并加盖电子签章。"))


@bp.route("/<int:agreement_id>/sign/<signer>", methods=["GET", "POST"])
@login_required
def sign(agreement_id: int, signer: str):
    agreement = _get(agreement_id, "agreement.edit")
    row = next((r for r in ops.missing_signers(agreement) if r[0] == signer), None)
    if row is None or agreement.status != "signing":
        flash(_("该签名人无需签名或协议不在签署阶段。"), "warning")
        return redirect(url_for("agreements.show", agreement_id=agreement.id))
    form = SignatureForm(signer=signer)
    if form.validate_on_submit():
        try:
            if form.method.data == "fingerprint" and form.fingerprint.data:
                image = form.fingerprint.data.read()
            else:
                image = images.decode_data_url(form.image.data or "")
            ops.sign(current_user, agreement, signer=signer, method=form.method.data or "drawn", image=image)
        except ValidationFailed as exc:
            apply_errors(form, exc)
        except OperationError as exc:
            form.form_errors.append(exc.message)
        else:
            db.session.commit()
            if agreement.status == "effective":
                flash(_("全部签名完成，协议已生效，已出具加盖电子签章的协议书。"), "success")
            else:
                flash(_("%(name)s 已签名。", name=row[2]), "success")
            return redirect(url_for("agreements.show", agreement_id=agreement.id))
    return render_template("agreements/sign.html", agreement=agreement, form=form, signer=row)


@bp.post("/<int:agreement_id>/scan")
@login_required
def scan(agreement_id: int):
    agreement = _get(agreement_id, "agreement.edit")
    form = ScanForm()
    form.signers.choices = choices([(k, name) for k, _role, name in ops.missing_signers(agreement)])
    if form.validate_on_submit():
        try:
            ops.add_scan(current_user, agreement, signers=list(form.signers.data or []),
                         image=form.scan.data.read() if form.scan.data else b"")
        except (ValidationFailed, OperationError) as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(_("纸质签署件已上传。"), "success")
    else:
        flash(_("请选择签名人并上传扫描件。"), "error")
    return redirect(url_for("agreements.show", agreement_id=agreement_id))


@bp.get("/<int:agreement_id>/signatures/<int:signature_id>")
@login_required
def signature_image(agreement_id: int, signature_id: int):
    agreement = _get(agreement_id)
    sig = db.session.get(AgreementSignature, signature_id)
    if sig is None or sig.agreement_id != agreement.id:
        abort(404)
    return send_file(BytesIO(images.load(sig.image_path)), mimetype=sig.image_type, max_age=0)


@bp.get("/<int:agreement_id>/pdf")
@login_required
def pdf(agreement_id: int):
    agreement = _get(agreement_id)
    if agreement.document_id is None:
        abort(404)
    from mediation.documents.blueprint import get_visible, pdf_response

    return pdf_response(get_visible(agreement.document_id, current_user))
