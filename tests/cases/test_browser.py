"""grid1 on a 360-px phone: records a case with two parties, accepts it, records a session (real Chromium)."""

import pytest

from mediation.db import today
from tests import factories

pytestmark = pytest.mark.browser


def test_grid1_records_accepts_and_mediates_on_a_phone(live_server, phone_page, world, tmp_path):
    page = phone_page
    page.goto(live_server + "/login")
    page.fill("#username", "grid1")
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server + "/")

    page.goto(live_server + "/cases/new")
    page.fill("#title", "蔡某与黄某宅基地边界纠纷")
    page.select_option("#category", "房屋宅基地")
    page.select_option("#source", "网格员排查")
    page.select_option("#area_id", str(world.grid1.id))
    page.fill("#description", "黄某新砌围墙越过界址约30公分，双方多次争吵。")
    page.select_option("#parties-0-role", "applicant")
    page.fill("#parties-0-name", "蔡文辉")
    page.fill("#parties-0-id_number", factories.valid_id_number(seq=331))
    page.fill("#parties-0-phone", "13905951234")
    page.select_option("#parties-1-role", "respondent")
    page.fill("#parties-1-name", "黄东辉")
    page.fill("#parties-1-phone", "13805955678")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button[name=do][value=save]:not(.visually-hidden)")
    page.wait_for_selector("text=案件已登记")
    assert "光渺村调〔" in page.locator(".lead").inner_text()

    page.once("dialog", lambda d: d.accept())  # "确认受理此案件？"
    page.click("button:has-text('受理')")
    page.wait_for_selector("text=案件已受理")

    page.click("a:has-text('记录调解')")
    page.fill("#held_on", today().isoformat())
    page.fill("#place", "光渺村调解室")
    page.fill("#participants", "蔡文辉、黄东辉、许华山")
    page.fill("#record", "双方同意按1998年界址图重新确定围墙位置。")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=调解记录已保存")

    timeline = page.locator("#timeline").inner_text()
    assert "受理" in timeline and "记录调解" in timeline and "登记案件" in timeline
    assert timeline.index("受理") < timeline.index("记录调解")
    assert "双方同意按1998年界址图" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(tmp_path / "case.png"), full_page=True)
