from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from mediation.areas.models import Area, Institution
from mediation.auth.roles import Role
from mediation.db import TimestampMixin, utcnow
from mediation.extensions import db


class UserRole(db.Model):
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class UserArea(db.Model):
    """An area subtree a user works in (a grid mediator's grids, a secretary's village)."""

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), primary_key=True)

    area: Mapped[Area] = relationship()


class User(UserMixin, TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active_account: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    institution_id: Mapped[int | None] = mapped_column(ForeignKey("institution.id"), index=True)
    last_login_at: Mapped[datetime | None]

    institution: Mapped[Institution | None] = relationship()
    role_rows: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    area_rows: Mapped[list[UserArea]] = relationship(cascade="all, delete-orphan", lazy="selectin")

    # --- Flask-Login ---------------------------------------------------------------------------
    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.is_active_account

    # --- roles and scope ----------------------------------------------------------------------
    @property
    def roles(self) -> set[Role]:
        return {Role(r.role) for r in self.role_rows}

    def set_roles(self, roles) -> None:
        wanted = {Role(r) for r in roles}
        self.role_rows = [r for r in self.role_rows if Role(r.role) in wanted]
        have = {Role(r.role) for r in self.role_rows}
        self.role_rows.extend(UserRole(role=r.value) for r in sorted(wanted - have))

    def has_role(self, *roles: Role | str) -> bool:
        mine = {r.value for r in self.roles}
        return any(str(r) in mine for r in roles)

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)

    @property
    def areas(self) -> list[Area]:
        return [row.area for row in self.area_rows]

    def set_areas(self, areas) -> None:
        ids = {a.id for a in areas}
        self.area_rows = [r for r in self.area_rows if r.area_id in ids]
        have = {r.area_id for r in self.area_rows}
        self.area_rows.extend(UserArea(area_id=a.id) for a in areas if a.id not in have)

    @property
    def area_paths(self) -> list[str]:
        """Path prefixes of every subtree this user works in (area roles and office area)."""
        paths = [row.area.path for row in self.area_rows]
        if self.institution is not None and self.has_role(Role.CENTER_STAFF):
            paths.append(self.institution.area.path)
        return paths

    # --- passwords ----------------------------------------------------------------------------
    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class LoginSession(db.Model):
    """One row per signed-in browser: logout or deactivation deletes it, so the cookie dies."""

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


class ApiToken(db.Model):
    """Bearer token for the JSON API; only its SHA-256 is stored, the token is shown once."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "med_" + secrets.token_urlsafe(32)
