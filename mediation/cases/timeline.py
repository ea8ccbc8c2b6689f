"""Timeline entries of a case (who did what, when), written by every case operation."""

from __future__ import annotations

from mediation.cases.models import Case, CaseEvent
from mediation.db import utcnow
from mediation.extensions import db


def add_event(case: Case, actor, action: str, *, note: str = "", from_status: str = "",
              to_status: str = "") -> CaseEvent:
    event = CaseEvent(case=case, at=utcnow(), actor_id=getattr(actor, "id", None),
                      actor_name=getattr(actor, "display_name", "") or "", action=action,
                      from_status=from_status, to_status=to_status, note=note)
    db.session.add(event)
    return event
