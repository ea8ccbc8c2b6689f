"""grid1 applies for judicial confirmation; judge accepts and confirms it in the queue; grid1 sees
the ruling and downloads the agreement carrying the committee's seal and the court's signature."""

from __future__ import annotations

from pathlib import Path

import pytest

from mediation.documents.verification import verify_pdf
from tests import factories
from tests.referrals import factories as rf

pytestmark = pytest.mark.browser


def _login(page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/")
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations before submitting


def test_judicial_confirmation_end_to_end(live_server, browser, world, app, tmp_path):
    case, agreement = rf.make_agreed_case(world)
    grid = browser.new_context(viewport={"width": 360, "height": 740}, locale="zh-CN", accept_downloads=True)
    judge = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        g = grid.new_page()
        _login(g, live_server, "grid1")
        g.goto(f"{live_server}/cases/{case.id}/referrals")
        g.click("text=司法确认")
        g.check("#is_joint")
        g.click("button:has-text('提交')")
        g.wait_for_selector("text=已提交")
        number = g.locator("h1").inner_text().split()[-1]
        assert "待受理" in g.content()

        j = judge.new_page()
        _login(j, live_server, "judge")
        assert j.locator(".nav-menu a[href='/referrals/'] .badge").text_content() == "1"  # the queue's badge
        j.goto(live_server + "/referrals/")
        j.click(f"text={number}")
        j.click("button:has-text('受理')")
        j.wait_for_selector("text=已受理")
        j.click("a:has-text('办结')")
        j.select_option("#outcome", "valid")
        j.fill("#decision", "协议内容不违反法律规定，确认有效。")
        j.click("button:has-text('提交')")
        j.wait_for_selector("text=已办结")
        assert "确认有效" in j.content()
        j.screenshot(path=str(tmp_path / "judge.png"), full_page=True)

        g.goto(f"{live_server}/notifications/")
        assert "转介已办结" in g.content()
        g.click(f"text={number}")
        assert "确认有效" in g.content() and "民事裁定书" in g.content()
        with g.expect_download() as info:
            g.click("a:has-text('下载 PDF') >> nth=0")
        data = Path(info.value.path()).read_bytes()
        g.screenshot(path=str(tmp_path / "grid.png"), full_page=True)
    finally:
        grid.close()
        judge.close()
    with app.app_context():
        verdict = verify_pdf(data)
    assert len(verdict.signatures) == 2 and all(s.bottom_line for s in verdict.signatures)
    assert [world.committee1.name in verdict.signatures[0].signer, world.court.name in verdict.signatures[1].signer
            ] == [True, True]
