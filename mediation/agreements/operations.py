"""Agreement operations: draft from a case, edit (new version once signing started), start
signing, collect signatures, and — when everyone has signed, or an oral agreement is confirmed —
issue the sealed PDF and move the case to `agreed`.
"""

from __future__ import annotations

import json

from flask_babel import gettext as _
from sqlalchemy import select

from mediation import audit, numbering
from mediation.agreements import content, images
from mediation.agreements.models import (
    DRAFT,
    EFFECTIVE,
    ORAL,
    SCAN,
    SIGNING,
    WRITTEN,
    Agreement,
    AgreementSignature,
    AgreementTerm,
    AgreementVersion,
)
from mediation.agreements.validation import AgreementData, validate
from mediation.cases.models import MEDIATING, Case
from mediation.cases.operations import record_agreement
from mediation.db import today, utcnow
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from mediation.permissions import require
from mediation.web import LOCAL_TZ

MEDIATOR = "mediator"


def format_number(committee, year: int, seq: int) -> str:
    return f"{committee.short_name}调协〔{year}〕{seq:04d}号"


def agreement_for(case: Case) -> Agreement | None:
    return db.session.scalar(select(Agreement).where(Agreement.case_id == case.id))


def _case_must_be_mediating(case: Case) -> None:
    if case.status != MEDIATING:
        raise OperationError(_("只有调解中的案件才能制作调解协议。"))


def create_agreement(actor, case: Case, *, form: str = WRITTEN) -> Agreement:
    """Start the agreement of a case in mediation, pre-filled from the case."""
    require(actor, "case.edit", case)
    _case_must_be_mediating(case)
    if agreement_for(case) is not None:
        raise OperationError(_("该案件已有调解协议。"))
    if form not in (WRITTEN, ORAL):
        raise ValidationFailed({"form": [_("请选择协议形式")]})
    year = today().year
    seq = numbering.next_number(f"agreement:{case.committee_id}", year)
    agreement = Agreement(
        case=case, committee=case.committee, number=format_number(case.committee, year, seq), year=year, seq=seq,
        form=form, facts=case.description or "", copies=len(case.parties) + 1,
        mediator=case.mediator or actor, created_by=actor,
        place=case.committee.name,
    )
    db.session.add(agreement)
    db.session.flush()
    audit.record("agreement.create", agreement, actor=actor, case_id=case.id, number=agreement.number, form=form)
    return agreement


def update_agreement(actor, agreement: Agreement, data: AgreementData, *, discard_signatures: bool = False) -> None:
    """Save the editor. Once signing started, saving makes a new version and discards the
    signatures collected so far — only when the caller confirms it (`discard_signatures`)."""
    require(actor, "agreement.edit", agreement)
    if agreement.status == EFFECTIVE:
        raise OperationError(_("协议已生效，不能再修改。"))
    party_ids = {p.id for p in agreement.case.parties}
    errors, terms = validate(data, party_ids, earliest=agreement.case.created_at.astimezone(LOCAL_TZ).date())
    if agreement.status == SIGNING and agreement.active_signatures and not discard_signatures:
        errors.setdefault("confirm_discard", []).append(
            _("已有 %(n)d 人签名。修改将生成新版本，已收集的签名将作废，请勾选确认。",
              n=len(agreement.active_signatures)))
    if errors:
        raise ValidationFailed(errors)
    discarded = 0
    if agreement.status == SIGNING:
        now = utcnow()
        for sig in agreement.active_signatures:
            sig.discarded_at = now
            discarded += 1
        if agreement.current_version is not None:
            agreement.current_version.discarded_at = now
        agreement.version += 1
        agreement.status = DRAFT
    agreement.form = data.form
    for name in ("facts", "issues", "responsibilities", "oral_content", "place"):
        setattr(agreement, name, (getattr(data, name) or "").strip())
    agreement.accepts_enforcement = data.accepts_enforcement
    agreement.copies = data.copies
    agreement.agreed_on = data.agreed_on if data.form == ORAL else None
    agreement.terms = [AgreementTerm(position=i, obligor_id=t.obligor_id, obligee_id=t.obligee_id,
                                     obligation=t.obligation, amount_fen=t.amount_fen, deadline=t.deadline,
                                     method=t.method, place=t.place) for i, t in enumerate(terms)]
    db.session.flush()
    audit.record("agreement.update", agreement, actor=actor, version=agreement.version, terms=len(terms),
                 discarded_signatures=discarded)


