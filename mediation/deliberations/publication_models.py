"""Publication (公开), public questions and objections, implementation milestones, files."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.auth.models import User
from mediation.db import utcnow
from mediation.deliberations.models import Deliberation
from mediation.extensions import db


class Publication(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    deliberation_id: Mapped[int] = mapped_column(ForeignKey("deliberation.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # decision, result
    content: Mapped[str] = mapped_column(Text)
    display_from: Mapped[date]
    display_until: Mapped[date]
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    deliberation: Mapped[Deliberation] = relationship()
    feedback: Mapped[list[Feedback]] = relationship(back_populates="publication", order_by="Feedback.id")

    __table_args__ = (UniqueConstraint("deliberation_id", "kind", name="uq_publication_deliberation_kind"),)

    def is_open_on(self, day: date) -> bool:
        return self.display_from <= day <= self.display_until


class Feedback(db.Model):
    """A villager's question or objection sent through the public form (no account)."""

    __tablename__ = "public_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # question, objection
    text: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    is_published: Mapped[bool] = mapped_column(default=False)

    publication: Mapped[Publication] = relationship(back_populates="feedback")
    answered_by: Mapped[User | None] = relationship()


class Milestone(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    deliberation_id: Mapped[int] = mapped_column(ForeignKey("deliberation.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    planned_on: Mapped[date | None]
    done_on: Mapped[date | None]
    progress: Mapped[int] = mapped_column(default=0)  # percent
    spend_cents: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    photos: Mapped[list[DeliberationFile]] = relationship(order_by="DeliberationFile.id")


class DeliberationFile(db.Model):
    """An attachment of an item (staff only) or a milestone photo (public once the item is)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    deliberation_id: Mapped[int] = mapped_column(ForeignKey("deliberation.id"), index=True)
    milestone_id: Mapped[int | None] = mapped_column(ForeignKey("milestone.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(80))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
