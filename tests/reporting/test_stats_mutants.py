"""Survivors of mutmut over reporting/stats.py after its rewrite for speed (each report's
totals kept in ``Report.totals``, several campaigns read at once by ``_read_many``).

Each test pins, with numbers computed by hand, a rule that no other test held:

- a unit's figures by grassroots union reuse the dashboard's reading only when it is
  that unit's, as of that day (given another unit's or another day's, they read their
  own), and then read less;
- a line set back to zero (removed) no longer stands in a union's figures, and a union's
  figures as of a day are its lines as they were then (not as corrected since);
- the lines behind a figure mark the new union a report registered ("thành lập mới");
- a union confirmed by the board stands behind the figure of its union, its wave and its
  sector, whichever unions were confirmed before it;
- a report due at the very end of the day read is due that day;
- a unit that starts reporting in the middle of a wave comes after those reporting from
  its start, in the wave's table as in the campaign's.
"""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure
from reporting.foundings import founding_confirm, grassroots_register
from reporting.models import Founding, Report, ReportLine
from reporting.selectors import DIRECT_KEY
from reporting.services import report_return, report_save, report_submit
from reporting.stats import campaign_stats, end_of_day, grassroots_figures, traced_lines
from tests.factories import make_grassroots

from .builders import ZERO, file_week, hand_computed, week

D = datetime.date
TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
YESTERDAY = TODAY - datetime.timedelta(days=1)
AS_OF = TOMORROW.strftime("%d/%m/%Y")


@pytest.fixture
def board(client, province):
    client.force_login(province.board)
    return client


def members_by_union(rows) -> list[tuple[str, int]]:
    """(grassroots code or DIRECT_KEY, new members) of ``grassroots_figures``' rows."""
    return [(row.key, row.total["new_members"]) for row in rows]


def history_back(days: int) -> None:
    """Move every report's, line's and founding's history ``days`` back (their order kept)."""
    for model in (Report, ReportLine, Founding):
        model.history.update(history_date=F("history_date") - datetime.timedelta(days=days))


def confirmed(province, parent, *, code: str, name: str, day: datetime.date, founders: int, sector="non_state"):
    """A grassroots union recognised on ``day`` under ``parent``, recorded without a report
    and confirmed by the board."""
    union = make_grassroots(parent, name=name, code=code, sector=sector, active_from=day, recognition_date=day,
                            recognition_decision=f"{code}/QĐ-LĐLĐ", founding_members=founders)
    founding_confirm(campaign=province.campaign, union=union, user=province.board)
    return union


# ---------------------------------------------------------------------------
# A unit's figures by grassroots union, and the dashboard's reading they reuse


def test_figures_by_union_given_another_units_figures_are_still_the_units_own(province):
    """Tân Phong's unions: Chè 7, direct 2 — not Tam Đường's (Chè 13, Trường 5), whose
    figures were handed over."""
    hand_computed(province)
    tam_duong = campaign_stats(province.campaign, province.tam_duong, as_of=TOMORROW, own_row=True)
    rows = grassroots_figures(province.campaign, province.tan_phong, as_of=TOMORROW, stats=tam_duong)
    assert members_by_union(rows) == [("CS0001", 7), (DIRECT_KEY, 2)]


def test_figures_by_union_given_another_days_figures_are_those_of_the_day_asked(province):
    """As of yesterday nothing was in yet; as of tomorrow Tam Đường has Chè 13, Trường 5."""
    hand_computed(province)
    yesterday = campaign_stats(province.campaign, province.tam_duong, as_of=YESTERDAY, own_row=True)
    assert yesterday.figure(Measure.NEW_MEMBERS).achieved == 0
    rows = grassroots_figures(province.campaign, province.tam_duong, as_of=TOMORROW, stats=yesterday)
    assert members_by_union(rows) == [("CS0001", 13), ("CS0002", 5)]


def test_figures_by_union_given_the_units_own_figures_read_only_the_lines(province):
    """The drill-down hands its row's figures over: the reading is not done twice."""
    hand_computed(province)
    stats = campaign_stats(province.campaign, province.tam_duong, as_of=TOMORROW, own_row=True)
    with CaptureQueriesContext(connection) as alone:
        expected = grassroots_figures(province.campaign, province.tam_duong, as_of=TOMORROW)
    with CaptureQueriesContext(connection) as reusing:
        rows = grassroots_figures(province.campaign, province.tam_duong, as_of=TOMORROW, stats=stats)
    assert members_by_union(rows) == members_by_union(expected) == [("CS0001", 13), ("CS0002", 5)]
    assert len(reusing) < len(alone)  # the lines and their unions only (2 queries, 7 alone)


def test_a_line_set_back_to_zero_leaves_the_unions_figures_and_the_lines(province, board):
    """Tam Đường's week 1 saved with Chè 10 and Trường 5, then Chè set back to 0, submitted:
    only Trường 5, in the drill-down's union table, the dashboard and the lines behind it."""
    staff = province.staff
    report = file_week(province, province.tam_duong, D(2025, 5, 2), staff, submit=False,
                       CS0001={"new_members": 10}, CS0002={"new_members": 5})
    report = report_save(report=report, user=staff, version=report.version,
                         figures={"CS0001": ZERO, "CS0002": {**ZERO, "new_members": 5}})
    report_submit(report=report, user=staff, version=report.version)

    rows = grassroots_figures(province.campaign, province.tam_duong, as_of=TOMORROW)
    assert members_by_union(rows) == [("CS0002", 5)]
    response = board.get(reverse("reporting:dashboard"), {"as_of": AS_OF, "unit": province.tam_duong.pk})
    assert response.context["stats"].figure(Measure.NEW_MEMBERS).achieved == 5
    assert [r.key for r, _waves in response.context["grassroots"].object_list] == ["CS0002"]
    lines = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "unit": province.tam_duong.pk})
    assert [(line.grassroots.code, line.values["new_members"]) for line in lines.context["lines"]] == [("CS0002", 5)]


