"""Roles and what kind of scope each one has."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    GRID_WORKER = "grid_worker"
    MEDIATOR = "mediator"
    CENTER_STAFF = "center_staff"
    LAWYER = "lawyer"
    NOTARY = "notary"
    JUDGE = "judge"
    SECRETARY = "secretary"

    @property
    def label(self) -> str:
        from flask_babel import gettext as _

        return {
            "admin": _("系统管理员"),
            "grid_worker": _("网格员"),
            "mediator": _("调解员"),
            "center_staff": _("矛调中心工作人员"),
            "lawyer": _("律师"),
            "notary": _("公证员"),
            "judge": _("法官"),
            "secretary": _("村议事记录员"),
        }[self.value]


# Area roles act on an area subtree; office roles act for their institution.
AREA_ROLES = frozenset({Role.GRID_WORKER, Role.MEDIATOR, Role.SECRETARY})
OFFICE_ROLES = frozenset({Role.CENTER_STAFF, Role.LAWYER, Role.NOTARY, Role.JUDGE})
# Roles whose work needs full ID numbers and phones of people in their scope (each reveal audited).
REVEAL_ROLES = frozenset({Role.ADMIN, Role.GRID_WORKER, Role.MEDIATOR, Role.CENTER_STAFF})
