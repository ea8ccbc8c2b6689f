"""Bodies with rosters and rules, deliberation items, meetings, attendance, minutes, motions and votes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.areas.models import Area
from mediation.auth.models import User
from mediation.db import TimestampMixin, utcnow
from mediation.deliberations import procedures
from mediation.deliberations.rules import BodyKind, Fraction, RuleSet
from mediation.extensions import db
from mediation.people.models import Person


class Body(TimestampMixin, db.Model):
    """A deliberating body of a village or grid (党员大会, 村民代表会议, 网格议事会 …) and its rule."""

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    quorum_base: Mapped[str] = mapped_column(String(16), default="members")
    quorum_num: Mapped[int] = mapped_column(default=1)
    quorum_den: Mapped[int] = mapped_column(default=2)
    quorum_strict: Mapped[bool] = mapped_column(default=True)
    alt_base: Mapped[str | None] = mapped_column(String(16))
    alt_num: Mapped[int | None]
    alt_den: Mapped[int | None]
    alt_strict: Mapped[bool | None]
    decision_base: Mapped[str] = mapped_column(String(16), default="present")
    decision_num: Mapped[int] = mapped_column(default=1)
    decision_den: Mapped[int] = mapped_column(default=2)
    decision_strict: Mapped[bool] = mapped_column(default=True)
    notice_days: Mapped[int] = mapped_column(default=0)
    notice_enforcement: Mapped[str] = mapped_column(String(8), default="warn")
    proxies_allowed: Mapped[bool] = mapped_column(default=False)
    roll_call_public: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)

    area: Mapped[Area] = relationship()
    members: Mapped[list[BodyMember]] = relationship(back_populates="body", order_by="BodyMember.id",
                                                     cascade="all, delete-orphan")

    @property
    def kind_label(self) -> str:
        return BodyKind(self.kind).label

    @property
    def rules(self) -> RuleSet:
        alt = Fraction(self.alt_num, self.alt_den, bool(self.alt_strict)) if self.alt_base else None
        return RuleSet(self.quorum_base, Fraction(self.quorum_num, self.quorum_den, self.quorum_strict),
                       self.alt_base, alt, self.decision_base,
                       Fraction(self.decision_num, self.decision_den, self.decision_strict),
                       self.notice_days, self.notice_enforcement, self.proxies_allowed, self.roll_call_public)

    def apply_rules(self, r: RuleSet) -> None:
        self.quorum_base, self.quorum_num, self.quorum_den, self.quorum_strict = (
            r.quorum_base, r.quorum.num, r.quorum.den, r.quorum.strict)
        self.alt_base = r.alt_base
        self.alt_num, self.alt_den, self.alt_strict = (
            (r.alt_quorum.num, r.alt_quorum.den, r.alt_quorum.strict) if r.alt_quorum else (None, None, None))
        self.decision_base = r.decision_base
        self.decision_num, self.decision_den, self.decision_strict = (
            r.decision.num, r.decision.den, r.decision.strict)
        self.notice_days, self.notice_enforcement = r.notice_days, r.notice_enforcement
        self.proxies_allowed, self.roll_call_public = r.proxies_allowed, r.roll_call_public

    @property
    def active_members(self) -> list[BodyMember]:
        return [m for m in self.members if m.is_active]


MEMBER_ROLES = ("书记", "委员", "党员", "村民代表", "户代表", "村民", "网格员", "党员中心户", "乡贤")


class BodyMember(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="村民")
    is_household_rep: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    body: Mapped[Body] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()

    __table_args__ = (UniqueConstraint("body_id", "person_id", name="uq_body_member_body_person"),)

    def is_adult_on(self, day: date) -> bool:
        """Aged 18+ on `day`; a roster entry without a birth date counts as an adult voter."""
        b = self.person.birth_date
        if b is None:
            return True
        return (day.year - b.year - ((day.month, day.day) < (b.month, b.day))) >= 18


class Deliberation(TimestampMixin, db.Model):
    """A matter to deliberate (议事事项), with where it came from (群众点单) and where it stands."""

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    topic: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    procedure: Mapped[str] = mapped_column(String(16))
    micro_form: Mapped[str] = mapped_column(String(16), default="")
    origin_proposer: Mapped[str] = mapped_column(String(200), default="")
    origin_on: Mapped[date | None]
    origin_worker_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    origin_note: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    decision_text: Mapped[str] = mapped_column(Text, default="")
    end_reason: Mapped[str] = mapped_column(Text, default="")
    budget_cents: Mapped[int | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    published_at: Mapped[datetime | None] = mapped_column(index=True)

    area: Mapped[Area] = relationship()
    origin_worker: Mapped[User | None] = relationship(foreign_keys=[origin_worker_id])
    meetings: Mapped[list[Meeting]] = relationship(back_populates="deliberation", order_by="Meeting.held_at")

    @property
    def stage_obj(self) -> procedures.Stage:
        return procedures.stage(self.procedure, self.stage)

    @property
    def procedure_label(self) -> str:
        return str(procedures.PROCEDURE_LABELS[self.procedure])

    @property
    def status_label(self) -> str:
        return str(procedures.STATUS_LABELS[self.status])

    @property
    def is_public(self) -> bool:
        return self.published_at is not None


class Meeting(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    deliberation_id: Mapped[int] = mapped_column(ForeignKey("deliberation.id"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    body_id: Mapped[int] = mapped_column(ForeignKey("body.id"), index=True)
    held_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(200), default="")
    host: Mapped[str] = mapped_column(String(60), default="")
    recorder: Mapped[str] = mapped_column(String(60), default="")
    notice_on: Mapped[date | None]
    notice_warning: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open → closed
    outcome: Mapped[str] = mapped_column(String(16), default="pending")  # passed, rejected, no_quorum
    present_count: Mapped[int | None]
    eligible_count: Mapped[int | None]
    quorum_rule: Mapped[str] = mapped_column(Text, default="")
    minutes_locked_at: Mapped[datetime | None]
    minutes_locked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    closed_at: Mapped[datetime | None]

    deliberation: Mapped[Deliberation] = relationship(back_populates="meetings")
    body: Mapped[Body] = relationship()
    attendance: Mapped[list[Attendance]] = relationship(back_populates="meeting", cascade="all, delete-orphan")
    motions: Mapped[list[Motion]] = relationship(back_populates="meeting", order_by="Motion.id")
    revisions: Mapped[list[MinutesRevision]] = relationship(order_by="MinutesRevision.number")
    signatures: Mapped[list[MeetingSignature]] = relationship(order_by="MeetingSignature.id")

    @property
    def minutes(self) -> MinutesRevision | None:
        return self.revisions[-1] if self.revisions else None

    @property
    def stage_label(self) -> str:
        return str(procedures.stage(self.deliberation.procedure, self.stage).label)


ATTENDANCE = ("present", "late", "proxy", "excused", "absent")


class Attendance(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("body_member.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="absent")
    proxy_name: Mapped[str] = mapped_column(String(60), default="")
    arrived_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    member: Mapped[BodyMember] = relationship()

    __table_args__ = (UniqueConstraint("meeting_id", "member_id", name="uq_attendance_meeting_member"),)


class MinutesRevision(db.Model):
    """One version of a meeting's minutes; rows are never updated, a change is a new revision."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    body_html: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(500), default="")
    is_correction: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("meeting_id", "number", name="uq_minutes_revision_meeting_number"),)


