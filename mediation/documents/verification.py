"""Verify a PDF's signatures with pyHanko's complete verdict, never only "intact".

For every embedded signature we report pyHanko's `bottom_line` (integrity, trust against our roots,
and the modification analysis of everything appended after it), the coverage (entire file or only
a revision), the modification level (none / later signatures / form filling / annotations /
other) and the DocMDP permissions of a certification signature. A file is valid only when it has
at least one signature and every signature's bottom line holds: an incremental update that
draws on a page after the seal gives modification level OTHER and fails.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime

from mediation.documents import keys

log = logging.getLogger(__name__)
_cache: OrderedDict[tuple[str, str], Verdict] = OrderedDict()
_cache_lock = threading.Lock()
CACHE_SIZE = 256


@dataclass
class SignatureVerdict:
    field_name: str
    signer: str
    signed_at: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    bottom_line: bool
    coverage: str  # ENTIRE_FILE, ENTIRE_REVISION, CONTIGUOUS_BLOCK_FROM_START, UNCLEAR
    modification_level: str  # NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER
    docmdp_ok: bool | None
    is_certification: bool
    docmdp_permission: str | None  # NO_CHANGES, FILL_FORMS, ANNOTATE for certification signatures
    summary: str
    problem: str = ""

    @property
    def later_changes_allowed(self) -> bool:
        """May later signatures (a notary's, a court's) be added without breaking this one?"""
        if not self.is_certification:
            return True
        return self.docmdp_permission in ("FILL_FORMS", "ANNOTATE")

    @property
    def covers_entire_file(self) -> bool:
        return self.coverage == "ENTIRE_FILE"


@dataclass
class Verdict:
    sha256: str
    parsed: bool
    signatures: list[SignatureVerdict] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.parsed and bool(self.signatures) and all(s.bottom_line for s in self.signatures)

    @property
    def altered(self) -> bool:
        """Integrity broken, or changes after a signature that its permissions do not allow."""
        return any(not s.intact or s.docmdp_ok is False for s in self.signatures)

    @property
    def unsigned_trailing_update(self) -> bool:
        return bool(self.signatures) and not self.signatures[-1].covers_entire_file


def _validation_context():
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=keys.trust_roots(), allow_fetching=False, revocation_mode="soft-fail")


def _diff_policy():
    """pyHanko's default policy, except that a new *visible* signature field may follow a
    certification with "form filling" permissions: ISO 32000 allows signing at that level, and a
    notary's or court's stamp must be visible. Drawing on a page stays illegal (level OTHER)."""
    from pyhanko.sign import diff_analysis as d

    return d.StandardDiffPolicy(
        global_rules=[
            d.CatalogModificationRule(),
            d.DocInfoRule().as_qualified(d.ModificationLevel.LTA_UPDATES),
            d.XrefStreamRule().as_qualified(d.ModificationLevel.LTA_UPDATES),
            d.ObjectStreamRule().as_qualified(d.ModificationLevel.LTA_UPDATES),
            d.DSSCompareRule().as_qualified(d.ModificationLevel.LTA_UPDATES),
            d.MetadataUpdateRule().as_qualified(d.ModificationLevel.LTA_UPDATES),
        ],
        form_rule=d.FormUpdatingRule(field_rules=[
            d.SigFieldCreationRule(allow_new_visible_after_certify=True),
            d.SigFieldModificationRule(),
            d.GenericFieldModificationRule(),
        ]),
    )


def _name(value) -> str:
    try:
        from asn1crypto.x509 import Name

        if isinstance(value, Name):
            return value.native.get("common_name") or value.human_friendly
    except (AttributeError, KeyError, TypeError, ValueError):
        pass
    return str(value)


def _check_one(embedded, context, policy) -> SignatureVerdict:
    from pyhanko.sign.validation import validate_pdf_signature

    name = embedded.field_name or ""
    try:
        signer = _name(embedded.signer_cert.subject)
    except Exception:  # noqa: BLE001 - a mangled CMS blob must become a verdict, not a crash
        signer = "?"
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context, diff_policy=policy)
    except Exception as exc:  # noqa: BLE001 - same: every failure is reported as "not valid"
        log.info("signature %s could not be validated: %s", name, exc)
        return SignatureVerdict(name, signer, None, False, False, False, False, "UNCLEAR", "OTHER", False,
                                False, None, "", problem=type(exc).__name__)
    docmdp = embedded.docmdp_level
    certification = docmdp is not None
    return SignatureVerdict(
        field_name=name,
        signer=signer,
        signed_at=status.signer_reported_dt,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        bottom_line=bool(status.bottom_line),
        coverage=status.coverage.name if status.coverage else "UNCLEAR",
        modification_level=status.modification_level.name if status.modification_level else "OTHER",
        docmdp_ok=status.docmdp_ok,
        is_certification=certification,
        docmdp_permission=docmdp.name if docmdp is not None else None,
        summary=status.summary(),
    )


def verify_pdf(data: bytes) -> Verdict:
    """Validate every signature of `data` against the local trust roots."""
    digest = hashlib.sha256(data).hexdigest()
    roots_key = ",".join(sorted(c.sha256.hex() for c in keys.trust_roots()))
    with _cache_lock:
        if (digest, roots_key) in _cache:
            _cache.move_to_end((digest, roots_key))
            return _cache[(digest, roots_key)]
    from mediation.documents.signing import outside_event_loop

    verdict = outside_event_loop(_verify, data, digest)
    with _cache_lock:
        _cache[(digest, roots_key)] = verdict
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return verdict


def _verify(data: bytes, digest: str) -> Verdict:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - truncated or garbage files are "not valid", with a reason
        return Verdict(digest, parsed=False, problem=f"{type(exc).__name__}: {str(exc)[:200]}")
    if not signatures:
        return Verdict(digest, parsed=True, problem="no signatures")
    context, policy = _validation_context(), _diff_policy()
    return Verdict(digest, parsed=True, signatures=[_check_one(s, context, policy) for s in signatures])
