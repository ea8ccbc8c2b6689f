"""Signature images: drawn signatures (canvas PNG), fingerprint photos and scans of the paper copy.

Everything is decoded and re-encoded with Pillow, so only real PNG/JPEG pixels are kept (no
metadata such as GPS positions, nothing that is not an image), then stored once under
`instance/documents/` by SHA-256.
"""

from __future__ import annotations

import base64
import binascii
import io

from flask_babel import gettext as _

from mediation.documents import storage
from mediation.errors import ValidationFailed

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
DATA_URL_PREFIX = "data:image/png;base64,"


def decode_data_url(value: str, field: str = "image") -> bytes:
    """The PNG bytes of a canvas `toDataURL()` value."""
    value = (value or "").strip()
    if not value.startswith(DATA_URL_PREFIX):
        raise ValidationFailed({field: [_("请先在签名框内签名")]})
    try:
        data = base64.b64decode(value[len(DATA_URL_PREFIX):], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed({field: [_("签名图像无效，请重新签名")]}) from None
    return data


def normalize(data: bytes, *, field: str = "image", photo: bool = False) -> tuple[bytes, str]:
    """Re-encode an uploaded or drawn image; returns (bytes, mime type). Rejects blank drawings."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise ValidationFailed({field: [_("请选择图片或先签名")]})
    if len(data) > MAX_BYTES:
        raise ValidationFailed({field: [_("图片不能超过 8 MB")]})
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in ("PNG", "JPEG"):
                raise ValidationFailed({field: [_("只接受 PNG 或 JPEG 图片")]})
            img.load()
            img = ImageOps.exif_transpose(img)
            if photo:
                img = img.convert("RGB")
                img.thumbnail((2000, 2000))
                out = io.BytesIO()
                img.save(out, "JPEG", quality=85)
                return out.getvalue(), "image/jpeg"
            img = img.convert("RGBA")
            if _is_blank(img):
                raise ValidationFailed({field: [_("签名为空，请在签名框内签名")]})
            bbox = img.getbbox()
            if bbox:
                img = img.crop(bbox)
            img.thumbnail((1200, 600))
            out = io.BytesIO()
            img.save(out, "PNG", optimize=True)
            return out.getvalue(), "image/png"
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationFailed({field: [_("无法识别的图片文件")]}) from None


def _is_blank(img) -> bool:
    """No ink: fully transparent, or every pixel (near) white."""
    alpha = img.getchannel("A")
    if alpha.getextrema()[1] == 0:
        return True
    # Transparent pixels read as black in "L", so an untouched white canvas is the other blank case.
    return img.convert("L").getextrema()[0] > 235


def store(data: bytes, mime: str) -> tuple[str, str]:
    return storage.store(data, suffix=".jpg" if mime == "image/jpeg" else ".png")


def load(path: str) -> bytes:
    return storage.load(path)


def data_uri(path: str, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(load(path)).decode()
