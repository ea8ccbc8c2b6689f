"""`flask keys …`: the local root CA and the institutions' seal certificates."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import or_, select

from mediation.areas.models import Institution
from mediation.documents import keys
from mediation.extensions import db


@click.group("keys")
def keys_group() -> None:
    """Signing keys: local root CA, institution certificates, PKCS#12 import."""


@keys_group.command("init")
@with_appcontext
def keys_init() -> None:
    """Create the local root CA and a certificate for every active institution (idempotent)."""
    created_root = keys.ensure_root()
    click.echo(f"root CA: {'created' if created_root else 'exists'} ({keys.root_paths()[1]})")
    made = 0
    for inst in db.session.scalars(select(Institution).where(Institution.is_active).order_by(Institution.id)):
        if keys.ensure_institution_key(inst):
            made += 1
    click.echo(f"institution certificates created: {made}")


def _institution(ref: str) -> Institution:
    cond = [Institution.name == ref, Institution.short_name == ref]
    if ref.isdigit():
        cond.append(Institution.id == int(ref))
    found = list(db.session.scalars(select(Institution).where(or_(*cond))))
    if len(found) != 1:
        raise click.ClickException(f"no single institution matches {ref!r} (use its id, name or short name)")
    return found[0]


@keys_group.command("import")
@click.argument("institution")
@click.argument("p12_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--password", prompt="PKCS#12 password", hide_input=True, default="", show_default=False)
@with_appcontext
def keys_import(institution: str, p12_file: Path, password: str) -> None:
    """Install a real seal certificate (PKCS#12) for INSTITUTION (id, name or short name)."""
    inst = _institution(institution)
    try:
        cert = keys.import_pkcs12(inst, p12_file.read_bytes(), password or None)
    except keys.KeyProblem as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"imported for {inst.name}: {cert.subject.rfc4514_string()}")


@keys_group.command("export-root")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def keys_export_root(path: Path) -> None:
    """Write the local root certificate (PEM) for verifiers (pdfsig, Acrobat, other systems)."""
    keys.export_root(path)
    click.echo(f"root certificate written to {path}")


@keys_group.command("list")
@with_appcontext
def keys_list() -> None:
    """Show each institution's seal certificate."""
    for inst in db.session.scalars(select(Institution).order_by(Institution.id)):
        info = keys.certificate_info(inst.id)
        state = f"{info.source}, valid until {info.not_after:%Y-%m-%d}" if info else "none (created on first seal)"
        click.echo(f"{inst.id:4d} {inst.name}: {state}")
