"""In the real Chromium on a 360 px phone: a ward reporter records an outreach team's visit that
ended with a grassroots union founded; the union counts on the board's dashboard once the week's
report that registered it is submitted."""

import datetime

import pytest
from playwright.sync_api import expect

from activities.models import OutreachTeam, OutreachVisit
from campaign.models import Period, PeriodKind
from reporting import foundings
from reporting.models import Report, ReportStatus
from tests.factories import PASSWORD
from tests.reporting.conftest import open_for_entry
from unions.models import Enterprise, Sector

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def _login(browser, live_server, username, **options):
    context = browser.new_context(locale="vi-VN", **options)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    return context, page


def test_a_visit_founds_a_union_that_counts_once_its_report_is_submitted(live_server, browser, province):
    week = open_for_entry(
        Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7))
    )
    quarry = Enterprise.objects.create(tax_code="6200200001", name="Công ty Đá Tân Phong", sector=Sector.NON_STATE,
                                       employees=60, unit=province.tan_phong)
    OutreachTeam.objects.create(campaign=province.campaign, unit=province.tan_phong, name="Đoàn vận động Tân Phong")
    union = foundings.grassroots_register(
        unit=province.tan_phong, period=week, user=province.reporter_tan_phong, name="CĐCS Công ty Đá Tân Phong",
        sector=Sector.NON_STATE, recognition_decision="9/QĐ-CĐ", recognition_date=datetime.date(2025, 7, 8),
        founding_members=12,
    )

    reporter, page = _login(browser, live_server, "dung", viewport=PHONE, has_touch=True, is_mobile=True)
    page.get_by_role("link", name="Đoàn vận động").click()
    page.get_by_role("link", name="Đoàn vận động Tân Phong").click()
    page.get_by_label("Ngày", exact=True).fill("08/07/2025")
    page.get_by_label("Doanh nghiệp", exact=True).select_option(label="Công ty Đá Tân Phong (6200200001)")
    page.get_by_label("Số người lao động được tuyên truyền").fill("40")
    page.get_by_label("Số đoàn viên kết nạp được").fill("12")
    page.get_by_label("Công đoàn cơ sở được thành lập").select_option(label="CĐCS Công ty Đá Tân Phong")
    page.get_by_role("button", name="Ghi buổi").click()
    expect(page.get_by_text("Đã ghi buổi tuyên truyền, vận động.")).to_be_visible()
    expect(page.get_by_text("1 công đoàn cơ sở thành lập")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path="test-results/outreach-visit-phone.png", full_page=True)
    assert OutreachVisit.objects.get().founded == union
    quarry.refresh_from_db()
    assert quarry.grassroots_unions.get() == union

    board, dashboard = _login(browser, live_server, "alice", viewport={"width": 1280, "height": 900})
    dashboard.get_by_role("link", name="Bảng điều khiển").click()
    outreach = dashboard.locator("#van-dong")
    expect(outreach).to_contain_text("1 công đoàn cơ sở thành lập, 0 đã được tính.")

    page.goto(f"{live_server.url}/bao-cao/")
    page.get_by_role("link", name="Tuần 2 đợt 2 (07/07/2025 – 13/07/2025)").click()
    page.get_by_role("button", name="Nộp báo cáo").click()
    expect(page.get_by_text("Đã nộp báo cáo.")).to_be_visible()
    assert Report.objects.get(unit=province.tan_phong, period=week).status == ReportStatus.SUBMITTED

    dashboard.reload()
    expect(outreach).to_contain_text("1 công đoàn cơ sở thành lập, 1 đã được tính.")
    expect(dashboard.locator("#cdcs-moi")).to_contain_text("CĐCS Công ty Đá Tân Phong")
    reporter.close()
    board.close()
