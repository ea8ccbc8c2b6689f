"""Evidence uploads: images and PDFs recognised by content, stored once by SHA-256 under instance/.

A file is accepted only if Pillow can decode it as an image of a known format, or if it starts
with `%PDF-` and pyHanko's reader can parse it. The name the browser sent is kept only for the
download's filename; it never decides the type. Files are served only as attachments.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from mediation import audit
from mediation.cases import states
from mediation.cases.models import Case, Evidence
from mediation.cases.timeline import add_event
from mediation.errors import ValidationFailed
from mediation.extensions import db
from mediation.permissions import require

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
THUMB_SIZE = (320, 320)


def upload_dir() -> Path:
    path = Path(current_app.instance_path) / "uploads"
    (path / "thumbs").mkdir(parents=True, exist_ok=True)
    return path


def max_bytes() -> int:
    return int(current_app.config.get("CASE_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def sniff(data: bytes) -> tuple[str, str, object | None]:
    """(kind, content type, decoded image or None) — or ValidationFailed when neither image nor PDF."""
    if data.startswith(b"%PDF-"):
        if _pdf_parses(data):
            return "pdf", "application/pdf", None
        raise ValidationFailed({"file": [_("PDF 文件已损坏，无法读取")]})
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationFailed({"file": [_("图片尺寸过大")]})
            probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationFailed({"file": [_("只能上传图片（JPG、PNG、GIF、WebP）或 PDF 文件")]}) from None
    if fmt not in IMAGE_TYPES:
        raise ValidationFailed({"file": [_("只能上传图片（JPG、PNG、GIF、WebP）或 PDF 文件")]})
    return "image", IMAGE_TYPES[fmt], image


def _pdf_parses(data: bytes) -> bool:
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        return reader.root["/Pages"] is not None
    except (PdfError, KeyError, ValueError, TypeError, IndexError, AttributeError, OSError):
        return False


def safe_filename(name: str, kind: str) -> str:
    """Keep Chinese names readable; drop path parts and control characters; fix the extension."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f\"<>:|?*]", "", name).strip(" .") or "evidence"
    stem = name.rsplit(".", 1)[0][:80] or "evidence"
    return stem + (".pdf" if kind == "pdf" else "")


def _write_once(path: Path, data: bytes) -> None:
    if path.exists():
        return
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


def add_evidence(actor, case: Case, *, data: bytes | None, filename: str, description: str = "") -> Evidence:
    require(actor, "case.edit", case)
    states.check(case, "add_evidence")
    if not data:
        raise ValidationFailed({"file": [_("请选择要上传的文件")]})
    if len(data) > max_bytes():
        raise ValidationFailed({"file": [_("文件不能超过 %(mb)d MB", mb=max_bytes() // (1024 * 1024))]})
    kind, content_type, image = sniff(data)
    digest = hashlib.sha256(data).hexdigest()
    folder = upload_dir()
    _write_once(folder / digest, data)
    has_thumb = False
    if image is not None:
        has_thumb = _thumbnail(image, folder / "thumbs" / f"{digest}.jpg")
    if kind == "image":
        ext = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}[content_type]
        name = safe_filename(filename, kind) + ext
    else:
        name = safe_filename(filename, kind)
    evidence = Evidence(case=case, sha256=digest, filename=name, kind=kind, content_type=content_type,
                        size=len(data), description=(description or "").strip()[:200], has_thumbnail=has_thumb,
                        uploaded_by=actor)
    db.session.add(evidence)
    add_event(case, actor, "evidence_added", note=name)
    db.session.flush()
    audit.record("case.evidence", evidence, actor=actor, case_id=case.id, sha256=digest, kind=kind, size=len(data))
    return evidence


def _thumbnail(image, path: Path) -> bool:
    from PIL import ImageOps

    try:
        thumb = ImageOps.exif_transpose(image)
        thumb.thumbnail(THUMB_SIZE)
        if thumb.mode not in ("RGB", "L"):
            thumb = thumb.convert("RGB")
        buf = io.BytesIO()
        thumb.save(buf, "JPEG", quality=80)
    except (OSError, ValueError):
        return False
    _write_once(path, buf.getvalue())
    return True


def evidence_path(evidence: Evidence, thumbnail: bool = False) -> Path:
    folder = upload_dir()
    return folder / "thumbs" / f"{evidence.sha256}.jpg" if thumbnail else folder / evidence.sha256
