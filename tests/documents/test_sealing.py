"""The sealed agreement validates with pyHanko and, independently, with poppler's pdfsig."""

import subprocess

import pytest

from mediation.documents import keys
from mediation.documents.operations import add_signature, document_bytes
from mediation.documents.verification import verify_pdf
from tests.agreements.helpers import signed


@pytest.fixture()
def sealed(world, tmp_path):
    agreement = signed(world)
    path = tmp_path / "agreement.pdf"
    path.write_bytes(document_bytes(agreement.document))
    return agreement, path


def test_pyhanko_validates_against_the_local_root(sealed):
    _agreement, path = sealed
    verdict = verify_pdf(path.read_bytes())
    assert verdict.ok
    (sig,) = verdict.signatures
    assert sig.intact and sig.valid and sig.trusted and sig.bottom_line
    assert sig.coverage == "ENTIRE_FILE" and sig.modification_level == "NONE"
    assert sig.is_certification and sig.docmdp_permission == "FILL_FORMS"
    assert sig.signer == "光渺村人民调解委员会"


def test_pdfsig_with_an_nss_database_trusting_the_root(sealed, tmp_path, app):
    _agreement, path = sealed
    nss = tmp_path / "nss"
    nss.mkdir()
    root = tmp_path / "root.pem"
    with app.app_context():
        keys.export_root(root)
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "mediation-root", "-t", "CT,C,C", "-i", str(root)],
                   check=True)
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(path)], capture_output=True, text=True).stdout
    # pdfsig exits 0 even on a digest mismatch: read what it says.
    assert "Signature is Valid" in out
    assert "Certificate is Trusted" in out
    assert "光渺村人民调解委员会" in out

    tampered = tmp_path / "tampered.pdf"
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered.write_bytes(bytes(data))
    out = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(tampered)], capture_output=True, text=True).stdout
    assert "Signature is Valid" not in out


def test_pdftotext_shows_parties_terms_and_page_numbers(sealed):
    agreement, path = sealed
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    for cp in agreement.case.parties:
        assert cp.person.name in text
    assert "拆除越界部分围墙" in text and "补偿修缮费用" in text and "800.00" in text
    assert "第 1 页" in text
    assert agreement.number in text
    assert agreement.document.code_display in text


def test_a_court_adds_an_approval_signature_and_the_seal_stays_valid(sealed, world):
    agreement, _path = sealed
    document = agreement.document
    first_sha = document.sha256
    # Judges see agreements once the referrals domain plugs in its document.view rule; the
    # mechanism (an incremental approval signature) is exercised here by an administrator.
    add_signature(world.admin, document, world.court, reason="司法确认")
    assert document.sha256 != first_sha
    verdict = verify_pdf(document_bytes(document))
    assert verdict.ok, [s.summary for s in verdict.signatures]
    seal, court = verdict.signatures
    assert seal.coverage == "ENTIRE_REVISION" and seal.modification_level == "FORM_FILLING"
    assert court.signer == world.court.name and court.coverage == "ENTIRE_FILE"
    assert [s["signer"] for s in document.signatures] == [world.committee1.name, world.court.name]


def test_a_judge_of_another_court_cannot_sign(sealed, world):
    from mediation.errors import NotVisible, PermissionDenied

    agreement, _path = sealed
    with pytest.raises((NotVisible, PermissionDenied)):
        add_signature(world.judge2, agreement.document, world.court2)
