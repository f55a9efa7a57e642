"""The fingerprint of the counted figures (reporting.fingerprint): printed on every
output, it changes when, and only when, a counted figure changes, and a page
says whether a printed copy still holds and which reports changed since."""

import datetime
import io
import re

import openpyxl
import pytest
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure
from campaign.services import target_set
from reporting.fingerprint import fingerprint_of, normalised
from reporting.models import Report, ReportLine
from reporting.services import report_approve, report_return, report_save, report_submit
from reporting.stats import campaign_stats
from tests.conftest import module_data

from .builders import ZERO, file_week, hand_computed_province

# Every test here reads the hand-computed reports: built once for the module.
_province_data = module_data(hand_computed_province, "_province_data")

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
CODE = re.compile(r"[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}")


def code(province, as_of=TOMORROW, root=None, own_row=False):
    return fingerprint_of(campaign_stats(province.campaign, root or province.federation, as_of=as_of, own_row=own_row))


@pytest.fixture
def figures(province):
    return province


def tan_phong_report(province):
    return Report.objects.get(unit=province.tan_phong, period__start=datetime.date(2025, 7, 7))


def test_it_does_not_change_with_what_changes_no_counted_figure(figures):
    before = code(figures)
    assert CODE.fullmatch(before)
    # Another day with the same figures, an approval, a draft, a narrative.
    assert code(figures, as_of=TOMORROW + datetime.timedelta(days=30)) == before
    report_approve(report=tan_phong_report(figures), user=figures.board)
    assert code(figures) == before
    file_week(figures, figures.tan_phong, datetime.date(2025, 7, 22), figures.staff, submit=False,
              CS0002={"new_members": 40})
    assert code(figures) == before
    month = Report.objects.create(unit=figures.tan_phong, period=figures.campaign.periods.get(kind="month", start=datetime.date(2025, 7, 1)))
    month.results = "Đã thành lập các đoàn vận động."
    month.save()
    assert code(figures) == before


def test_it_changes_when_a_counted_figure_changes_and_comes_back_with_it(figures):
    before = code(figures)
    report = report_return(report=tan_phong_report(figures), user=figures.staff, reason="Sửa số nữ")
    returned = code(figures)
    assert returned != before  # its lines no longer count
    figures_of = {"CS0001": {**ZERO, "new_members": 7, "new_members_women": 2}, "TRUC-TIEP": {**ZERO, "new_members": 2}}
    report = report_save(report=report, user=figures.staff, version=report.version, figures=figures_of)
    report = report_submit(report=report, user=figures.staff, version=report.version)
    changed = code(figures)
    assert changed not in (before, returned)
    # Back to the figures first submitted: the fingerprint they had.
    figures_of["CS0001"]["new_members_women"] = 3
    report = report_return(report=report, user=figures.staff, reason="Nhầm")
    report = report_save(report=report, user=figures.staff, version=report.version, figures=figures_of)
    report_submit(report=report, user=figures.staff, version=report.version)
    assert code(figures) == before


def test_it_changes_when_a_member_moves_between_unions_or_figures_and_every_total_stays(figures):
    """Tân Phong's July week: Chè 7 (3 women) and 2 direct. One member moved from Chè to the direct
    row, or one woman counted as introduced instead: the totals of the week stay, the figures by
    union and by measure do not."""
    before = code(figures)
    report = tan_phong_report(figures)
    for changed_rows in (
        {"CS0001": {**ZERO, "new_members": 6, "new_members_women": 3}, "TRUC-TIEP": {**ZERO, "new_members": 3}},
        {"CS0001": {**ZERO, "new_members": 7, "new_members_women": 2, "party_introduced": 1},
         "TRUC-TIEP": {**ZERO, "new_members": 2}},
    ):
        report = report_return(report=report, user=figures.staff, reason="Sửa")
        report = report_save(report=report, user=figures.staff, version=report.version, figures=changed_rows)
        report = report_submit(report=report, user=figures.staff, version=report.version)
        assert code(figures) != before


def test_a_target_is_part_of_what_the_figures_are_made_of(figures):
    before = code(figures)
    target_set(campaign=figures.campaign, unit=figures.tan_phong, measure=Measure.NEW_MEMBERS, value=61,
               wave=figures.campaign.waves.get(number=2))
    assert code(figures) != before


def test_each_scope_has_its_own_fingerprint(figures):
    assert code(figures) != code(figures, root=figures.federation, own_row=True)
    assert code(figures, root=figures.tan_phong, own_row=True) != code(figures, root=figures.federation, own_row=True)


