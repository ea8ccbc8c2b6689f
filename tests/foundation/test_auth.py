"""Sign-in: throttling, one message for every failure, session rotation, logout, password rules."""

import pytest

from mediation.audit import AuditEvent
from mediation.auth.models import LoginSession
from tests import factories


def _login(client, username, password):
    return client.post("/login", data={"username": username, "password": password})


def test_unknown_user_and_wrong_password_get_the_same_answer(client, world):
    wrong = _login(client, "grid1", "not-the-password-1")
    unknown = _login(client, "nobody-here", "not-the-password-1")
    assert wrong.status_code == unknown.status_code == 401
    assert "用户名或密码错误" in wrong.get_data(as_text=True)
    assert "用户名或密码错误" in unknown.get_data(as_text=True)
    assert "不存在" not in unknown.get_data(as_text=True)


def test_inactive_account_cannot_sign_in(client, db):
    factories.make_user("retired", is_active_account=False)
    response = _login(client, "retired", factories.PASSWORD)
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)


def test_login_is_throttled_per_account(client, world, app):
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit):
        assert _login(client, "grid1", "wrong-password-1").status_code == 401
    # Even the right password is refused while the account is throttled.
    assert _login(client, "grid1", factories.PASSWORD).status_code == 429
    # Another account from the same address is not affected by grid1's lock.
    assert _login(client, "grid2", factories.PASSWORD).status_code == 302


def test_login_is_throttled_per_ip_across_accounts(app, world, make_app):
    throttled = make_app(LOGIN_LIMIT_PER_IP="3 per 15 minutes", LOGIN_LIMIT_PER_ACCOUNT="100 per minute")
    client = throttled.test_client()
    for name in ("a1", "a2", "a3"):
        assert _login(client, name, "wrong-password-1").status_code == 401
    assert _login(client, "grid1", factories.PASSWORD).status_code == 429
    other_ip = throttled.test_client()
    ok = other_ip.post("/login", data={"username": "grid1", "password": factories.PASSWORD},
                       environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert ok.status_code == 302


def test_successful_logins_do_not_count_towards_the_limit(client, world, app):
    limit = int(app.config["LOGIN_LIMIT_PER_ACCOUNT"].split()[0])
    for _ in range(limit + 2):
        assert _login(client, "grid1", factories.PASSWORD).status_code == 302
        client.post("/logout")


def test_session_is_rotated_at_login(client, world):
    client.get("/login")
    with client.session_transaction() as s:
        s["planted"] = "by-attacker"
    assert _login(client, "grid1", factories.PASSWORD).status_code == 302
    with client.session_transaction() as s:
        assert "planted" not in s
        assert s.get("sid")


def test_logout_invalidates_the_old_cookie(app, world, db):
    client = app.test_client()
    assert _login(client, "grid1", factories.PASSWORD).status_code == 302
    stolen = client.get_cookie("session").value
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert db.session.query(LoginSession).count() == 0

    replay = app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_deactivating_a_user_ends_their_sessions(app, world, login, db):
    c = login(world.grid1_user)
    admin = login(world.admin)
    response = admin.post(f"/admin/users/{world.grid1_user.id}", data={
        "display_name": "许华山", "roles": ["mediator"], "institution_id": "", "area_ids": [str(world.grid1.id)],
    })  # is_active unchecked
    assert response.status_code == 302
    assert c.get("/").status_code == 302


def test_reset_password_forces_a_change_with_rules(app, world, login, db):
    admin = login(world.admin)
    html = admin.post(f"/admin/users/{world.grid2_user.id}/reset-password").get_data(as_text=True)
    temp = html.split("<code>")[1].split("</code>")[0]
    user = login(world.grid2_user, password=temp)
    response = user.get("/")
    assert response.status_code == 302 and "/account/password" in response.headers["Location"]

    weak = user.post("/account/password", data={"current_password": temp, "new_password": "short",
                                                 "confirm_password": "short"})
    page = weak.get_data(as_text=True)
    assert "密码至少需要 10 个字符" in page and "密码需同时包含字母和数字" in page
    strong = user.post("/account/password", data={"current_password": temp, "new_password": "Meilin2026field",
                                                   "confirm_password": "Meilin2026field"})
    assert strong.status_code == 302
    assert user.get("/").status_code == 200
    actions = {e.action for e in db.session.query(AuditEvent)}
    assert {"user.reset_password", "user.change_password"} <= actions


@pytest.mark.parametrize("password,problem", [
    ("abcdefghijk", "字母和数字"),
    ("12345678901", "字母和数字"),
    ("grid1grid1x9", "不能包含用户名"),
    ("a1", "至少需要"),
])
def test_password_rules(app, db, password, problem):
    from mediation.auth.passwords import password_problems

    with app.test_request_context():
        assert any(problem in str(p) for p in password_problems(password, "grid1"))
