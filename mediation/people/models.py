from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.areas.models import Area
from mediation.db import TimestampMixin, today
from mediation.extensions import db

SEXES = ("男", "女")


class Person(TimestampMixin, db.Model):
    """A natural person or an organisation that can be a party or a roster member.

    ID number and phone are personal data: templates show them only through the masking filters,
    and the full value only after an audited reveal.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    is_organisation: Mapped[bool] = mapped_column(default=False)
    name: Mapped[str] = mapped_column(String(100), index=True)
    sex: Mapped[str] = mapped_column(String(4), default="")
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    birth_date: Mapped[date | None]
    occupation: Mapped[str] = mapped_column(String(60), default="")
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    # Organisations (companies, village committees) are represented by a legal representative.
    legal_representative: Mapped[str] = mapped_column(String(100), default="")
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"), index=True)

    area: Mapped[Area | None] = relationship()

    @property
    def age(self) -> int | None:
        if not self.birth_date:
            return None
        t = today()
        b = self.birth_date
        return t.year - b.year - ((t.month, t.day) < (b.month, b.day))

    def __repr__(self) -> str:
        return f"<Person {self.id}>"  # never the name: reprs end up in logs
