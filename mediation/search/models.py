"""The outbox (changes waiting for the index) and the PostgreSQL backend's document table."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from mediation.db import utcnow
from mediation.extensions import db


class SearchOutbox(db.Model):
    """One row per object whose index entry must be refreshed from the database.

    Written in the same transaction as the change (see `outbox.py`), deleted once applied, so a crash
    between the commit and the index write loses nothing.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# TSVECTOR only exists on PostgreSQL; elsewhere the column is plain text and stays empty.
TokenVector = Text().with_variant(TSVECTOR(), "postgresql")


class SearchDocument(db.Model):
    """An indexed document of the PostgreSQL backend (unused with Whoosh)."""

    __table_args__ = (
        UniqueConstraint("kind", "object_id", name="uq_search_document_kind_object"),
        # GIN on PostgreSQL; on SQLite (Whoosh only) the table stays empty and the index costs nothing.
        Index("ix_search_document_tokens", "tokens", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    object_id: Mapped[int]
    title: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(40), default="")
    area_path: Mapped[str] = mapped_column(String(255), default="", index=True)
    # ",3,17," so one LIKE finds an institution among several.
    institution_ids: Mapped[str] = mapped_column(String(255), default=",")
    is_published: Mapped[bool] = mapped_column(default=False)
    day: Mapped[date | None]
    digest: Mapped[str] = mapped_column(String(64), default="")
    tokens = mapped_column(TokenVector, nullable=True)
