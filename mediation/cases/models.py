"""Cases (矛盾纠纷案件) and what happens to them: parties, sessions, follow-ups, evidence, timeline."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.areas.models import Area, Institution
from mediation.auth.models import User
from mediation.db import TimestampMixin, today, utcnow
from mediation.extensions import db
from mediation.people.models import Person

# Statuses (DESIGN §4.1). The labels live in cases/labels.py so they are translated at render time.
REGISTERED = "registered"
ACCEPTED = "accepted"
MEDIATING = "mediating"
AGREED = "agreed"
FULFILLED = "fulfilled"
CLOSED = "closed"
DECLINED = "declined"
WITHDRAWN = "withdrawn"
FAILED = "failed"
REFERRED = "referred"
STATUSES = (REGISTERED, ACCEPTED, MEDIATING, AGREED, FULFILLED, CLOSED, DECLINED, WITHDRAWN, FAILED, REFERRED)
# Statuses in which the 30-day mediation deadline runs (overdue / due soon are computed for these).
DEADLINE_STATUSES = (ACCEPTED, MEDIATING)
# Statuses that end the case (no further work without reopening).
FINAL_STATUSES = (CLOSED, DECLINED, WITHDRAWN)

# The escalation ladder, lowest first (DESIGN §4.2); the referrals domain moves cases up it.
RUNGS = ("grid", "village", "town", "county", "lawyer", "notary", "court")

CATEGORIES = ("婚姻家庭", "邻里纠纷", "房屋宅基地", "土地承包", "山林水利", "征地拆迁", "劳动争议", "合同债务",
              "损害赔偿", "物业纠纷", "消费纠纷", "医疗纠纷", "道路交通", "环境污染", "其他")
SOURCES = ("网格员排查", "群众来访", "电话/12345热线", "部门移交", "法院委派", "其他")
RISK_LEVELS = ("normal", "serious", "major")  # 一般 / 较大 / 重大
PARTY_ROLES = ("applicant", "respondent", "third_party")  # 申请人 / 被申请人 / 第三人
PERFORMANCES = ("fulfilled", "partial", "unfulfilled")  # 已履行 / 部分履行 / 未履行
EVALUATIONS = ("satisfied", "basically", "unsatisfied")  # 满意 / 基本满意 / 不满意
SESSION_OUTCOMES = ("continue", "agreed", "failed")  # 继续调解 / 达成协议 / 调解不成

DEADLINE_DAYS = 30
DUE_SOON_DAYS = 3


class Case(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # e.g. 东石镇调〔2026〕0012号: per committee and year, gap-free (numbering.next_number).
    number: Mapped[str] = mapped_column(String(60), unique=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    year: Mapped[int]
    seq: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(16), index=True)
    source: Mapped[str] = mapped_column(String(16))
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    occurred_on: Mapped[date | None]
    description: Mapped[str] = mapped_column(Text, default="")
    # Money in fen (分): exact on every backend (SQLite has no decimal type).
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    risk_level: Mapped[str] = mapped_column(String(16), default="normal")
    is_violence_risk: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default=REGISTERED, index=True)
    rung: Mapped[str] = mapped_column(String(16), default="grid")
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    accepted_on: Mapped[date | None]
    deadline: Mapped[date | None] = mapped_column(index=True)
    ended_at: Mapped[datetime | None]  # when it was closed, declined or withdrawn
    # The latest outcome text: agreement summary, failure advice, decline or withdrawal reason.
    outcome: Mapped[str] = mapped_column(Text, default="")

    committee: Mapped[Institution] = relationship()
    area: Mapped[Area] = relationship()
    mediator: Mapped[User | None] = relationship(foreign_keys=[mediator_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    parties: Mapped[list[CaseParty]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                    order_by="CaseParty.id")
    sessions: Mapped[list[MediationSession]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                            order_by="MediationSession.held_on, MediationSession.id")
    follow_ups: Mapped[list[FollowUp]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                      order_by="FollowUp.visited_on, FollowUp.id")
    extensions: Mapped[list[DeadlineExtension]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                               order_by="DeadlineExtension.id")
    evidence: Mapped[list[Evidence]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                    order_by="Evidence.id")
    events: Mapped[list[CaseEvent]] = relationship(back_populates="case", cascade="all, delete-orphan",
                                                   order_by="CaseEvent.id")

    __table_args__ = (
        UniqueConstraint("committee_id", "year", "seq", name="uq_case_committee_year_seq"),
        Index("ix_case_status_deadline", "status", "deadline"),
        # Scoped counts per status read only this index (area ids in scope are selected first;
        # (status, area_id) keeps it covering even when the planner groups along the status order).
        Index("ix_case_status_area", "status", "area_id"),
    )

    @property
    def amount(self) -> Decimal | None:
        return None if self.amount_fen is None else Decimal(self.amount_fen) / 100

    @property
    def is_overdue(self) -> bool:
        return self.status in DEADLINE_STATUSES and self.deadline is not None and self.deadline < today()

    @property
    def is_due_soon(self) -> bool:
        if self.status not in DEADLINE_STATUSES or self.deadline is None:
            return False
        t = today()
        return t <= self.deadline <= t + timedelta(days=DUE_SOON_DAYS)

    def parties_in(self, role: str) -> list[CaseParty]:
        return [p for p in self.parties if p.role == role]

    def __repr__(self) -> str:
        return f"<Case {self.id} {self.status}>"


class CaseParty(db.Model):
    """A person in a case, with role and optional agent (代理人, also a Person)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    case: Mapped[Case] = relationship(back_populates="parties")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    agent: Mapped[Person | None] = relationship(foreign_keys=[agent_id])

    __table_args__ = (UniqueConstraint("case_id", "person_id", name="uq_case_party_case_person"),)


class MediationSession(db.Model):
    """调解笔录: one mediation meeting."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    record: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(16), default="continue")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="sessions")
    recorded_by: Mapped[User | None] = relationship()


class FollowUp(db.Model):
    """回访: performance of the agreement and the parties' evaluation (群众评单)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[date]
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    performance: Mapped[str] = mapped_column(String(16))
    evaluation: Mapped[str] = mapped_column(String(16))
    remarks: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="follow_ups")
    visitor: Mapped[User | None] = relationship()


class DeadlineExtension(db.Model):
    """A deadline extension with the parties' consent: who agreed, until when, why."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    previous_deadline: Mapped[date | None]
    new_deadline: Mapped[date]
    consented_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="extensions")
    created_by: Mapped[User | None] = relationship()


class Evidence(db.Model):
    """An uploaded image or PDF, stored once under instance/uploads/<sha256>."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))  # image | pdf
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    description: Mapped[str] = mapped_column(String(200), default="")
    has_thumbnail: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[Case] = relationship(back_populates="evidence")
    uploaded_by: Mapped[User | None] = relationship()


class CaseEvent(db.Model):
    """One timeline entry: who did what, when. `action` is a code labelled at render time."""

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str] = mapped_column(String(16), default="")
    to_status: Mapped[str] = mapped_column(String(16), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="events")
