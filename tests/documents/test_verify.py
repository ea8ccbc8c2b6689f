"""Public verification: the code page and the upload verdict (tampered files must fail)."""

import io

import pytest

from mediation.documents.operations import document_bytes
from tests.agreements.helpers import signed
from tests.documents.helpers import append_drawing, flip_byte, truncate


@pytest.fixture()
def agreement(world):
    return signed(world)


def upload(client, data: bytes, name="agreement.pdf"):
    return client.post("/verify", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_untouched_file_is_reported_valid_and_matched_to_the_register(client, agreement):
    r = upload(client, document_bytes(agreement.document))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "签章有效" in html and "有效" in html and "可信" in html
    assert agreement.number in html
    assert "INTACT:TRUSTED,UNTOUCHED" in html


@pytest.mark.parametrize("tamper, expected", [
    (flip_byte, "文件已被改动"),
    (append_drawing, "文件已被改动"),
    (truncate, "无法核验"),
])
def test_tampered_files_are_not_valid(client, agreement, tamper, expected):
    r = upload(client, tamper(document_bytes(agreement.document)))
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert expected in html
    assert "签章有效</strong>" not in html
    assert "本系统未登记与此文件完全相同的文书" in html


def test_appended_drawing_is_reported_as_an_illegal_modification(client, agreement):
    html = upload(client, append_drawing(document_bytes(agreement.document))).get_data(as_text=True)
    assert "不允许的改动" in html
    assert "ILLEGAL_MODIFICATIONS" in html and "modification=OTHER" in html


def test_not_a_pdf_is_refused_next_to_the_field(client, db):
    r = upload(client, b"hello", "x.pdf")
    assert r.status_code == 422
    assert "这不是 PDF 文件" in r.get_data(as_text=True)


def test_code_page_shows_the_document_and_no_personal_data(client, agreement):
    doc = agreement.document
    r = client.get(f"/verify/{doc.verification_code}")
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert doc.number in html and doc.sha256 in html and "光渺村人民调解委员会" in html
    assert "签章有效" in html and "人民调解协议书" in html
    for cp in agreement.case.parties:
        assert cp.person.name not in html
        assert cp.person.phone not in html and cp.person.id_number not in html
    assert agreement.case.title not in html


def test_typed_codes_are_normalised(client, agreement):
    code = agreement.document.code_display.lower().replace("-", " ")
    r = client.get("/verify", query_string={"code": code})
    assert r.status_code == 302 and r.headers["Location"].endswith(agreement.document.verification_code)
    assert client.get("/verify/ZZZZZZZZZZZZ").status_code == 404
    r = client.get("/verify", query_string={"code": "abc"})
    assert "验证码应为12位" in r.get_data(as_text=True)


def test_the_code_is_printed_and_linked_from_the_qr_on_every_page(agreement, app):
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(document_bytes(agreement.document))
        fh.flush()
        pages = subprocess.run(["pdfinfo", fh.name], capture_output=True, text=True).stdout
        count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
        for page in range(1, count + 1):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), fh.name, "-"],
                                  capture_output=True, text=True).stdout
            assert agreement.document.code_display in text
            assert f"第 {page} 页，共 {count} 页" in text
            assert app.config["PUBLIC_BASE_URL"] + "/verify/" + agreement.document.verification_code in text
