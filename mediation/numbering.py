"""Gap-free yearly counters (case numbers, agreement numbers), safe under concurrent writers.

SQLite: the caller's transaction already holds the write lock (BEGIN IMMEDIATE, see db.py).
PostgreSQL: the counter row is locked with SELECT … FOR UPDATE; the first use of a key inserts the
row with ON CONFLICT DO NOTHING, so two first users cannot collide.
"""

from __future__ import annotations

from sqlalchemy import String, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from mediation.extensions import db


class NumberSequence(db.Model):
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


def next_number(key: str, year: int) -> int:
    """Return the next value of the counter (key, year), starting at 1. Rolls back with the caller."""
    dialect = db.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    db.session.execute(
        insert(NumberSequence).values(key=key, year=year, last_value=0).on_conflict_do_nothing()
    )
    row = db.session.scalars(
        select(NumberSequence)
        .where(NumberSequence.key == key, NumberSequence.year == year)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    row.last_value += 1
    db.session.flush()
    return row.last_value
