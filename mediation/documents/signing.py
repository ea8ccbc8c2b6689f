"""PAdES signatures with pyHanko: the issuing institution's certification seal and later approvals.

The first signature certifies the document with DocMDP "form filling" permissions, which still
allows a notary or court to add its own approval signature in an incremental update. Every
signature carries a visible red stamp in Chinese (institution name, "电子签章", local time) drawn
with a subset of Noto Serif CJK SC (subset once per process and per text, cached).
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from mediation.documents import keys

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
CJK_FONT_FACE = "NotoSerifCJKsc-Regular"
STAMP_RED = (0.78, 0.05, 0.05)
STAMP_SIZE = (170, 64)  # points
LOCAL_TZ = ZoneInfo("Asia/Shanghai")
_font_lock = threading.Lock()


@dataclass(frozen=True)
class StampBox:
    """Where a visible stamp goes: page index (negative counts from the end) and a PDF box in points."""

    page: int
    box: tuple[int, int, int, int]


@lru_cache(maxsize=64)
def _font_subset(text: str) -> bytes:
    """An OpenType subset of the serif CJK face holding the characters of `text` (cached)."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    with _font_lock:
        collection = TTCollection(CJK_FONT, lazy=True)
        index = next((i for i, f in enumerate(collection.fonts)
                      if f["name"].getDebugName(6) == CJK_FONT_FACE), 0)
        font = TTFont(CJK_FONT, fontNumber=index, lazy=False)
        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()


def _font_factory(text: str):
    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    font_bytes = _font_subset("".join(sorted(set(text + "0123456789-:年月日电子签章时间 "))))

    class _SubsetFontFactory(FontEngineFactory):
        def create_font_engine(self, writer, obj_stream=None):
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(font_bytes), font_size=10,
                                    obj_stream=obj_stream)

    return _SubsetFontFactory()


def _stamp_style(institution_name: str):
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    return TextStampStyle(
        stamp_text="%(org)s\n电子签章\n%(when)s",
        text_box_style=TextBoxStyle(font=_font_factory(institution_name), font_size=10, leading=14,
                                    text_color=STAMP_RED,
                                    box_layout_rule=layout.SimpleBoxLayoutRule(
                                        x_align=layout.AxisAlignment.ALIGN_MID,
                                        y_align=layout.AxisAlignment.ALIGN_MID)),
        border_width=2,
        border_color=STAMP_RED,
        background=None,
    )


def outside_event_loop(fn, *args, **kwargs):
    """Call `fn` (which uses pyHanko's sync API, i.e. asyncio.run) even when this thread already
    runs an event loop (e.g. under Playwright's sync API): then it runs in a helper thread."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    import contextvars
    from concurrent.futures import ThreadPoolExecutor

    context = contextvars.copy_context()  # keeps Flask's app context (current_app) in the helper
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(context.run, fn, *args, **kwargs).result()


def sign_pdf(pdf: bytes, institution, **kwargs) -> bytes:
    """See `_sign_pdf`."""
    return outside_event_loop(_sign_pdf, pdf, institution, **kwargs)


def _sign_pdf(pdf: bytes, institution, *, certify: bool, field_name: str, reason: str,
              location: str = "", stamp: StampBox | None = None, signed_at: datetime | None = None) -> bytes:
    """Sign `pdf` with the institution's seal in an incremental update; returns the new file.

    certify=True: the document's certification signature (DocMDP: form filling and further
    signatures allowed). certify=False: an approval signature added to an already signed file.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    signer = keys.signer_for(institution)
    when = (signed_at or datetime.now(LOCAL_TZ)).astimezone(LOCAL_TZ)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        certify=certify,
        docmdp_permissions=MDPPerm.FILL_FORMS,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=institution.name,
    )
    stamp = stamp or StampBox(-1, (400, 60, 400 + STAMP_SIZE[0], 60 + STAMP_SIZE[1]))
    pdf_signer = signers.PdfSigner(
        meta, signer=signer, stamp_style=_stamp_style(institution.name),
        new_field_spec=fields.SigFieldSpec(sig_field_name=field_name, on_page=stamp.page, box=stamp.box),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    # Reserving the signature's size up front saves pyHanko a dry-run signature to measure it.
    reserved = 8192 + 2 * sum(len(c.dump()) for c in [signer.signing_cert, *signer.cert_registry])
    out = pdf_signer.sign_pdf(
        writer, bytes_reserved=reserved,
        appearance_text_params={"org": institution.name, "when": when.strftime("%Y-%m-%d %H:%M")},
    )
    return out.getvalue()


def signature_field_names(pdf: bytes) -> list[str]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    return [s.field_name for s in reader.embedded_signatures]
