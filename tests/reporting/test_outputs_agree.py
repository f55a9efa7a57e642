"""The dashboard, the final report (PDF) and the synthesis table (Excel) give the
same numbers, because they read the same selector (reporting.stats) — and those
numbers are the ones computed by hand below, per wave and per unit, not only for
the province. Nothing expected here is read back from one of the outputs.

The hand-computed province (tests.reporting.builders.hand_computed), as of tomorrow:

  wave 1 (May)   Tam Đường   Chè 10 (4 women, 2 introduced, 1 admitted), Trường 5 (5 women), Chè 3
                             → 18 of 120 (15,0 %), 9 women; 0 of 2 new unions (0,0 %); 2 introduced, 1 admitted
                 Phong Thổ   Thủy điện 6 (1 introduced); a draft of 50 never counts
                             → 6 of 80 (7,5 %), 0 women; 1 introduced, 0 admitted
                 wave        24 of 200 (12,0 %), 9 women; 0 of 2 new unions; 3 introduced, 1 admitted
  wave 2 (July)  Tân Phong   Chè 7 (3 women), direct 2 → 9 of 60 (15,0 %), 3 women
                 federation  Thủy điện 4 (2 introduced, 2 admitted) → 4, no target
                 wave        13 of 60 (21,7 %), 3 women; 2 introduced, 2 admitted
  whole          37 of 260 (14,2 %), 12 women; 0 of 2 new unions; 5 introduced, 3 admitted
  reports        30 owed by tomorrow (Tam Đường and Phong Thổ 7 each: 5 weeks, May, the half-year;
                 Tân Phong and the federation 8 each: 5 weeks, July, the year, the final report),
                 5 sent (4 on time, 1 late) → 16,7 %; Phong Thổ 1 of 7 (14,3 %), Tam Đường 2 of 7 (28,6 %)
"""

import datetime
import io
import re
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure
from tests.conftest import module_data

from .builders import hand_computed_province

# Every test here reads the hand-computed reports: built once for the module.
_province_data = module_data(hand_computed_province, "_province_data")

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
NM, NG, PI, PA = Measure.NEW_MEMBERS, Measure.NEW_GRASSROOTS, Measure.PARTY_INTRODUCED, Measure.PARTY_ADMITTED


def xlsx_sheet(client):
    xlsx = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": TOMORROW})
    assert xlsx.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]


def xlsx_rows(client):
    """The synthesis table downloaded as of tomorrow: a reader of one row by its label,
    as {(measure heading, column heading): value}."""
    ws = xlsx_sheet(client)
    header = {c.column: c.value for c in ws[6]}
    groups = {c.column: c.value for c in ws[5] if c.value}
    group_of, group = {}, None
    for column in sorted(header):
        group = groups.get(column, group)
        group_of[column] = group

    def cells(label):
        row = next(r for r in ws.iter_rows(min_row=7) if r[1].value == label)
        return {(group_of[c.column], header[c.column]): c.value for c in row if c.column in header}

    return cells


def xlsx_table(client) -> list[tuple]:
    """The table's rows from the first group heading to the province total, as values."""
    ws = xlsx_sheet(client)
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    last = next(i for i, r in enumerate(rows) if r[1] == "TỔNG CỘNG TOÀN TỈNH")
    return [tuple(r) for r in rows[: last + 1]]


def pdf_text(client, tmp_path) -> str:
    pdf = client.get(reverse("reporting:final_pdf"), {"as_of": TOMORROW})
    assert pdf.status_code == 200
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_row(text: str, *cells: str) -> bool:
    """A line of the PDF's layout text holds these cells, in this order, apart from each other."""
    pattern = re.compile(r"(^|\s)" + r"\s+".join(re.escape(cell) for cell in cells) + r"(\s|$)", re.M)
    return bool(pattern.search(text))


def page_text(response) -> str:
    """The dashboard as a person reads it: tags dropped, spaces collapsed."""
    return flat(re.sub(r"<[^>]+>", " ", response.content.decode()))


def figures_of(figures) -> dict:
    """{measure: (target, achieved, women, percent)} of a list of figures."""
    return {f.measure: (f.target, f.achieved, f.women, f.percent) for f in figures}


