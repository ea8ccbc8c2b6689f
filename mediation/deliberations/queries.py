"""Read side, always scoped to the viewer (staff) or to what was published (villagers)."""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select

from mediation.areas.models import Area
from mediation.deliberations.models import Body, Deliberation, Meeting
from mediation.deliberations.operations.bodies import village_of
from mediation.deliberations.permissions import upper_area_ids
from mediation.extensions import db
from mediation.people.models import Person
from mediation.permissions import area_scope


def items_in_scope(user, status: str = "", q: str = ""):
    visible = area_scope(user, Area.path)
    if not user.is_admin and (upper := upper_area_ids(user)):
        visible = or_(visible, and_(Area.kind == "village", Area.id.in_(upper)))
    stmt = select(Deliberation).join(Area, Deliberation.area_id == Area.id).where(visible)
    if status:
        stmt = stmt.where(Deliberation.status == status)
    if q:
        stmt = stmt.where(Deliberation.topic.contains(q, autoescape=True))
    return stmt.order_by(Deliberation.updated_at.desc(), Deliberation.id.desc())


def bodies_in_scope(user):
    return (select(Body).join(Area, Body.area_id == Area.id).where(area_scope(user, Area.path))
            .order_by(Area.path, Body.kind, Body.id))


def bodies_for_item(item: Deliberation) -> list[Body]:
    """Active bodies of the item's village (and its grids) that may hold the current stage."""
    village = village_of(item.area)
    stage = item.stage_obj
    if village is None or stage.kind != "meeting":
        return []
    stmt = (select(Body).join(Area, Body.area_id == Area.id)
            .where(Body.is_active, Body.kind.in_(stage.bodies), Area.path.startswith(village.path, autoescape=True))
            .order_by(Area.path, Body.id))
    return list(db.session.scalars(stmt))


def people_for_body(body: Body):
    village = village_of(body.area)
    return (select(Person).join(Area, Person.area_id == Area.id)
            .where(Area.path.startswith(village.path, autoescape=True), Person.is_organisation.is_(False))
            .order_by(Person.name, Person.id))


def awaiting_action(user, limit: int = 10) -> list[tuple[Deliberation, str]]:
    """Active items in the user's scope with what they wait for (a meeting, a publication, a result)."""
    stmt = items_in_scope(user, status="active").limit(limit)
    out = []
    for item in db.session.scalars(stmt):
        out.append((item, str(item.stage_obj.label)))
    return out


def open_meetings_count(user) -> int:
    stmt = (select(func.count(Meeting.id)).join(Deliberation, Meeting.deliberation_id == Deliberation.id)
            .join(Area, Deliberation.area_id == Area.id)
            .where(Meeting.status == "open", area_scope(user, Area.path)))
    return db.session.scalar(stmt) or 0
