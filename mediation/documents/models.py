from __future__ import annotations

import enum
import json
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.areas.models import Institution
from mediation.db import TimestampMixin
from mediation.extensions import db


class DocumentKind(enum.StrEnum):
    AGREEMENT = "agreement"
    ORAL_AGREEMENT = "oral_agreement"
    SESSION_RECORD = "session_record"
    MINUTES = "minutes"
    REFERRAL_LETTER = "referral_letter"
    REFERRAL_DECISION = "referral_decision"
    JUDICIAL_RULING = "judicial_ruling"
    NOTARIAL_CERTIFICATE = "notarial_certificate"
    CASE_COVER = "case_cover"
    NOTICE = "notice"

    @property
    def label(self) -> str:
        from flask_babel import gettext as _

        return {
            "agreement": _("人民调解协议书"),
            "oral_agreement": _("口头调解协议记录"),
            "session_record": _("调解笔录"),
            "minutes": _("会议记录"),
            "referral_letter": _("转介函"),
            "referral_decision": _("转介处理决定书"),
            "judicial_ruling": _("司法确认裁定书"),
            "notarial_certificate": _("公证书"),
            "case_cover": _("卷宗封面"),
            "notice": _("公告"),
        }[self.value]


def kind_label(kind: str) -> str:
    try:
        return DocumentKind(kind).label
    except ValueError:
        return kind


class Document(TimestampMixin, db.Model):
    """One generated PDF: its identity (number, kind, version), its bytes' SHA-256 and its
    public verification code. The file lives under `instance/documents/` (content-addressed:
    `<sha256[:2]>/<sha256>.pdf`); when a later signature is added the row points at the new file.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    number: Mapped[str] = mapped_column(String(80), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(default=1)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(default=0)
    pages: Mapped[int] = mapped_column(default=0)
    storage_path: Mapped[str] = mapped_column(String(255))
    verification_code: Mapped[str] = mapped_column(String(12), unique=True)
    institution_id: Mapped[int] = mapped_column(ForeignKey("institution.id"), index=True)
    # The object the document belongs to (e.g. "agreement", 12); visibility follows its *.view rule.
    related_type: Mapped[str] = mapped_column(String(40), default="")
    related_id: Mapped[int | None]
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    issued_at: Mapped[datetime | None]
    # JSON list: [{"field", "signer", "institution_id", "at", "certification", "permission"}]
    signatures_json: Mapped[str] = mapped_column(Text, default="[]")
    is_current: Mapped[bool] = mapped_column(default=True)

    institution: Mapped[Institution] = relationship()

    __table_args__ = (Index("ix_document_related", "related_type", "related_id"),)

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def signatures(self) -> list[dict]:
        return json.loads(self.signatures_json or "[]")

    @signatures.setter
    def signatures(self, value: list[dict]) -> None:
        self.signatures_json = json.dumps(value, ensure_ascii=False, sort_keys=True)

    @property
    def code_display(self) -> str:
        c = self.verification_code
        return "-".join(c[i:i + 4] for i in range(0, len(c), 4))

    def __repr__(self) -> str:
        return f"<Document {self.id} {self.kind}>"
