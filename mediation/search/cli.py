"""`flask search reindex | sync | check | optimize`."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mediation.extensions import db
from mediation.search import analyzer, outbox
from mediation.search.backends import get_backend
from mediation.search.models import SearchOutbox


@click.group("search")
def search_group() -> None:
    """The search index."""


def reindex(progress=None) -> tuple[int, float]:
    """Rebuild the whole index from the database; returns (documents, seconds)."""
    backend = get_backend()
    analyzer.warm_up()
    started = time.perf_counter()
    with Session(db.engine) as session:
        # Rows queued before the rebuild started are covered by it; later ones stay pending.
        last_row = session.scalar(select(func.max(SearchOutbox.id))) or 0
        n = backend.rebuild(outbox.all_docs(session), progress=progress)
        session.rollback()
        session.execute(delete(SearchOutbox).where(SearchOutbox.id <= last_row))
        session.commit()
    return n, time.perf_counter() - started


@search_group.command("reindex")
@with_appcontext
def reindex_command() -> None:
    """Rebuild the index from the database (with a progress bar)."""
    with Session(db.engine) as session:
        expected = outbox.count_objects(session)
    with click.progressbar(length=expected, label="indexing", show_pos=True, show_eta=True) as bar:
        n, seconds = reindex(progress=bar.update)
    rate = n / seconds if seconds else 0.0
    click.echo(f"indexed {n} documents in {seconds:.1f} s ({rate:.0f} docs/s) with {get_backend().name}")


@search_group.command("sync")
@with_appcontext
def sync_command() -> None:
    """Apply pending outbox rows (after a crash, or as a periodic job), then merge small segments."""
    pending = outbox.pending_count()
    applied = outbox.apply_pending()
    left = outbox.pending_count()
    get_backend().merge_small()
    click.echo(f"applied {applied} of {pending} pending changes; {left} pending")
    if left:
        click.echo("another writer holds the index; run again later", err=True)
        raise SystemExit(1)


@search_group.command("optimize")
@with_appcontext
def optimize_command() -> None:
    """Merge the index into one segment (Whoosh); fast searches after many small commits."""
    get_backend().optimize()
    click.echo("optimized")


def differences() -> dict[str, list[str]]:
    """Compare documents built from the database with what the index holds."""
    backend = get_backend()
    indexed = backend.digests()
    missing, stale = [], []
    with Session(db.engine) as session:
        seen = set()
        for doc in outbox.all_docs(session):
            seen.add(doc.key)
            digest = indexed.get(doc.key)
            if digest is None:
                missing.append(doc.key)
            elif digest != doc.digest():
                stale.append(doc.key)
    extra = sorted(k for k in indexed if k not in seen)
    return {"missing": missing, "stale": stale, "extra": extra}


@search_group.command("check")
@with_appcontext
def check_command() -> None:
    """List differences between the database and the index; exit 1 when there are any."""
    diff = differences()
    pending = outbox.pending_count()
    labels = {"missing": "in the database, not in the index", "stale": "indexed with outdated content",
              "extra": "in the index, gone from the database"}
    for name, keys in diff.items():
        if keys:
            shown = ", ".join(keys[:20]) + (" …" if len(keys) > 20 else "")
            click.echo(f"{len(keys)} {labels[name]}: {shown}")
    if pending:
        click.echo(f"{pending} changes pending in the outbox (flask search sync applies them)")
    if any(diff.values()):
        click.echo("index differs from the database: run `flask search sync` or `flask search reindex`", err=True)
        raise SystemExit(1)
    click.echo(f"index matches the database ({get_backend().doc_count()} documents)")
