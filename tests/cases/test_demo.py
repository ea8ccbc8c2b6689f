"""The demo seed: cases in every status (except referred) in both towns, some overdue; idempotent."""

from sqlalchemy import func, select

from mediation.areas.models import Area
from mediation.cases import demo
from mediation.cases.models import STATUSES, Case
from mediation.demo import foundation


def test_demo_cases(db):
    foundation.seed("demo-pass-2026")
    demo.seed("demo-pass-2026")
    db.session.commit()
    cases = db.session.scalars(select(Case)).all()
    assert {c.status for c in cases} == set(STATUSES) - {"referred"}
    towns = {c.area.ancestors()[1].name for c in cases}
    assert towns == {"东石镇", "安海镇"}
    assert sum(c.is_overdue for c in cases) >= 3 and any(c.is_due_soon for c in cases)
    assert all(c.sessions for c in cases if c.status in ("agreed", "fulfilled", "closed", "failed", "mediating"))
    assert all(c.follow_ups for c in cases if c.status == "closed")
    assert any("宅基地" in c.title for c in cases)
    count = len(cases)
    demo.seed("demo-pass-2026")
    assert db.session.scalar(select(func.count()).select_from(Case)) == count
    assert db.session.scalar(select(func.count()).select_from(Area)) > 0
