"""调解协议书: the agreement of a case, its versions, terms and collected signatures.

Statuses: draft (editable) → signing (the current version is frozen; signatures are collected) →
effective (all signed, sealed PDF issued, case agreed). Editing during signing makes a new
version and discards the signatures collected for the old one; signed versions are never changed.
Oral agreements (口头协议) skip signing: confirming them makes them effective on the agreed day.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.areas.models import Institution
from mediation.auth.models import User
from mediation.cases.models import Case, CaseParty
from mediation.db import TimestampMixin, utcnow
from mediation.documents.models import Document
from mediation.extensions import db

DRAFT = "draft"
SIGNING = "signing"
EFFECTIVE = "effective"
STATUSES = (DRAFT, SIGNING, EFFECTIVE)

WRITTEN = "written"
ORAL = "oral"
FORMS = (WRITTEN, ORAL)

# How a signature was given: drawn on the device, a fingerprint image, a scan of the paper copy.
DRAWN = "drawn"
FINGERPRINT = "fingerprint"
SCAN = "scan"
METHODS = (DRAWN, FINGERPRINT, SCAN)


class Agreement(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"), unique=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    # e.g. 东石镇调协〔2026〕0012号, per committee and year, gap-free.
    number: Mapped[str] = mapped_column(String(60), unique=True)
    year: Mapped[int]
    seq: Mapped[int]
    form: Mapped[str] = mapped_column(String(8), default=WRITTEN)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT, index=True)
    version: Mapped[int] = mapped_column(default=1)

    facts: Mapped[str] = mapped_column(Text, default="")  # 纠纷主要事实
    issues: Mapped[str] = mapped_column(Text, default="")  # 争议事项
    responsibilities: Mapped[str] = mapped_column(Text, default="")  # 各方责任
    oral_content: Mapped[str] = mapped_column(Text, default="")  # 口头协议的记录内容
    accepts_enforcement: Mapped[bool] = mapped_column(default=False)  # 债务人自愿接受强制执行
    copies: Mapped[int] = mapped_column(default=3)
    place: Mapped[str] = mapped_column(String(200), default="")
    agreed_on: Mapped[date | None]  # oral: the day the parties agreed
    effective_on: Mapped[date | None]

    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    case: Mapped[Case] = relationship()
    committee: Mapped[Institution] = relationship()
    mediator: Mapped[User | None] = relationship(foreign_keys=[mediator_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    document: Mapped[Document | None] = relationship()
    terms: Mapped[list[AgreementTerm]] = relationship(back_populates="agreement", cascade="all, delete-orphan",
                                                      order_by="AgreementTerm.position")
    versions: Mapped[list[AgreementVersion]] = relationship(back_populates="agreement",
                                                            cascade="all, delete-orphan",
                                                            order_by="AgreementVersion.number")
    signatures: Mapped[list[AgreementSignature]] = relationship(back_populates="agreement",
                                                                cascade="all, delete-orphan",
                                                                order_by="AgreementSignature.id")

    @property
    def is_oral(self) -> bool:
        return self.form == ORAL

    @property
    def current_version(self) -> AgreementVersion | None:
        return next((v for v in self.versions if v.number == self.version), None)

    @property
    def active_signatures(self) -> list[AgreementSignature]:
        """Signatures on the current version that were not discarded."""
        return [s for s in self.signatures if s.version_number == self.version and s.discarded_at is None]

    def __repr__(self) -> str:
        return f"<Agreement {self.id} {self.status} v{self.version}>"


class AgreementTerm(db.Model):
    """One agreed obligation: who does what, how much, by when, how and where."""

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    obligor_id: Mapped[int] = mapped_column(ForeignKey("case_party.id"))
    obligee_id: Mapped[int | None] = mapped_column(ForeignKey("case_party.id"))
    obligation: Mapped[str] = mapped_column(Text)
    amount_fen: Mapped[int | None] = mapped_column(BigInteger)
    deadline: Mapped[date | None]
    method: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")

    agreement: Mapped[Agreement] = relationship(back_populates="terms")
    obligor: Mapped[CaseParty] = relationship(foreign_keys=[obligor_id])
    obligee: Mapped[CaseParty | None] = relationship(foreign_keys=[obligee_id])

    @property
    def amount(self) -> Decimal | None:
        return None if self.amount_fen is None else Decimal(self.amount_fen) / 100


class AgreementVersion(db.Model):
    """A frozen version: the canonical JSON of the content and its SHA-256 (what signers sign)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    content_json: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    frozen_at: Mapped[datetime] = mapped_column(default=utcnow)
    frozen_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    discarded_at: Mapped[datetime | None]  # edited after signing had started
    is_signed: Mapped[bool] = mapped_column(default=False)

    agreement: Mapped[Agreement] = relationship(back_populates="versions")

    __table_args__ = (UniqueConstraint("agreement_id", "number", name="uq_agreement_version_agreement_number"),)


class AgreementSignature(db.Model):
    """One signature: a party (CaseParty) or the mediator (User), how, when, on which version."""

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int]
    version_sha256: Mapped[str] = mapped_column(String(64))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("case_party.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # the mediator signing
    signer_name: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(12))
    image_path: Mapped[str] = mapped_column(String(255))
    image_sha256: Mapped[str] = mapped_column(String(64))
    image_type: Mapped[str] = mapped_column(String(40), default="image/png")
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    discarded_at: Mapped[datetime | None]

    agreement: Mapped[Agreement] = relationship(back_populates="signatures")
    party: Mapped[CaseParty | None] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])

    @property
    def signer_key(self) -> str:
        return f"party-{self.party_id}" if self.party_id else f"user-{self.user_id}"
