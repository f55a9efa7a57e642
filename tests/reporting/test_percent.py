"""Percentages are rounded half up to one decimal by one rule (stats.percent) and
written one way (numbers.percent_text): "85,3" on the dashboard, in the PDF and,
as the number 85.3, in the Excel file."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure
from campaign.services import target_set
from reporting.numbers import percent_text
from reporting.services import report_save, report_submit
from reporting.stats import percent

from .builders import ZERO, week
from .conftest import open_for_entry


@pytest.mark.parametrize(
    ("achieved", "target", "expected"),
    [
        (341, 400, "85.3"),  # 85,25 → 85,3 (binary floats and banker's rounding both give 85,2)
        (1, 8, "12.5"),
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 2000, "0.1"),  # 0,05 → 0,1
        (1, 2001, "0.0"),
        (37, 260, "14.2"),
        (5, 5, "100.0"),
        (0, 7, "0.0"),
        (12, 10, "120.0"),
    ],
)
def test_percentages_round_half_up_to_one_decimal(achieved, target, expected):
    assert percent(achieved, target) == Decimal(expected)


def test_no_target_means_no_percentage():
    assert percent(5, None) is None and percent(5, 0) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("85.3"), "85,3"), (Decimal("100"), "100,0"), (Decimal("0"), "0,0"), (Decimal("1234.5"), "1.234,5"), (None, "–")],
)
def test_percentages_are_written_with_one_decimal_and_a_comma(value, text):
    assert percent_text(value) == text


def test_the_dashboard_the_pdf_and_the_excel_file_write_85_25_as_85_3(client, province, tmp_path):
    """341 new members of a target of 400: 85,25 %."""
    from .test_pdf import flat, text_of

    wave1 = province.campaign.waves.get(number=1)
    target_set(campaign=province.campaign, unit=province.tam_duong, measure=Measure.NEW_MEMBERS, value=400, wave=wave1)
    target_set(campaign=province.campaign, unit=province.phong_tho, measure=Measure.NEW_MEMBERS, value=0, wave=wave1)
    target_set(campaign=province.campaign, unit=province.tan_phong, measure=Measure.NEW_MEMBERS, value=0,
               wave=province.campaign.waves.get(number=2))
    period = open_for_entry(week(province, datetime.date(2025, 5, 6)))
    report = report_save(
        unit=province.tam_duong, period=period, user=province.staff, version=1,
        figures={"CS0001": {**ZERO, "new_members": 341}}, warning_comment="Đợt ra quân tại khu công nghiệp.",
    )
    report_submit(report=report, user=province.staff, version=report.version)
    as_of = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    client.force_login(province.board)

    page = client.get(reverse("reporting:dashboard"), {"as_of": as_of}).content.decode()
    assert "<strong>85,3%</strong>" in page and "85,2" not in page

    path = tmp_path / "report.pdf"
    path.write_bytes(client.get(reverse("reporting:final_pdf"), {"as_of": as_of}).content)
    assert "đạt 85,3% chỉ tiêu (400 đoàn viên)" in flat(text_of(path))

    xlsx = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": as_of})
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    tam_duong = next(row for row in ws.iter_rows(min_row=7) if row[1].value == "LĐLĐ huyện Tam Đường")
    percent_cell = tam_duong[7]  # C target, D wave 1, E wave 2, F total, G women, H % achieved
    assert percent_cell.value == 85.3 and percent_cell.number_format == '0.0"%"'
