"""Demo data for search: nothing of its own — it indexes what the other seeders created.

The outbox rows written while seeding are applied right after `flask seed-demo` commits.
"""

from __future__ import annotations

from sqlalchemy import func, select

from mediation.extensions import db
from mediation.search.models import SearchOutbox


def seed(password: str) -> list[str]:
    pending = db.session.scalar(select(func.count()).select_from(SearchOutbox)) or 0
    return [f"search: {pending} index changes queued, applied after commit (`flask search reindex` rebuilds)"]
