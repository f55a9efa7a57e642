"""The province's synthesis table and a unit's table by grassroots union, as
Excel files downloaded over HTTP and read back with openpyxl (and LibreOffice).

The data set, counted as of today (hand-computed below):

May   LĐLĐ huyện Tam Đường   05–11/05  Chè 10 (nữ 6, giới thiệu 2, kết nạp Đảng 1), Trường 5 (nữ 3, giới thiệu 1)
                             12–18/05  Chè 4 (nữ 2), trực tiếp 3 (nữ 1)
      LĐLĐ huyện Phong Thổ   05–11/05  Thủy điện 8 (nữ 2, giới thiệu 3, kết nạp Đảng 2) — approved
July  phường Tân Phong       07–13/07  new union (15 founders, recognised 09/07), Chè 6 (nữ 4, giới thiệu 2), Trường 2
                             14–20/07  Chè 50 (nữ 20) — a DRAFT: never counted
      LĐLĐ tỉnh (direct)     07–13/07  Thủy điện 7 (nữ 3, giới thiệu 1, kết nạp Đảng 1)
Targets (personas): new members Tam Đường 120, Phong Thổ 80 (wave 1), Tân Phong 60 (wave 2); new unions Tam Đường 2.
"""

import csv
import datetime
import io
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure, Period, PeriodKind
from reporting.foundings import grassroots_register
from reporting.models import Report, ReportLine
from reporting.selectors import DIRECT_KEY, FIGURES
from reporting.services import report_approve, report_open, report_save, report_submit
from reporting.stats import campaign_stats
from tests.conftest import module_data
from tests.factories import make_grassroots

from .conftest import open_for_entry

MAY_5, MAY_12 = datetime.date(2025, 5, 5), datetime.date(2025, 5, 12)
JULY_7, JULY_14 = datetime.date(2025, 7, 7), datetime.date(2025, 7, 14)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SHEET = "Tổng hợp"
HEADER = 5  # the synthesis table's two header rows: 5 and 6
MEASURES = ["Kết nạp đoàn viên mới", "Thành lập CĐCS", "Giới thiệu cho Đảng", "Được kết nạp Đảng"]
SUB = {
    "Kết nạp đoàn viên mới": ["Chỉ tiêu", "Đợt 1", "Đợt 2", "Tổng", "Trong đó nữ", "% đạt"],
    **{m: ["Chỉ tiêu", "Đợt 1", "Đợt 2", "Tổng", "% đạt"] for m in MEASURES[1:]},
}

# Each row's 21 figure cells, columns C…W: per measure target, wave 1, wave 2, total, (women), % achieved.
#                 ---------- new members ----------   --- new unions ---    -- introduced --      --- admitted ---
TAM_DUONG = (120, 22, None, 22, 12, 18.3, 2, 0, None, 0, 0.0, None, 3, None, 3, None, None, 1, None, 1, None)
PHONG_THO = (80, 8, None, 8, 2, 10.0, None, 0, None, 0, None, None, 3, None, 3, None, None, 2, None, 2, None)
GROUP_I = (200, 30, None, 30, 14, 15.0, 2, 0, None, 0, 0.0, None, 6, None, 6, None, None, 3, None, 3, None)
TAN_PHONG = (60, None, 23, 23, 4, 38.3, None, None, 1, 1, None, None, None, 2, 2, None, None, None, 0, 0, None)
FEDERATION = (None, None, 7, 7, 3, None, None, None, 0, 0, None, None, None, 1, 1, None, None, None, 1, 1, None)
GROUP_II = (60, None, 30, 30, 7, 50.0, None, None, 1, 1, None, None, None, 3, 3, None, None, None, 1, 1, None)
TOTAL = (260, 30, 30, 60, 21, 23.1, 2, 0, 1, 1, 50.0, None, 6, 3, 9, None, None, 3, 1, 4, None)
NEW_UNION = "CĐCS Công ty TNHH Xây dựng Tân Phong"


def _week(province, start: datetime.date) -> Period:
    return open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=start))


def enter(province, unit, start, user, *, submit=True, **rows):
    """Save (and submit) ``unit``'s weekly report through the services, as the app does."""
    report = report_open(unit=unit, period=_week(province, start))
    figures = {key: {name: values.get(name, 0) for name in FIGURES} for key, values in rows.items()}
    report = report_save(report=report, user=user, version=report.version, figures=figures, warning_comment="Đã kiểm tra.")
    if submit:
        report = report_submit(report=report, user=user, version=report.version)
    return report


