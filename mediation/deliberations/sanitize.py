"""Minutes keep simple formatting only: paragraphs, line breaks, bold, italics, lists, headings."""

from __future__ import annotations

import re

import nh3
from markupsafe import escape

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote"}
_BLOCK = re.compile(r"<\s*(p|ul|ol|h3|h4|blockquote)\b", re.IGNORECASE)


def clean_minutes(html: str) -> str:
    """Sanitize with nh3. Text typed without block markup becomes paragraphs (blank line) and line
    breaks (newline); text without any tag is escaped first, so "<" typed as text stays text."""
    text = (html or "").replace("\r\n", "\n").strip()
    if text and not _BLOCK.search(text):
        if "<" not in text:
            text = str(escape(text))
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        text = "".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(text, tags=ALLOWED_TAGS, attributes={}, link_rel=None, strip_comments=True).strip()
