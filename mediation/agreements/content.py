"""What an agreement says, as plain data: the canonical snapshot that signers sign (its SHA-256 is
recorded with every signature) and the context of the PDF templates.

The PDF is a legal document in Chinese whatever the UI language, so labels here are plain Chinese.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal

from mediation.agreements.models import Agreement

ROLE_NAMES = {"applicant": "申请人", "respondent": "被申请人", "third_party": "第三人"}
METHOD_NAMES = {"drawn": "手写签名", "fingerprint": "捺印", "scan": "纸质签署扫描件"}


def format_amount(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"{amount:,.2f}"


def chinese_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def party_info(cp) -> dict:
    p = cp.person
    info = {
        "id": cp.id, "role": ROLE_NAMES.get(cp.role, cp.role), "name": p.name,
        "is_organisation": p.is_organisation, "legal_representative": p.legal_representative,
        "sex": p.sex, "ethnicity": p.ethnicity, "age": p.age, "occupation": p.occupation,
        "address": p.address, "phone": p.phone,
        "agent": cp.agent.name if cp.agent else "",
    }
    return info


def term_info(t) -> dict:
    return {
        "obligor": t.obligor.person.name if t.obligor else "",
        "obligee": t.obligee.person.name if t.obligee else "",
        "obligation": t.obligation, "amount": format_amount(t.amount),
        "deadline": t.deadline.isoformat() if t.deadline else "", "deadline_text": chinese_date(t.deadline),
        "method": t.method, "place": t.place,
    }


def snapshot(agreement: Agreement) -> dict:
    """Everything the parties agree to in this version (deterministic, JSON-serialisable)."""
    case = agreement.case
    return {
        "number": agreement.number, "version": agreement.version, "form": agreement.form,
        "case_number": case.number, "committee": agreement.committee.name,
        "parties": [party_info(cp) for cp in case.parties],
        "facts": agreement.facts, "issues": agreement.issues, "responsibilities": agreement.responsibilities,
        "oral_content": agreement.oral_content,
        "terms": [term_info(t) for t in agreement.terms],
        "accepts_enforcement": agreement.accepts_enforcement, "copies": agreement.copies,
        "place": agreement.place, "agreed_on": agreement.agreed_on.isoformat() if agreement.agreed_on else "",
        "mediator": agreement.mediator.display_name if agreement.mediator else "",
    }


def canonical(content: dict) -> tuple[str, str]:
    """(canonical JSON, SHA-256 hex) of a snapshot."""
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return text, hashlib.sha256(text.encode()).hexdigest()


def pdf_context(agreement: Agreement, content: dict, signatures: list[dict], *, version_sha256: str) -> dict:
    return {
        "a": content, "signatures": signatures, "version_sha256": version_sha256,
        "institution_name": agreement.committee.name,
        "effective_text": chinese_date(agreement.effective_on),
        "agreed_text": chinese_date(agreement.agreed_on),
        "method_names": METHOD_NAMES,
    }
