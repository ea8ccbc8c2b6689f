"""Read-side queries, scoped to the viewer's areas."""

from __future__ import annotations

from sqlalchemy import select

from mediation.agreements.models import Agreement
from mediation.areas.models import Area
from mediation.cases.models import MEDIATING, Case
from mediation.permissions import area_scope


def visible_agreements(user, status: str = ""):
    q = (select(Agreement).join(Case, Case.id == Agreement.case_id).join(Area, Area.id == Case.area_id)
         .where(area_scope(user, Area.path)).order_by(Agreement.id.desc()))
    if status:
        q = q.where(Agreement.status == status)
    return q


def cases_ready_for_agreement(user):
    """Cases in mediation, inside the user's scope, that have no agreement yet."""
    return (select(Case).join(Area, Area.id == Case.area_id)
            .where(Case.status == MEDIATING, area_scope(user, Area.path),
                   ~select(Agreement.id).where(Agreement.case_id == Case.id).exists())
            .order_by(Case.id.desc()).limit(200))
