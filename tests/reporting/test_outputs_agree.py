"""The dashboard, the final report (PDF) and the synthesis table (Excel) give the
same numbers, because they read the same selector (reporting.stats)."""

import datetime
import io
import subprocess

import openpyxl
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure

from .builders import hand_computed

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


def xlsx_rows(client):
    """The synthesis table downloaded as of tomorrow: a reader of one row by its label,
    as {(measure heading, column heading): value}."""
    xlsx = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": TOMORROW})
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
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


def test_the_dashboard_the_pdf_and_the_excel_file_agree(client, province, tmp_path):
    hand_computed(province)
    client.force_login(province.board)

    stats = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW}).context["stats"]
    dashboard = {f.measure: (f.target, f.achieved) for f in stats.whole}
    assert dashboard[Measure.NEW_MEMBERS] == (260, 37)

    # Excel: the province total row holds the same figures.
    totals = xlsx_rows(client)("TỔNG CỘNG TOÀN TỈNH")
    assert totals[("Kết nạp đoàn viên mới", "Tổng")] == dashboard[Measure.NEW_MEMBERS][1]
    assert totals[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == dashboard[Measure.NEW_MEMBERS][0]
    assert totals[("Giới thiệu cho Đảng", "Tổng")] == dashboard[Measure.PARTY_INTRODUCED][1]
    assert totals[("Được kết nạp Đảng", "Tổng")] == dashboard[Measure.PARTY_ADMITTED][1]

    # PDF: the generated sentence states the same numbers.
    pdf = client.get(reverse("reporting:final_pdf"), {"as_of": TOMORROW})
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Kết nạp 37 đoàn viên mới (trong đó 12 nữ), đạt 14,2% chỉ tiêu (260 đoàn viên)" in flat


def test_they_agree_across_the_restructuring_with_both_kinds_of_targets_and_new_unions(client, province, tmp_path):
    """The hand-computed province, plus: the province's own target (300 new members, 3 new
    unions), a target for the federation's own row in July (15), a union registered from
    Tân Phong's July report (6 founders) and one recorded in June and confirmed by the board
    (8 founders, under Tam Đường, between the waves)."""
    import datetime as dt

    from campaign.models import TargetScope
    from campaign.services import target_set
    from reporting.models import Report
    from reporting.foundings import founding_confirm, grassroots_register
    from reporting.services import report_return, report_submit
    from tests.factories import make_grassroots

    hand_computed(province)
    wave2 = province.campaign.waves.get(number=2)
    target_set(campaign=province.campaign, unit=province.federation, measure=Measure.NEW_MEMBERS, value=300)
    target_set(campaign=province.campaign, unit=province.federation, measure=Measure.NEW_GRASSROOTS, value=3)
    target_set(campaign=province.campaign, unit=province.federation, measure=Measure.NEW_MEMBERS, value=15,
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

    stats = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW}).context["stats"]
    dashboard = {f.measure: (f.target, f.achieved) for f in stats.whole}
    assert dashboard[Measure.NEW_MEMBERS] == (300, 37 + 6 + 8)
    assert dashboard[Measure.NEW_GRASSROOTS] == (3, 2)
    july = {f.measure: (f.target, f.achieved) for f in stats.waves[1].figures}
    assert july[Measure.NEW_MEMBERS] == (60 + 15, 13 + 6)

    cells = xlsx_rows(client)
    total = cells("TỔNG CỘNG TOÀN TỈNH")
    assert total[("Kết nạp đoàn viên mới", "Tổng")] == dashboard[Measure.NEW_MEMBERS][1]
    assert total[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == 300
    assert total[("Thành lập CĐCS", "Tổng")] == 2 and total[("Thành lập CĐCS", "Chỉ tiêu")] == 3
    assert total[("Kết nạp đoàn viên mới", "Ngoài các đợt")] == 8
    assert cells("Cộng nhóm II")[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == 75
    assert cells("Liên đoàn Lao động tỉnh Lai Châu")[("Kết nạp đoàn viên mới", "Chỉ tiêu")] == 15
    district = cells("LĐLĐ huyện Tam Đường")
    assert district[("Kết nạp đoàn viên mới", "Tổng")] == 18 + 8
    assert district[("Thành lập CĐCS", "Ngoài các đợt")] == 1
    # Each row, group and total adds up across its columns.
    for label in ("LĐLĐ huyện Tam Đường", "Cộng nhóm I", "Cộng nhóm II", "TỔNG CỘNG TOÀN TỈNH"):
        row = cells(label)
        parts = [row[("Kết nạp đoàn viên mới", h)] or 0 for h in ("Đợt 1", "Đợt 2", "Ngoài các đợt")]
        assert sum(parts) == row[("Kết nạp đoàn viên mới", "Tổng")], label

    pdf = client.get(reverse("reporting:final_pdf"), {"as_of": TOMORROW})
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Kết nạp 51 đoàn viên mới (trong đó 12 nữ), đạt 17,0% chỉ tiêu (300 đoàn viên)" in flat
    assert "Thành lập 2 công đoàn cơ sở, đạt 66,7% chỉ tiêu (3 công đoàn cơ sở)" in flat
    # Both new unions are listed with their decisions (names wrap inside the table's cells).
    assert "52/QĐ-LĐLĐ 15/06/2025 8" in flat and "15/QĐ-CĐ 10/07/2025 6" in flat
