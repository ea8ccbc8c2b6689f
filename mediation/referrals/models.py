"""Referrals (转介/上报): a case sent up the ladder or across to an office, and what came back.

A referral goes from a sender (the case's mediator, a committee, a center) to one institution:
a mediation committee or center (escalation), a department (部门办单), a law office (律师调解),
a notary office (公证) or a court (司法确认; 诉讼引导 is recorded as an already finished referral).
The receiving office accepts it, returns it with a reason, asks for more materials (its clock
pauses), or completes it with a decision and a signed decision document.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.agreements.models import Agreement
from mediation.areas.models import Institution
from mediation.auth.models import User
from mediation.cases.models import Case
from mediation.db import TimestampMixin, today, utcnow
from mediation.documents.models import Document
from mediation.extensions import db

# Kinds
ESCALATE = "escalate"  # 逐级上报: grid → village committee → town center → county center
DISPATCH = "dispatch"  # 部门办单: a center sends work to a department
LAWYER = "lawyer"  # 律师调解
NOTARIZATION = "notarization"  # 赋予强制执行效力的债权文书公证
JUDICIAL = "judicial"  # 司法确认
LITIGATION = "litigation"  # 诉讼引导 (recorded outcome)
KINDS = (ESCALATE, DISPATCH, LAWYER, NOTARIZATION, JUDICIAL, LITIGATION)

# States
SUBMITTED = "submitted"  # 待受理
ACCEPTED = "accepted"  # 办理中
MATERIALS = "materials"  # 待补充材料 (the clock is paused)
RETURNED = "returned"  # 已退回 (the sender may resubmit)
COMPLETED = "completed"  # 已办结
WITHDRAWN = "withdrawn"  # 已撤回
STATES = (SUBMITTED, ACCEPTED, MATERIALS, RETURNED, COMPLETED, WITHDRAWN)
OPEN_STATES = (SUBMITTED, ACCEPTED, MATERIALS, RETURNED)
PENDING_STATES = (SUBMITTED, ACCEPTED, MATERIALS)  # waiting on the receiving office

# Outcomes of a completed referral, by kind.
OUTCOMES = {
    ESCALATE: ("agreed", "failed", "escalated"),
    DISPATCH: ("handled",),
    LAWYER: ("agreed", "failed"),
    NOTARIZATION: ("notarized", "refused"),
    JUDICIAL: ("valid", "dismissed"),
    LITIGATION: ("guided",),
}

# 婚姻家庭 matters: identity, adoption and marriage matters cannot be judicially confirmed.
MATTERS = ("property", "identity", "adoption", "marriage")
EXCLUDED_MATTERS = ("identity", "adoption", "marriage")


class Referral(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)  # 转〔2026〕0001号
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), default=SUBMITTED, index=True)
    from_institution_id: Mapped[int | None] = mapped_column(ForeignKey("institution.id"), index=True)
    to_institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    from_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    # The referral this one was sent from (e.g. a center's accepted escalation dispatching to a department).
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("referral.id"), index=True)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"), index=True)
    rung_from: Mapped[str] = mapped_column(String(16), default="")
    rung_to: Mapped[str] = mapped_column(String(16), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    # The case's status before it was sent, to go back to when the referral returns or is withdrawn.
    case_status_before: Mapped[str] = mapped_column(String(16), default="")

    # Judicial confirmation: the joint application (申请人 names as recorded) and the 婚姻家庭 matter.
    is_joint: Mapped[bool] = mapped_column(default=False)
    applicants: Mapped[str] = mapped_column(String(400), default="")
    matter: Mapped[str] = mapped_column(String(16), default="")

    # Clocks (see rules.py): the application day, acceptance, and the paused days of each clock.
    submitted_on: Mapped[date] = mapped_column(default=today)
    accept_by: Mapped[date | None] = mapped_column(index=True)
    accepted_on: Mapped[date | None]
    decide_by: Mapped[date | None] = mapped_column(index=True)
    paused_on: Mapped[date | None]
    paused_from: Mapped[str] = mapped_column(String(16), default="")
    accept_paused_days: Mapped[int] = mapped_column(default=0)
    decide_paused_days: Mapped[int] = mapped_column(default=0)
    extension_days: Mapped[int] = mapped_column(default=0)
    extension_approval: Mapped[str] = mapped_column(Text, default="")  # who approved (e.g. 院长) and why

    return_reason: Mapped[str] = mapped_column(Text, default="")
    materials_request: Mapped[str] = mapped_column(Text, default="")
    times_returned: Mapped[int] = mapped_column(default=0)
    decided_on: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(16), default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    decision_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    enforcement_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    case: Mapped[Case] = relationship()
    from_institution: Mapped[Institution | None] = relationship(foreign_keys=[from_institution_id])
    to_institution: Mapped[Institution] = relationship(foreign_keys=[to_institution_id])
    from_user: Mapped[User | None] = relationship(foreign_keys=[from_user_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    parent: Mapped[Referral | None] = relationship(remote_side=[id])
    agreement: Mapped[Agreement | None] = relationship()
    decision_document: Mapped[Document | None] = relationship(foreign_keys=[decision_document_id])
    enforcement_document: Mapped[Document | None] = relationship(foreign_keys=[enforcement_document_id])
    events: Mapped[list[ReferralEvent]] = relationship(back_populates="referral", cascade="all, delete-orphan",
                                                       order_by="ReferralEvent.id")
    payments: Mapped[list[Payment]] = relationship(back_populates="referral", cascade="all, delete-orphan",
                                                   order_by="Payment.paid_on, Payment.id")

    __table_args__ = (Index("ix_referral_to_status", "to_institution_id", "status"),)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_paused(self) -> bool:
        return self.status == MATERIALS

    @property
    def due_on(self) -> date | None:
        """The date the receiving office must act by now (accept, then decide); None when paused or done."""
        if self.status == SUBMITTED:
            return self.accept_by
        if self.status == ACCEPTED:
            return self.decide_by
        return None

    @property
    def is_overdue(self) -> bool:
        return self.due_on is not None and self.due_on < today()

    @property
    def paid_fen(self) -> int:
        return sum(p.amount_fen for p in self.payments)

    def __repr__(self) -> str:
        return f"<Referral {self.id} {self.kind} {self.status}>"


class ReferralEvent(db.Model):
    """The referral's own history: submitted, accepted, returned (reason), materials asked/supplied…"""

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")

    referral: Mapped[Referral] = relationship(back_populates="events")


class Payment(db.Model):
    """A payment made under a notarized agreement (履行台账), for the 执行证书's unpaid remainder."""

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    paid_on: Mapped[date]
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    referral: Mapped[Referral] = relationship(back_populates="payments")

    @property
    def amount(self) -> Decimal:
        return Decimal(self.amount_fen) / 100