def unit_rows(rows) -> dict:
    """{unit code: (rank, {measure: (target, achieved, women, percent)})} of a wave's or the campaign's rows."""
    return {r.unit.code: (r.rank, figures_of(r.figures.values())) for r in rows}


def pct(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


# ---------------------------------------------------------------------------


@pytest.fixture
def board(client, province):
    client.force_login(province.board)
    return client


def test_the_dashboard_holds_the_hand_computed_figures_per_wave_and_unit(board):
    response = board.get(reverse("reporting:dashboard"), {"as_of": TOMORROW})
    stats = response.context["stats"]
    assert figures_of(stats.whole) == {
        NM: (260, 37, 12, pct("14.2")), NG: (2, 0, None, pct("0.0")), PI: (None, 5, None, None), PA: (None, 3, None, None),
    }
    may, july = stats.waves
    assert figures_of(may.figures) == {
        NM: (200, 24, 9, pct("12.0")), NG: (2, 0, None, pct("0.0")), PI: (None, 3, None, None), PA: (None, 1, None, None),
    }
    assert figures_of(july.figures) == {
        NM: (60, 13, 3, pct("21.7")), NG: (None, 0, None, None), PI: (None, 2, None, None), PA: (None, 2, None, None),
    }
    assert unit_rows(may.units) == {
        "LC-TDUONG": (1, {NM: (120, 18, 9, pct("15.0")), NG: (2, 0, None, pct("0.0")),
                          PI: (None, 2, None, None), PA: (None, 1, None, None)}),
        "LC-PTHO": (2, {NM: (80, 6, 0, pct("7.5")), NG: (None, 0, None, None),
                        PI: (None, 1, None, None), PA: (None, 0, None, None)}),
    }
    assert unit_rows(july.units) == {
        "LC-X-TPHONG": (1, {NM: (60, 9, 3, pct("15.0")), NG: (None, 0, None, None),
                            PI: (None, 0, None, None), PA: (None, 0, None, None)}),
        "LC": (2, {NM: (None, 4, 0, None), NG: (None, 0, None, None),
                   PI: (None, 2, None, None), PA: (None, 2, None, None)}),
    }
    # Both waves are over: each row's end-of-wave figure is what it achieved.
    assert {r.unit.code: r.projected for r in (*may.units, *july.units)} == {
        "LC-TDUONG": 18, "LC-PTHO": 6, "LC-X-TPHONG": 9, "LC": 4,
    }
    whole_rows = {r.unit.code: (r.rank, r.main.target, r.main.achieved, r.main.percent) for r in stats.campaign_units}
    assert whole_rows == {
        # Tam Đường and Tân Phong both at 15,0 %: the one with more members ranks first.
        "LC-TDUONG": (1, 120, 18, pct("15.0")), "LC-X-TPHONG": (2, 60, 9, pct("15.0")),
        "LC-PTHO": (3, 80, 6, pct("7.5")), "LC": (4, None, 4, None),
    }
    by_unit = {d.unit.code: (d.expected, d.on_time, d.late, d.missing, d.rate) for d in stats.discipline}
    assert by_unit["LC-PTHO"] == (7, 0, 1, 6, pct("14.3"))
    assert by_unit["LC-TDUONG"] == (7, 2, 0, 5, pct("28.6"))
    total = stats.discipline_total
    assert (total.expected, total.on_time, total.late, total.rate) == (30, 4, 1, pct("16.7"))

    # What the page prints: each wave's figures, then its units in rank order.
    words = page_text(response)
    assert "37 / 260 · 14,2% trong đó nữ: 12" in words
    assert "24 / 200 · 12,0% trong đó nữ: 9" in words
    assert "13 / 60 · 21,7% trong đó nữ: 3" in words
    assert (
        "1 LĐLĐ huyện Tam Đường đến 30/06/2025 120 18 15,0 18 không đạt chỉ tiêu "
        "2 LĐLĐ huyện Phong Thổ đến 30/06/2025 80 6 7,5 6 không đạt chỉ tiêu"
    ) in words
    assert (
        "1 Công đoàn phường Tân Phong từ 01/07/2025 60 9 15,0 9 không đạt chỉ tiêu "
        "2 Liên đoàn Lao động tỉnh Lai Châu — 4 — 4 —"
    ) in words
    assert "Đã nộp 16,7% trong 30 báo cáo đến hạn" in words
    assert "LĐLĐ huyện Phong Thổ 7 0 1 0 6 14,3" in words and "LĐLĐ huyện Tam Đường 7 2 0 0 5 28,6" in words


def test_the_excel_table_holds_the_hand_computed_figures_per_wave_and_unit(board):
    #  STT, unit, then for each measure: target, wave 1, wave 2, total, (women), % achieved
    assert xlsx_table(board) == [
        ("I", "Các đơn vị báo cáo đến 30/06/2025", *[None] * 21),
        (1, "LĐLĐ huyện Phong Thổ", 80, 6, None, 6, 0, 7.5, None, 0, None, 0, None,
         None, 1, None, 1, None, None, 0, None, 0, None),
        (2, "LĐLĐ huyện Tam Đường", 120, 18, None, 18, 9, 15.0, 2, 0, None, 0, 0.0,
         None, 2, None, 2, None, None, 1, None, 1, None),
        (None, "Cộng nhóm I", 200, 24, None, 24, 9, 12.0, 2, 0, None, 0, 0.0,
         None, 3, None, 3, None, None, 1, None, 1, None),
        ("II", "Các đơn vị báo cáo từ 01/07/2025", *[None] * 21),
        (1, "Công đoàn phường Tân Phong", 60, None, 9, 9, 3, 15.0, None, None, 0, 0, None,
         None, None, 0, 0, None, None, None, 0, 0, None),
        (2, "Liên đoàn Lao động tỉnh Lai Châu", None, None, 4, 4, 0, None, None, None, 0, 0, None,
         None, None, 2, 2, None, None, None, 2, 2, None),
        (None, "Cộng nhóm II", 60, None, 13, 13, 3, 21.7, None, None, 0, 0, None,
         None, None, 2, 2, None, None, None, 2, 2, None),
        (None, "TỔNG CỘNG TOÀN TỈNH", 260, 24, 13, 37, 12, 14.2, 2, 0, 0, 0, 0.0,
         None, 3, 2, 5, None, None, 1, 2, 3, None),
    ]
    total = xlsx_rows(board)("TỔNG CỘNG TOÀN TỈNH")
    assert total[("Kết nạp đoàn viên mới", "Tổng")] == 37 and total[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == 260


def test_the_pdf_holds_the_hand_computed_figures_per_wave_and_unit(board, tmp_path):
    text = pdf_text(board, tmp_path)
    body = flat(text)
    # The whole campaign, then each wave, in sentences.
    assert (
        "1. Kết quả chung - Kết nạp 37 đoàn viên mới (trong đó 12 nữ), đạt 14,2% chỉ tiêu (260 đoàn viên). "
        "- Chưa thành lập được công đoàn cơ sở mới (chỉ tiêu: 2 công đoàn cơ sở). "
        "- Giới thiệu 5 đoàn viên công đoàn ưu tú cho Đảng bồi dưỡng, kết nạp. "
        "- Có 3 đoàn viên công đoàn được kết nạp vào Đảng."
    ) in body
    assert (
        "Đợt 1 (từ ngày 01/05/2025 đến ngày 31/05/2025; Tháng Công nhân) "
        "- Kết nạp 24 đoàn viên mới (trong đó 9 nữ), đạt 12,0% chỉ tiêu (200 đoàn viên). "
        "- Chưa thành lập được công đoàn cơ sở mới (chỉ tiêu: 2 công đoàn cơ sở). "
        "- Giới thiệu 3 đoàn viên công đoàn ưu tú cho Đảng bồi dưỡng, kết nạp. "
        "- Có 1 đoàn viên công đoàn được kết nạp vào Đảng."
    ) in body
    assert "- Kết nạp 13 đoàn viên mới (trong đó 3 nữ), đạt 21,7% chỉ tiêu (60 đoàn viên)." in body
    assert "- Giới thiệu 2 đoàn viên công đoàn ưu tú cho Đảng bồi dưỡng, kết nạp." in body
    # Table 1, by wave: target, achieved, % for wave 1, wave 2 and the whole campaign.
    assert pdf_row(text, "Kết nạp đoàn viên mới", "200", "24", "12,0", "60", "13", "21,7", "260", "37", "14,2")
    assert pdf_row(text, "Thành lập công đoàn cơ sở", "2", "0", "0,0", "–", "0", "–", "2", "0", "0,0")
    assert pdf_row(text, "–", "3", "–", "–", "2", "–", "–", "5", "–")  # introduced (its label wraps)
    assert pdf_row(text, "–", "1", "–", "–", "2", "–", "–", "3", "–")  # admitted
    # Tables 2.1 and 2.2, by unit (in the units' order): new members target, achieved,
    # women, %; new unions (with a target in wave 1 only); introduced; admitted.
    assert pdf_row(text, "1", "LĐLĐ huyện Phong Thổ", "80", "6", "0", "7,5", "–", "0", "–", "1", "0")
    assert pdf_row(text, "2", "LĐLĐ huyện Tam Đường", "120", "18", "9", "15,0", "2", "0", "0,0", "2", "1")
    assert pdf_row(text, "Tổng cộng", "200", "24", "9", "12,0", "2", "0", "0,0", "3", "1")
    assert pdf_row(text, "1", "Công đoàn phường Tân Phong", "60", "9", "3", "15,0", "0", "0", "0")
    assert pdf_row(text, "2", "–", "4", "0", "–", "0", "2", "2")  # the federation (its name wraps)
    assert pdf_row(text, "Tổng cộng", "60", "13", "3", "21,7", "0", "2", "2")
    # Reporting discipline.
    assert "phải gửi 30 báo cáo; đã gửi 5 báo cáo (4 đúng hạn, 1 chậm hạn), đạt 16,7%; còn 25 báo cáo chưa gửi" in body


# ---------------------------------------------------------------------------


@pytest.fixture
def restructured(client, province):
    """The hand-computed province, plus: the province's own target (300 new members, 3 new
    unions), a target for the federation's own row in July (15), a union registered from
    Tân Phong's July report (6 founders) and one recorded in June and confirmed by the board
    (8 founders, under Tam Đường, between the waves).

      wave 1    unchanged: Tam Đường 18 of 120, Phong Thổ 6 of 80 → 24 of 200 (12,0 %)
      wave 2    Tân Phong 9 + 6 = 15 of 60 (25,0 %), 1 new union; the federation 4 of 15 (26,7 %)
                → 19 of 75 (25,3 %), 1 new union (no wave target)
      outside   Tam Đường 8 new members, 1 new union
      whole     51 of 300 (17,0 %), 12 women; 2 new unions of 3 (66,7 %)
      rows      Tam Đường 18 + 8 = 26 of 120 (21,7 %), 1 new union of 2 (50,0 %)
    """
    import datetime as dt

    from campaign.models import TargetScope
    from campaign.services import target_set
    from reporting.foundings import founding_confirm, grassroots_register
    from reporting.models import Report
    from reporting.services import report_return, report_submit
    from tests.factories import make_grassroots

    wave2 = province.campaign.waves.get(number=2)
    target_set(campaign=province.campaign, unit=province.federation, measure=NM, value=300)
    target_set(campaign=province.campaign, unit=province.federation, measure=NG, value=3)
    target_set(campaign=province.campaign, unit=province.federation, measure=NM, value=15,
               wave=wave2, scope=TargetScope.OWN)
    report = Report.objects.get(unit=province.tan_phong, period__start=dt.date(2025, 7, 7))
    report = report_return(report=report, user=province.staff, reason="Bổ sung CĐCS mới")
    grassroots_register(
        report=report, user=province.staff, name="CĐCS Công ty Mây tre Tân Phong", sector="cooperative",
        recognition_decision="15/QĐ-CĐ", recognition_date=dt.date(2025, 7, 10), founding_members=6,
    )
    report.refresh_from_db()
    report_submit(report=report, user=province.staff, version=report.version)
    june = make_grassroots(
        province.tam_duong, name="CĐCS Công ty Thủy sản Tam Đường", active_from=dt.date(2025, 6, 15),
        recognition_date=dt.date(2025, 6, 15), recognition_decision="52/QĐ-LĐLĐ", founding_members=8,
    )
    founding_confirm(campaign=province.campaign, union=june, user=province.board)
    client.force_login(province.board)
    return client


def test_they_agree_across_the_restructuring_with_both_kinds_of_targets_and_new_unions(restructured, tmp_path):
    client = restructured

    # The dashboard.
    response = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW})
    stats = response.context["stats"]
    assert figures_of(stats.whole) == {
        NM: (300, 51, 12, pct("17.0")), NG: (3, 2, None, pct("66.7")), PI: (None, 5, None, None), PA: (None, 3, None, None),
    }
    may, july = stats.waves
    assert figures_of(may.figures)[NM] == (200, 24, 9, pct("12.0"))
    assert figures_of(may.figures)[NG] == (2, 0, None, pct("0.0"))
    assert figures_of(july.figures) == {
        NM: (75, 19, 3, pct("25.3")), NG: (None, 1, None, None), PI: (None, 2, None, None), PA: (None, 2, None, None),
    }
    assert figures_of(stats.outside) == {
        NM: (None, 8, 0, None), NG: (None, 1, None, None), PI: (None, 0, None, None), PA: (None, 0, None, None),
    }
    assert {code: (rank, f[NM], f[NG]) for code, (rank, f) in unit_rows(may.units).items()} == {
        "LC-TDUONG": (1, (120, 18, 9, pct("15.0")), (2, 0, None, pct("0.0"))),
        "LC-PTHO": (2, (80, 6, 0, pct("7.5")), (None, 0, None, None)),
    }
    # July: the federation's 4 of 15 (26,7 %) now ranks above Tân Phong's 15 of 60 (25,0 %).
    assert {code: (rank, f[NM], f[NG]) for code, (rank, f) in unit_rows(july.units).items()} == {
        "LC": (1, (15, 4, 0, pct("26.7")), (None, 0, None, None)),
        "LC-X-TPHONG": (2, (60, 15, 3, pct("25.0")), (None, 1, None, None)),
    }
    whole_rows = {r.unit.code: (r.main.target, r.main.achieved, r.figures[NG].achieved) for r in stats.campaign_units}
    assert whole_rows == {"LC-TDUONG": (120, 26, 1), "LC-PTHO": (80, 6, 0), "LC-X-TPHONG": (60, 15, 1), "LC": (15, 4, 0)}
    words = page_text(response)
    assert "51 / 300 · 17,0% trong đó nữ: 12" in words and "19 / 75 · 25,3% trong đó nữ: 3" in words
    assert (
        "1 Liên đoàn Lao động tỉnh Lai Châu 15 4 26,7 4 không đạt chỉ tiêu "
        "2 Công đoàn phường Tân Phong từ 01/07/2025 60 15 25,0 15 không đạt chỉ tiêu"
    ) in words

    # The Excel table: a column "outside the waves" joins each measure.
    cells = xlsx_rows(client)
    total = cells("TỔNG CỘNG TOÀN TỈNH")
    assert total[("Kết nạp đoàn viên mới", "Tổng")] == 51
    assert total[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == 300
    assert total[("Thành lập CĐCS", "Tổng")] == 2 and total[("Thành lập CĐCS", "Chỉ tiêu")] == 3
    assert total[("Kết nạp đoàn viên mới", "Ngoài các đợt")] == 8
    assert cells("Cộng nhóm II")[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == 75
    assert cells("Liên đoàn Lao động tỉnh Lai Châu")[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == 15
    district = cells("LĐLĐ huyện Tam Đường")
    assert district[("Kết nạp đoàn viên mới", "Tổng")] == 18 + 8
    assert district[("Thành lập CĐCS", "Ngoài các đợt")] == 1
    #  STT, unit, then for each measure: target, wave 1, wave 2, outside, total, (women), % achieved
    assert xlsx_table(client) == [
        ("I", "Các đơn vị báo cáo đến 30/06/2025", *[None] * 25),
        (1, "LĐLĐ huyện Phong Thổ", 80, 6, None, 0, 6, 0, 7.5, None, 0, None, 0, 0, None,
         None, 1, None, 0, 1, None, None, 0, None, 0, 0, None),
        (2, "LĐLĐ huyện Tam Đường", 120, 18, None, 8, 26, 9, 21.7, 2, 0, None, 1, 1, 50.0,
         None, 2, None, 0, 2, None, None, 1, None, 0, 1, None),
        (None, "Cộng nhóm I", 200, 24, None, 8, 32, 9, 16.0, 2, 0, None, 1, 1, 50.0,
         None, 3, None, 0, 3, None, None, 1, None, 0, 1, None),
        ("II", "Các đơn vị báo cáo từ 01/07/2025", *[None] * 25),
        (1, "Công đoàn phường Tân Phong", 60, None, 15, 0, 15, 3, 25.0, None, None, 1, 0, 1, None,
         None, None, 0, 0, 0, None, None, None, 0, 0, 0, None),
        (2, "Liên đoàn Lao động tỉnh Lai Châu", 15, None, 4, 0, 4, 0, 26.7, None, None, 0, 0, 0, None,
         None, None, 2, 0, 2, None, None, None, 2, 0, 2, None),
        (None, "Cộng nhóm II", 75, None, 19, 0, 19, 3, 25.3, None, None, 1, 0, 1, None,
         None, None, 2, 0, 2, None, None, None, 2, 0, 2, None),
        (None, "TỔNG CỘNG TOÀN TỈNH", 300, 24, 19, 8, 51, 12, 17.0, 3, 0, 1, 1, 2, 66.7,
         None, 3, 2, 0, 5, None, None, 1, 2, 0, 3, None),
    ]

    # The PDF.
    text = pdf_text(client, tmp_path)
    flat_text = flat(text)
    assert "Kết nạp 51 đoàn viên mới (trong đó 12 nữ), đạt 17,0% chỉ tiêu (300 đoàn viên)" in flat_text
    assert "Thành lập 2 công đoàn cơ sở, đạt 66,7% chỉ tiêu (3 công đoàn cơ sở)" in flat_text
    assert "- Kết nạp 24 đoàn viên mới (trong đó 9 nữ), đạt 12,0% chỉ tiêu (200 đoàn viên)." in flat_text
    assert (
        "- Kết nạp 19 đoàn viên mới (trong đó 3 nữ), đạt 25,3% chỉ tiêu (75 đoàn viên). "
        "- Thành lập 1 công đoàn cơ sở."
    ) in flat_text
    assert "tính theo ngày quyết định công nhận) - Kết nạp 8 đoàn viên mới. - Thành lập 1 công đoàn cơ sở." in flat_text
    assert pdf_row(text, "Kết nạp đoàn viên mới", "200", "24", "12,0", "75", "19", "25,3", "300", "51", "17,0")
    assert pdf_row(text, "Thành lập công đoàn cơ sở", "2", "0", "0,0", "–", "1", "–", "3", "2", "66,7")
    assert pdf_row(text, "2", "LĐLĐ huyện Tam Đường", "120", "18", "9", "15,0", "2", "0", "0,0", "2", "1")
    assert pdf_row(text, "1", "LĐLĐ huyện Phong Thổ", "80", "6", "0", "7,5", "–", "0", "–", "1", "0")
    assert pdf_row(text, "1", "Công đoàn phường Tân Phong", "60", "15", "3", "25,0", "1", "0", "0")
    assert pdf_row(text, "2", "15", "4", "0", "26,7", "0", "2", "2")  # the federation (its name wraps)
    assert pdf_row(text, "Tổng cộng", "75", "19", "3", "25,3", "1", "2", "2")
    # Both new unions are listed with their decisions (names wrap inside the table's cells).
    assert "52/QĐ-LĐLĐ 15/06/2025 8" in flat_text and "15/QĐ-CĐ 10/07/2025 6" in flat_text
