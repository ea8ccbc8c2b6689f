"""Tampering helpers and a plain sealed notice issued through the documents module."""

from __future__ import annotations

import io

from mediation.documents.operations import issue_document


def notice(world, *, paragraphs=("本通知用于测试文书出具。",), related=None, institution=None):
    return issue_document(world.grid1_user, kind="notice", institution=institution or world.committee1,
                          template="documents/notice.html",
                          context={"heading": "通知", "institution_name": (institution or world.committee1).name,
                                   "date_text": "二〇二六年五月一日", "paragraphs": list(paragraphs)},
                          number="光渺村通〔2026〕0001号", title="通知", related=related)


def flip_byte(pdf: bytes, at: int | None = None) -> bytes:
    data = bytearray(pdf)
    at = len(data) // 3 if at is None else at
    data[at] ^= 0x01
    return bytes(data)


def append_drawing(pdf: bytes) -> bytes:
    """An incremental update that paints a red box over page 1 (a classic shadow attack)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    ref = writer.add_object(generic.StreamObject(stream_data=b"q 1 0 0 rg 60 500 300 120 re f Q"))
    contents = page["/Contents"]
    items = list(contents) if isinstance(contents, generic.ArrayObject) else [page.raw_get("/Contents")]
    page["/Contents"] = generic.ArrayObject(items + [ref])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncate(pdf: bytes) -> bytes:
    return pdf[: len(pdf) * 2 // 3]
