"""Keep the translation catalogs in step with the code: `python -m mediation.i18n_tools update DOMAIN`.

Message ids are the Chinese UI text; the English catalog translates them. Each domain with its own
`mediation/<domain>/translations/` folder owns the strings of `mediation/<domain>/**.py` and
`mediation/templates/<domain>/**.html`; everything else belongs to the core catalog in
`mediation/translations/`.

    python -m mediation.i18n_tools update cases   # add new strings of the cases domain (msgstr "")
    python -m mediation.i18n_tools update core
    python -m mediation.i18n_tools missing        # list strings without an English translation
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
LOCALE = "en"


def domains_with_catalogs() -> list[str]:
    return sorted(p.parent.name for p in ROOT.glob("*/translations") if p.is_dir())


def source_files(domain: str) -> list[Path]:
    if domain != "core":
        return sorted((ROOT / domain).rglob("*.py")) + sorted((ROOT / "templates" / domain).rglob("*.html"))
    owned = set(domains_with_catalogs())
    files = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).parts
        if rel[0] in owned or rel[0] in ("migrations",):
            continue
        files.append(path)
    for path in (ROOT / "templates").rglob("*.html"):
        rel = path.relative_to(ROOT / "templates").parts
        if len(rel) > 1 and rel[0] in owned:
            continue
        files.append(path)
    return sorted(files)


def extract(domain: str) -> Catalog:
    catalog = Catalog(locale=None, project="mediation")
    for path in source_files(domain):
        method = "python" if path.suffix == ".py" else "jinja2.ext:babel_extract"
        for lineno, message, comments, context in extract_from_file(method, str(path), keywords=KEYWORDS):
            catalog.add(message, None, [(str(path.relative_to(ROOT)), lineno)], auto_comments=comments,
                        context=context)
    return catalog


def po_path(domain: str) -> Path:
    base = ROOT / "translations" if domain == "core" else ROOT / domain / "translations"
    return base / LOCALE / "LC_MESSAGES" / "messages.po"


def update(domain: str) -> tuple[int, int]:
    template = extract(domain)
    path = po_path(domain)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=LOCALE)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=LOCALE, project="mediation")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    with path.open("wb") as fh:
        write_po(fh, catalog, width=120, omit_header=False, sort_output=True)
    missing = sum(1 for m in catalog if m.id and not m.string)
    return len([m for m in catalog if m.id]), missing


def missing() -> list[tuple[str, str]]:
    """(domain, msgid) of every extracted string without an English translation."""
    out = []
    for domain in ["core", *domains_with_catalogs()]:
        path = po_path(domain)
        translated = {}
        if path.exists():
            with path.open("rb") as fh:
                translated = {m.id: m.string for m in read_po(fh, locale=LOCALE) if m.id}
        for message in extract(domain):
            if message.id and not translated.get(message.id):
                out.append((domain, message.id if isinstance(message.id, str) else message.id[0]))
    return out


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "update":
        for domain in argv[1:]:
            total, todo = update(domain)
            print(f"{domain}: {total} strings, {todo} without English")
        return 0
    if argv and argv[0] == "missing":
        rows = missing()
        for domain, msgid in rows:
            print(f"{domain}: {msgid}")
        print(f"{len(rows)} strings without English")
        return 1 if rows else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
