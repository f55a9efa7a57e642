"""In the real Chromium on a 360 px phone: the Organization–Inspection Board's staff make next
year's campaign from last year's, download its targets sheet, change a target in it, upload it,
read the preview and save."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from campaign.models import Campaign, Measure, Target
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


def test_staff_copy_last_years_campaign_and_upload_its_targets(live_server, browser, province, tmp_path):
    context = browser.new_context(locale="vi-VN", viewport=PHONE, has_touch=True, is_mobile=True, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("bob")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Chiến dịch", exact=True).click()
    page.get_by_role("link", name="Tạo chiến dịch mới từ chiến dịch này").click()
    # Last year's waves, shifted a year, ready to edit.
    expect(page.get_by_label("Tên chiến dịch")).to_have_value("Tháng cao điểm phát triển đoàn viên năm 2026")
    expect(page.get_by_label("Hạn nộp báo cáo tổng kết")).to_have_value("05/08/2026")
    expect(page.get_by_label("Từ ngày").first).to_have_value("01/05/2026")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_label("Đến ngày").nth(1).fill("02/08/2026")
    page.get_by_role("button", name="Tạo chiến dịch").click()
    expect(page.get_by_text("Đã tạo chiến dịch “Tháng cao điểm phát triển đoàn viên năm 2026” với 2 đợt")).to_be_visible()
    campaign = Campaign.objects.get(year=2026)
    assert campaign.waves.get(number=2).end.isoformat() == "2026-08-02"
    # The targets page of the new campaign: the sheet, changed, uploaded, checked, saved.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải mẫu Excel (các chỉ tiêu đã có)").click()
    sheet_path = tmp_path / "chi-tieu.xlsx"
    download.value.save_as(sheet_path)
    workbook = openpyxl.load_workbook(sheet_path)
    sheet = workbook.active
    column = next(c.column for c in sheet[5] if c.value == "Kết nạp đoàn viên mới — Đợt 2")
    row = next(r for r in range(6, sheet.max_row + 1) if sheet.cell(r, 1).value == "LC-X-TPHONG")
    assert sheet.cell(row, column).value == 60
    sheet.cell(row, column).value = "75"
    out = io.BytesIO()
    workbook.save(out)
    page.get_by_label("Tệp Excel (.xlsx) đã điền").set_input_files(
        files=[{"name": "chi-tieu.xlsx", "mimeType": "application/octet-stream", "buffer": out.getvalue()}])
    page.get_by_role("button", name="Tải lên và xem trước").click()
    expect(page.get_by_text("Tệp có 1 chỉ tiêu khác với đã lưu")).to_be_visible()
    box = page.get_by_label("Kết nạp đoàn viên mới — Đợt 2 — Công đoàn phường Tân Phong")
    expect(box).to_have_value("75")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path="test-results/targets-preview-phone.png", full_page=True)
    july = {"measure": Measure.NEW_MEMBERS, "wave__number": 2, "unit": province.tan_phong}
    assert Target.objects.get(campaign=campaign, **july).value == 60
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    expect(page.get_by_text("Đã lưu chỉ tiêu: 0 mới, 1 thay đổi, 0 bỏ.")).to_be_visible()
    assert Target.objects.get(campaign=campaign, **july).value == 75
    assert Target.objects.get(campaign=province.campaign, **july).value == 60  # last year's as it was
    context.close()
