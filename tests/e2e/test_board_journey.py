"""In the real Chromium: the board logs in, reads the dashboard, drills down and
downloads the final report (PDF) and the synthesis table (Excel)."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.reporting.builders import hand_computed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_board_goes_from_login_to_both_files(live_server, browser, province):
    hand_computed(province)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("alice")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Bảng điều khiển").click()
    expect(page.get_by_role("heading", name="Bảng điều khiển chiến dịch")).to_be_visible()
    expect(page.locator("svg polyline")).to_have_count(1)

    page.get_by_role("link", name="LĐLĐ huyện Tam Đường").first.click()
    expect(page.get_by_role("link", name="CĐCS Công ty Chè Tam Đường")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Bảng điều khiển chiến dịch")).to_be_visible()

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Tải báo cáo kết quả (PDF)").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Tải bảng tổng hợp (Excel)").click()
    xlsx = xlsx_download.value
    assert xlsx.suggested_filename.endswith(".xlsx")
    with open(xlsx.path(), "rb") as f:
        workbook = openpyxl.load_workbook(io.BytesIO(f.read()))
    assert workbook.sheetnames[0] == "Tổng hợp"
    page.screenshot(path="test-results/board-dashboard.png", full_page=True)
    context.close()


PHONE = {"width": 360, "height": 740}


def test_the_board_reads_the_reporting_discipline_on_a_phone(live_server, browser, province):
    hand_computed(province)
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("alice")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # As of tomorrow, as ``hand_computed`` is read: its on-time weeks fall due an hour from now
    # (read as of today, they would not be due yet between 23:00 and midnight).
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    page.goto(f"{live_server.url}/bang-dieu-khien/?as_of={tomorrow}")
    expect(page.get_by_role("heading", name="Từng đơn vị, từng kỳ")).to_be_visible()
    # Nothing is wider than the phone: the wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    matrix = page.locator("table.matrix")
    name = matrix.get_by_role("rowheader").first
    box = name.bounding_box()
    # Scrolled sideways, the matrix keeps the unit's name in view.
    matrix.evaluate("table => table.parentElement.scrollLeft = 400")
    assert abs(name.bounding_box()["x"] - box["x"]) < 1
    # Each symbol opens the report behind it.
    matrix.get_by_role("link", name="✓").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Báo cáo Tuần")
    context.close()
