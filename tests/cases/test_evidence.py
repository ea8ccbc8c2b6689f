"""Evidence uploads: type by content, size limit, storage by hash, attachment-only downloads."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from mediation.cases.models import Evidence
from tests.cases.factories import make_case


def _jpeg(size=(800, 600)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buf, "JPEG")
    return buf.getvalue()


def _pdf() -> bytes:
    # A minimal valid one-page PDF with a correct xref table.
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.fixture()
def case(world, db):
    return make_case(world, status="accepted")


def _upload(client, case, data: bytes, name: str):
    return client.post(f"/cases/{case.id}/evidence", data={"file": (io.BytesIO(data), name), "description": "现场照片"},
                       content_type="multipart/form-data")


def _uploads(app) -> list[Path]:
    folder = Path(app.instance_path) / "uploads"
    return [p for p in folder.glob("*") if p.is_file()] if folder.exists() else []


def _count(db):
    return db.session.scalar(select(func.count()).select_from(Evidence))


def test_image_upload_thumbnail_and_download(world, login, case, db, app):
    c = login(world.grid1_user)
    data = _jpeg()
    assert _upload(c, case, data, "现场.JPG").status_code == 302
    item = db.session.scalar(select(Evidence))
    assert item.sha256 == hashlib.sha256(data).hexdigest() and item.kind == "image" and item.has_thumbnail
    assert (Path(app.instance_path) / "uploads" / item.sha256).read_bytes() == data
    r = c.get(f"/cases/{case.id}/evidence/{item.id}")
    assert r.status_code == 200 and r.data == data
    assert r.headers["Content-Disposition"].startswith("attachment")
    assert r.headers["X-Content-Type-Options"] == "nosniff" and r.mimetype == "image/jpeg"
    thumb = c.get(f"/cases/{case.id}/evidence/{item.id}/thumb")
    assert thumb.status_code == 200
    assert max(Image.open(io.BytesIO(thumb.data)).size) <= 320
    page = c.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f"/cases/{case.id}/evidence/{item.id}/thumb" in page and "现场.jpg" in page


def test_pdf_upload(world, login, case, db):
    c = login(world.grid1_user)
    assert _upload(c, case, _pdf(), "协议.pdf").status_code == 302
    item = db.session.scalar(select(Evidence))
    assert item.kind == "pdf" and item.content_type == "application/pdf" and not item.has_thumbnail
    assert item.filename == "协议.pdf"


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"<html><script>alert(1)</script></html>", "photo.jpg", "只能上传图片"),
    (b"%PDF-1.4\n<html><script>alert(1)</script></html>", "doc.pdf", "PDF 文件已损坏"),
    (b"GIF89a<script>alert(1)</script>", "x.gif", "只能上传图片"),
    (b"", "empty.png", "请选择要上传的文件"),
])
def test_disguised_or_empty_files_refused(world, login, case, db, app, data, name, message):
    c = login(world.grid1_user)
    before = _uploads(app)
    r = _upload(c, case, data, name)
    assert r.status_code == 422 and message in r.get_data(as_text=True)
    assert _count(db) == 0 and _uploads(app) == before


def test_oversize_refused(world, login, case, db, app):
    app.config["CASE_EVIDENCE_MAX_BYTES"] = 50_000
    before = _uploads(app)
    try:
        c = login(world.grid1_user)
        big = _jpeg((2000, 2000)) + b"\0" * 60_000
        r = _upload(c, case, big, "big.jpg")
        assert r.status_code == 422 and "文件不能超过" in r.get_data(as_text=True)
    finally:
        app.config.pop("CASE_EVIDENCE_MAX_BYTES")
    assert _count(db) == 0 and _uploads(app) == before


def test_download_of_other_cases_evidence_is_404(world, login, case, db):
    c = login(world.grid1_user)
    _upload(c, case, _jpeg(), "a.jpg")
    other = make_case(world, status="accepted", title="另一起纠纷")
    item = db.session.scalar(select(Evidence))
    assert c.get(f"/cases/{other.id}/evidence/{item.id}").status_code == 404
