"""The campaign's numbers on a small data set computed by hand (reporting/stats.py)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaign.models import Measure
from reporting.services import report_return
from reporting.stats import campaign_stats
from tests.conftest import module_data

from .builders import hand_computed_province

# Every test here reads the hand-computed reports: built once for the module.
_province_data = module_data(hand_computed_province, "_province_data")

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.fixture
def stats(province):
    return campaign_stats(province.campaign, province.federation, as_of=TOMORROW)


def values(figures):
    return {f.measure: (f.target, f.achieved) for f in figures}


def test_the_whole_campaign_against_its_targets(stats):
    assert values(stats.whole) == {
        Measure.NEW_MEMBERS: (260, 37),
        Measure.NEW_GRASSROOTS: (2, 0),
        Measure.PARTY_INTRODUCED: (None, 5),
        Measure.PARTY_ADMITTED: (None, 3),
    }
    members = stats.figure(Measure.NEW_MEMBERS)
    assert members.women == 12
    assert members.percent == Decimal("14.2")


def test_each_wave_counts_the_units_that_reported_in_it(stats):
    may, july = stats.waves
    assert [r.unit.name for r in may.units] == ["LĐLĐ huyện Phong Thổ", "LĐLĐ huyện Tam Đường"]
    assert [r.unit.name for r in july.units] == ["Công đoàn phường Tân Phong", "Liên đoàn Lao động tỉnh Lai Châu"]
    assert values(may.figures)[Measure.NEW_MEMBERS] == (200, 24)
    assert values(july.figures)[Measure.NEW_MEMBERS] == (60, 13)
    by_unit = {r.unit.name: (r.main.target, r.main.achieved, r.main.percent, r.rank) for r in may.units}
    assert by_unit == {"LĐLĐ huyện Tam Đường": (120, 18, 15.0, 1), "LĐLĐ huyện Phong Thổ": (80, 6, 7.5, 2)}


def test_a_draft_never_counts_and_drafts_pending_are_counted(stats):
    assert stats.drafts_pending == 1
    assert stats.figure(Measure.NEW_MEMBERS).achieved == 37  # not 87


def test_a_finished_wave_projects_what_it_achieved_and_flags_units_short_of_target(stats):
    tam_duong = next(r for r in stats.waves[0].units if r.unit.name == "LĐLĐ huyện Tam Đường")
    assert tam_duong.projected == 18 and tam_duong.on_track is False


def test_the_pace_so_far_is_projected_to_the_end_of_a_running_wave(province):
    mid_may = campaign_stats(province.campaign, province.federation, as_of=datetime.date(2025, 5, 10))
    assert mid_may.waves[0].elapsed_days == 10
    # Nothing was submitted by 10/05/2025 (the reports were filed today), so nothing counts yet.
    assert mid_may.figure(Measure.NEW_MEMBERS).achieved == 0


def test_as_of_a_day_before_the_reports_nothing_counts_and_today_everything_does(province):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert campaign_stats(province.campaign, province.federation, as_of=yesterday).figure(Measure.NEW_MEMBERS).achieved == 0
    assert campaign_stats(province.campaign, province.federation, as_of=TOMORROW).figure(Measure.NEW_MEMBERS).achieved == 37


def test_a_report_returned_today_still_counts_as_of_the_day_before(province):
    from django.db.models import F

    from reporting.models import Report, ReportLine

    # Everything so far happened two days ago.
    two_days = datetime.timedelta(days=2)
    Report.history.update(history_date=F("history_date") - two_days)
    ReportLine.history.update(history_date=F("history_date") - two_days)
    report_return(report=Report.objects.get(unit=province.tan_phong), user=province.board, reason="Kiểm tra lại")
    yesterday = campaign_stats(province.campaign, province.federation, as_of=timezone.localdate() - datetime.timedelta(days=1))
    today = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert yesterday.figure(Measure.NEW_MEMBERS).achieved == 37
    assert today.figure(Measure.NEW_MEMBERS).achieved == 37 - 9
    assert today.discipline_total.returned == 1


def test_reporting_discipline_counts_units_only_for_the_periods_they_existed_in(stats):
    by_unit = {d.unit.name: d for d in stats.discipline}
    tam_duong = by_unit["LĐLĐ huyện Tam Đường"]
    # May: 5 weeks and the month, and the half-year (it was active on 30/06/2025).
    assert tam_duong.expected == 7
    assert (tam_duong.on_time + tam_duong.late, tam_duong.missing) == (2, 5)
    ward = by_unit["Công đoàn phường Tân Phong"]
    assert ward.expected == 5 + 1 + 1 + 1  # July weeks, July, the year, the final report
    for row in stats.discipline:
        assert row.rate is None or row.rate <= 100


def test_the_late_and_on_time_split_follows_the_due_time(stats):
    assert stats.discipline_total.late == 1
    assert stats.discipline_total.on_time == 4
    assert {d.unit.name: d.late for d in stats.discipline}["LĐLĐ huyện Phong Thổ"] == 1


def test_figures_break_down_by_sector(stats):
    by_sector = {row.sector: row.values["new_members"] for row in stats.sectors}
    assert by_sector["non_state"] == 20  # Chè 10 + 3 + 7
    assert by_sector["public_unit"] == 5
    assert by_sector["state"] == 10  # Thủy điện 6 + 4
    assert by_sector[""] == 2  # admitted directly
    assert sum(by_sector.values()) == 37


def test_a_union_recorded_without_a_report_counts_only_once_the_board_confirms_it(province):
    from reporting.foundings import founding_confirm
    from tests.factories import make_grassroots

    union = make_grassroots(
        province.tan_phong, name="CĐCS Công ty TNHH Mây tre Tân Phong", active_from=datetime.date(2025, 7, 9),
        recognition_date=datetime.date(2025, 7, 9), recognition_decision="12/QĐ-CĐ", founding_members=7,
    )
    before = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert before.new_grassroots == []
    assert before.figure(Measure.NEW_MEMBERS).achieved == 37

    founding_confirm(campaign=province.campaign, union=union, user=province.board)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert [(g.name, g.recognition_decision, g.reported_by.name) for g in stats.new_grassroots] == [
        ("CĐCS Công ty TNHH Mây tre Tân Phong", "12/QĐ-CĐ", "Công đoàn phường Tân Phong"),
    ]
    assert values(stats.waves[1].figures)[Measure.NEW_GRASSROOTS] == (None, 1)
    # Its founders count with it, as new members of the ward in July.
    assert stats.figure(Measure.NEW_MEMBERS).achieved == 37 + 7
    assert values(stats.waves[1].figures)[Measure.NEW_MEMBERS] == (60, 13 + 7)
    # Confirmed today: as of yesterday it did not count yet.
    yesterday = campaign_stats(province.campaign, province.federation, as_of=timezone.localdate() - datetime.timedelta(days=1))
    assert yesterday.new_grassroots == []


def test_the_cumulative_series_adds_up_week_by_week(stats):
    cumulative = [p.cumulative["new_members"] for p in stats.weeks]
    assert cumulative == [15, 18, 18, 24, 24, 24, 37, 37, 37, 37]


def _count_queries(province):
    with CaptureQueriesContext(connection) as ctx:
        campaign_stats(province.campaign, province.federation)
    return len(ctx.captured_queries)


def test_the_numbers_take_the_same_number_of_queries_for_10_and_70_units(province):
    from campaign.models import Measure as M
    from campaign.services import target_set
    from tests.factories import make_grassroots, make_superior

    wave1 = province.campaign.waves.get(number=1)

    def grow(n):
        for i in range(n):
            unit = make_superior(province.federation, name=f"LĐLĐ thử {i:03d}", code=f"T{len(str(i))}{i:03d}{n}")
            make_grassroots(unit, name=f"CĐCS thử {i:03d}")
            target_set(campaign=province.campaign, unit=unit, measure=M.NEW_MEMBERS, value=10, wave=wave1)

    grow(6)
    small = _count_queries(province)
    grow(60)
    large = _count_queries(province)
    assert small == large
