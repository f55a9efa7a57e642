"""The Excel round trip through the report page: download, upload, preview, confirm."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reporting.exports.template import template_workbook
from reporting.models import Report, ReportLine
from reporting.selectors import report_rows

FIXTURES = Path(__file__).parent / "fixtures"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(unit, period, name="reporting:report"):
    return reverse(name, args=[unit.pk, period.pk])


def filled_template(unit, period, figures: dict[str, dict[str, int]]) -> bytes:
    """Our template for the unit and week, filled in the way a user would in Excel."""
    wb = openpyxl.load_workbook(io.BytesIO(template_workbook(unit=unit, period=period, rows=report_rows(unit, period, None))))
    ws = wb.worksheets[0]
    header_row, columns = None, {}
    for row in ws.iter_rows():
        labels = [str(c.value or "") for c in row]
        if "Mã CĐCS" in labels:
            header_row = row[0].row
            columns = {label: i + 1 for i, label in enumerate(labels)}
            break
    assert header_row
    names = {"new_members": "Đoàn viên mới", "new_members_women": "Trong đó nữ",
             "party_introduced": "Giới thiệu cho Đảng", "party_admitted": "Được kết nạp Đảng"}
    for r in range(header_row + 1, ws.max_row + 1):
        code = ws.cell(r, columns["Mã CĐCS"]).value
        for figure, value in figures.get(code, {}).items():
            ws.cell(r, columns[names[figure]]).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(client, unit, period, content: bytes, name="bao-cao.xlsx"):
    return client.post(url(unit, period, "reporting:upload"), {"file": SimpleUploadedFile(name, content, content_type=XLSX)})


@pytest.fixture
def reporter(client, province):
    client.force_login(province.reporter_tan_phong)
    return client


def test_the_template_downloads_as_an_xlsx_named_for_the_unit_and_week(reporter, province, july_week):
    response = reporter.get(url(province.tan_phong, july_week, "reporting:template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-LC-X-TPHONG-20250707-20250713.xlsx"'
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    codes = [c.value for c in wb.worksheets[0]["B"]]
    assert "CS0001" in codes and "CS0002" in codes


def test_an_upload_is_previewed_and_nothing_is_written_until_confirmed(reporter, province, july_week):
    content = filled_template(province.tan_phong, july_week, {"CS0001": {"new_members": 12, "new_members_women": 5},
                                                             "CS0002": {"new_members": "8"}})
    response = upload(reporter, province.tan_phong, july_week, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp hợp lệ" in page and "Xác nhận ghi vào báo cáo" in page
    assert response.context["totals"]["new_members"] == 20
    assert not ReportLine.objects.exists()
    confirmed = reporter.post(url(province.tan_phong, july_week, "reporting:upload_confirm"), follow=True)
    assert "Đã ghi số liệu từ tệp Excel vào báo cáo (bản nháp)." in confirmed.content.decode()
    lines = {line.grassroots.code: line for line in ReportLine.objects.select_related("grassroots")}
    assert (lines["CS0001"].new_members, lines["CS0001"].new_members_women, lines["CS0002"].new_members) == (12, 5, 8)


def test_an_upload_with_bad_cells_lists_each_error_at_its_cell_and_cannot_be_confirmed(reporter, province, july_week):
    content = filled_template(province.tan_phong, july_week, {"CS0001": {"new_members": -2}, "CS0002": {"new_members": 2, "new_members_women": 3}})
    response = upload(reporter, province.tan_phong, july_week, content)
    assert response.status_code == 400
    errors = response.context["result"].errors
    assert {e.message for e in errors} == {"Không được là số âm.", "Số nữ (3) lớn hơn số đoàn viên mới (2)."}
    assert all(e.cell[0] in "EF" for e in errors)
    assert "Xác nhận ghi vào báo cáo" not in response.content.decode()
    confirmed = reporter.post(url(province.tan_phong, july_week, "reporting:upload_confirm"), follow=True)
    assert "Không có tệp nào đang chờ xác nhận." in confirmed.content.decode()
    assert not ReportLine.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bao-cao.xls", b"\xd0\xcf\x11\xe0 old excel", ".xlsx"),
        ("bao-cao.xlsm", b"PK\x03\x04", ".xlsx"),
        ("bao-cao.xlsx", b"this is a text file renamed", "không phải"),
    ],
)
def test_files_that_are_not_real_xlsx_are_refused_with_a_clear_message(reporter, province, july_week, name, content, message):
    response = upload(reporter, province.tan_phong, july_week, content, name=name)
    assert response.status_code == 302
    page = reporter.get(response["Location"]).content.decode()
    assert message in page
    assert not ReportLine.objects.exists()


def test_the_template_of_another_unit_is_refused(reporter, province, july_week):
    content = template_workbook(unit=province.federation, period=july_week, rows=report_rows(province.federation, july_week, None))
    response = upload(reporter, province.tan_phong, july_week, content)
    page = reporter.get(response["Location"]).content.decode()
    assert "Tệp là mẫu báo cáo của đơn vị mã LC" in page and "Công đoàn phường Tân Phong (mã LC-X-TPHONG)" in page
    assert not ReportLine.objects.exists()


def test_a_file_saved_by_libreoffice_goes_through_the_whole_round_trip(reporter, province, july_week):
    content = (FIXTURES / "tan-phong-week-2025-07-07-libreoffice.xlsx").read_bytes()
    response = upload(reporter, province.tan_phong, july_week, content, name="tan-phong.xlsx")
    assert response.status_code == 200, response.context["result"].errors if response.context else response
    reporter.post(url(province.tan_phong, july_week, "reporting:upload_confirm"))
    report = Report.objects.get(unit=province.tan_phong, period=july_week)
    figures = {(line.grassroots.code if line.grassroots else "TRUC-TIEP"): line.new_members for line in report.lines.all()}
    assert figures == {"CS0001": 12, "CS0002": 8, "TRUC-TIEP": 4}


def test_an_upload_after_closing_is_refused(reporter, province, july_week):
    from django.utils import timezone

    now = timezone.now()
    july_week.closes_at = july_week.due_at = now
    july_week.save()
    content = filled_template(province.tan_phong, july_week, {"CS0001": {"new_members": 3}})
    response = upload(reporter, province.tan_phong, july_week, content)
    assert "Kỳ báo cáo đã khóa nhập liệu" in reporter.get(response["Location"]).content.decode()
    assert not ReportLine.objects.exists()


def test_a_confirm_after_someone_else_saved_is_refused_whole(reporter, province, july_week):
    from reporting.services import report_open, report_save

    content = filled_template(province.tan_phong, july_week, {"CS0001": {"new_members": 12}})
    upload(reporter, province.tan_phong, july_week, content)
    report = report_open(unit=province.tan_phong, period=july_week)
    report_save(report=report, user=province.staff, version=1, figures={
        "CS0002": {"new_members": 1, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0},
    })
    confirmed = reporter.post(url(province.tan_phong, july_week, "reporting:upload_confirm"), follow=True)
    assert "báo cáo vừa được người khác sửa" in confirmed.content.decode()
    assert list(ReportLine.objects.values_list("grassroots__code", "new_members")) == [("CS0002", 1)]
