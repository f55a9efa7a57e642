"""In the real Chromium: a reporter logs in on a phone and sees their unit."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_a_reporter_logs_in_on_a_phone_and_sees_their_unit(live_server, browser, province):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    page.get_by_label("Tên đăng nhập").fill("dung")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Công đoàn phường Tân Phong")).to_be_visible()
    expect(page.get_by_role("link", name="CĐCS Công ty Chè Tam Đường")).to_be_visible()
    # Nothing is wider than the phone: no sideways scrolling of the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("link", name="CĐCS Công ty Chè Tam Đường").click()
    expect(page.get_by_role("heading", name="Quá trình trực thuộc")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.locator("h1")).to_have_text("Đăng nhập")
    context.close()


def test_the_board_sees_the_campaign_and_switches_to_english(live_server, browser, province):
    page = browser.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("alice")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator("h1")).to_contain_text("Tháng cao điểm phát triển đoàn viên năm 2025")
    page.get_by_role("button", name="EN").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.close()
