"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, make_url, text

from mediation.extensions import db as _db
from tests.conftest import TEST_DATABASE_URL


@pytest.fixture()
def empty_database_url(tmp_path):
    if not TEST_DATABASE_URL:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = make_url(TEST_DATABASE_URL)
    name = f"{url.database}_mig_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_migrations_match_models(make_app, empty_database_url):
    migrated = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with migrated.app_context():
        upgrade(revision="head")  # one head: a new unmerged branch fails here
        with _db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), _db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        downgrade(revision="base")
        with _db.engine.connect() as conn:
            tables = set(_db.inspect(conn).get_table_names()) - {"alembic_version"}
        assert tables == set()
        _db.engine.dispose()
