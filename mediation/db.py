"""Declarative base, naming convention, column helpers and per-dialect connection setup."""

from __future__ import annotations

from datetime import UTC, date, datetime

from flask import current_app, has_app_context, has_request_context, request
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today's date in China (all deadlines are counted in local calendar days)."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


# --- SQLite: WAL, busy timeout, foreign keys, and BEGIN IMMEDIATE for writers -------------------
#
# With deferred transactions, two writers that both read first deadlock on the upgrade to a write
# lock and one gets "database is locked" regardless of busy_timeout. Requests that may write
# (anything but GET/HEAD/OPTIONS) and CLI work therefore start with BEGIN IMMEDIATE, so writers
# queue on the busy timeout instead of failing. Readers stay deferred and never block in WAL mode.

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, _record):
    if not _is_sqlite(dbapi_connection):
        return
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(connection):
    if connection.dialect.name != "sqlite":
        return
    if has_request_context():
        read_only = request.method in READ_ONLY_METHODS
    else:
        # CLI commands write; the test suite's own session mostly reads, and must not hold the write
        # lock while a live server thread serves the browser (config SQLITE_IMMEDIATE_OUTSIDE_REQUESTS).
        read_only = has_app_context() and not current_app.config.get("SQLITE_IMMEDIATE_OUTSIDE_REQUESTS", True)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
