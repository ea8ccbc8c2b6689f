"""Simplified Chinese by default, English complete as a second locale."""

from flask_babel import force_locale, gettext

from mediation.i18n_tools import missing


def test_every_ui_string_has_an_english_translation():
    untranslated = missing()
    assert untranslated == [], f"{len(untranslated)} strings without English, e.g. {untranslated[:5]}"


def test_chinese_by_default_and_english_on_request(client, world, app):
    assert 'lang="zh-CN"' in client.get("/login").get_data(as_text=True)
    response = client.post("/locale", data={"lang": "en", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    html = client.get("/login").get_data(as_text=True)
    with app.test_request_context(), force_locale("en"):
        english_login = gettext("登录")
    assert 'lang="en"' in html and english_login in html and english_login != "登录"


def test_locale_switch_refuses_foreign_redirects(client):
    response = client.post("/locale", data={"lang": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"
