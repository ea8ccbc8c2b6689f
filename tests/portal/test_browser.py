"""Real browser: the secretary runs a meeting and publishes; a villager's phone sees the result.

axe-core comes from npm (package.json at the repo root, `npm ci`): node_modules/axe-core/axe.min.js.
"""

from pathlib import Path

import pytest

from mediation.extensions import db
from tests.deliberations import factories as f

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _login(page, base, user):
    page.goto(base + "/login")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", f.factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")


def test_secretary_records_and_publishes_villager_reads_on_phone(live_server, desktop_page, phone_page, world):
    body = f.make_body(world.admin, world.village1, "grid_council", n=3)
    item = f.make_item(world.admin, world.village1, "micro", topic="第一网格巷道硬化")
    meeting = f.schedule(world.admin, item, body)
    member_ids = sorted(a.member_id for a in meeting.attendance)
    db.session.commit()

    page = desktop_page
    page.on("dialog", lambda d: d.accept())
    _login(page, live_server, world.secretary)
    page.goto(f"{live_server}/deliberations/meetings/{meeting.id}")
    assert "未达到法定人数" in page.inner_text("#quorum")
    for mid in member_ids:
        page.select_option(f"#status-{mid}", "present")
    page.click("#attendance button[type=submit]")
    assert "已达到法定人数" in page.inner_text("#quorum")

    page.fill("#text", "同意硬化巷道 120 米")
    page.select_option("#method", "roll_call")
    page.click("form[action$='/motions'] button[type=submit]")
    for i, mid in enumerate(member_ids):
        page.check(f"input[name=vote-{mid}][value={'no' if i == 0 else 'yes'}]")
    page.click("text=保存表决意见")
    page.click("text=结束表决并计票")
    assert "赞成 2 票，反对 1 票" in page.inner_text("#motions")
    page.click("text=结束会议")
    page.fill("#body", "会议由颜巧玲主持，3 人出席。\n\n表决通过：同意硬化巷道。")
    page.click("#minutes button[type=submit]")
    page.click("text=审定并锁定纪要")
    assert "已审定锁定" in page.inner_text("#minutes")

    page.goto(f"{live_server}/deliberations/{item.id}")
    page.click("a[href$='/publish/decision']")
    page.fill("#content", "板凳会表决通过：硬化巷道 120 米。")
    page.click("button:has-text('公开')")
    page.wait_for_url(f"{live_server}/deliberations/{item.id}")

    phone = phone_page
    phone.goto(f"{live_server}/portal/")
    phone.click("text=东石镇")
    phone.click("text=光渺村")
    phone.click("text=第一网格巷道硬化")
    text = phone.inner_text("main")
    assert "板凳会表决通过：硬化巷道 120 米" in text
    assert "赞成 2" in text and "反对 1" in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling


def _axe(page):
    # Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays in force.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def test_portal_pages_have_no_serious_accessibility_violations(live_server, phone_page, world):
    assert AXE.exists(), "run `npm ci` at the repository root (axe-core from package-lock.json)"
    item = f.decided_item(world.admin, world.village1)
    urls = ["/portal/", f"/portal/town/{world.town.id}", f"/portal/village/{world.village1.id}",
            f"/portal/village/{world.village2.id}", f"/portal/item/{item.id}"]
    db.session.commit()
    for url in urls:
        phone_page.goto(live_server + url)
        assert _axe(phone_page) == [], url
    # the form with errors shown next to the fields
    phone_page.goto(f"{live_server}/portal/item/{item.id}")
    phone_page.fill("#text", "短")
    phone_page.click("button.big-button")
    assert "请至少" in phone_page.inner_text("#feedback") or "长度" in phone_page.inner_text("#feedback")
    assert _axe(phone_page) == []
