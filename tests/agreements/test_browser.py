"""grid1 drafts an agreement, two parties and the mediator draw signatures on the phone, the sealed
PDF downloads and the verify page for its code shows a valid seal. Page 1 is kept as a PNG."""

import subprocess
from datetime import timedelta

import pytest

from mediation.db import today
from tests.cases.factories import make_case

pytestmark = pytest.mark.browser


def _draw(page):
    pad = page.locator("#signature-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(box["x"] + 20 + i * 25, box["y"] + box["height"] * (0.3 if i % 2 else 0.7))
    page.mouse.up()


def test_draft_sign_seal_download_verify(world, live_server, phone_page, tmp_path):
    case = make_case(world, status="mediating")
    page = phone_page
    page.goto(live_server + "/login")
    page.fill("input[name=username]", "grid1")
    page.fill("input[name=password]", "test-pass-2026")
    page.click("button[type=submit]")
    page.goto(f"{live_server}/agreements/new?case_id={case.id}")
    page.click("text=创建协议")
    page.fill("#issues", "围墙是否越界。")
    page.fill("#responsibilities", "被申请人应承担主要责任。")
    page.select_option("#terms-0-obligor_id", str(case.parties[1].id))
    page.fill("#terms-0-obligation", "赔偿花池修复费用")
    page.fill("#terms-0-amount", "1200")
    page.fill("#terms-0-deadline", (today() + timedelta(days=10)).isoformat())
    page.fill("#terms-0-method", "微信转账")
    page.click("button:has-text('保存')")
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('开始签署')")
    for _ in range(3):  # applicant, respondent, mediator
        page.locator("a.button:has-text('签名')").first.click()
        _draw(page)
        page.click("#signature-submit")
    assert page.locator(".flash-success").first.inner_text().startswith("全部签名完成")
    with page.expect_download() as info:
        page.click("#download-pdf")
    pdf = tmp_path / "agreement.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
                   check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5000
    page.click("#verify-link")
    assert "签章有效" in page.locator(".flash-success").inner_text()
    assert "光渺村人民调解委员会" in page.content()
