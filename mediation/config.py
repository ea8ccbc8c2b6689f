"""Configuration layering: defaults → instance/config.py → MEDIATION_* environment → explicit dict.

`DATABASE_URL` is honoured as the conventional name for the database. The secret key is generated
into the instance folder on first start and never committed.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path


class Defaults:
    SQLALCHEMY_DATABASE_URI: str | None = None  # None → sqlite file in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_TRACK_MODIFICATIONS = False

    WTF_CSRF_TIME_LIMIT = 8 * 3600  # a field visit lasts longer than Flask-WTF's one hour
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # set MEDIATION_SESSION_COOKIE_SECURE=true behind HTTPS
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    MAX_CONTENT_LENGTH = 25 * 1024 * 1024

    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = {"zh": "简体中文", "en": "English"}

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 15 minutes"
    LOGIN_LIMIT_PER_IP = "30 per 15 minutes"

    PASSWORD_MIN_LENGTH = 10
    PAGE_SIZE = 20
    SITE_NAME = "网格调解与议事记录系统"
    # Public base URL used in QR codes and links printed on documents.
    PUBLIC_BASE_URL = "http://127.0.0.1:5000"


def _coerce(value: str):
    """Environment values are strings; accept JSON literals (numbers, true/false, lists)."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def load_config(app, overrides: dict | None = None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for key, value in os.environ.items():
        if key.startswith("MEDIATION_") and key != "MEDIATION_INSTANCE_PATH":
            app.config[key.removeprefix("MEDIATION_")] = _coerce(value)
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if overrides:
        app.config.update(overrides)

    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(
        app.config.get("SQLALCHEMY_DATABASE_URI")
        or "sqlite:///" + str(Path(app.instance_path) / "mediation.db")
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def normalize_database_url(url: str) -> str:
    """Accept the common `postgres://` and `postgresql://` spellings and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _instance_secret_key(instance: Path) -> str:
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return key_file.read_text().strip()