def test_a_unions_figures_as_of_a_day_are_its_lines_then_not_as_corrected_since(province, board):
    """Tam Đường's week 1 submitted two days ago with Chè 10; today returned and resubmitted
    with Chè 12. As of yesterday: 10 everywhere (dashboard, union table, lines); as of tomorrow: 12."""
    staff = province.staff
    report = file_week(province, province.tam_duong, D(2025, 5, 2), staff, CS0001={"new_members": 10})
    history_back(2)
    report = report_return(report=report, user=staff, reason="Kiểm tra lại số liệu")
    report = report_save(report=report, user=staff, version=report.version, figures={"CS0001": {**ZERO, "new_members": 12}})
    report_submit(report=report, user=staff, version=report.version)

    for day, expected in ((YESTERDAY, 10), (TOMORROW, 12)):
        stats = campaign_stats(province.campaign, province.tam_duong, as_of=day, own_row=True)
        assert stats.figure(Measure.NEW_MEMBERS).achieved == expected
        rows = grassroots_figures(province.campaign, province.tam_duong, as_of=day, stats=stats)
        assert members_by_union(rows) == [("CS0001", expected)], day
        lines = board.get(reverse("reporting:figure_lines"),
                          {"as_of": day.strftime("%d/%m/%Y"), "unit": province.tam_duong.pk})
        assert [line.values["new_members"] for line in lines.context["lines"]] == [expected], day


# ---------------------------------------------------------------------------
# The lines behind a figure


def test_the_line_of_a_union_registered_in_its_report_is_marked_new(province, board, july_week):
    """Tân Phong registers a union of 12 founders in its week 07–13/07/2025 and submits:
    its line behind the ward's figures is the new union's, tagged "thành lập mới"."""
    union = grassroots_register(
        unit=province.tan_phong, period=july_week, user=province.reporter_tan_phong,
        name="CĐCS Công ty TNHH May Tân Phong", sector="non_state", recognition_decision="31/QĐ-CĐ",
        recognition_date=D(2025, 7, 9), founding_members=12,
    )
    report = Report.objects.get(unit=province.tan_phong, period=july_week)
    report_submit(report=report, user=province.reporter_tan_phong, version=report.version)

    response = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "unit": province.tan_phong.pk})
    (line,) = response.context["lines"]
    assert (line.grassroots, line.values["new_members"], line.founded) == (union, 12, union)
    assert '<span class="tag new">thành lập mới</span>' in response.content.decode()
    (traced,) = traced_lines(province.campaign, province.federation, as_of=TOMORROW)
    assert traced.founded == union


def test_a_confirmed_union_stands_behind_its_unions_figure_after_another_confirmed_one(province, board):
    """Two unions confirmed by the board under Tam Đường, recognised 06/05 (6 founders) and
    20/05/2025 (9 founders): the lines of the second are its 9 founders."""
    confirmed(province, province.tam_duong, code="CS0007", name="CĐCS Công ty Mây tre Tam Đường",
              day=D(2025, 5, 6), founders=6)
    confirmed(province, province.tam_duong, code="CS0008", name="CĐCS Công ty Thủy sản Tam Đường",
              day=D(2025, 5, 20), founders=9)
    response = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "grassroots": "CS0008"})
    assert [(line.grassroots.code, line.values["new_members"]) for line in response.context["lines"]] == [("CS0008", 9)]
    assert response.context["totals"]["new_members"] == 9


def test_a_confirmed_union_stands_behind_its_waves_and_sectors_figure_after_another_ones(province, board):
    """A union confirmed under Tam Đường in May (6 founders, state sector), then one under
    Tân Phong in July (8 founders, non-state): the July wave's lines and the non-state
    sector's are the July union's 8 founders."""
    confirmed(province, province.tam_duong, code="CS0007", name="CĐCS Công ty Mây tre Tam Đường",
              day=D(2025, 5, 6), founders=6, sector="state")
    confirmed(province, province.tan_phong, code="CS0008", name="CĐCS Công ty Thủy sản Tân Phong",
              day=D(2025, 7, 9), founders=8)
    july = province.campaign.waves.get(number=2)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert stats.figure(Measure.NEW_MEMBERS, wave=july).achieved == 8
    by_wave = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "wave": july.pk})
    assert [(line.grassroots.code, line.values["new_members"]) for line in by_wave.context["lines"]] == [("CS0008", 8)]
    by_sector = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF, "sector": "non_state"})
    assert [(line.grassroots.code, line.values["new_members"]) for line in by_sector.context["lines"]] == [("CS0008", 8)]


# ---------------------------------------------------------------------------
# Reporting discipline


def test_a_report_due_at_the_very_end_of_the_day_read_is_due_that_day(province):
    """Tam Đường's week 05–11/05/2025 due at the last instant of 20/05/2025: as of that day
    it is owed (and missing), as of the day before it is not yet."""
    period = week(province, D(2025, 5, 6))
    period.due_at = end_of_day(D(2025, 5, 20))
    period.closes_at = period.due_at + datetime.timedelta(days=7)
    period.save(update_fields=["due_at", "closes_at"])

    def owed(day):
        stats = campaign_stats(province.campaign, province.federation, as_of=day)
        row = next(r for r in stats.discipline if r.unit.pk == province.tam_duong.pk)
        return period.pk in row.cells, (province.tam_duong, period) in stats.missing, period in stats.discipline_periods

    assert owed(D(2025, 5, 20)) == (True, True, True)
    assert owed(D(2025, 5, 19)) == (False, False, False)
