from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mediation.db import TimestampMixin
from mediation.extensions import db


class AreaKind(enum.StrEnum):
    COUNTY = "county"
    TOWN = "town"
    VILLAGE = "village"
    GRID = "grid"
    MICROGRID = "microgrid"

    @property
    def label(self) -> str:
        from flask_babel import gettext as _

        return {
            "county": _("县/区"),
            "town": _("镇/街道"),
            "village": _("村/社区"),
            "grid": _("网格"),
            "microgrid": _("微网格"),
        }[self.value]

    @property
    def depth(self) -> int:
        return list(AreaKind).index(self)


class Area(TimestampMixin, db.Model):
    """A node of the area tree; `path` ("/1/4/17/") makes subtree queries a prefix match."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"), index=True)
    path: Mapped[str] = mapped_column(String(255), index=True, default="")
    is_active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Area | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Area]] = relationship(back_populates="parent", order_by="Area.code")

    @property
    def kind_enum(self) -> AreaKind:
        return AreaKind(self.kind)

    def ancestors(self) -> list[Area]:
        """Ancestors from the root down, excluding self."""
        ids = [int(p) for p in self.path.strip("/").split("/") if p][:-1]
        # session.get answers from the identity map when the ancestor is already loaded, so a list
        # of areas or people in the same village costs one lookup per ancestor, not one per row.
        return [a for a in (db.session.get(Area, i) for i in ids) if a is not None]

    @property
    def full_name(self) -> str:
        """Names below the county, e.g. "东石镇 光渺村 第一网格"."""
        chain = [a for a in self.ancestors() if a.kind != AreaKind.COUNTY] + [self]
        return " ".join(a.name for a in chain)

    def is_within(self, other: Area) -> bool:
        return self.path.startswith(other.path)

    def __repr__(self) -> str:
        return f"<Area {self.code} {self.name}>"


class InstitutionKind(enum.StrEnum):
    MEDIATION_COMMITTEE = "mediation_committee"
    MEDIATION_CENTER = "mediation_center"
    DEPARTMENT = "department"
    LAW_OFFICE = "law_office"
    NOTARY_OFFICE = "notary_office"
    COURT = "court"

    @property
    def label(self) -> str:
        from flask_babel import gettext as _

        return {
            "mediation_committee": _("人民调解委员会"),
            "mediation_center": _("矛盾纠纷调解中心"),
            "department": _("职能部门"),
            "law_office": _("律师事务所"),
            "notary_office": _("公证处"),
            "court": _("人民法院"),
        }[self.value]


class Institution(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # Short name used in document numbers, e.g. "东石镇" in 东石镇调〔2026〕0012号.
    short_name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    is_active: Mapped[bool] = mapped_column(default=True)

    area: Mapped[Area] = relationship()

    @property
    def kind_enum(self) -> InstitutionKind:
        return InstitutionKind(self.kind)

    def __repr__(self) -> str:
        return f"<Institution {self.name}>"
