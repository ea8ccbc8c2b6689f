import pytest


@pytest.fixture()
def api_client(app, db):
    """api_client(user) → (test client, headers with a fresh bearer token)."""
    from mediation.auth.operations import create_api_token

    def _make(user):
        token = create_api_token(user, name="test")
        db.session.commit()
        return app.test_client(), {"Authorization": f"Bearer {token}"}

    return _make
