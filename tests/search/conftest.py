"""Search fixtures: the set of backends follows the test database.

On SQLite the Whoosh backend is tested; on PostgreSQL both Whoosh and the PostgreSQL backend are,
so nothing is skipped: the parameter list itself changes.
"""

from __future__ import annotations

import pytest

from mediation.search.backends import get_backend
from tests.conftest import TEST_DATABASE_URL

BACKENDS = ["whoosh", "postgresql"] if TEST_DATABASE_URL else ["whoosh"]


def use_backend(app, name: str):
    app.config["SEARCH_BACKEND"] = name
    backend = get_backend(app)
    backend.clear()
    app.extensions["search"]["caught_up"] = False
    return backend


@pytest.fixture(params=BACKENDS)
def backend(request, app, db):
    """Each search test runs once per backend available on this database, on an empty index."""
    previous = app.config.get("SEARCH_BACKEND", "whoosh")
    backend = use_backend(app, request.param)
    yield backend
    use_backend(app, request.param)
    app.config["SEARCH_BACKEND"] = previous


@pytest.fixture()
def whoosh(app, db):
    """The Whoosh backend alone, on an empty index (tests of Whoosh-specific behaviour)."""
    previous = app.config.get("SEARCH_BACKEND", "whoosh")
    backend = use_backend(app, "whoosh")
    yield backend
    use_backend(app, "whoosh")
    app.config["SEARCH_BACKEND"] = previous


@pytest.fixture()
def api_client(app, db):
    """api_client(user) → (test client, headers with a fresh bearer token)."""
    from mediation.auth.operations import create_api_token

    def _make(user):
        token = create_api_token(user, name="test")
        db.session.commit()
        return app.test_client(), {"Authorization": f"Bearer {token}"}

    return _make
