"""Jinja HTML → WeasyPrint → PDF, with a URL fetcher that can only read our own static files.

Templates extend `documents/_pdf_base.html`, which sets A4 pages, the serif CJK font (body and
page-margin boxes), a header with the document number, the footer `第 N 页，共 M 页` and a QR code
on every page that leads to the public verification page. Templates are rendered with Flask's
autoescaping, so user text is always escaped: an `<link rel="attachment" href="file:///…">` typed
into a field stays text (WeasyPrint GHSA-35jj-wx47-4w8r). The fetcher is the second wall: it serves
`data:` URIs and files under `mediation/static/` only and refuses everything else (file:// outside
static, http(s), ftp…), recording what it refused.

An element with `data-anchor="NAME"` in a template is located after layout; `render()` returns its
page and box in PDF points, so a visible signature stamp can be placed exactly there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template

log = logging.getLogger(__name__)
PX_TO_PT = 0.75  # CSS px → PDF points


def static_root() -> Path:
    return (Path(current_app.root_path) / "static").resolve()


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves `data:` URIs and files inside the package's static folder; refuses the rest."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.root = root
            self.refused: list[str] = []
            self.served: list[str] = []

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                self.served.append("data:")
                return super().fetch(url, headers)
            if scheme == "file":
                parts = urlsplit(url)
                path = Path(unquote(parts.path)).resolve()
                if not parts.netloc and path.is_relative_to(self.root) and path.is_file():
                    self.served.append(str(path.relative_to(self.root)))
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})
            self.refused.append(url)
            log.warning("document renderer refused to fetch %s", url[:200])
            raise ValueError("resource not allowed in documents")

    return StaticOnlyFetcher


def _mime(path: Path) -> str:
    return {".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
            ".svg": "image/svg+xml", ".otf": "font/otf", ".ttf": "font/ttf",
            ".woff2": "font/woff2"}.get(path.suffix.lower(), "application/octet-stream")


def make_fetcher():
    return _fetcher_class()(static_root())


def qr_data_uri(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000")


@dataclass
class Anchor:
    page: int  # 0-based
    box: tuple[int, int, int, int]  # PDF points, lower-left origin


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    anchors: dict[str, Anchor] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


def render_html(template: str, context: dict, *, number: str, verification_url: str,
                verification_code: str = "", title: str = "") -> str:
    return render_template(template, **context, doc_number=number, doc_title=title,
                           verification_url=verification_url, verification_code=verification_code,
                           qr_uri=qr_data_uri(verification_url))


def html_to_pdf(html: str) -> Rendered:
    """WeasyPrint with the locked-down fetcher; also finds the `data-anchor` boxes."""
    from weasyprint import HTML

    fetcher = make_fetcher()
    document = HTML(string=html, base_url=static_root().as_uri() + "/", url_fetcher=fetcher).render()
    anchors: dict[str, Anchor] = {}
    for index, page in enumerate(document.pages):
        height_pt = page.height * PX_TO_PT
        for box in _descendants(page._page_box):
            element = getattr(box, "element", None)
            name = element.get("data-anchor") if element is not None else None
            if name and name not in anchors and getattr(box, "width", None):
                x = box.border_box_x() * PX_TO_PT
                y = box.border_box_y() * PX_TO_PT
                w = box.border_width() * PX_TO_PT
                h = box.border_height() * PX_TO_PT
                anchors[name] = Anchor(index, (round(x), round(height_pt - y - h), round(x + w),
                                               round(height_pt - y)))
    pdf = document.write_pdf()
    return Rendered(pdf, len(document.pages), anchors, list(fetcher.refused))


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _descendants(child)


def render(template: str, context: dict, *, number: str, verification_url: str, verification_code: str = "",
           title: str = "") -> Rendered:
    html = render_html(template, context, number=number, verification_url=verification_url,
                       verification_code=verification_code, title=title)
    return html_to_pdf(html)


def render_pdf(template: str, context: dict, *, number: str, verification_url: str, **kw) -> bytes:
    """Render a document template to PDF bytes (unsigned)."""
    return render(template, context, number=number, verification_url=verification_url, **kw).pdf
