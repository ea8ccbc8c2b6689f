"""In-app notifications (站内消息): one row per recipient; unread until opened or marked read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from mediation.db import utcnow
from mediation.extensions import db

# Kinds (labels in notifications/labels.py).
KINDS = ("new_referral", "returned", "materials", "supplied", "decided", "due_soon", "overdue")


class Notification(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    link: Mapped[str] = mapped_column(String(200), default="")  # a path inside the site
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[int | None]
    # Makes repeated scans idempotent: e.g. "due_soon:12:2026-03-05:7" (kind, object, due date, user).
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_notification_user_read", "user_id", "read_at"),)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
