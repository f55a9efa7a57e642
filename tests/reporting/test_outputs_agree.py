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


def test_the_dashboard_the_pdf_and_the_excel_file_agree(client, province, tmp_path):
    hand_computed(province)
    client.force_login(province.board)

    stats = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW}).context["stats"]
    dashboard = {f.measure: (f.target, f.achieved) for f in stats.whole}
    assert dashboard[Measure.NEW_MEMBERS] == (260, 37)

    # Excel: the province total row holds the same figures.
    xlsx = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": TOMORROW})
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    total_row = next(row for row in ws.iter_rows() if any(c.value == "TỔNG CỘNG TOÀN TỈNH" for c in row))
    header = {c.column: c.value for c in ws[6]}
    groups = {c.column: c.value for c in ws[5] if c.value}
    totals = {}
    group = None
    for cell in total_row:
        group = groups.get(cell.column, group)
        if header.get(cell.column) in ("Chỉ tiêu", "Tổng"):
            totals[(group, header[cell.column])] = cell.value
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