def test_the_pdf_and_the_excel_file_print_the_same_fingerprint_and_cut_off(client, figures, tmp_path):
    from .test_pdf import flat, text_of

    client.force_login(figures.board)
    as_of = TOMORROW.strftime("%d/%m/%Y")
    expected = code(figures)
    pdf = client.get(reverse("reporting:final_pdf"), {"as_of": as_of})
    assert expected in pdf["Content-Disposition"] and f"den-{TOMORROW:%d-%m-%Y}" in pdf["Content-Disposition"]
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    body = flat(text_of(path))
    assert f"Số liệu tính đến hết ngày {as_of} · Mã kiểm tra số liệu: {expected}" in body
    xlsx = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": as_of})
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert ws["A2"].value == f"Số liệu tính đến hết ngày {as_of} · Mã kiểm tra số liệu: {expected}"


def test_a_typed_back_fingerprint_is_read_whatever_the_dashes_and_case():
    assert normalised(" 3f9a 12c0-7b4e ") == "3F9A12C07B4E"
    assert normalised("3F9A-12C0") is None and normalised("ZZZZ-12C0-7B4E") is None


# --- The check page ----------------------------------------------------------


def check(client, **params):
    return client.get(reverse("reporting:fingerprint_check"), params)


def test_a_copy_whose_figures_still_hold_is_confirmed(client, figures):
    printed = code(figures, as_of=TODAY)
    client.force_login(figures.viewer)
    response = check(client, code=printed.lower(), as_of=TODAY.strftime("%d/%m/%Y"))
    assert response.status_code == 200
    assert "Số liệu không thay đổi." in response.content.decode()


def test_a_copy_printed_before_a_change_lists_the_reports_that_changed_since(client, figures):
    # Everything so far happened two days ago; the copy was printed then.
    two_days = datetime.timedelta(days=2)
    Report.history.update(history_date=F("history_date") - two_days)
    ReportLine.history.update(history_date=F("history_date") - two_days)
    printed_day = TODAY - two_days
    printed = code(figures, as_of=printed_day)
    report_return(report=tan_phong_report(figures), user=figures.staff, reason="Sửa lại")

    client.force_login(figures.board)
    response = check(client, code=printed, as_of=printed_day.strftime("%d/%m/%Y"))
    page = response.content.decode()
    assert "Số liệu đã thay đổi so với bản in." in page
    assert "Công đoàn phường Tân Phong" in page and "Báo cáo Tuần 2 đợt 2 (07/07/2025 – 13/07/2025)" in page
    assert "không còn được tính" in page
    assert reverse("reporting:history", args=[figures.tan_phong.pk, tan_phong_report(figures).period_id]) in page
    assert "Phong Thổ" not in page.split("Thay đổi từ sau ngày")[1]  # unchanged reports are not listed


def test_a_code_that_matches_nothing_says_so(client, figures):
    client.force_login(figures.board)
    page = check(client, code="0000-0000-0000", as_of=TODAY.strftime("%d/%m/%Y")).content.decode()
    assert "Mã không khớp với số liệu của ngày in trên bản in." in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"code": "12", "as_of": "01/08/2025"}, "Mã kiểm tra gồm 12 chữ số và chữ cái A–F"),
        ({"code": "3F9A-12C0-7B4E", "as_of": "31/02/2025"}, "Ngày không hợp lệ"),
        ({"code": "", "as_of": ""}, "Hãy nhập mã kiểm tra in trên bản in."),
    ],
)
def test_bad_input_is_explained_in_vietnamese(client, figures, params, message):
    client.force_login(figures.board)
    response = check(client, **params)
    assert response.status_code == 400 and message in response.content.decode()


def test_a_reporter_checks_the_table_of_their_own_unit_only(client, figures):
    client.force_login(figures.reporter_tan_phong)
    printed = code(figures, as_of=TODAY, root=figures.tan_phong, own_row=True)
    response = check(client, unit=figures.tan_phong.pk, code=printed, as_of=TODAY.strftime("%d/%m/%Y"))
    assert "Số liệu không thay đổi." in response.content.decode()
    assert check(client, unit=figures.tam_duong.pk, code=printed, as_of="01/08/2025").status_code == 404
    assert check(client, code=printed, as_of="01/08/2025").status_code == 403


def test_a_report_with_no_figure_changes_no_fingerprint(figures):
    """A month's report (its narrative) or an empty week, submitted: no figure changed."""
    before = code(figures)
    file_week(figures, figures.tan_phong, datetime.date(2025, 7, 15), figures.staff)
    assert code(figures) == before
