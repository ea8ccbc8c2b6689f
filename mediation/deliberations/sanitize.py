"""Minutes keep simple formatting only: paragraphs, line breaks, bold, italics, lists, headings."""

from __future__ import annotations

import nh3
from markupsafe import escape

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote"}


def clean_minutes(html: str) -> str:
    """Sanitize; plain text without tags becomes paragraphs, so typing without markup works too."""
    text = (html or "").strip()
    if text and "<" not in text:
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        text = "".join("<p>" + str(escape(p)).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={}, link_rel=None, strip_comments=True).strip()