def _check_complete(agreement: Agreement) -> None:
    """The stored content must still pass validation (e.g. deadlines not in the past)."""
    data = AgreementData(
        form=agreement.form, facts=agreement.facts, issues=agreement.issues,
        responsibilities=agreement.responsibilities, oral_content=agreement.oral_content,
        accepts_enforcement=agreement.accepts_enforcement, copies=agreement.copies, place=agreement.place,
        agreed_on=agreement.agreed_on,
        terms=[_term_input(t) for t in agreement.terms],
    )
    errors, _terms = validate(data, {p.id for p in agreement.case.parties})
    if errors:
        raise OperationError(_("协议内容还不完整或有误，请先修改：%(m)s", m=next(iter(errors.values()))[0]))


def _term_input(t: AgreementTerm):
    from mediation.agreements.validation import TermInput

    return TermInput(obligor_id=t.obligor_id, obligee_id=t.obligee_id, obligation=t.obligation,
                     amount=str(t.amount) if t.amount is not None else "", deadline=t.deadline, method=t.method,
                     place=t.place)


def _freeze(actor, agreement: Agreement) -> AgreementVersion:
    text, digest = content.canonical(content.snapshot(agreement))
    version = AgreementVersion(agreement=agreement, number=agreement.version, content_json=text, sha256=digest,
                               frozen_by_id=getattr(actor, "id", None))
    db.session.add(version)
    db.session.flush()
    return version


def start_signing(actor, agreement: Agreement) -> AgreementVersion:
    """Freeze the current version; from now on signatures are collected for it."""
    require(actor, "agreement.edit", agreement)
    if agreement.is_oral:
        raise OperationError(_("口头协议无需签名，请直接确认。"))
    if agreement.status != DRAFT:
        raise OperationError(_("协议已在签署中或已生效。"))
    _case_must_be_mediating(agreement.case)
    _check_complete(agreement)
    version = _freeze(actor, agreement)
    agreement.status = SIGNING
    db.session.flush()
    audit.record("agreement.start_signing", agreement, actor=actor, version=version.number, sha256=version.sha256)
    return version


def required_signers(agreement: Agreement) -> list[tuple[str, str, str]]:
    """(key, role label, name) of everyone who must sign: each party, then the mediator."""
    rows = [(f"party-{cp.id}", content.ROLE_NAMES.get(cp.role, cp.role), cp.person.name)
            for cp in agreement.case.parties]
    if agreement.mediator is not None:
        rows.append((MEDIATOR, "调解员", agreement.mediator.display_name))
    return rows


def missing_signers(agreement: Agreement) -> list[tuple[str, str, str]]:
    done = {("mediator" if s.party_id is None else f"party-{s.party_id}") for s in agreement.active_signatures}
    return [row for row in required_signers(agreement) if row[0] not in done]


def sign(actor, agreement: Agreement, *, signer: str, method: str, image: bytes) -> AgreementSignature:
    """Record one signature (drawn or fingerprint) on the current version; finalises when complete."""
    require(actor, "agreement.edit", agreement)
    _signing_open(agreement)
    if method not in ("drawn", "fingerprint"):
        raise ValidationFailed({"method": [_("请选择签名方式")]})
    data, mime = images.normalize(image, field="image", photo=False)
    signature = _add(actor, agreement, signer, method, data, mime)
    _finish_if_complete(actor, agreement)
    return signature


def add_scan(actor, agreement: Agreement, *, signers: list[str], image: bytes) -> list[AgreementSignature]:
    """A scan of the paper copy signed by `signers` (party keys and/or "mediator")."""
    require(actor, "agreement.edit", agreement)
    _signing_open(agreement)
    if not signers:
        raise ValidationFailed({"signers": [_("请选择在纸质协议上签名的人")]})
    data, mime = images.normalize(image, field="scan", photo=True)
    rows = [_add(actor, agreement, key, SCAN, data, mime) for key in signers]
    _finish_if_complete(actor, agreement)
    return rows


def _signing_open(agreement: Agreement) -> None:
    if agreement.status == EFFECTIVE:
        raise OperationError(_("协议已生效，签名已完成。"))
    if agreement.status != SIGNING:
        raise OperationError(_("请先点击“开始签署”，锁定协议内容后再签名。"))


