"""A grid mediator on a phone: Chinese home page, switch to English and back (real Chromium)."""

import pytest
from flask_babel import force_locale, gettext

from tests import factories

pytestmark = pytest.mark.browser


def test_grid1_on_a_phone_switches_language(live_server, phone_page, world, app, tmp_path):
    page = phone_page
    page.goto(live_server + "/login")
    page.fill("#username", "grid1")
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server + "/")
    assert page.locator("h1").inner_text() == "您好，许华山"
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    # The page fits a 360-px screen: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "home-zh.png"), full_page=True)

    page.click("button[name=lang][value=en]")
    page.wait_for_selector("html[lang=en]")
    with app.test_request_context(), force_locale("en"):
        hello = gettext("您好，%(name)s", name="许华山")
    assert hello != "您好，许华山" and page.locator("h1").inner_text() == hello
    page.screenshot(path=str(tmp_path / "home-en.png"), full_page=True)

    page.click("button[name=lang][value=zh]")
    page.wait_for_selector("html[lang=zh-CN]")
    assert page.locator("h1").inner_text() == "您好，许华山"
    assert (tmp_path / "home-zh.png").stat().st_size > 5000
