"""When next year's campaign exists, every page and output of an earlier one stays
reachable: the campaign is chosen (``?campaign=``), not implied. Viewers read the
figures without the board's actions."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from campaign.services import campaign_create, wave_create
from tests.conftest import module_data
from tests.factories import make_campaign_2025, make_federation

from .builders import hand_computed_province

# Every test here reads the hand-computed reports: built once for the module.
_province_data = module_data(hand_computed_province, "_province_data")

AS_OF = "31/12/2099"


@pytest.fixture
def two_years(province):
    next_year = campaign_create(
        federation=province.federation, name="Tháng cao điểm phát triển đoàn viên năm 2026", year=2026,
        plan_number="20/KH-LĐLĐ", final_report_due=datetime.date(2026, 8, 5),
    )
    wave_create(campaign=next_year, number=1, start=datetime.date(2026, 5, 1), end=datetime.date(2026, 5, 31))
    return province, next_year


def test_the_newest_campaign_is_shown_by_default_and_an_earlier_one_when_chosen(client, two_years):
    province, next_year = two_years
    client.force_login(province.board)
    default = client.get(reverse("reporting:dashboard"), {"as_of": AS_OF})
    assert default.context["campaign"] == next_year
    assert 'name="campaign"' in default.content.decode()  # the choice is offered
    earlier = client.get(reverse("reporting:dashboard"), {"as_of": AS_OF, "campaign": province.campaign.pk})
    assert earlier.context["campaign"] == province.campaign
    assert earlier.context["stats"].whole[0].achieved == 37


def test_every_output_of_the_earlier_campaign_is_downloaded_by_choosing_it(client, two_years):
    province, _next_year = two_years
    client.force_login(province.board)
    chosen = {"campaign": province.campaign.pk, "as_of": AS_OF}
    xlsx = client.get(reverse("reporting:synthesis_xlsx"), chosen)
    assert "tong-hop-thang-cao-diem-2025-den-31-12-2099" in xlsx["Content-Disposition"]
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert ws["A1"].value == "THÁNG CAO ĐIỂM PHÁT TRIỂN ĐOÀN VIÊN NĂM 2025"
    pdf = client.get(reverse("reporting:final_pdf"), chosen)
    assert pdf.status_code == 200 and "thang-cao-diem-2025-den-31-12-2099" in pdf["Content-Disposition"]
    unit_xlsx = client.get(reverse("reporting:unit_synthesis_xlsx", args=[province.tan_phong.pk]), chosen)
    assert "2025-den-31-12-2099" in unit_xlsx["Content-Disposition"]
    assert client.get(reverse("reporting:missing"), {"campaign": province.campaign.pk}).context["campaign"] == province.campaign
    assert client.get(reverse("reporting:final_edit"), {"campaign": province.campaign.pk}).context["campaign"] == province.campaign
    assert client.get(reverse("home"), {"campaign": province.campaign.pk}).context["campaign"] == province.campaign
    assert client.get(reverse("reporting:list"), {"campaign": province.campaign.pk}).context["campaign"] == province.campaign


def test_a_reporter_reads_the_earlier_campaigns_periods(client, two_years):
    province, next_year = two_years
    client.force_login(province.reporter_tan_phong)
    assert client.get(reverse("reporting:list")).context["campaign"] == next_year
    page = client.get(reverse("reporting:list"), {"campaign": province.campaign.pk})
    assert page.context["campaign"] == province.campaign
    assert "Tuần 2 đợt 2 (07/07/2025 – 13/07/2025)" in page.content.decode()


def test_another_provinces_campaign_cannot_be_chosen(client, province):
    other = make_campaign_2025(make_federation(name="LĐLĐ tỉnh Điện Biên"))
    client.force_login(province.board)
    for name in ("reporting:dashboard", "reporting:synthesis_xlsx", "reporting:final_pdf", "reporting:missing", "home"):
        assert client.get(reverse(name), {"campaign": other.pk}).status_code == 404, name
    assert client.get(reverse("reporting:dashboard"), {"campaign": "x"}).status_code == 404


def test_viewers_read_the_dashboard_and_download_the_outputs_but_manage_nothing(client, province):
    client.force_login(province.viewer)
    assert client.get(reverse("reporting:dashboard")).status_code == 200
    assert client.get(reverse("reporting:synthesis_xlsx")).status_code == 200
    assert client.get(reverse("reporting:final_pdf")).status_code == 200
    assert client.get(reverse("reporting:fingerprint_check")).status_code == 200
    assert client.get(reverse("reporting:figure_lines")).status_code == 200
    for name in ("reporting:final_edit", "reporting:missing", "reporting:foundings"):
        assert client.get(reverse(name)).status_code == 403, name
    nav = client.get(reverse("home")).content.decode()
    assert reverse("reporting:dashboard") in nav
