"""网格调解与议事记录系统 — the Flask application factory."""

from __future__ import annotations

import importlib
import os

from flask import Flask

# Each domain package has a blueprint module with `init_app(app)`: it registers its blueprint,
# navigation entries, CLI commands and permission rules. Order matters only for navigation.
DOMAINS = (
    "mediation.home",
    "mediation.auth",
    "mediation.areas",
    "mediation.people",
    "mediation.api",
    "mediation.cases",
    "mediation.documents",
    "mediation.agreements",
    "mediation.deliberations",
    "mediation.portal",
    "mediation.search",
    "mediation.notifications",
    "mediation.referrals",
)


def create_app(config: dict | None = None, instance_path: str | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_path=instance_path or os.environ.get("MEDIATION_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    from mediation.config import load_config

    load_config(app, config)
    _init_extensions(app)
    _register_domains(app)

    from mediation import cli, web

    web.init_app(app)
    cli.init_app(app)
    return app


def _init_extensions(app: Flask) -> None:
    from mediation import i18n
    from mediation.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(app.root_path, "migrations"), render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app, babel)


def _register_domains(app: Flask) -> None:
    # Core models that no blueprint imports must still be known to create_all and Alembic.
    importlib.import_module("mediation.audit")
    importlib.import_module("mediation.numbering")
    for name in DOMAINS:
        importlib.import_module(f"{name}.blueprint").init_app(app)
