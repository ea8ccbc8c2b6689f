"""CLI: demo data (idempotent), accounts, tokens."""

from sqlalchemy import func, select

from mediation.areas.models import Area, Institution
from mediation.audit import AuditEvent
from mediation.auth.models import User
from mediation.people.models import Person
from mediation.personal_data import id_number_error, phone_error


def _counts(db):
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (Area, Institution, User, Person)}


def test_seed_demo_is_idempotent_and_complete(runner, db):
    first = runner.invoke(args=["seed-demo", "--password", "demo-pass-2026"])
    assert first.exit_code == 0, first.output
    assert "demo-pass-2026" in first.output
    counts = _counts(db)
    second = runner.invoke(args=["seed-demo", "--password", "demo-pass-2026"])
    assert second.exit_code == 0, second.output
    assert _counts(db) == counts

    names = set(db.session.scalars(select(User.username)))
    assert {"admin", "grid1", "grid2", "center", "lawyer", "notary", "judge", "judge2", "secretary"} <= names
    grid1 = db.session.scalar(select(User).where(User.username == "grid1"))
    grid2 = db.session.scalar(select(User).where(User.username == "grid2"))
    assert grid1.check_password("demo-pass-2026")
    assert grid1.areas[0].parent_id != grid2.areas[0].parent_id  # different villages
    judge, judge2 = (db.session.scalar(select(User).where(User.username == u)) for u in ("judge", "judge2"))
    assert judge.institution.kind == judge2.institution.kind == "court"
    assert judge.institution_id != judge2.institution_id
    for person in db.session.scalars(select(Person)):
        assert id_number_error(person.id_number) is None and phone_error(person.phone) is None
    towns = db.session.scalars(select(Area.name).where(Area.kind == "town")).all()
    assert "东石镇" in towns and len(towns) >= 2


def test_create_user_and_token(runner, db):
    result = runner.invoke(args=["create-user", "chief", "--name", "系统管理员", "--role", "admin"],
                           input="Dongshi-2026-pass\nDongshi-2026-pass\n")
    assert result.exit_code == 0, result.output
    weak = runner.invoke(args=["create-user", "weak", "--role", "admin"], input="weak\nweak\n")
    assert weak.exit_code == 1 and "password" in weak.output
    token = runner.invoke(args=["create-token", "chief"])
    assert token.exit_code == 0 and token.output.startswith("med_")
    assert runner.invoke(args=["create-token", "nobody"]).exit_code != 0
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "api_token.create")) == 1
