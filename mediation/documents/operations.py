"""Issue documents (render, seal, store, record) and add later signatures to them."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from mediation import audit
from mediation.db import utcnow
from mediation.documents import codes, rendering, signing, storage
from mediation.documents.models import Document
from mediation.documents.permissions import related_object
from mediation.errors import OperationError
from mediation.extensions import db
from mediation.permissions import require

SEAL_FIELD = "InstitutionSeal"


def verification_url(code: str) -> str:
    base = (current_app.config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    return f"{base}/verify/{code}"


def _unused_code() -> str:
    while True:
        code = codes.new_code()
        if db.session.scalar(select(Document.id).where(Document.verification_code == code)) is None:
            return code


def _related_key(related) -> tuple[str, int | None]:
    if related is None:
        return "", None
    if isinstance(related, tuple):
        return related
    return related.__tablename__, related.id


def issue_document(actor, *, kind: str, institution, template: str, context: dict, number: str, title: str = "",
                   related=None, sign: bool = True, version: int = 1, seal_anchor: str = "seal",
                   reason: str = "") -> Document:
    """Render `template` with `context` to PDF, seal it with `institution`'s certificate (unless
    sign=False), store it and record a Document. `related` is a model instance or a (type, id)
    pair; the document's visibility follows that object's view rule. The caller checks that
    `actor` may create the related object's document; this function records who did it."""
    code = _unused_code()
    url = verification_url(code)
    rendered = rendering.render(template, context, number=number, verification_url=url,
                                verification_code=codes.display(code), title=title)
    pdf = rendered.pdf
    signatures = []
    if sign:
        anchor = rendered.anchors.get(seal_anchor)
        stamp = signing.StampBox(anchor.page, anchor.box) if anchor else None
        signed_at = utcnow()
        pdf = signing.sign_pdf(pdf, institution, certify=True, field_name=SEAL_FIELD,
                               reason=reason or title or number, location=institution.area.name
                               if institution.area else "", stamp=stamp, signed_at=signed_at)
        signatures.append({"field": SEAL_FIELD, "signer": institution.name, "institution_id": institution.id,
                           "at": signed_at.isoformat(), "certification": True, "permission": "FILL_FORMS"})
    rel, digest = storage.store(pdf)
    related_type, related_id = _related_key(related)
    document = Document(
        kind=kind, number=number, title=title[:200], version=version, sha256=digest, size=len(pdf),
        pages=rendered.pages, storage_path=rel, verification_code=code, institution=institution,
        related_type=related_type, related_id=related_id, issued_by_id=getattr(actor, "id", None),
        issued_at=utcnow(),
    )
    document.signatures = signatures
    db.session.add(document)
    db.session.flush()
    audit.record("document.issue", document, actor=actor, kind=kind, number=number, sha256=digest,
                 related_type=related_type, related_id=related_id, sealed=sign)
    return document


def supersede(document: Document) -> None:
    """Mark an older document (e.g. a previous agreement version) as no longer current."""
    document.is_current = False
    db.session.flush()


def document_bytes(document: Document) -> bytes:
    return storage.load(document.storage_path)


def add_signature(actor, document: Document, institution, *, reason: str = "",
                  stamp: signing.StampBox | None = None) -> Document:
    """Append `institution`'s approval signature (a notary's, a court's) in an incremental update.

    The earlier certification permits it, so the seal stays valid; the row points at the new file."""
    require(actor, "document.sign", document)
    if actor is not None and not actor.is_admin and actor.institution_id != institution.id:
        raise OperationError("只能以本机构的名义签章。")
    pdf = document_bytes(document)
    existing = signing.signature_field_names(pdf)
    field = f"Sig{institution.id}_{len(existing) + 1}"
    signed_at = utcnow()
    pdf = signing.sign_pdf(pdf, institution, certify=not existing, field_name=field,
                           reason=reason or document.number, stamp=stamp, signed_at=signed_at)
    rel, digest = storage.store(pdf)
    previous = document.sha256
    document.storage_path, document.sha256, document.size = rel, digest, len(pdf)
    document.signatures = document.signatures + [{
        "field": field, "signer": institution.name, "institution_id": institution.id,
        "at": signed_at.isoformat(), "certification": not existing, "permission": None}]
    db.session.flush()
    audit.record("document.sign", document, actor=actor, institution_id=institution.id, previous_sha256=previous,
                 sha256=digest)
    return document


def find_by_code(text: str) -> Document | None:
    code = codes.normalize(text)
    if code is None:
        return None
    return db.session.scalar(select(Document).where(Document.verification_code == code))


def documents_for(related) -> list[Document]:
    related_type, related_id = _related_key(related)
    return list(db.session.scalars(
        select(Document).where(Document.related_type == related_type, Document.related_id == related_id)
        .order_by(Document.id.desc())))


__all__ = ["add_signature", "document_bytes", "documents_for", "find_by_code", "issue_document",
           "related_object", "supersede", "verification_url"]
