"""One rule for targets (campaign.selectors.TargetBook), across the 01/07/2025
restructuring and with the federation also reporting for the unions directly
under it: a unit's row shows its own target, a group the sum of its units', the
province its own target (or the units' sum) — on the dashboard, the home page,
the PDF and the Excel table alike."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure, TargetScope
from campaign.services import target_set
from reporting.stats import campaign_stats
from tests.conftest import module_data

from .builders import hand_computed_province

# Every test here reads the hand-computed reports: built once for the module.
_province_data = module_data(hand_computed_province, "_province_data")

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
AS_OF = TOMORROW.strftime("%d/%m/%Y")


@pytest.fixture
def targets(province):
    """Besides the units' targets (May: Tam Đường 120, Phong Thổ 80; July: Tân Phong 60):
    the province's own target of 500 new members for the campaign, and 15 for the
    federation's own row in July (the unions standing directly under it)."""
    wave2 = province.campaign.waves.get(number=2)
    target_set(campaign=province.campaign, unit=province.federation, measure=Measure.NEW_MEMBERS, value=500)
    target_set(
        campaign=province.campaign, unit=province.federation, measure=Measure.NEW_MEMBERS, value=15, wave=wave2,
        scope=TargetScope.OWN,
    )
    return province


def members_target(figures):
    return figures[Measure.NEW_MEMBERS].target if isinstance(figures, dict) else next(
        f.target for f in figures if f.measure == Measure.NEW_MEMBERS
    )


def test_the_province_total_shows_the_provinces_target_and_each_row_its_own(targets):
    stats = campaign_stats(targets.campaign, targets.federation, as_of=TOMORROW)
    assert members_target(stats.whole) == 500
    may, july = stats.waves
    assert members_target(may.figures) == 120 + 80  # no province target for May: the units' sum
    assert members_target(july.figures) == 60 + 15
    rows = {r.unit.code: members_target(r.figures) for r in july.units}
    assert rows == {"LC-X-TPHONG": 60, "LC": 15}
    whole_rows = {r.unit.code: members_target(r.figures) for r in stats.campaign_units}
    assert whole_rows == {"LC-TDUONG": 120, "LC-PTHO": 80, "LC-X-TPHONG": 60, "LC": 15}


def test_the_federations_row_has_no_target_unless_one_is_set_for_it(province):
    target_set(campaign=province.campaign, unit=province.federation, measure=Measure.NEW_MEMBERS, value=500)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    federation = next(r for r in stats.waves[1].units if r.unit == province.federation)
    assert federation.main.target is None and federation.main.percent is None
    assert members_target(stats.waves[1].figures) == 60
    assert members_target(stats.whole) == 500


def test_a_province_target_for_a_wave_is_that_waves_total_and_leaves_the_rows_alone(targets):
    wave2 = targets.campaign.waves.get(number=2)
    target_set(campaign=targets.campaign, unit=targets.federation, measure=Measure.NEW_MEMBERS, value=100, wave=wave2)
    stats = campaign_stats(targets.campaign, targets.federation, as_of=TOMORROW)
    assert members_target(stats.waves[1].figures) == 100
    assert {r.unit.code: members_target(r.figures) for r in stats.waves[1].units} == {"LC-X-TPHONG": 60, "LC": 15}


def test_the_federations_drill_down_shows_its_own_row_and_target(client, targets):
    client.force_login(targets.board)
    stats = client.get(reverse("reporting:dashboard"), {"unit": targets.federation.pk, "as_of": AS_OF}).context["stats"]
    members = stats.figure(Measure.NEW_MEMBERS)
    # Its own row: the 4 members of the union directly under it in July, against 15.
    assert (members.achieved, members.target) == (4, 15)
    assert [r.unit for r in stats.campaign_units] == [targets.federation]


def test_the_home_page_shows_the_provinces_targets_not_every_units_added_up(client, targets):
    client.force_login(targets.staff)
    table = {row["measure"]: (row["whole"], row["per_wave"]) for row in client.get(reverse("home")).context["targets"]}
    assert table[Measure.NEW_MEMBERS] == (500, [200, 75])
    assert table[Measure.NEW_GRASSROOTS] == (2, [2, None])


def test_the_synthesis_table_shows_rows_groups_and_the_province_by_the_same_rule(client, targets):
    client.force_login(targets.board)
    response = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": AS_OF})
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    target_of = {row[1].value: row[2].value for row in ws.iter_rows(min_row=7) if row[1].value}
    assert target_of["Liên đoàn Lao động tỉnh Lai Châu"] == 15
    assert target_of["Công đoàn phường Tân Phong"] == 60
    assert target_of["Cộng nhóm I"] == 200
    assert target_of["Cộng nhóm II"] == 75  # the July group: its units' targets, not the province's
    assert target_of["TỔNG CỘNG TOÀN TỈNH"] == 500


def test_the_pdf_words_the_province_total_against_the_provinces_target(client, targets, tmp_path):
    from .test_pdf import flat, text_of

    client.force_login(targets.board)
    path = tmp_path / "report.pdf"
    path.write_bytes(client.get(reverse("reporting:final_pdf"), {"as_of": AS_OF}).content)
    assert "Kết nạp 37 đoàn viên mới (trong đó 12 nữ), đạt 7,4% chỉ tiêu (500 đoàn viên)." in flat(text_of(path))


def test_only_the_federation_has_a_target_for_its_own_row(province):
    with pytest.raises(ValidationError) as error:
        target_set(
            campaign=province.campaign, unit=province.tan_phong, measure=Measure.NEW_MEMBERS, value=10,
            scope=TargetScope.OWN,
        )
    assert "Chỉ LĐLĐ tỉnh mới có chỉ tiêu riêng" in str(error.value)
