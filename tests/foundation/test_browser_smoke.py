import pytest

pytestmark = pytest.mark.browser


def test_login_page_renders_in_chromium(live_server, phone_page, tmp_path):
    phone_page.goto(live_server + "/login")
    assert phone_page.locator("h1").inner_text() == "登录"
    phone_page.screenshot(path=str(tmp_path / "login.png"))
    assert (tmp_path / "login.png").stat().st_size > 1000
