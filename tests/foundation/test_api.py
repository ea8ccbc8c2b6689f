"""The JSON API skeleton: bearer tokens stored hashed, JSON errors, OpenAPI document."""

from mediation.auth.models import ApiToken


def _token(runner, username):
    result = runner.invoke(args=["create-token", username, "--name", "12345热线"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_token_is_shown_once_and_stored_hashed(runner, world, db):
    token = _token(runner, "grid1")
    row = db.session.query(ApiToken).one()
    assert row.token_hash == ApiToken.hash(token) and token not in (row.token_hash, row.prefix)


def test_me_with_and_without_token(client, runner, world):
    token = _token(runner, "grid1")
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer wrong"}).status_code == 401
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json["username"] == "grid1" and "mediator" in response.json["roles"]
    assert "Set-Cookie" not in response.headers


def test_areas_are_scoped(client, runner, world):
    token = _token(runner, "grid1")
    items = client.get("/api/v1/areas", headers={"Authorization": f"Bearer {token}"}).json["items"]
    assert [a["name"] for a in items] == ["第一网格"]


def test_json_errors(client, runner, world):
    token = _token(runner, "grid1")
    response = client.get("/api/v1/nothing-here", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 404 and response.json == {"error": "not found"}


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.")
    assert "/me" in doc["paths"]
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_deactivated_users_token_stops_working(client, runner, world, db):
    token = _token(runner, "grid1")
    world.grid1_user.is_active_account = False
    db.session.commit()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
