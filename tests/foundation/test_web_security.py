"""CSRF on every form, security headers on every response, error pages in Chinese."""

import re

import pytest

from tests import factories


def _post_routes(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.rule.startswith("/api/"):
            yield rule


def _fill(rule) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", "1", rule.rule)


def test_every_post_route_refuses_a_request_without_csrf_token(make_app, world, db):
    strict = make_app(WTF_CSRF_ENABLED=True)
    routes = list(_post_routes(strict))
    assert len(routes) >= 8  # the crawl found the forms (grows with every domain)

    anonymous = strict.test_client()
    signed_in = strict.test_client()
    # Sign in through the real form, with its token.
    page = signed_in.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    ok = signed_in.post("/login", data={"username": "admin", "password": factories.PASSWORD, "csrf_token": token})
    assert ok.status_code == 302

    for rule in routes:
        url = _fill(rule)
        for client in (anonymous, signed_in):
            response = client.post(url, data={"anything": "x"})
            assert response.status_code == 400, f"{url} accepted a POST without CSRF token"
            assert "表单已过期或来源无效" in response.get_data(as_text=True)


def test_api_ignores_session_cookies(app, world, login):
    c = login(world.admin)
    assert c.get("/api/v1/me").status_code == 401  # a cookie is no credential for the API


@pytest.mark.parametrize("url,auth", [("/login", False), ("/", True), ("/people/", True), ("/api/v1/", False),
                                      ("/nope", False)])
def test_security_headers(world, login, client, url, auth):
    c = login(world.grid1_user) if auth else client
    response = c.get(url)
    h = response.headers
    csp = h["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "same-origin"
    if auth or url.startswith("/api/"):
        assert h["Cache-Control"] == "no-store"


def test_no_inline_script_in_pages(world, login):
    c = login(world.admin)
    for url in ("/", "/admin/users", "/admin/areas", "/admin/institutions", "/people/", "/admin/audit"):
        html = c.get(url).get_data(as_text=True)
        assert "<script>" not in html and " onclick=" not in html and ' style="' not in html, url


def test_chinese_error_pages(world, login, client):
    assert "页面不存在" in client.get("/no-such-page").get_data(as_text=True)
    forbidden = login(world.grid1_user).get("/admin/users")
    assert forbidden.status_code == 403 and "没有权限" in forbidden.get_data(as_text=True)


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json["status"] == "ok"