def _with_reports():
    """The personas' province with the reports of the module's docstring."""
    from tests.personas import build_province

    p = build_province()
    enter(p, p.tam_duong, MAY_5, p.reporter_tam_duong,
          CS0001={"new_members": 10, "new_members_women": 6, "party_introduced": 2, "party_admitted": 1},
          CS0002={"new_members": 5, "new_members_women": 3, "party_introduced": 1})
    enter(p, p.tam_duong, MAY_12, p.reporter_tam_duong,
          CS0001={"new_members": 4, "new_members_women": 2}, **{DIRECT_KEY: {"new_members": 3, "new_members_women": 1}})
    phong_tho = enter(p, p.phong_tho, MAY_5, p.staff,
                      CS0003={"new_members": 8, "new_members_women": 2, "party_introduced": 3, "party_admitted": 2})
    report_approve(report=phong_tho, user=p.board)
    grassroots_register(
        report=report_open(unit=p.tan_phong, period=_week(p, JULY_7)), user=p.reporter_tan_phong, name=NEW_UNION,
        sector="non_state", recognition_decision="12/QĐ-CĐ", recognition_date=datetime.date(2025, 7, 9), founding_members=15,
    )
    enter(p, p.tan_phong, JULY_7, p.reporter_tan_phong,
          CS0001={"new_members": 6, "new_members_women": 4, "party_introduced": 2}, CS0002={"new_members": 2})
    enter(p, p.federation, JULY_7, p.staff,
          CS0003={"new_members": 7, "new_members_women": 3, "party_introduced": 1, "party_admitted": 1})
    enter(p, p.tan_phong, JULY_14, p.reporter_tan_phong, submit=False, CS0001={"new_members": 50, "new_members_women": 20})
    return p


# Every test reads the same reports: built once for the module.
_province_data = module_data(_with_reports, "_province_data")


@pytest.fixture
def reports(province):
    return province


