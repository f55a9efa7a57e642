"""In the real Chromium on a 360 px phone: a ward reporter fills in and submits a week."""

import datetime

import pytest
from playwright.sync_api import expect

from campaign.models import Period, PeriodKind
from reporting.models import Report, ReportLine, ReportStatus
from tests.factories import PASSWORD
from tests.reporting.conftest import open_for_entry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_a_reporter_fills_in_and_submits_the_week_on_a_phone(live_server, browser, province):
    week = open_for_entry(
        Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7))
    )
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("dung")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_role("link", name="Tuần 2 đợt 2 (07/07/2025 – 13/07/2025)").click()
    expect(page.get_by_role("heading", name="Số liệu")).to_be_visible()
    # The grid's script has run once the totals carry its mark.
    expect(page.locator("[data-entry-grid]")).to_have_attribute("data-live", "1")

    new_members = page.locator('input[name="f-CS0001-new_members"]')
    new_members.fill("12")
    page.locator('input[name="f-CS0001-new_members_women"]').fill("5")
    page.locator('input[name="f-TRUC-TIEP-new_members"]').fill("3")
    # The total updates as the reporter types, before anything is saved.
    expect(page.locator('[data-total="new_members"]')).to_have_text("15")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path="test-results/weekly-report-phone.png", full_page=True)

    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu nháp.")).to_be_visible()
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo.")).to_be_visible()
    report = Report.objects.get(unit=province.tan_phong, period=week)
    assert report.status == ReportStatus.SUBMITTED
    assert sorted(ReportLine.objects.filter(report=report).values_list("new_members", flat=True)) == [3, 12]
    context.close()


def test_a_bad_cell_is_shown_next_to_the_cell_on_a_phone(live_server, browser, province):
    open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7)))
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("dung")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_role("link", name="Tuần 2 đợt 2 (07/07/2025 – 13/07/2025)").click()
    page.locator('input[name="f-CS0001-new_members"]').fill("2")
    page.locator('input[name="f-CS0001-new_members_women"]').fill("3")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Số nữ (3) lớn hơn số đoàn viên mới (2).")).to_be_visible()
    assert not ReportLine.objects.exists()
    context.close()


def test_a_submitted_report_shows_its_totals_read_only_on_a_phone(live_server, browser, province):
    from reporting.services import report_save, report_submit

    week = open_for_entry(
        Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7))
    )
    zero = {"new_members": 0, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0}
    report = report_save(
        unit=province.tan_phong, period=week, user=province.reporter_tan_phong, version=1,
        figures={
            "CS0001": {**zero, "new_members": 1200, "new_members_women": 5, "party_introduced": 2},
            "TRUC-TIEP": {**zero, "new_members": 34, "party_admitted": 1},
        },
        warning_comment="Ra quân tại khu công nghiệp.",
    )
    report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("dung")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(f"{live_server.url}/bao-cao/{province.tan_phong.pk}/{week.pk}/")
    expect(page.get_by_text("Báo cáo đã nộp và đang chờ duyệt.")).to_be_visible()
    # The page's script has run, and found no boxes to add up: the server's totals stay.
    expect(page.locator("[data-entry-grid]")).to_have_attribute("data-live", "0")
    assert page.locator("[data-entry-grid] input").count() == 0
    expect(page.locator('[data-total="new_members"]')).to_have_text("1.234")
    expect(page.locator('[data-total="new_members_women"]')).to_have_text("5")
    expect(page.locator('[data-total="party_introduced"]')).to_have_text("2")
    expect(page.locator('[data-total="party_admitted"]')).to_have_text("1")
    context.close()
