"""Escaped snippets with `<mark>` around what the query matched (both backends use this)."""

from __future__ import annotations

from markupsafe import Markup, escape

from mediation.search.analyzer import fold

ELLIPSIS = "…"


def _folded_aligned(text: str) -> str:
    """The folded text, one character per original character, so positions line up."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    out = []
    for ch in text:
        f = fold(ch)
        out.append(f if len(f) == 1 else ch.lower())
    return "".join(out)


def spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) ranges of `text` matching the folded query phrases."""
    if not text or not phrases:
        return []
    folded = _folded_aligned(text)
    found: list[tuple[int, int]] = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        pieces = [phrase]
        if len(phrase) > 2 and not phrase.isascii() and phrase not in folded:
            pieces = [phrase[i:i + 2] for i in range(len(phrase) - 1)]  # matched by its bigrams
        for piece in pieces:
            start = folded.find(piece)
            while start != -1:
                found.append((start, start + len(piece)))
                start = folded.find(piece, start + len(piece))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _render(text: str, ranges: list[tuple[int, int]], offset: int = 0) -> Markup:
    out = []
    pos = 0
    for s, e in ranges:
        s, e = s - offset, e - offset
        if e <= 0 or s >= len(text):
            continue
        s, e = max(s, 0), min(e, len(text))
        out.append(str(escape(text[pos:s])))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))  # noqa: S704 — every piece of text above went through escape()


def highlight(text: str, phrases: list[str]) -> Markup:
    return _render(text or "", spans(text or "", phrases))


def snippet(text: str, phrases: list[str], size: int = 120) -> Markup:
    """A window of about `size` characters around the first match (or the start), highlighted."""
    text = " ".join((text or "").split())
    ranges = spans(text, phrases)
    if len(text) <= size:
        return _render(text, ranges)
    start = max(0, ranges[0][0] - size // 4) if ranges else 0
    end = min(len(text), start + size)
    start = max(0, end - size)
    piece = text[start:end]
    rendered = _render(piece, ranges, offset=start)
    return escape(ELLIPSIS if start else "") + rendered + escape(ELLIPSIS if end < len(text) else "")
