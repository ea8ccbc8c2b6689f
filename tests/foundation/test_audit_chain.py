"""The audit log is a hash chain: editing or deleting any row is detected and named."""

from sqlalchemy import text

from mediation import audit
from mediation.audit import AuditEvent


def _events(db, n=5):
    for i in range(n):
        audit.record("test.event", None, step=i)
    db.session.commit()
    return [e.id for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]


def test_intact_chain_verifies(runner, db):
    _events(db)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0
    assert "intact: 5 events" in result.output


def test_edited_row_is_named(runner, db):
    ids = _events(db)
    db.session.execute(text("UPDATE audit_event SET summary = :s WHERE id = :id"),
                       {"s": '{"step": 99}', "id": ids[2]})
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at event #{ids[2]}" in result.output
    assert "content changed" in result.output


def test_deleted_row_breaks_the_next_link(runner, db):
    ids = _events(db)
    db.session.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": ids[1]})
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"BROKEN at event #{ids[2]}" in result.output
    assert "link broken" in result.output


def test_rewritten_row_with_recomputed_hash_still_breaks_the_chain(runner, db):
    ids = _events(db)
    ev = db.session.get(AuditEvent, ids[1])
    ev.summary = '{"step": 42}'
    ev.hash = ev.compute_hash()  # a forger who knows the algorithm fixes this row...
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1  # ...but the next row still points at the old hash
    assert f"BROKEN at event #{ids[2]}" in result.output


def test_changes_through_the_web_are_audited(world, login, db):
    c = login(world.admin)
    c.post("/admin/areas/new", data={"parent_id": str(world.village1.id), "kind": "grid", "code": "X1",
                                     "name": "第三网格"})
    events = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert events[-1] == "area.create"
    assert events.count("auth.login") == 1
