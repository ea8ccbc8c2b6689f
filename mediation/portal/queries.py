"""What villagers may see: published items only, without personal data."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from mediation.areas.models import Area
from mediation.deliberations.models import Deliberation, Meeting
from mediation.deliberations.publication_models import Feedback, Milestone, Publication
from mediation.extensions import db
from mediation.personal_data import ID_NUMBER_PATTERN, MOBILE_PATTERN, mask_id_number, mask_phone


def public_text(value: str | None) -> str:
    """Free text shown to the public with any ID or mobile number masked (typed in by mistake)."""
    text = value or ""
    text = ID_NUMBER_PATTERN.sub(lambda m: mask_id_number(m.group(0)), text)
    return MOBILE_PATTERN.sub(lambda m: mask_phone(m.group(0)), text)


def published_counts_by(prefix_area: Area, kind: str) -> list[tuple[Area, int]]:
    """Children areas of `kind` under `prefix_area` with the number of published items inside each."""
    areas = db.session.scalars(select(Area).where(Area.is_active, Area.kind == kind,
                                                  Area.path.startswith(prefix_area.path, autoescape=True))
                               .order_by(Area.code)).all()
    rows = db.session.execute(select(Area.path, func.count(Deliberation.id))
                              .join(Deliberation, Deliberation.area_id == Area.id)
                              .where(Deliberation.published_at.is_not(None),
                                     Area.path.startswith(prefix_area.path, autoescape=True))
                              .group_by(Area.path)).all()
    return [(a, sum(n for path, n in rows if path.startswith(a.path))) for a in areas]


def towns() -> list[tuple[Area, int]]:
    out = []
    for town in db.session.scalars(select(Area).where(Area.is_active, Area.kind == "town").order_by(Area.code)):
        out.append((town, sum(n for _v, n in published_counts_by(town, "village"))))
    return out


def published_items(village: Area):
    return (select(Deliberation).join(Area, Deliberation.area_id == Area.id)
            .where(Deliberation.published_at.is_not(None), Area.path.startswith(village.path, autoescape=True))
            .order_by(Deliberation.published_at.desc(), Deliberation.id.desc()))


def deciding_motion(item: Deliberation):
    """The decisive motion of the meeting that decided the item (the last passed meeting)."""
    meetings = [m for m in item.meetings if m.status == "closed" and m.outcome == "passed"]
    if not meetings:
        return None
    decisive = [m for m in meetings[-1].motions if m.is_decisive and m.status == "closed"]
    return decisive[-1] if decisive else None


def public_meetings(item: Deliberation) -> list[Meeting]:
    return [m for m in item.meetings if m.status == "closed"]


def publications(item: Deliberation) -> dict[str, Publication]:
    stmt = select(Publication).where(Publication.deliberation_id == item.id).options(selectinload(Publication.feedback))
    return {p.kind: p for p in db.session.scalars(stmt)}


def published_feedback(pub: Publication) -> list[Feedback]:
    return [f for f in pub.feedback if f.is_published and f.answer]


def milestones(item: Deliberation) -> list[Milestone]:
    return list(db.session.scalars(select(Milestone).where(Milestone.deliberation_id == item.id)
                                   .options(selectinload(Milestone.photos))
                                   .order_by(Milestone.planned_on, Milestone.id)))


def progress(item: Deliberation) -> tuple[int, int]:
    from mediation.deliberations.operations.publication import progress_of

    return progress_of(item)
