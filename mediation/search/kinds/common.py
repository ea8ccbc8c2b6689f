"""Helpers the kind builders share: area names within the builder's own session, URLs, plain text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from html import unescape
from zoneinfo import ZoneInfo

from flask import url_for
from sqlalchemy import select
from sqlalchemy.orm import object_session
from werkzeug.routing import BuildError

from mediation.areas.models import Area

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
_TAG = re.compile(r"<[^>]+>")


def area_names(obj, path: str) -> str:
    """Names of the area and its ancestors below the county ("东石镇 光渺村 第一网格")."""
    session = object_session(obj)
    ids = [int(p) for p in (path or "").strip("/").split("/") if p]
    if session is None or not ids:
        return ""
    cache: dict[int, tuple[str, str]] = session.info.setdefault("search_area_names", {})
    missing = [i for i in ids if i not in cache]
    if missing:
        for area_id, name, kind in session.execute(select(Area.id, Area.name, Area.kind).where(Area.id.in_(missing))):
            cache[area_id] = (name, kind)
    return " ".join(cache[i][0] for i in ids if i in cache and cache[i][1] != "county")


def local_day(value: datetime | None) -> date | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL_TZ).date()


def url(endpoint: str, **values) -> str:
    try:
        return url_for(endpoint, **values)
    except (BuildError, RuntimeError):
        return ""


def yuan(fen: int | None) -> str:
    if fen is None:
        return ""
    return format((Decimal(fen) / 100).normalize(), "f")


def plain(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html or "")).split())


def join(*parts) -> str:
    return "\n".join(str(p) for p in parts if p)
