from sqlalchemy import select

from mediation.areas.models import Area
from mediation.people.models import Person
from mediation.permissions import area_scope


def people_in_scope(user, q: str = ""):
    """People the user may see: those whose area lies in the user's subtrees (admins: all)."""
    stmt = select(Person).join(Area, Person.area_id == Area.id, isouter=user.is_admin)
    if not user.is_admin:
        stmt = stmt.where(area_scope(user, Area.path))
    if q:
        stmt = stmt.where(Person.name.contains(q, autoescape=True))
    return stmt.order_by(Person.name, Person.id)


def areas_in_scope(user, kinds=("village", "grid", "microgrid")):
    stmt = select(Area).where(Area.is_active, Area.kind.in_(kinds), area_scope(user, Area.path))
    return stmt.order_by(Area.path)