def download(client, user, name="reporting:synthesis_xlsx", args=(), **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def sheet(response, title=SHEET):
    assert response.status_code == 200, response.content[:300]
    return openpyxl.load_workbook(io.BytesIO(response.content))[title]


def rows_by_label(ws, first_row: int, label_column: int = 2) -> dict[str, tuple]:
    """Each row below the header by its label (column B): the values after it."""
    found = {}
    for row in ws.iter_rows(min_row=first_row):
        label = row[label_column - 1].value
        if label:
            found[label] = tuple(cell.value for cell in row[label_column:])
    return found


def whole_as_columns(stats) -> tuple:
    """``stats.whole`` and the waves' figures laid out as the table's 21 figure columns."""
    by_wave = [{f.measure: f for f in block.figures} for block in stats.waves]
    cells = []
    for figure in stats.whole:
        cells += [figure.target, *(w[figure.measure].achieved for w in by_wave), figure.achieved]
        if figure.measure == Measure.NEW_MEMBERS:
            cells.append(figure.women)
        cells.append(None if figure.percent is None else float(figure.percent))
    return tuple(cells)


# --- The synthesis table ----------------------------------------------------------


def test_the_board_downloads_the_synthesis_table_as_an_xlsx_file_named_by_the_day(client, reports):
    response = download(client, reports.board, as_of="31/07/2025")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    # Named by the cut-off, then the fingerprint of its figures.
    assert re.fullmatch(
        r'attachment; filename="tong-hop-thang-cao-diem-2025-den-31-07-2025-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}\.xlsx"',
        response["Content-Disposition"],
    )
    # The figures, then the media work (issue 10: the synthesis carries it).
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == [SHEET, "Truyền thông"]


def test_the_title_rows_name_the_campaign_the_day_and_what_counts(client, reports):
    ws = sheet(download(client, reports.staff, as_of="31/07/2025"))
    assert ws["A1"].value == "THÁNG CAO ĐIỂM PHÁT TRIỂN ĐOÀN VIÊN NĂM 2025"
    assert re.fullmatch(r"Số liệu tính đến hết ngày 31/07/2025 · Mã kiểm tra số liệu: [0-9A-F]{4}(-[0-9A-F]{4}){2}", ws["A2"].value)
    assert ws["A3"].value == "Chỉ tính báo cáo đã nộp và đã duyệt"
    assert {"A1:W1", "A2:W2", "A3:W3"} <= {str(r) for r in ws.merged_cells.ranges}


def test_the_header_has_two_merged_levels_in_vietnamese(client, reports):
    ws = sheet(download(client, reports.staff))
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:H5", "I5:M5", "N5:R5", "S5:W5"} <= merged
    assert (ws["A5"].value, ws["B5"].value) == ("STT", "Đơn vị")
    assert [ws[f"{c}5"].value for c in "CINS"] == MEASURES
    assert [c.value for c in ws[6][2:]] == [label for m in MEASURES for label in SUB[m]]
    assert all(c.font.b for c in ws[5][:3]) and ws["C6"].alignment.wrap_text


def test_each_unit_row_holds_its_own_figures_in_groups_before_and_after_the_restructuring(client, reports):
    ws = sheet(download(client, reports.board))
    rows = rows_by_label(ws, HEADER + 2)
    labels = [ws.cell(row=r, column=2).value for r in range(HEADER + 2, HEADER + 2 + 9)]
    assert labels == [
        "Các đơn vị báo cáo đến 30/06/2025",
        "LĐLĐ huyện Phong Thổ",
        "LĐLĐ huyện Tam Đường",
        "Cộng nhóm I",
        "Các đơn vị báo cáo từ 01/07/2025",
        "Công đoàn phường Tân Phong",
        "Liên đoàn Lao động tỉnh Lai Châu",
        "Cộng nhóm II",
        "TỔNG CỘNG TOÀN TỈNH",
    ]
    assert [ws.cell(row=r, column=1).value for r in range(HEADER + 2, HEADER + 2 + 9)] == [
        "I", 1, 2, None, "II", 1, 2, None, None
    ]
    assert rows["LĐLĐ huyện Tam Đường"] == TAM_DUONG
    assert rows["LĐLĐ huyện Phong Thổ"] == PHONG_THO
    assert rows["Công đoàn phường Tân Phong"] == TAN_PHONG
    assert rows["Liên đoàn Lao động tỉnh Lai Châu"] == FEDERATION


def test_each_group_has_a_subtotal_and_the_province_total_equals_the_campaign_stats(client, reports):
    ws = sheet(download(client, reports.board))
    rows = rows_by_label(ws, HEADER + 2)
    assert rows["Cộng nhóm I"] == GROUP_I
    assert rows["Cộng nhóm II"] == GROUP_II
    assert rows["TỔNG CỘNG TOÀN TỈNH"] == TOTAL
    stats = campaign_stats(reports.campaign, reports.federation)
    assert whole_as_columns(stats) == TOTAL
    totals_row = next(r for r in ws.iter_rows(min_row=HEADER + 2) if r[1].value == "TỔNG CỘNG TOÀN TỈNH")
    assert all(c.font.b for c in totals_row[1:])
    subtotal = next(r for r in ws.iter_rows(min_row=HEADER + 2) if r[1].value == "Cộng nhóm I")
    assert all(c.font.b for c in subtotal[1:])


def test_a_unit_reporting_in_both_waves_has_its_own_group_and_the_groups_still_add_up(client, reports):
    p = reports
    make_grassroots(p.federation, name="CĐCS Văn phòng Liên đoàn", code="CS0090", active_from=datetime.date(2010, 1, 1))
    enter(p, p.federation, MAY_5, p.staff, CS0090={"new_members": 5, "new_members_women": 5})
    ws = sheet(download(client, p.board))
    rows = rows_by_label(ws, HEADER + 2)
    labels = [c.value for c in ws["B"][HEADER + 1 :] if c.value]
    assert labels[: labels.index("TỔNG CỘNG TOÀN TỈNH") + 1] == [
        "Các đơn vị báo cáo đến 30/06/2025", "LĐLĐ huyện Phong Thổ", "LĐLĐ huyện Tam Đường", "Cộng nhóm I",
        "Các đơn vị báo cáo từ 01/07/2025", "Công đoàn phường Tân Phong", "Cộng nhóm II",
        "Các đơn vị báo cáo cả hai đợt", "Liên đoàn Lao động tỉnh Lai Châu", "Cộng nhóm III",
        "TỔNG CỘNG TOÀN TỈNH",
    ]
    federation = rows["Liên đoàn Lao động tỉnh Lai Châu"]
    assert federation[:6] == (None, 5, 7, 12, 8, None)
    assert rows["Cộng nhóm III"] == federation
    total = rows["TỔNG CỘNG TOÀN TỈNH"]
    assert total[:6] == (260, 35, 30, 65, 26, 25.0)
    stats = campaign_stats(p.campaign, p.federation)
    assert total == whole_as_columns(stats)
    for column in (1, 3, 4, 12, 13, 14, 17, 18, 19):  # every wave and total column adds up over the groups
        parts = [rows[f"Cộng nhóm {n}"][column] or 0 for n in ("I", "II", "III")]
        assert sum(parts) == total[column]


def test_figures_are_numeric_cells_with_number_formats_and_no_cell_holds_a_formula(client, reports):
    ws = sheet(download(client, reports.board))
    figures = [c for row in ws.iter_rows(min_row=HEADER + 2, min_col=3, max_col=23) for c in row if c.value is not None]
    assert figures and all(c.data_type == "n" and isinstance(c.value, int | float) for c in figures)
    percent_columns = {8, 13, 18, 23}
    assert {c.number_format for c in figures if c.column in percent_columns} == {'0.0"%"'}
    assert {c.number_format for c in figures if c.column not in percent_columns} == {"#,##0"}
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_a_unit_name_that_looks_like_a_formula_stays_text(client, reports):
    reports.phong_tho.name = '=HYPERLINK("http://example.com","Phong Thổ")'
    reports.phong_tho.save(update_fields=["name"])
    ws = sheet(download(client, reports.board))
    cell = next(c for c in ws["B"] if c.value == reports.phong_tho.name)
    assert cell.data_type == "s" and cell.quotePrefix
    assert not [c.value for c in ws["B"] if c.quotePrefix and c.value != reports.phong_tho.name]


def test_each_kind_of_row_keeps_its_style_down_the_table(client, reports):
    """Unit rows plain on white, group subtotals bold on grey, the province total bold on yellow;
    every figure cell bordered."""
    ws = sheet(download(client, reports.board))
    labels = {c.value: c.row for c in ws["B"] if isinstance(c.value, str)}
    def style(row, column=3):
        cell = ws.cell(row=row, column=column)
        return cell.font.bold, cell.fill.fgColor.rgb if cell.fill.fill_type else None, cell.border.left.style
    assert style(labels["LĐLĐ huyện Tam Đường"]) == style(labels["LĐLĐ huyện Phong Thổ"]) == (False, None, "thin")
    assert style(labels["Cộng nhóm I"]) == style(labels["Cộng nhóm II"]) == (True, "00F2F2F2", "thin")
    assert style(labels["TỔNG CỘNG TOÀN TỈNH"]) == (True, "00FFF2CC", "thin")


def test_the_sheet_prints_on_a4_landscape_one_page_wide_repeating_the_header(client, reports):
    ws = sheet(download(client, reports.board))
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$5:$6"
    assert ws.freeze_panes == "C7"
    assert ws.column_dimensions["B"].width > 30


def test_a_day_before_the_reports_shows_zeros(client, reports):
    response = download(client, reports.board, as_of="01/01/2025")
    assert 'filename="tong-hop-thang-cao-diem-2025-den-01-01-2025-' in response["Content-Disposition"]
    ws = sheet(response)
    assert ws["A2"].value.startswith("Số liệu tính đến hết ngày 01/01/2025 · Mã kiểm tra số liệu: ")
    rows = rows_by_label(ws, HEADER + 2)
    assert rows["LĐLĐ huyện Tam Đường"] == (120, 0, None, 0, 0, 0.0, 2, 0, None, 0, 0.0, None, 0, None, 0, None, None, 0, None, 0, None)
    assert rows["TỔNG CỘNG TOÀN TỈNH"] == (260, 0, 0, 0, 0, 0.0, 2, 0, 0, 0, 0.0, None, 0, 0, 0, None, None, 0, 0, 0, None)


def test_a_day_after_the_may_reports_and_before_the_july_ones_counts_only_may(client, reports):
    """The history decides what counted on a day: date the May reports' history in May."""
    in_may = timezone.make_aware(datetime.datetime(2025, 5, 19, 17, 0))
    may = Report.objects.filter(period__start__lt=datetime.date(2025, 6, 1))
    Report.history.filter(id__in=may.values("id")).update(history_date=in_may)
    ReportLine.history.filter(report_id__in=may.values("id")).update(history_date=in_may)
    ws = sheet(download(client, reports.board, as_of="31/05/2025"))
    rows = rows_by_label(ws, HEADER + 2)
    assert rows["Cộng nhóm I"] == GROUP_I
    assert rows["Công đoàn phường Tân Phong"] == (60, None, 0, 0, 0, 0.0, None, None, 0, 0, None, None, None, 0, 0, None, None, None, 0, 0, None)
    assert rows["TỔNG CỘNG TOÀN TỈNH"][:6] == (260, 30, 0, 30, 14, 11.5)
    stats = campaign_stats(reports.campaign, reports.federation, as_of=datetime.date(2025, 5, 31))
    assert rows["TỔNG CỘNG TOÀN TỈNH"] == whole_as_columns(stats)


@pytest.mark.parametrize("value", ["31/02/2025", "2025-13-01", "hôm qua"])
def test_a_bad_date_is_refused_in_vietnamese(client, reports, value):
    response = download(client, reports.board, as_of=value)
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()


def test_reporters_may_not_download_the_synthesis_and_viewers_may(client, reports):
    assert download(client, reports.reporter_tan_phong).status_code == 403
    assert download(client, reports.viewer).status_code == 200


def test_anonymous_users_are_sent_to_log_in(client, reports):
    response = client.get(reverse("reporting:synthesis_xlsx"))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed on this machine")
def test_libreoffice_opens_the_file_and_reads_the_totals(client, reports, tmp_path):
    source = tmp_path / "tong-hop.xlsx"
    source.write_bytes(download(client, reports.board).content)
    subprocess.run(
        [
            "soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(tmp_path), str(source),
        ],
        check=True, capture_output=True, timeout=180,
    )
    with open(tmp_path / "tong-hop.csv", encoding="utf-8", newline="") as f:
        rows = {row[1]: row[2:] for row in csv.reader(f) if len(row) > 1 and row[1]}
    assert rows["TỔNG CỘNG TOÀN TỈNH"][:6] == ["260", "30", "30", "60", "21", "23.1%"]
    assert rows["Cộng nhóm I"][:4] == ["200", "30", "", "30"]
    assert rows["LĐLĐ huyện Tam Đường"][:6] == ["120", "22", "", "22", "12", "18.3%"]


# --- A unit's table by grassroots union ---------------------------------------------------

UNIT_SHEET = "Chi tiết CĐCS"
UNIT_FIRST_ROW = 8  # below the header (rows 6 and 7)


def test_a_reporter_downloads_their_own_units_table_by_grassroots_union(client, reports):
    p = reports
    response = download(client, p.reporter_tan_phong, "reporting:unit_synthesis_xlsx", [p.tan_phong.pk])
    assert response["Content-Type"] == XLSX
    today = timezone.localdate()
    filename = f"tong-hop-lc-x-tphong-thang-cao-diem-2025-den-{today:%d-%m-%Y}-"
    assert response["Content-Disposition"].startswith(f'attachment; filename="{filename}')
    ws = sheet(response, UNIT_SHEET)
    assert ws["A1"].value == "CÔNG ĐOÀN PHƯỜNG TÂN PHONG"
    assert ws["A2"].value == "Tháng cao điểm phát triển đoàn viên năm 2025"
    assert ws["A3"].value.startswith(f"Số liệu tính đến hết ngày {today:%d/%m/%Y} · Mã kiểm tra số liệu: ")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A6:A7", "B6:B7", "C6:C7", "D6:F6", "G6:I6", "J6:L6", "M6:O6", "P6:R6"} <= merged
    assert [ws[f"{c}6"].value for c in "DGJMP"] == [
        "Kết nạp đoàn viên mới", "Trong đó nữ", "Thành lập CĐCS", "Giới thiệu cho Đảng", "Được kết nạp Đảng"
    ]
    assert [c.value for c in ws[7][3:6]] == ["Đợt 1", "Đợt 2", "Tổng"]
    rows = rows_by_label(ws, UNIT_FIRST_ROW, label_column=3)
    assert list(rows)[:4] == [
        "CĐCS Công ty Chè Tam Đường", NEW_UNION, "CĐCS Trường THCS Bình Lư", "Kết nạp trực tiếp tại công đoàn cấp trên"
    ]
    #                                  new          women        new unions    introduced    admitted
    assert rows["CĐCS Công ty Chè Tam Đường"] == (None, 6, 6, None, 4, 4, None, 0, 0, None, 2, 2, None, 0, 0)
    assert rows[NEW_UNION] == (None, 15, 15, None, 0, 0, None, 1, 1, None, 0, 0, None, 0, 0)
    assert rows["CĐCS Trường THCS Bình Lư"] == (None, 2, 2, None, 0, 0, None, 0, 0, None, 0, 0, None, 0, 0)
    assert rows["Tổng cộng"] == (None, 23, 23, None, 4, 4, None, 1, 1, None, 2, 2, None, 0, 0)
    assert rows["Chỉ tiêu"][:3] == (None, 60, 60)
    assert rows["% đạt"][:3] == (None, 38.3, 38.3)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_the_district_table_adds_up_to_the_district_row_of_the_synthesis(client, reports):
    p = reports
    ws = sheet(download(client, p.reporter_tam_duong, "reporting:unit_synthesis_xlsx", [p.tam_duong.pk]), UNIT_SHEET)
    rows = rows_by_label(ws, UNIT_FIRST_ROW, label_column=3)
    assert rows["CĐCS Công ty Chè Tam Đường"] == (14, None, 14, 8, None, 8, 0, None, 0, 2, None, 2, 1, None, 1)
    assert rows["CĐCS Trường THCS Bình Lư"] == (5, None, 5, 3, None, 3, 0, None, 0, 1, None, 1, 0, None, 0)
    assert rows["Kết nạp trực tiếp tại công đoàn cấp trên"] == (3, None, 3, 1, None, 1, 0, None, 0, 0, None, 0, 0, None, 0)
    assert rows["Tổng cộng"] == (22, None, 22, 12, None, 12, 0, None, 0, 3, None, 3, 1, None, 1)
    assert rows["Chỉ tiêu"][:3] == (120, None, 120) and rows["Chỉ tiêu"][6:9] == (2, None, 2)
    stats = campaign_stats(p.campaign, p.tam_duong)
    row = stats.campaign_units[0]
    assert row.unit == p.tam_duong
    assert rows["Tổng cộng"][2] == row.figures[Measure.NEW_MEMBERS].achieved
    assert rows["Tổng cộng"][5] == row.figures[Measure.NEW_MEMBERS].women


def test_staff_download_any_units_table_and_a_reporter_gets_404_for_another_unit(client, reports):
    p = reports
    assert download(client, p.staff, "reporting:unit_synthesis_xlsx", [p.federation.pk]).status_code == 200
    assert download(client, p.reporter_tan_phong, "reporting:unit_synthesis_xlsx", [p.tam_duong.pk]).status_code == 404
    assert download(client, p.reporter_tam_duong, "reporting:unit_synthesis_xlsx", [p.tan_phong.pk]).status_code == 404
    assert download(client, p.staff, "reporting:unit_synthesis_xlsx", [p.tea.pk]).status_code == 404  # a grassroots union
    bad = download(client, p.reporter_tan_phong, "reporting:unit_synthesis_xlsx", [p.tan_phong.pk], as_of="32/07/2025")
    assert bad.status_code == 400


def test_the_federations_table_lists_only_the_unions_directly_under_it(client, reports):
    p = reports
    ws = sheet(download(client, p.staff, "reporting:unit_synthesis_xlsx", [p.federation.pk]), UNIT_SHEET)
    rows = rows_by_label(ws, UNIT_FIRST_ROW, label_column=3)
    assert list(rows)[:2] == ["CĐCS Công ty Thủy điện Nậm Na", "Kết nạp trực tiếp tại công đoàn cấp trên"]
    assert rows["CĐCS Công ty Thủy điện Nậm Na"] == (None, 7, 7, None, 3, 3, None, 0, 0, None, 1, 1, None, 1, 1)
    assert rows["Tổng cộng"] == rows["CĐCS Công ty Thủy điện Nậm Na"]
