"""Survivors of mutmut over reporting/stats.py after its rewrite for speed (each report's
totals kept in ``Report.totals``, several campaigns read at once by ``_read_many``).

Each test pins, with numbers computed by hand, a rule that no other test held:

- a unit's figures by grassroots union reuse the dashboard's reading only when it is
  that unit's, as of that day (given another unit's or another day's, they read their
  own), and then read less;
- a line set back to zero (removed) no longer stands in a union's figures, and a union's
  figures as of a day are its lines as they were then (not as corrected since);
- a union the board confirmed for a unit owing no report counts, with that unit's row, and
  stays out of the federation's own row; one confirmed at the very end of the day read counts
  that day; one recognised on a wave's first or last day counts in that wave; one whose
  recognition date was erased counts nowhere; the dashboard says on which day it was confirmed;
- the discipline matrix's columns are in date order even when a period is made again;
- the lines behind a figure mark the new union a report registered ("thành lập mới"),
  list a confirmed union's founders on its recognition day, and keep a confirmed union
  behind the figure of its union, its wave and its sector whichever were confirmed before;
- a report due at the very end of the day read is due that day; the discipline matrix's
  columns are in date order;
- of two records of a report saved at the same instant, the last written stands (a deletion
  included); of two at different instants, the later, whichever was written last;
- a union deleted since is left out of the figures of a day it still stood;
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
from tests.factories import make_grassroots, make_superior
from unions.models import Unit
from unions.services import unit_dissolve, unit_move

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
# Unions confirmed by the board


def construction_site(province):
    """A trade union of a construction site, standing under the province from 01/06 to
    20/06/2025 only (it owes no report: no wave, nor the half-year's last day), whose union
    recognised on 10/06/2025 with 7 founders (under the province from 21/06) the board confirms."""
    site = make_superior(province.federation, name="Công đoàn Công trường Thủy điện Lai Châu", code="LC-CT",
                         active_from=D(2025, 6, 1))
    union = confirmed(province, site, code="CS0007", name="CĐCS Ban Quản lý dự án Thủy điện", day=D(2025, 6, 10),
                      founders=7)
    unit_move(unit=union, new_parent=province.federation, on=D(2025, 6, 21))
    unit_dissolve(unit=site, on=D(2025, 6, 20), successor=province.federation)


def test_a_union_confirmed_for_a_unit_owing_no_report_counts_and_brings_its_unit_in(province):
    """The construction site's union: it counts between the waves, with the site's union in
    the campaign's rows."""
    construction_site(province)

    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert (stats.figure(Measure.NEW_GRASSROOTS).achieved, stats.figure(Measure.NEW_MEMBERS).achieved) == (1, 7)
    outside = {f.measure: f.achieved for f in stats.outside}
    assert (outside[Measure.NEW_GRASSROOTS], outside[Measure.NEW_MEMBERS]) == (1, 7)
    row = next(r for r in stats.campaign_units if r.unit.code == "LC-CT")
    assert (row.figures[Measure.NEW_GRASSROOTS].achieved, row.main.achieved) == (1, 7)
    assert [g.code for g in stats.new_grassroots] == ["CS0007"]


def test_a_union_confirmed_for_a_unit_owing_no_report_stays_out_of_the_federations_own_row(province):
    """The construction site's union: the federation's own row — the unions standing
    directly under it — holds none of it, though the site stood under the federation."""
    construction_site(province)

    own = campaign_stats(province.campaign, province.federation, as_of=TOMORROW, own_row=True)
    assert [row.unit.code for row in own.campaign_units] == ["LC"]
    assert (own.figure(Measure.NEW_GRASSROOTS).achieved, own.figure(Measure.NEW_MEMBERS).achieved) == (0, 0)
    assert own.new_grassroots == []


@pytest.mark.parametrize(("parent", "day", "wave"), [("tam_duong", D(2025, 5, 31), 1), ("tan_phong", D(2025, 7, 1), 2)])
def test_a_union_confirmed_on_a_waves_first_or_last_day_counts_in_that_wave(province, parent, day, wave):
    """Recognised on the last day of May's wave (under Tam Đường), or the first of July's
    (under Tân Phong), with 6 founders: the union and its founders count in that wave, not
    between the waves."""
    confirmed(province, getattr(province, parent), code="CS0007", name="CĐCS Công ty Mây tre", day=day, founders=6)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    block = next(b for b in stats.waves if b.wave.number == wave)
    figures = {f.measure: f.achieved for f in block.figures}
    assert (figures[Measure.NEW_GRASSROOTS], figures[Measure.NEW_MEMBERS]) == (1, 6)
    assert stats.outside is None


def test_a_confirmed_union_whose_recognition_date_was_erased_no_longer_counts(province):
    """A union confirmed by the board (recognised 09/07/2025, 8 founders), whose recognition
    date someone then erased in the admin: with no day it has no wave, and counts nowhere."""
    union = confirmed(province, province.tan_phong, code="CS0007", name="CĐCS Công ty Mây tre Tân Phong",
                      day=D(2025, 7, 9), founders=8)
    Unit.objects.filter(pk=union.pk).update(recognition_date=None)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert (stats.figure(Measure.NEW_GRASSROOTS).achieved, stats.figure(Measure.NEW_MEMBERS).achieved) == (0, 0)
    assert stats.new_grassroots == []


def test_the_dashboard_says_on_which_day_the_board_confirmed_a_union(province, board):
    """The new unions' table: a union confirmed by the board reads "Ban xác nhận ngày …" with
    the day of its confirmation (set here to 21/07/2025)."""
    union = confirmed(province, province.tan_phong, code="CS0007", name="CĐCS Công ty Mây tre Tân Phong",
                      day=D(2025, 7, 9), founders=8)
    Founding.objects.filter(grassroots=union).update(confirmed_at=end_of_day(D(2025, 7, 21)))
    Founding.history.filter(grassroots=union).update(confirmed_at=end_of_day(D(2025, 7, 21)))
    page = board.get(reverse("reporting:dashboard"), {"as_of": AS_OF}).content.decode()
    assert "Ban xác nhận ngày 21/07/2025" in page


def test_a_union_confirmed_at_the_very_end_of_the_day_read_counts_that_day(province):
    """A union recognised on 09/07/2025 under Tân Phong (8 founders), confirmed by the board at
    the last instant of 20/07/2025: it counts as of 20/07, not as of 19/07."""
    union = confirmed(province, province.tan_phong, code="CS0007", name="CĐCS Công ty Mây tre Tân Phong",
                      day=D(2025, 7, 9), founders=8)
    last_instant = end_of_day(D(2025, 7, 20))
    Founding.objects.filter(grassroots=union).update(confirmed_at=last_instant)
    Founding.history.filter(grassroots=union).update(confirmed_at=last_instant, history_date=last_instant)

    def counted(day):
        stats = campaign_stats(province.campaign, province.federation, as_of=day)
        return stats.figure(Measure.NEW_GRASSROOTS).achieved, stats.figure(Measure.NEW_MEMBERS).achieved

    assert counted(D(2025, 7, 20)) == (1, 8)
    assert counted(D(2025, 7, 19)) == (0, 0)


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


def test_a_confirmed_unions_founders_are_listed_on_its_recognition_day_among_the_report_lines(province, board):
    """The hand-computed reports (weeks from 01/05, 05/05, 19/05, 07/07/2025) and a union
    recognised on 14/05/2025 under Tam Đường, confirmed by the board (6 founders): the
    province's lines are in date order, the union's founders between 05/05 and 19/05."""
    hand_computed(province)
    confirmed(province, province.tam_duong, code="CS0007", name="CĐCS Công ty Mây tre Tam Đường",
              day=D(2025, 5, 14), founders=6)
    response = board.get(reverse("reporting:figure_lines"), {"as_of": AS_OF})
    assert [(line.period.start if line.period else line.grassroots.recognition_date, line.values["new_members"])
            for line in response.context["lines"]] == [
        (D(2025, 5, 1), 10), (D(2025, 5, 1), 5), (D(2025, 5, 5), 3), (D(2025, 5, 14), 6), (D(2025, 5, 19), 6),
        (D(2025, 7, 7), 7), (D(2025, 7, 7), 2), (D(2025, 7, 7), 4),
    ]


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


def test_the_discipline_matrix_has_a_column_per_period_due_in_date_order(board):
    """As of 31/12/2025 every period but the year's is due: the matrix's columns by start
    (then end), the half-year first, then wave 1's first week, May, the final report..."""
    response = board.get(reverse("reporting:dashboard"), {"as_of": "31/12/2025"})
    columns = [p.short_label for p in response.context["stats"].discipline_periods]
    assert columns == ["6T", "T1·Đ1", "Th05", "TK", "T2·Đ1", "T3·Đ1", "T4·Đ1", "T5·Đ1",
                       "T1·Đ2", "Th07", "T2·Đ2", "T3·Đ2", "T4·Đ2", "T5·Đ2"]
    page = response.content.decode()
    headings = [page.index(f'">{label}</th>') for label in columns]
    assert headings == sorted(headings)


# ---------------------------------------------------------------------------
# The order of the rows


def test_a_wave_lists_its_units_in_the_campaign_tables_order_even_one_starting_mid_wave(province):
    """A trade union of an industrial zone set up on 12/05/2025, in the middle of the May
    wave, whose name sorts before the districts': each wave's table lists its units in the
    order of the campaign's table (the order they report), so the PDF's tables agree."""
    make_superior(province.federation, name="Công đoàn Khu công nghiệp An Lạc", code="LC-KCN",
                  active_from=D(2025, 5, 12))
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    campaign_order = [row.unit.code for row in stats.campaign_units]
    assert campaign_order == ["LC-PTHO", "LC-TDUONG", "LC-KCN", "LC-X-TPHONG", "LC"]
    for block in stats.waves:
        codes = [row.unit.code for row in block.units]
        assert codes == [code for code in campaign_order if code in codes], block.wave.number
    assert [row.unit.code for row in stats.waves[0].units] == ["LC-PTHO", "LC-TDUONG", "LC-KCN"]


# ---------------------------------------------------------------------------
# A report's state at a moment


@pytest.mark.parametrize("last_written", ["returned", "submitted"])
def test_of_two_records_of_a_report_saved_at_the_same_instant_the_last_written_stands(province, last_written):
    """Tam Đường's week of 05/05/2025 (Chè 3) submitted, then returned by the board, both
    records stamped at the same instant: the record written last decides whether its 3
    new members count (24 in wave 1 with them, 21 without)."""
    hand_computed(province)
    report = Report.objects.get(unit=province.tam_duong, period=week(province, D(2025, 5, 6)))
    report_return(report=report, user=province.board, reason="Thiếu số liệu nữ")
    records = list(report.history.order_by("history_id"))
    submitted, returned = records[-2], records[-1]
    assert (submitted.status, returned.status) == ("submitted", "returned")
    instant = submitted.history_date
    Report.history.filter(history_id=returned.history_id).update(history_date=instant)
    if last_written == "submitted":  # the returned record written first: swap the two records' numbers
        Report.history.filter(history_id=submitted.history_id).update(status="returned", version=returned.version)
        Report.history.filter(history_id=returned.history_id).update(status="submitted", version=submitted.version)
    # The record written first rewritten last: PostgreSQL then reads it after the other (a new
    # row version), so only the history number can tell which stands. (SQLite reads the
    # records by their numbers whatever is done to them.)
    Report.history.filter(history_id=submitted.history_id).update(history_change_reason=F("history_change_reason"))
    wave_1 = campaign_stats(province.campaign, province.federation, as_of=TOMORROW).waves[0]
    members = next(f for f in wave_1.figures if f.measure == Measure.NEW_MEMBERS).achieved
    assert members == (21 if last_written == "returned" else 24)


def test_of_two_records_of_a_report_the_later_by_date_stands_even_written_with_a_lower_number(province):
    """Two requests saving the same report: the one that took its time first wrote its record
    last (its history number is the higher). Tam Đường's week of 05/05/2025 (Chè 3) was
    submitted at 10:00:01 and returned at 10:00:00: the report stands submitted, its 3 new
    members count (24 in wave 1)."""
    hand_computed(province)
    report = Report.objects.get(unit=province.tam_duong, period=week(province, D(2025, 5, 6)))
    report_return(report=report, user=province.board, reason="Thiếu số liệu nữ")
    submitted, returned = list(report.history.order_by("history_id"))[-2:]
    assert (submitted.status, returned.status) == ("submitted", "returned")
    Report.history.filter(history_id=returned.history_id).update(
        history_date=submitted.history_date - datetime.timedelta(seconds=1))
    wave_1 = campaign_stats(province.campaign, province.federation, as_of=TOMORROW).waves[0]
    assert next(f for f in wave_1.figures if f.measure == Measure.NEW_MEMBERS).achieved == 24


def test_a_report_deleted_at_the_instant_of_its_last_save_does_not_count(province):
    """Tam Đường's week of 05/05/2025 (Chè 3), deleted in the same instant as it was last
    saved: its deletion is the record written last, so as of tomorrow it does not count
    (21 new members in wave 1, not 24)."""
    hand_computed(province)
    report = Report.objects.get(unit=province.tam_duong, period=week(province, D(2025, 5, 6)))
    pk, last = report.pk, report.history.order_by("history_id").last()
    report.delete()
    assert Report.history.filter(id=pk, history_type="-").update(history_date=last.history_date) == 1
    wave_1 = campaign_stats(province.campaign, province.federation, as_of=TOMORROW).waves[0]
    assert next(f for f in wave_1.figures if f.measure == Measure.NEW_MEMBERS).achieved == 21


def test_a_deleted_union_confirmed_before_counts_no_more_nor_breaks_the_figures(province):
    """A union confirmed by the board ten days ago (recognised 09/07/2025, 8 founders), deleted
    today with its founding: read as of five days ago, when its founding stood, the figures
    leave out the union that no longer exists (and do not break on it)."""
    union = confirmed(province, province.tan_phong, code="CS0007", name="CĐCS Công ty Mây tre Tân Phong",
                      day=D(2025, 7, 9), founders=8)
    history_back(10)
    Unit.objects.filter(pk=union.pk).delete()
    assert Founding.history.filter(grassroots_id=union.pk, history_type="-").exists()
    stats = campaign_stats(province.campaign, province.federation, as_of=TODAY - datetime.timedelta(days=5))
    assert (stats.figure(Measure.NEW_GRASSROOTS).achieved, stats.figure(Measure.NEW_MEMBERS).achieved) == (0, 0)
    assert stats.new_grassroots == []


def test_the_matrix_keeps_date_order_when_a_week_is_made_again_after_its_month(board, province):
    """Wave 1's first week made again (after the month of May, which shares its first day):
    the matrix's columns still go by start, then end — the week before the month."""
    from campaign.models import Period, PeriodKind
    from campaign.services import periods_generate

    Period.objects.filter(campaign=province.campaign, kind=PeriodKind.WEEK, start=D(2025, 5, 1)).delete()
    periods_generate(campaign=province.campaign)
    response = board.get(reverse("reporting:dashboard"), {"as_of": "31/12/2025"})
    columns = [p.short_label for p in response.context["stats"].discipline_periods]
    assert columns[:3] == ["6T", "T1·Đ1", "Th05"]
