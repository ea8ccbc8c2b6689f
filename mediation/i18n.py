"""Locales: Simplified Chinese by default, English as a complete second locale.

Catalogs live in `mediation/translations` and in each domain's own `translations` folder, so a
domain's strings travel with its code. Message ids are the Chinese UI text. `.mo` files are
compiled from the `.po` files at start-up when missing or older, atomically (several workers may
start at once).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, request

LOCALE_COOKIE = "lang"


def translation_dirs(root: Path) -> list[Path]:
    dirs = [root / "translations"] + sorted(p for p in root.glob("*/translations") if p.is_dir())
    return [d for d in dirs if d.is_dir()]


def compile_catalogs(root: Path) -> int:
    compiled = 0
    for directory in translation_dirs(root):
        for po_path in directory.glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as fh:
                catalog = read_po(fh)
            fd, tmp = tempfile.mkstemp(dir=po_path.parent, suffix=".mo.tmp")
            with os.fdopen(fd, "wb") as out:
                write_mo(out, catalog)
            os.replace(tmp, mo_path)
            compiled += 1
    return compiled


def select_locale() -> str:
    wanted = request.cookies.get(LOCALE_COOKIE) if request else None
    languages = current_app.config["LANGUAGES"]
    return wanted if wanted in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def init_app(app, babel) -> None:
    root = Path(app.root_path)
    compile_catalogs(root)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(d) for d in translation_dirs(root))
    babel.init_app(app, locale_selector=select_locale)