class MeetingSignature(db.Model):
    """The host's or recorder's drawn signature on the minutes (PNG)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(12))  # host, recorder
    signer_name: Mapped[str] = mapped_column(String(60))
    image: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    revision_number: Mapped[int]
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)


METHODS = ("roll_call", "hands", "secret", "paper")
CHOICES = ("yes", "no", "abstain")


class Motion(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(12))
    is_decisive: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(12), default="open")  # open → closed
    yes: Mapped[int | None]
    no: Mapped[int | None]
    abstain: Mapped[int | None]
    invalid: Mapped[int | None]
    present: Mapped[int | None]
    members: Mapped[int | None]
    outcome: Mapped[str] = mapped_column(String(12), default="")  # passed, rejected
    rule_applied: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None]

    meeting: Mapped[Meeting] = relationship(back_populates="motions")
    votes: Mapped[list[Vote]] = relationship(back_populates="motion", cascade="all, delete-orphan",
                                             order_by="Vote.id")


class Vote(db.Model):
    """A roll-call vote of one member; secret ballots never create these rows."""

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id", ondelete="CASCADE"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("body_member.id"), index=True)
    choice: Mapped[str] = mapped_column(String(8))
    by_proxy: Mapped[bool] = mapped_column(default=False)

    motion: Mapped[Motion] = relationship(back_populates="votes")
    member: Mapped[BodyMember] = relationship()

    __table_args__ = (UniqueConstraint("motion_id", "member_id", name="uq_vote_motion_member"),)
