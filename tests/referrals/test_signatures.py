"""After the court confirms (or the notary notarizes), the agreement PDF carries the committee's
seal and the office's incremental signature, both valid: pyHanko's full verdict and poppler's pdfsig."""

from __future__ import annotations

import re
import subprocess

import pytest

from mediation.agreements.operations import agreement_for
from mediation.documents.keys import ensure_root, root_paths
from mediation.documents.models import Document
from mediation.documents.operations import document_bytes
from mediation.documents.verification import verify_pdf
from mediation.extensions import db
from tests.referrals import factories as rf


@pytest.fixture()
def nss_db(db, tmp_path):
    """An NSS database trusting the local root (how a reader's machine would be set up)."""
    ensure_root()
    d = tmp_path / "nss"
    d.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{d}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{d}", "-n", "mediation-root", "-t", "CT,C,C", "-i",
                    str(root_paths()[1])], check=True, capture_output=True)
    return d


def _agreement_pdf(referral) -> tuple[bytes, Document]:
    agreement = agreement_for(referral.case)
    doc = db.session.get(Document, agreement.document_id)
    return document_bytes(doc), doc


@pytest.mark.parametrize("kind,office", [("judicial", "court"), ("notarization", "notary_office")])
def test_both_signatures_valid(world, nss_db, tmp_path, kind, office):
    r = rf.referral_of(world, kind, "completed")
    data, doc = _agreement_pdf(r)
    verdict = verify_pdf(data)
    assert verdict.parsed and len(verdict.signatures) == 2
    committee, second = verdict.signatures
    assert world.committee1.name in committee.signer and committee.is_certification
    assert getattr(world, office).name in second.signer and not second.is_certification
    for s in verdict.signatures:
        assert s.bottom_line is True, s
        assert s.intact and s.valid and s.trusted
    assert second.covers_entire_file
    assert verdict.ok
    assert [s["institution_id"] for s in doc.signatures] == [world.committee1.id, getattr(world, office).id]

    path = tmp_path / "agreement.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss_db}", str(path)], capture_output=True,
                         text=True, check=False).stdout
    assert len(re.findall(r"^Signature #\d+:", out, re.M)) == 2, out
    assert out.count("Signature Validation: Signature is Valid.") == 2, out
    assert out.count("Certificate Validation: Certificate is Trusted.") == 2, out


def test_decision_document_is_signed_by_the_court(world):
    r = rf.referral_of(world, "judicial", "completed")
    ruling = r.decision_document
    assert ruling.kind == "judicial_ruling" and "民特" in ruling.number
    verdict = verify_pdf(document_bytes(ruling))
    assert verdict.ok and world.court.name in verdict.signatures[0].signer


def test_dismissal_does_not_sign_the_agreement(world):
    from mediation.referrals import decisions

    r = rf.judicial_referral(world, state="accepted")
    decisions.complete(world.judge, r, outcome="dismissed", decision="协议内容损害案外人合法权益")
    db.session.commit()
    data, _doc = _agreement_pdf(r)
    assert len(verify_pdf(data).signatures) == 1
    assert r.case.status == "agreed"
