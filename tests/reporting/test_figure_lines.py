"""Where a number comes from: every figure of the dashboard leads to the report
lines behind it (unit → grassroots union → report → history), read by the same
rule as the figure, so they add up to it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure
from reporting.selectors import DIRECT_KEY
from reporting.stats import campaign_stats, traced_lines
from tests.conftest import module_data

from .builders import hand_computed_province

# Every test here reads the hand-computed reports: built once for the module.
_province_data = module_data(hand_computed_province, "_province_data")

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
AS_OF = TOMORROW.strftime("%d/%m/%Y")


@pytest.fixture
def board(client, province):
    client.force_login(province.board)
    return client


def hrefs(html: str) -> list[str]:
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', html)]


def test_the_lines_behind_each_figure_add_up_to_it(province):
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    lines = traced_lines(province.campaign, province.federation, as_of=TOMORROW)
    assert sum(line.values["new_members"] for line in lines) == stats.figure(Measure.NEW_MEMBERS).achieved == 37
    for block in stats.waves:
        for row in block.units:
            own = traced_lines(province.campaign, row.unit, as_of=TOMORROW, own_row=True, wave_id=block.wave.pk)
            assert sum(line.values["new_members"] for line in own) == row.main.achieved, row.unit
    # The draft of Phong Thổ (50) is not among them.
    assert all(line.status in ("submitted", "approved") for line in lines)


def test_from_the_dashboard_to_a_reports_history_in_three_clicks(board, province):
    # 1. The dashboard: the unit's row.
    page = board.get(reverse("reporting:dashboard"), {"as_of": AS_OF}).content.decode()
    unit_link = next(h for h in hrefs(page) if f"unit={province.tam_duong.pk}" in h and "bang-dieu-khien/?" in h)
    # 2. The unit's drill-down: the grassroots union's row.
    page = board.get(unit_link).content.decode()
    union_link = next(h for h in hrefs(page) if "nguon-so-lieu" in h and "grassroots=CS0001" in h)
    # 3. The lines of that union: each report, and its history.
    response = board.get(union_link)
    assert response.status_code == 200
    lines = response.context["lines"]
    assert [(line.period.start, line.values["new_members"]) for line in lines] == [
        (datetime.date(2025, 5, 1), 10), (datetime.date(2025, 5, 5), 3),
    ]
    page = response.content.decode()
    history = reverse("reporting:history", args=[province.tam_duong.pk, lines[0].period.pk])
    assert history in page
    assert board.get(history).status_code == 200


def test_a_figure_of_the_province_or_a_wave_opens_its_lines(board, province):
    wave2 = province.campaign.waves.get(number=2)
    response = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "wave": wave2.pk})
    assert sum(line.values["new_members"] for line in response.context["lines"]) == 13
    assert response.context["totals"]["new_members"] == 13
    direct = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "grassroots": DIRECT_KEY})
    assert [line.values["new_members"] for line in direct.context["lines"]] == [2]
    by_sector = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "sector": "state"})
    assert by_sector.context["totals"]["new_members"] == 10


def test_as_of_an_earlier_day_the_lines_are_those_counted_then(board):
    response = board.get(reverse("reporting:figure_lines"), {"as_of": "20/07/2025"})
    assert response.context["count"] == 0
    assert "Không có dòng báo cáo nào được tính." in response.content.decode()


def test_the_federations_own_row_holds_only_the_unions_directly_under_it(board, province):
    stats = board.get(reverse("reporting:dashboard"), {"as_of": AS_OF, "unit": province.federation.pk}).context["stats"]
    assert stats.figure(Measure.NEW_MEMBERS).achieved == 4  # Thủy điện, under the province from 01/07
    response = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "unit": province.federation.pk})
    assert [(line.grassroots.code, line.values["new_members"]) for line in response.context["lines"]] == [("CS0003", 4)]


def test_a_reporter_traces_their_own_unit_and_nothing_else(client, province):
    client.force_login(province.reporter_tan_phong)
    own = client.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "unit": province.tan_phong.pk})
    assert own.status_code == 200 and own.context["totals"]["new_members"] == 9
    assert client.get(reverse("reporting:figure_lines"), {"unit": province.tam_duong.pk}).status_code == 404
    assert client.get(reverse("reporting:figure_lines")).status_code == 403
    assert client.get(reverse("reporting:figure_lines"), {"unit": "x"}).status_code == 404


def test_the_rank_column_is_in_rank_order(board, province):
    response = board.get(reverse("reporting:dashboard"), {"as_of": AS_OF})
    may = response.context["stats"].waves[0]
    assert [r.rank for r in may.ranked] == sorted(r.rank for r in may.units)
    page = response.content.decode()
    section = page[page.index("Đợt 1 (01/05/2025"):page.index("Đợt 2 (01/07/2025")]
    assert section.index("LĐLĐ huyện Tam Đường") < section.index("LĐLĐ huyện Phong Thổ")  # rank 1 before rank 2


def test_a_running_wave_forecasts_and_a_finished_one_says_whether_the_target_was_reached(board, province):
    from reporting.stats import Outcome

    over = board.get(reverse("reporting:dashboard"), {"as_of": AS_OF}).context["stats"].waves[0]
    assert {r.unit.code: r.outcome for r in over.units} == {"LC-TDUONG": Outcome.MISSED, "LC-PTHO": Outcome.MISSED}
    running = campaign_stats(province.campaign, province.federation, as_of=datetime.date(2025, 5, 20)).waves[0]
    assert not running.finished
    assert all(r.outcome in (Outcome.OFF_TRACK, None) for r in running.units)
