"""Shared fixtures: one app per test session, a clean database per test, factories, logins.

The suite runs on SQLite by default and on PostgreSQL when TEST_DATABASE_URL is set
(`make test` runs both when it is). Tests create the schema with create_all; a separate test
checks that the migrations produce the same schema.
"""

from __future__ import annotations

import contextvars
import os

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from sqlalchemy import text

from mediation import create_app
from mediation.extensions import db as _db
from tests import factories

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context and database session, as in production.

    Without this, requests would reuse the test's app context: `g` (and so the signed-in user) and
    the SQLAlchemy session would leak between requests, and a view that forgot to commit would
    still pass. The test's own pending work is committed first so it never holds locks the request
    needs; the test's objects are expired and reload fresh state afterwards.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            _db.session.commit()
        return contextvars.Context().run(super().open, *args, **kwargs)


def base_config(tmp_path_factory, **overrides) -> tuple[dict, str]:
    instance = tmp_path_factory.mktemp("instance")
    url = TEST_DATABASE_URL or f"sqlite:///{instance / 'test.db'}"
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        "SECRET_KEY": "test-secret",
        "SERVER_NAME": None,
        "SQLITE_IMMEDIATE_OUTSIDE_REQUESTS": False,
    }
    config.update(overrides)
    return config, str(instance)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    config, instance = base_config(tmp_path_factory)
    app = create_app(config, instance_path=instance)
    app.test_client_class = IsolatedClient
    with app.app_context():
        _db.drop_all()
        _db.create_all()
    yield app
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def truncate_all() -> None:
    _db.session.rollback()
    tables = [t.name for t in reversed(_db.metadata.sorted_tables)]
    if _db.engine.dialect.name == "postgresql":
        _db.session.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    else:
        for t in tables:
            _db.session.execute(text(f'DELETE FROM "{t}"'))
    _db.session.commit()


@pytest.fixture()
def db(app):
    """The database, emptied after the test. Yields inside an app context."""
    from mediation.extensions import limiter

    with app.app_context():
        limiter.reset()  # throttling state must not leak from one test into the next
        yield _db
        _db.session.remove()
        truncate_all()
        _db.session.remove()


@pytest.fixture()
def make_app(app, tmp_path_factory):
    """Build a second app on the same test database with other settings (e.g. CSRF on)."""
    made = []

    def _make(**overrides):
        overrides.setdefault("SQLALCHEMY_DATABASE_URI", app.config["SQLALCHEMY_DATABASE_URI"])
        config, instance = base_config(tmp_path_factory, **overrides)
        other = create_app(config, instance_path=instance)
        other.test_client_class = IsolatedClient
        made.append(other)
        return other

    yield _make
    for other in made:
        with other.app_context():
            _db.session.remove()
            _db.engine.dispose()


@pytest.fixture()
def client(app, db):
    return app.test_client()


@pytest.fixture()
def runner(app, db):
    return app.test_cli_runner()


@pytest.fixture()
def world(db):
    """A small county with two villages, their grids, institutions and one user per role."""
    return factories.make_world()


@pytest.fixture()
def login(app, db):
    """login(user) → a test client signed in as that user (through the real login form)."""

    def _login(user, password: str = factories.PASSWORD):
        c = app.test_client()
        response = c.post("/login", data={"username": user.username, "password": password})
        assert response.status_code == 302, f"login as {user.username} failed"
        return c

    return _login


# --- real server and real browser ---------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture()
def live_server(app, db):
    """The test app served by a real HTTP server on 127.0.0.1 in a thread; yields its base URL."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (the wheel's driver; no browser download)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def phone_page(browser, tmp_path):
    """A 360×740 phone-sized page; screenshots go to the test's temporary directory."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1,
                                  locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture()
def desktop_page(browser, tmp_path):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