def _add(actor, agreement: Agreement, key: str, method: str, data: bytes, mime: str) -> AgreementSignature:
    missing = {row[0]: row for row in missing_signers(agreement)}
    if key not in {row[0] for row in required_signers(agreement)}:
        raise ValidationFailed({"signer": [_("签名人不是本协议的当事人或调解员")]})
    if key not in missing:
        raise ValidationFailed({"signer": [_("%(name)s 已经签名", name=_signer_name(agreement, key))]})
    if key == MEDIATOR and method != SCAN and actor.id != agreement.mediator_id:
        raise OperationError(_("调解员签名须由调解员本人在其账号下完成。"))
    path, digest = images.store(data, mime)
    version = agreement.current_version
    signature = AgreementSignature(
        agreement=agreement, version_number=agreement.version, version_sha256=version.sha256,
        party_id=int(key.removeprefix("party-")) if key != MEDIATOR else None,
        user_id=agreement.mediator_id if key == MEDIATOR else None,
        signer_name=missing[key][2], method=method, image_path=path, image_sha256=digest, image_type=mime,
        signed_at=utcnow(), recorded_by_id=actor.id,
    )
    db.session.add(signature)
    db.session.flush()
    audit.record("agreement.sign", agreement, actor=actor, signer=key, method=method, version=agreement.version,
                 version_sha256=version.sha256, image_sha256=digest)
    return signature


def _signer_name(agreement: Agreement, key: str) -> str:
    return next((row[2] for row in required_signers(agreement) if row[0] == key), key)


def _finish_if_complete(actor, agreement: Agreement) -> None:
    if missing_signers(agreement):
        return
    last = max(s.signed_at for s in agreement.active_signatures)
    agreement.effective_on = last.astimezone(LOCAL_TZ).date()
    agreement.current_version.is_signed = True
    _issue(actor, agreement)


def confirm_oral(actor, agreement: Agreement) -> None:
    """An oral agreement takes effect the day the parties agreed; a sealed record PDF is issued."""
    require(actor, "agreement.edit", agreement)
    if not agreement.is_oral:
        raise OperationError(_("书面协议须由各方签名后生效。"))
    if agreement.status != DRAFT:
        raise OperationError(_("该口头协议已经确认。"))
    _case_must_be_mediating(agreement.case)
    _check_complete(agreement)
    version = _freeze(actor, agreement)
    version.is_signed = True
    agreement.effective_on = agreement.agreed_on
    _issue(actor, agreement)


def _issue(actor, agreement: Agreement) -> None:
    from mediation.documents.operations import issue_document

    version = agreement.current_version
    snap = json.loads(version.content_json)
    signatures = [{"name": s.signer_name, "role": _role_of(agreement, s), "method": s.method,
                   "image": images.data_uri(s.image_path, s.image_type), "is_scan": s.method == SCAN,
                   "at": s.signed_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M"), "sha": s.image_sha256}
                  for s in agreement.active_signatures]
    ctx = content.pdf_context(agreement, snap, signatures, version_sha256=version.sha256)
    oral = agreement.is_oral
    document = issue_document(
        actor, kind="oral_agreement" if oral else "agreement", institution=agreement.committee,
        template="agreements/oral_pdf.html" if oral else "agreements/pdf.html", context=ctx,
        number=agreement.number, title="口头调解协议记录" if oral else "人民调解协议书", related=agreement,
        version=agreement.version, reason="人民调解协议" if not oral else "口头调解协议记录",
    )
    agreement.document_id = document.id
    agreement.status = EFFECTIVE
    db.session.flush()
    summary = _("达成%(form)s（%(number)s），共 %(n)d 项条款。", form=_("口头协议") if oral else _("书面调解协议"),
                number=agreement.number, n=len(agreement.terms))
    record_agreement(actor, agreement.case, summary=summary, agreement=agreement)
    audit.record("agreement.effective", agreement, actor=actor, version=agreement.version,
                 document_id=document.id, effective_on=agreement.effective_on.isoformat())


def _role_of(agreement: Agreement, s: AgreementSignature) -> str:
    if s.party_id is None:
        return "调解员"
    cp = next((p for p in agreement.case.parties if p.id == s.party_id), None)
    return content.ROLE_NAMES.get(cp.role, "") if cp else ""
