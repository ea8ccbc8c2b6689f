"""Core `flask` commands; domains add their own groups in their init_app."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from mediation import audit
from mediation.auth import operations as auth_ops
from mediation.auth.roles import Role
from mediation.errors import ValidationFailed
from mediation.extensions import db


def init_app(app) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user)
    app.cli.add_command(create_token)
    app.cli.add_command(audit_group)


@click.command("seed-demo")
@click.option("--password", default="demo-pass-2026", show_default=True, help="password of every demo account")
@with_appcontext
def seed_demo(password: str) -> None:
    """Load the demo data (idempotent: running it twice changes nothing)."""
    from mediation.demo import seed_all

    summary = seed_all(password)
    db.session.commit()
    for line in summary:
        click.echo(line)


@click.command("create-user")
@click.argument("username")
@click.option("--name", "display_name", default="", help="display name")
@click.option("--role", "roles", multiple=True, type=click.Choice([r.value for r in Role]), required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@with_appcontext
def create_user(username, display_name, roles, password) -> None:
    """Create an account (e.g. the first administrator)."""
    try:
        auth_ops.create_user(None, username=username, display_name=display_name or username, roles=roles,
                             password=password, must_change_password=False)
    except ValidationFailed as exc:
        for field, messages in exc.errors.items():
            click.echo(f"{field}: {'；'.join(map(str, messages))}", err=True)
        raise SystemExit(1) from None
    db.session.commit()
    click.echo(f"created {username}")


@click.command("create-token")
@click.argument("username")
@click.option("--name", default="", help="what the token is for, e.g. 12345 hotline")
@with_appcontext
def create_token(username: str, name: str) -> None:
    """Create an API bearer token; it is printed once and only its hash is stored."""
    user = auth_ops.find_user(username)
    if user is None:
        raise click.ClickException(f"no such user: {username}")
    token = auth_ops.create_api_token(user, name)
    db.session.commit()
    click.echo(token)


@click.group("audit")
def audit_group() -> None:
    """The audit log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify() -> None:
    """Check the hash chain; exit 1 naming the first broken event."""
    report = audit.verify_chain()
    if report.ok:
        click.echo(f"audit chain intact: {report.checked} events")
        return
    click.echo(f"audit chain BROKEN at event #{report.broken_at}: {report.reason} "
               f"({report.checked} events before it are intact)", err=True)
    current_app.logger.error("audit chain broken at %s", report.broken_at)
    raise SystemExit(1)
