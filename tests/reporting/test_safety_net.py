"""A safety net for the figures engine (reporting/stats.py, reporting/validation.py,
the upload's zip check): each test pins a rule with numbers computed by hand in
the test, never read back from the code's own output, so a rebuild that changes
a number fails here.

The rules, and the mutation each test was seen to kill:

- a running wave projects the pace so far to its end (not what was achieved);
- units with the same figures share a rank, the next one skips (1, 1, 3);
- approved reports count, not only submitted ones;
- "as of" a day means the end of that day, in Asia/Ho_Chi_Minh;
- percentages are rounded half up to one decimal (85,25 → 85,3; 2/3 → 66,7);
- as many women as new members is allowed (only more is an error);
- the upload's zip check refuses a part unpacking more than 100 times its size;
- two new unions of one unit in one wave count two; a unit reporting in both waves has
  each wave's target in that wave and their sum for the campaign; the campaign's rows are
  judged on its last day (mutmut over campaign_stats).
"""

import datetime
import io
import random
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure
from campaign.services import target_set
from reporting.exports.template import template_workbook
from reporting.imports import read_upload
from reporting.models import Founding, Report, ReportLine, ReportStatus
from reporting.selectors import DIRECT_KEY, GridRow, report_rows
from reporting.services import report_approve, report_save, report_submit
from reporting.stats import Discipline, Figure, Outcome, campaign_stats, end_of_day, percent
from reporting.validation import check_rows
from tests.factories import make_grassroots, make_superior
from workbooks.archive import UploadRejected, check_archive

from .builders import ZERO, file_week, hand_computed, week

D = datetime.date
ICT = datetime.timezone(datetime.timedelta(hours=7))  # Asia/Ho_Chi_Minh has no daylight saving
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def history_moved_to(moment: datetime.datetime) -> None:
    """Move every report's, line's and founding's history back in time so that the
    last change happened at ``moment`` (the order of the records is kept: each one
    moves by the same amount)."""
    latest = max(
        m.history.aggregate(latest=Max("history_date"))["latest"] or moment for m in (Report, ReportLine, Founding)
    )
    shift = latest - moment
    for model in (Report, ReportLine, Founding):
        model.history.update(history_date=F("history_date") - shift)


def row_of(rows, unit):
    return next(r for r in rows if r.unit.pk == unit.pk)


def members(stats, wave_number=None) -> int:
    figures = stats.whole if wave_number is None else stats.waves[wave_number - 1].figures
    return next(f.achieved for f in figures if f.measure == Measure.NEW_MEMBERS)


# ---------------------------------------------------------------------------
# 1. The projection to a running wave's end


@pytest.fixture
def early_may(province):
    """Tam Đường: 12 new members (Chè 7, Trường 5), Phong Thổ: 4 (Thủy điện), both for
    the week 01–04/05/2025 and submitted on 02/05/2025 at 09:00 in Lai Châu."""
    file_week(province, province.tam_duong, D(2025, 5, 2), province.staff,
              CS0001={"new_members": 7, "new_members_women": 3}, CS0002={"new_members": 5})
    file_week(province, province.phong_tho, D(2025, 5, 2), province.staff, CS0003={"new_members": 4})
    history_moved_to(datetime.datetime(2025, 5, 2, 9, 0, tzinfo=ICT))
    return province


def test_a_running_wave_projects_the_pace_so_far_to_the_waves_end(early_may):
    """As of 10/05/2025, 10 of May's 31 days are gone: 12 × 31 / 10 = 37,2 → 37 and
    4 × 31 / 10 = 12,4 → 12, both short of their targets (120 and 80)."""
    stats = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 5, 10))
    may = stats.waves[0]
    assert (may.elapsed_days, may.total_days, may.started, may.finished) == (10, 31, True, False)
    tam_duong, phong_tho = row_of(may.units, early_may.tam_duong), row_of(may.units, early_may.phong_tho)
    assert (tam_duong.main.achieved, tam_duong.projected) == (12, 37)
    assert (phong_tho.main.achieved, phong_tho.projected) == (4, 12)
    assert tam_duong.finished is False
    assert (tam_duong.outcome, tam_duong.on_track) == (Outcome.OFF_TRACK, False)
    assert (phong_tho.outcome, phong_tho.on_track) == (Outcome.OFF_TRACK, False)
    # July has not started: nothing to project, no forecast.
    july = stats.waves[1]
    assert (july.elapsed_days, july.started) == (0, False)
    assert all(r.projected is None and r.outcome is None for r in july.units)


def test_a_fast_start_is_projected_on_track(early_may):
    """As of 02/05/2025, 2 days gone: 12 × 31 / 2 = 186 ≥ 120 (on track), 4 × 31 / 2 = 62 < 80."""
    stats = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 5, 2))
    may = stats.waves[0]
    tam_duong, phong_tho = row_of(may.units, early_may.tam_duong), row_of(may.units, early_may.phong_tho)
    assert (tam_duong.projected, tam_duong.outcome, tam_duong.on_track) == (186, Outcome.ON_TRACK, True)
    assert (phong_tho.projected, phong_tho.outcome, phong_tho.on_track) == (62, Outcome.OFF_TRACK, False)


def test_the_dashboard_shows_the_projection_of_a_running_wave(client, early_may):
    client.force_login(early_may.board)
    response = client.get(reverse("reporting:dashboard"), {"as_of": "10/05/2025"})
    page = " ".join(response.content.decode().split())
    assert "Dự kiến cuối đợt" in page
    assert "Đã qua 10/31 ngày của đợt." in page
    rows = {r.unit.name: (r.rank, r.main.target, r.main.achieved, r.projected) for r in response.context["stats"].waves[0].units}
    assert rows == {"LĐLĐ huyện Tam Đường": (1, 120, 12, 37), "LĐLĐ huyện Phong Thổ": (2, 80, 4, 12)}
    # The row as printed: target, achieved, % (12/120 = 10,0), projection.
    import re

    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    text = " ".join(text.split())
    assert re.search(r"1 LĐLĐ huyện Tam Đường( đến 30/06/2025)? 120 12 10,0 37 ", text)
    assert re.search(r"2 LĐLĐ huyện Phong Thổ( đến 30/06/2025)? 80 4 5,0 12 ", text)


def test_a_finished_wave_projects_exactly_what_was_achieved_and_says_whether_it_was_reached(early_may):
    stats = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 6, 1))
    tam_duong = row_of(stats.waves[0].units, early_may.tam_duong)
    assert (tam_duong.projected, tam_duong.finished, tam_duong.outcome) == (12, True, Outcome.MISSED)
    target_set(campaign=early_may.campaign, unit=early_may.tam_duong, measure=Measure.NEW_MEMBERS, value=12,
               wave=early_may.campaign.waves.get(number=1))
    stats = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 5, 31))  # the last day
    tam_duong = row_of(stats.waves[0].units, early_may.tam_duong)
    assert (tam_duong.projected, tam_duong.finished, tam_duong.outcome, tam_duong.on_track) == (
        12, True, Outcome.REACHED, True,
    )


def test_a_target_reached_exactly_by_the_projection_is_on_track(early_may):
    """12 × 31 / 10 = 37,2 → 37: a target of 37 is on track, one of 38 is not."""
    may = early_may.campaign.waves.get(number=1)
    target_set(campaign=early_may.campaign, unit=early_may.tam_duong, measure=Measure.NEW_MEMBERS, value=37, wave=may)
    stats = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 5, 10))
    assert row_of(stats.waves[0].units, early_may.tam_duong).outcome == Outcome.ON_TRACK
    target_set(campaign=early_may.campaign, unit=early_may.tam_duong, measure=Measure.NEW_MEMBERS, value=38, wave=may)
    stats = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 5, 10))
    assert row_of(stats.waves[0].units, early_may.tam_duong).outcome == Outcome.OFF_TRACK


def test_a_row_without_a_target_has_no_outcome(early_may):
    may = early_may.campaign.waves.get(number=1)
    target_set(campaign=early_may.campaign, unit=early_may.phong_tho, measure=Measure.NEW_MEMBERS, value=0, wave=may)
    stats = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 5, 10))
    phong_tho = row_of(stats.waves[0].units, early_may.phong_tho)
    assert (phong_tho.projected, phong_tho.outcome, phong_tho.on_track) == (12, None, None)


# ---------------------------------------------------------------------------
# 2. Ties share a rank (standard competition ranking: 1, 1, 3)


def with_sin_ho(province, *, phong_tho: int):
    """May: Tam Đường 18 of 120 (15,0 %), a new district Sìn Hồ 18 of 120 (15,0 %),
    Phong Thổ ``phong_tho`` of 80."""
    sin_ho = make_superior(province.federation, name="LĐLĐ huyện Sìn Hồ", code="LC-SHO", active_from=D(2010, 1, 1))
    make_grassroots(sin_ho, name="CĐCS Trường THPT Sìn Hồ", code="CS0009", sector="public_unit")
    may = province.campaign.waves.get(number=1)
    target_set(campaign=province.campaign, unit=sin_ho, measure=Measure.NEW_MEMBERS, value=120, wave=may)
    file_week(province, province.tam_duong, D(2025, 5, 6), province.staff, CS0001={"new_members": 18})
    file_week(province, sin_ho, D(2025, 5, 6), province.staff, CS0009={"new_members": 18})
    file_week(province, province.phong_tho, D(2025, 5, 6), province.staff, CS0003={"new_members": phong_tho})
    return province


@pytest.fixture
def tied(province):
    """Phong Thổ 12 of 80: also 15,0 %, but fewer members than the two tied districts."""
    return with_sin_ho(province, phong_tho=12)


def test_units_with_the_same_figures_share_a_rank_and_the_next_one_skips(tied):
    stats = campaign_stats(tied.campaign, tied.federation, as_of=TOMORROW)
    may = stats.waves[0]
    ranks = {r.unit.name: (r.main.percent, r.main.achieved, r.rank) for r in may.units}
    assert ranks == {
        "LĐLĐ huyện Tam Đường": (Decimal("15.0"), 18, 1),
        "LĐLĐ huyện Sìn Hồ": (Decimal("15.0"), 18, 1),
        "LĐLĐ huyện Phong Thổ": (Decimal("15.0"), 12, 3),
    }
    # In rank order, ties in the units' Vietnamese order (S before T).
    assert [r.unit.name for r in may.ranked] == ["LĐLĐ huyện Sìn Hồ", "LĐLĐ huyện Tam Đường", "LĐLĐ huyện Phong Thổ"]


def test_the_whole_campaign_ranks_ties_the_same_way(tied):
    """Whole campaign: Tam Đường and Sìn Hồ 15,0 % (18), Phong Thổ 15,0 % (12), Tân Phong
    0 of 60 (0,0 %), the federation without a target last."""
    stats = campaign_stats(tied.campaign, tied.federation, as_of=TOMORROW)
    ranks = {r.unit.code: r.rank for r in stats.campaign_units}
    assert ranks == {"LC-TDUONG": 1, "LC-SHO": 1, "LC-PTHO": 3, "LC-X-TPHONG": 4, "LC": 5}
    assert [r.unit.code for r in stats.campaign_ranked] == ["LC-SHO", "LC-TDUONG", "LC-PTHO", "LC-X-TPHONG", "LC"]


def test_a_rank_ties_only_on_equal_members_and_percentage(province):
    """Phong Thổ 13 of 80 = 16,3 % leads; the two districts at 15,0 % share rank 2."""
    with_sin_ho(province, phong_tho=13)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    ranks = {r.unit.name: r.rank for r in stats.waves[0].units}
    assert ranks == {"LĐLĐ huyện Phong Thổ": 1, "LĐLĐ huyện Tam Đường": 2, "LĐLĐ huyện Sìn Hồ": 2}


# ---------------------------------------------------------------------------
# 3. Approved reports count as well as submitted ones


def test_approved_reports_count_with_the_submitted_ones(province):
    """The hand-computed province: Tam Đường's first May week (Chè 10, Trường 5) and
    Tân Phong's July week (Chè 7, direct 2) are approved, the rest stay submitted."""
    hand_computed(province)
    for unit, start in ((province.tam_duong, D(2025, 5, 1)), (province.tan_phong, D(2025, 7, 7))):
        report_approve(report=Report.objects.get(unit=unit, period__start=start), user=province.board)
    assert sorted(Report.objects.values_list("status", flat=True)) == sorted(
        [ReportStatus.APPROVED] * 2 + [ReportStatus.SUBMITTED] * 3 + [ReportStatus.DRAFT]
    )
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert members(stats) == 37  # 10 + 5 + 3 + 6 + 7 + 2 + 4
    assert stats.figure(Measure.NEW_MEMBERS).women == 12  # 4 + 5 + 3
    assert members(stats, 1) == 24 and members(stats, 2) == 13
    tam_duong = row_of(stats.waves[0].units, province.tam_duong)
    assert (tam_duong.main.achieved, tam_duong.main.women) == (18, 9)
    assert stats.figure(Measure.PARTY_INTRODUCED).achieved == 5  # 2 + 1 + 2
    # An approved report was submitted on time: the discipline counts it so.
    assert stats.discipline_total.on_time == 4 and stats.discipline_total.late == 1


def test_an_approved_report_alone_counts(province):
    file_week(province, province.tam_duong, D(2025, 5, 6), province.staff, CS0001={"new_members": 11})
    report_approve(report=Report.objects.get(unit=province.tam_duong), user=province.board)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert members(stats) == 11
    assert stats.drafts_pending == 0


# ---------------------------------------------------------------------------
# 4. "As of" a day: to the end of that day, in Lai Châu's time


def test_as_of_a_day_is_the_last_instant_of_that_day_in_lai_chau():
    assert end_of_day(D(2025, 5, 2)) == datetime.datetime(2025, 5, 2, 23, 59, 59, 999999, tzinfo=ICT)


def test_a_report_filed_in_the_afternoon_counts_as_of_that_day(province):
    file_week(province, province.tam_duong, D(2025, 5, 2), province.staff, CS0001={"new_members": 9})
    history_moved_to(datetime.datetime(2025, 5, 2, 15, 0, tzinfo=ICT))
    assert members(campaign_stats(province.campaign, province.federation, as_of=D(2025, 5, 2))) == 9
    assert members(campaign_stats(province.campaign, province.federation, as_of=D(2025, 5, 1))) == 0


def test_a_report_filed_just_after_midnight_counts_from_that_day_on(province):
    """00:30 on 03/05 in Lai Châu is still 02/05 in UTC: it counts as of 03/05, not 02/05."""
    file_week(province, province.tam_duong, D(2025, 5, 2), province.staff, CS0001={"new_members": 9})
    history_moved_to(datetime.datetime(2025, 5, 3, 0, 30, tzinfo=ICT))
    assert members(campaign_stats(province.campaign, province.federation, as_of=D(2025, 5, 2))) == 0
    assert members(campaign_stats(province.campaign, province.federation, as_of=D(2025, 5, 3))) == 9


def test_the_dashboard_as_of_the_filing_day_counts_the_report(client, province):
    file_week(province, province.tam_duong, D(2025, 5, 2), province.staff, CS0001={"new_members": 9})
    history_moved_to(datetime.datetime(2025, 5, 2, 15, 0, tzinfo=ICT))
    client.force_login(province.board)
    stats = client.get(reverse("reporting:dashboard"), {"as_of": "02/05/2025"}).context["stats"]
    assert members(stats) == 9


# ---------------------------------------------------------------------------
# 5. Percentages rounded half up to one decimal, never truncated


@pytest.mark.parametrize(
    ("achieved", "target", "expected"),
    [
        (341, 400, "85.3"),  # 85,25
        (2, 3, "66.7"),  # 66,66…
        (1, 6, "16.7"),  # 16,66…
        (1, 16, "6.3"),  # 6,25
        (5, 16, "31.3"),  # 31,25
        (1999, 2000, "100.0"),  # 99,95
        (1581, 1642, "96.3"),  # 96,28…
        (1, 3, "33.3"),  # 33,33… (down)
        (37, 260, "14.2"),  # 14,23… (down)
        (13, 60, "21.7"),  # 21,66…
        (7, 3, "233.3"),
    ],
)
def test_a_percentage_is_rounded_half_up(achieved, target, expected):
    assert percent(achieved, target) == Decimal(expected)
    figure = Figure(measure=Measure.NEW_MEMBERS, target=target, achieved=achieved)
    assert figure.percent == Decimal(expected)


def test_a_progress_bar_is_the_rounded_percentage_capped_at_100():
    assert Figure(measure=Measure.NEW_MEMBERS, target=400, achieved=341).bar == 85.3
    assert Figure(measure=Measure.NEW_MEMBERS, target=3, achieved=7).bar == 100.0
    assert Figure(measure=Measure.NEW_MEMBERS, target=None, achieved=7).bar == 0.0


def test_the_submission_rate_is_rounded_half_up():
    row = Discipline(unit=None, expected=3, on_time=1, late=1, missing=1)
    assert (row.submitted, row.rate) == (2, Decimal("66.7"))
    assert Discipline(unit=None, expected=8, on_time=5, late=0).rate == Decimal("62.5")
    assert Discipline(unit=None, expected=0).rate is None


def test_two_of_three_is_66_7_on_the_dashboard_and_in_the_excel_table(client, province):
    """Tam Đường: 2 new members of a target of 3 in May."""
    import openpyxl

    may = province.campaign.waves.get(number=1)
    target_set(campaign=province.campaign, unit=province.tam_duong, measure=Measure.NEW_MEMBERS, value=3, wave=may)
    file_week(province, province.tam_duong, D(2025, 5, 6), province.staff, CS0001={"new_members": 2})
    client.force_login(province.board)
    as_of = TOMORROW.strftime("%d/%m/%Y")
    response = client.get(reverse("reporting:dashboard"), {"as_of": as_of})
    tam_duong = row_of(response.context["stats"].waves[0].units, province.tam_duong)
    assert tam_duong.main.percent == Decimal("66.7")
    assert ">66,7<" in response.content.decode().replace(" ", "")
    xlsx = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": as_of})
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    row = next(r for r in ws.iter_rows(min_row=7) if r[1].value == "LĐLĐ huyện Tam Đường")
    # B unit, C target, D wave 1, E wave 2, F total, G women, H % achieved
    assert [c.value for c in row[2:8]] == [3, 2, None, 2, 0, 66.7]


# ---------------------------------------------------------------------------
# 6. (see tests/unions/test_access_scope.py)
# 7. As many women as new members is fine; more is an error


def grid_row(code="CS0001", **values):
    return GridRow(key=code, grassroots=None, values={**ZERO, **values})


def test_as_many_women_as_new_members_is_no_error():
    assert check_rows([grid_row(new_members=5, new_members_women=5)], {}) == {}
    assert check_rows([grid_row(new_members=0, new_members_women=0)], {}) == {}


def test_one_woman_more_than_the_new_members_is_an_error_at_the_women_figure():
    errors = check_rows([grid_row(new_members=5, new_members_women=6)], {})
    assert errors == {"CS0001:new_members_women": ["Số nữ (6) lớn hơn số đoàn viên mới (5)."]}


def test_the_figures_given_override_the_rows_stored_ones():
    row = grid_row(new_members=5, new_members_women=5)
    assert check_rows([row], {"CS0001": {**ZERO, "new_members": 4, "new_members_women": 5}}) == {
        "CS0001:new_members_women": ["Số nữ (5) lớn hơn số đoàn viên mới (4)."]
    }
    assert check_rows([grid_row(new_members=4, new_members_women=5)], {"CS0001": {**ZERO, "new_members": 5, "new_members_women": 5}}) == {}


def test_new_members_equal_to_a_new_unions_founders_is_no_error():
    row = GridRow(key="CS0042", grassroots=None, values={**ZERO, "new_members": 7}, founding_members=7)
    assert check_rows([row], {}) == {}
    short = GridRow(key="CS0042", grassroots=None, values={**ZERO, "new_members": 6}, founding_members=7)
    assert list(check_rows([short], {})) == ["CS0042:new_members"]


def test_a_report_with_as_many_women_as_new_members_is_saved_and_submitted(province, july_week):
    user = province.reporter_tan_phong
    with pytest.raises(ValidationError):
        report_save(unit=province.tan_phong, period=july_week, user=user, version=1,
                    figures={"CS0001": {**ZERO, "new_members": 6, "new_members_women": 7}})
    report = report_save(unit=province.tan_phong, period=july_week, user=user, version=1,
                         figures={"CS0001": {**ZERO, "new_members": 6, "new_members_women": 6}})
    report = report_submit(report=report, user=user, version=report.version)
    assert report.status == ReportStatus.SUBMITTED
    line = ReportLine.objects.get(report=report)
    assert (line.new_members, line.new_members_women) == (6, 6)


def test_an_upload_with_as_many_women_as_new_members_reads_without_error(province):
    import openpyxl

    period = week(province, D(2025, 7, 7))
    rows = report_rows(province.tan_phong, period, None)
    template = template_workbook(unit=province.tan_phong, period=period, rows=rows)
    book = openpyxl.load_workbook(io.BytesIO(template))
    sheet = book.worksheets[0]
    # Row 9: CĐCS Chè, row 11: the direct row; E new members, F of which women.
    assert sheet["B9"].value == "CS0001" and sheet["B11"].value == DIRECT_KEY
    sheet["E9"], sheet["F9"] = 8, 8
    sheet["E11"], sheet["F11"] = 2, 3
    out = io.BytesIO()
    book.save(out)
    result = read_upload(SimpleUploadedFile("bao-cao.xlsx", out.getvalue()), unit=province.tan_phong,
                               period=period, rows=rows)
    assert result.figures["CS0001"]["new_members_women"] == 8
    assert [(e.cell, e.message) for e in result.errors] == [("F11", "Số nữ (3) lớn hơn số đoàn viên mới (2).")]


# ---------------------------------------------------------------------------
# 8. The upload's zip-bomb check: a part may unpack to 100 times its compressed size


def zip_with_part(excess: int) -> tuple[bytes, int, int]:
    """A zip with a workbook part and a binary part that unpacks to exactly
    100 × its compressed size + ``excess`` bytes (noise, then zeros); returns the
    file and the part's (uncompressed, compressed) sizes."""
    noise = random.Random(2025).randbytes(1500)
    zeros = 150_000
    for _attempt in range(50):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr("xl/workbook.xml", b"<workbook/>")
            archive.writestr("xl/media/image1.bin", noise + b"\0" * zeros)
        info = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).getinfo("xl/media/image1.bin")
        wanted = 100 * info.compress_size + excess
        if info.file_size == wanted:
            return buffer.getvalue(), info.file_size, info.compress_size
        zeros += wanted - info.file_size
    raise AssertionError("could not reach the ratio")


def test_a_part_unpacking_to_exactly_100_times_its_size_passes_the_zip_check():
    content, size, compressed = zip_with_part(0)
    assert size == 100 * compressed and size > 100 * 1024
    assert check_archive(SimpleUploadedFile("bao-cao.xlsx", content)) == content


def test_a_part_unpacking_to_one_byte_more_than_100_times_its_size_is_refused():
    content, size, compressed = zip_with_part(1)
    assert size == 100 * compressed + 1
    with pytest.raises(UploadRejected) as refusal:
        check_archive(SimpleUploadedFile("bao-cao.xlsx", content))
    assert str(refusal.value) == "Tệp nén bất thường (giải nén quá lớn) — không đọc."


def _zip_of_zeros(size: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/media/image1.bin", b"\0" * size)
    return buffer.getvalue()


def test_a_highly_compressed_part_of_at_most_100_kib_passes_and_one_byte_more_is_refused():
    """Zeros compress about 1 000 times: only parts above 100 KiB are held to the ratio."""
    small = _zip_of_zeros(100 * 1024)
    assert check_archive(SimpleUploadedFile("bao-cao.xlsx", small)) == small
    with pytest.raises(UploadRejected):
        check_archive(SimpleUploadedFile("bao-cao.xlsx", _zip_of_zeros(100 * 1024 + 1)))


def test_the_upload_refuses_a_zip_bomb_through_the_report_page(client, province, july_week):
    content, _size, _compressed = zip_with_part(1)
    client.force_login(province.reporter_tan_phong)
    response = client.post(
        reverse("reporting:upload", args=[province.tan_phong.pk, july_week.pk]),
        {"file": SimpleUploadedFile("bao-cao.xlsx", content)},
        follow=True,
    )
    assert "Tệp nén bất thường (giải nén quá lớn) — không đọc." in response.content.decode()


# ---------------------------------------------------------------------------
# Survivors of mutmut over reporting/stats.py and reporting/validation.py


def by_grassroots(rows) -> list:
    """[(key, name, {wave number or None: figures}, total)] of ``grassroots_figures``."""
    from campaign.models import Wave

    numbers = {w.pk: w.number for w in Wave.objects.all()}
    return [
        (r.key, r.name, {numbers.get(wave_id): values for wave_id, values in r.by_wave.items()}, r.total)
        for r in rows
    ]


def figures(new=0, women=0, introduced=0, admitted=0) -> dict:
    return {"new_members": new, "new_members_women": women, "party_introduced": introduced, "party_admitted": admitted}


def test_a_units_figures_by_grassroots_union_and_wave(province):
    """Tam Đường: Chè 10 + 3 (4 women, 2 introduced, 1 admitted), Trường 5 (5 women), in May."""
    from reporting.stats import grassroots_figures

    hand_computed(province)
    rows = by_grassroots(grassroots_figures(province.campaign, province.tam_duong, as_of=TOMORROW))
    assert rows == [
        ("CS0001", "CĐCS Công ty Chè Tam Đường", {1: figures(13, 4, 2, 1)}, figures(13, 4, 2, 1)),
        ("CS0002", "CĐCS Trường THCS Bình Lư", {1: figures(5, 5)}, figures(5, 5)),
    ]


def test_the_direct_row_comes_after_the_grassroots_unions(province):
    """Tân Phong in July: Chè 7 (3 women), 2 admitted directly."""
    from reporting.stats import grassroots_figures

    hand_computed(province)
    rows = by_grassroots(grassroots_figures(province.campaign, province.tan_phong, as_of=TOMORROW))
    assert rows == [
        ("CS0001", "CĐCS Công ty Chè Tam Đường", {2: figures(7, 3)}, figures(7, 3)),
        (DIRECT_KEY, "Kết nạp trực tiếp tại công đoàn cấp trên", {2: figures(2)}, figures(2)),
    ]


def test_the_federations_figures_by_grassroots_union_are_its_own_row_only(province):
    """The federation's own row: Thủy điện 4 in July (2 introduced, 2 admitted), none of the districts' lines."""
    from reporting.stats import grassroots_figures

    hand_computed(province)
    rows = by_grassroots(grassroots_figures(province.campaign, province.federation, as_of=TOMORROW))
    assert rows == [("CS0003", "CĐCS Công ty Thủy điện Nậm Na", {2: figures(4, 0, 2, 2)}, figures(4, 0, 2, 2))]


def test_figures_by_grassroots_union_as_of_a_day_before_the_reports_are_empty(province):
    from reporting.stats import grassroots_figures

    hand_computed(province)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert grassroots_figures(province.campaign, province.tam_duong, as_of=yesterday) == []


def test_a_confirmed_unions_founders_add_to_its_later_lines(province):
    """A union recognised on 09/07/2025 with 7 founders, confirmed by the board under Tân
    Phong; the week 14–20/07 then reports 3 more new members in it: 10 in July. A June
    union of Tam Đường (8 founders) counts between the waves."""
    from reporting.foundings import founding_confirm
    from reporting.stats import grassroots_figures

    july = make_grassroots(province.tan_phong, name="CĐCS Công ty Mây tre Tân Phong", code="CS0007",
                           active_from=D(2025, 7, 9), recognition_date=D(2025, 7, 9),
                           recognition_decision="12/QĐ-CĐ", founding_members=7)
    founding_confirm(campaign=province.campaign, union=july, user=province.board)
    file_week(province, province.tan_phong, D(2025, 7, 15), province.staff, CS0007={"new_members": 3})
    june = make_grassroots(province.tam_duong, name="CĐCS Công ty Thủy sản Tam Đường", code="CS0008",
                           active_from=D(2025, 6, 15), recognition_date=D(2025, 6, 15),
                           recognition_decision="52/QĐ-LĐLĐ", founding_members=8)
    founding_confirm(campaign=province.campaign, union=june, user=province.board)

    rows = by_grassroots(grassroots_figures(province.campaign, province.tan_phong, as_of=TOMORROW))
    assert rows == [("CS0007", "CĐCS Công ty Mây tre Tân Phong", {2: figures(10)}, figures(10))]
    rows = by_grassroots(grassroots_figures(province.campaign, province.tam_duong, as_of=TOMORROW))
    assert rows == [("CS0008", "CĐCS Công ty Thủy sản Tam Đường", {None: figures(8)}, figures(8))]
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert row_of(stats.waves[1].units, province.tan_phong).main.achieved == 10
    assert members(stats) == 18  # 10 in July, 8 between the waves


def test_a_waves_figure_is_read_from_that_wave(province):
    hand_computed(province)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    may, july = province.campaign.waves.order_by("number")
    assert stats.figure(Measure.NEW_MEMBERS, wave=may).achieved == 24
    assert stats.figure(Measure.NEW_MEMBERS, wave=july).achieved == 13
    assert stats.figure(Measure.NEW_MEMBERS).achieved == 37


def test_rows_without_a_rank_come_last_in_rank_order():
    from reporting.stats import UnitRow, WaveBlock

    unranked, second, first = (UnitRow(unit=name, figures={}, rank=rank) for name, rank in (("a", None), ("b", 2), ("c", 1)))
    block = WaveBlock(wave=None, figures=[], units=[unranked, second, first], elapsed_days=0, total_days=31)
    assert [r.unit for r in block.ranked] == ["c", "b", "a"]


def test_a_deleted_report_no_longer_counts_as_sent(province):
    file_week(province, province.tam_duong, D(2025, 5, 6), province.staff, CS0001={"new_members": 4})
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert (members(stats), stats.discipline_total.on_time) == (4, 1)
    Report.objects.get(unit=province.tam_duong).delete()
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert (members(stats), stats.discipline_total.on_time, stats.discipline_total.late) == (0, 0, 0)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), True, False])
def test_not_a_number_is_refused_with_its_message(value):
    from reporting.validation import FigureError, parse_count

    with pytest.raises(FigureError) as error:
        parse_count(value)
    assert str(error.value) == "Không phải là số."


def test_a_whole_float_from_a_spreadsheet_is_an_int_and_a_fraction_is_refused():
    from reporting.validation import FigureError, parse_count

    number = parse_count(12.0)
    assert number == 12 and type(number) is int
    with pytest.raises(FigureError) as error:
        parse_count(12.5)
    assert str(error.value) == "Phải là số nguyên (không có phần thập phân)."


def test_a_long_text_is_quoted_on_its_first_30_characters():
    from reporting.validation import FigureError, parse_count

    with pytest.raises(FigureError) as error:
        parse_count("  mười hai đoàn viên mới trong tuần này  ")
    assert str(error.value) == "“mười hai đoàn viên mới trong t” không phải là số."


def test_the_largest_figure_is_100_000():
    from reporting.validation import FigureError, parse_count

    assert parse_count(100_000) == 100_000 and parse_count("100.000") == 100_000
    with pytest.raises(FigureError) as error:
        parse_count(100_001)
    assert str(error.value) == "Số quá lớn (tối đa 100.000)."


def test_a_figures_label_is_its_vietnamese_name():
    from reporting.validation import field_label

    assert field_label("new_members") == "đoàn viên mới"
    assert field_label("new_members_women") == "trong đó nữ"


def test_a_confirmed_unions_founders_join_its_weeks_lines_in_the_weekly_series(province):
    """Tân Phong's week 07–13/07 has Chè 7 and direct 2; a union recognised on 09/07 with
    7 founders, confirmed by the board, adds them to that week: 9 + 7 = 16 (4 more from
    the federation: 20 in the week)."""
    from reporting.foundings import founding_confirm

    hand_computed(province)
    union = make_grassroots(province.tan_phong, name="CĐCS Công ty Mây tre Tân Phong", code="CS0007",
                            active_from=D(2025, 7, 9), recognition_date=D(2025, 7, 9),
                            recognition_decision="12/QĐ-CĐ", founding_members=7)
    founding_confirm(campaign=province.campaign, union=union, user=province.board)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    weekly = {p.period.start: p.weekly["new_members"] for p in stats.weeks}
    assert weekly[D(2025, 7, 7)] == 20
    assert [p.cumulative["new_members"] for p in stats.weeks] == [15, 18, 18, 24, 24, 24, 44, 44, 44, 44]


def test_the_federations_own_row_reads_its_own_wave_targets(province):
    """The federation's own target: 15 new members in July, none in May."""
    from campaign.models import TargetScope

    hand_computed(province)
    july = province.campaign.waves.get(number=2)
    target_set(campaign=province.campaign, unit=province.federation, measure=Measure.NEW_MEMBERS, value=15, wave=july,
               scope=TargetScope.OWN)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW, own_row=True)
    may_block, july_block = stats.waves
    assert next(f.target for f in may_block.figures if f.measure == Measure.NEW_MEMBERS) is None
    assert next((f.target, f.achieved) for f in july_block.figures if f.measure == Measure.NEW_MEMBERS) == (15, 4)


def test_the_whole_campaigns_rows_are_judged_only_once_the_campaign_is_over(early_may):
    """As of 10/05/2025 the campaign runs: its rows have no outcome; once July is over,
    Tam Đường's 12 of 120 missed its target."""
    running = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 5, 10))
    tam_duong = row_of(running.campaign_units, early_may.tam_duong)
    assert (tam_duong.finished, tam_duong.outcome) == (False, None)
    over = campaign_stats(early_may.campaign, early_may.federation, as_of=D(2025, 8, 1))
    tam_duong = row_of(over.campaign_units, early_may.tam_duong)
    assert (tam_duong.finished, tam_duong.outcome, tam_duong.on_track) == (True, Outcome.MISSED, False)


def test_a_units_grassroots_unions_are_listed_in_vietnamese_order(province):
    """A union "CĐCS Bản Giang" created after Chè and Trường still comes first."""
    from reporting.stats import grassroots_figures

    make_grassroots(province.tam_duong, name="CĐCS Bản Giang", code="CS0011")
    file_week(province, province.tam_duong, D(2025, 5, 6), province.staff,
              CS0001={"new_members": 1}, CS0002={"new_members": 2}, CS0011={"new_members": 3})
    rows = grassroots_figures(province.campaign, province.tam_duong, as_of=TOMORROW)
    assert [(r.key, r.total["new_members"]) for r in rows] == [("CS0011", 3), ("CS0001", 1), ("CS0002", 2)]


def traced(lines) -> list:
    return [
        (t.unit.code, t.period.start if t.period else None, t.grassroots.code if t.grassroots else None,
         tuple(t.values[n] for n in ("new_members", "new_members_women", "party_introduced", "party_admitted")))
        for t in lines
    ]


def test_the_lines_behind_the_figures_in_period_then_unit_order(province):
    from reporting.stats import traced_lines

    hand_computed(province)
    lines = traced_lines(province.campaign, province.federation, as_of=TOMORROW)
    assert traced(lines) == [
        ("LC-TDUONG", D(2025, 5, 1), "CS0001", (10, 4, 2, 1)),
        ("LC-TDUONG", D(2025, 5, 1), "CS0002", (5, 5, 0, 0)),
        ("LC-TDUONG", D(2025, 5, 5), "CS0001", (3, 0, 0, 0)),
        ("LC-PTHO", D(2025, 5, 19), "CS0003", (6, 0, 1, 0)),  # the draft of 50 is not there
        ("LC-X-TPHONG", D(2025, 7, 7), "CS0001", (7, 3, 0, 0)),
        ("LC-X-TPHONG", D(2025, 7, 7), None, (2, 0, 0, 0)),
        ("LC", D(2025, 7, 7), "CS0003", (4, 0, 2, 2)),
    ]
    assert {t.status for t in lines} == {ReportStatus.SUBMITTED}
    reports = {(r.unit.code, r.period.start): r.pk for r in Report.objects.select_related("unit", "period")}
    assert [t.report_id for t in lines] == [reports[(code, start)] for code, start, _g, _v in traced(lines)]
    assert sum(t.values["new_members"] for t in lines) == 37
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    assert traced_lines(province.campaign, province.federation, as_of=yesterday) == []


def test_the_lines_behind_one_union_one_wave_one_sector_or_one_units_row(province):
    from reporting.stats import traced_lines

    hand_computed(province)
    july = province.campaign.waves.get(number=2)

    def values(**filters):
        return [v[0] for _u, _p, _g, v in traced(traced_lines(province.campaign, province.federation, as_of=TOMORROW,
                                                                **filters))]

    assert values(grassroots="CS0001") == [10, 3, 7]
    assert values(grassroots=DIRECT_KEY) == [2]
    assert values(wave_id=july.pk) == [7, 2, 4]
    assert values(sector="state") == [6, 4]
    assert values(sector="public_unit") == [5]
    assert values(sector="") == [2]
    own = traced_lines(province.campaign, province.tan_phong, as_of=TOMORROW, own_row=True)
    assert traced(own) == [("LC-X-TPHONG", D(2025, 7, 7), "CS0001", (7, 3, 0, 0)),
                           ("LC-X-TPHONG", D(2025, 7, 7), None, (2, 0, 0, 0))]
    assert own[1].name == "Kết nạp trực tiếp tại công đoàn cấp trên" and own[0].name == "CĐCS Công ty Chè Tam Đường"


def test_a_confirmed_unions_founders_are_a_line_of_their_own(province):
    from reporting.foundings import founding_confirm
    from reporting.stats import traced_lines

    hand_computed(province)
    union = make_grassroots(province.tan_phong, name="CĐCS Công ty Mây tre Tân Phong", code="CS0007",
                            active_from=D(2025, 7, 9), recognition_date=D(2025, 7, 9),
                            recognition_decision="12/QĐ-CĐ", founding_members=7)
    founding_confirm(campaign=province.campaign, union=union, user=province.board)
    may, july = province.campaign.waves.order_by("number")
    lines = traced_lines(province.campaign, province.federation, as_of=TOMORROW)
    last = lines[-1]
    assert traced([last]) == [("LC-X-TPHONG", None, "CS0007", (7, 0, 0, 0))]
    assert (last.report_id, last.status, last.founded) == (None, None, union)
    assert len(lines) == 8
    kept = traced_lines(province.campaign, province.federation, as_of=TOMORROW, grassroots="CS0007")
    assert traced(kept) == [("LC-X-TPHONG", None, "CS0007", (7, 0, 0, 0))]
    assert traced_lines(province.campaign, province.federation, as_of=TOMORROW, grassroots="CS0001")[-1].founded is None
    assert len(traced_lines(province.campaign, province.federation, as_of=TOMORROW, wave_id=july.pk)) == 4
    assert len(traced_lines(province.campaign, province.federation, as_of=TOMORROW, wave_id=may.pk)) == 4
    assert traced(traced_lines(province.campaign, province.federation, as_of=TOMORROW, sector="non_state"))[-1][2] == "CS0007"
    assert len(traced_lines(province.campaign, province.federation, as_of=TOMORROW, sector="state")) == 2


# ---------------------------------------------------------------------------
# Survivors of mutmut over campaign_stats


def test_two_new_unions_of_one_unit_in_one_wave_count_two(province):
    """Two unions recognised in July under Tân Phong (7 and 9 founders), confirmed by the board."""
    from reporting.foundings import founding_confirm

    for code, day, founders in (("CS0007", D(2025, 7, 9), 7), ("CS0008", D(2025, 7, 16), 9)):
        union = make_grassroots(province.tan_phong, name=f"CĐCS mới {code}", code=code, active_from=day,
                                recognition_date=day, recognition_decision=f"{code}/QĐ", founding_members=founders)
        founding_confirm(campaign=province.campaign, union=union, user=province.board)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    tan_phong = row_of(stats.waves[1].units, province.tan_phong)
    assert tan_phong.figures[Measure.NEW_GRASSROOTS].achieved == 2
    assert tan_phong.main.achieved == 16
    assert stats.figure(Measure.NEW_GRASSROOTS, wave=province.campaign.waves.get(number=2)).achieved == 2
    assert row_of(stats.campaign_units, province.tan_phong).figures[Measure.NEW_GRASSROOTS].achieved == 2


def test_a_unit_reporting_in_both_waves_has_each_waves_target_in_that_wave_and_their_sum_for_the_campaign(province):
    """A provincial sector union under the federation, active in May and July: 100 new
    members in May, 40 in July → its May row 100, its July row 40, the campaign 140."""
    sector = make_superior(province.federation, name="Công đoàn Viên chức tỉnh", code="LC-VC")
    may, july = province.campaign.waves.order_by("number")
    target_set(campaign=province.campaign, unit=sector, measure=Measure.NEW_MEMBERS, value=100, wave=may)
    target_set(campaign=province.campaign, unit=sector, measure=Measure.NEW_MEMBERS, value=40, wave=july)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert row_of(stats.waves[0].units, sector).main.target == 100
    assert row_of(stats.waves[1].units, sector).main.target == 40
    assert row_of(stats.campaign_units, sector).main.target == 140


def test_the_whole_campaigns_rows_are_judged_on_its_last_day(province):
    """The last wave ends on 31/07/2025: as of that day the campaign's rows are finished, the day before not."""
    last_day = campaign_stats(province.campaign, province.federation, as_of=D(2025, 7, 31))
    day_before = campaign_stats(province.campaign, province.federation, as_of=D(2025, 7, 30))
    assert last_day.campaign_units and all(row.finished for row in last_day.campaign_units)
    assert not any(row.finished for row in day_before.campaign_units)


def _two_july_unions(province):
    """Two non-state unions recognised in July under Tân Phong (7 and 9 founders), confirmed by the board."""
    from reporting.foundings import founding_confirm

    for code, day, founders in (("CS0007", D(2025, 7, 9), 7), ("CS0008", D(2025, 7, 16), 9)):
        union = make_grassroots(province.tan_phong, name=f"CĐCS mới {code}", code=code, active_from=day,
                                recognition_date=day, recognition_decision=f"{code}/QĐ", founding_members=founders,
                                sector="non_state")
        founding_confirm(campaign=province.campaign, union=union, user=province.board)


def test_each_sector_has_its_label_its_new_unions_and_their_founders(province):
    from unions.models import Sector

    _two_july_unions(province)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert [(s.sector, str(s.label)) for s in stats.sectors] == [
        *((value, str(label)) for value, label in Sector.choices), ("", "Kết nạp trực tiếp tại công đoàn cấp trên"),
    ]
    by_sector = {s.sector: s for s in stats.sectors}
    assert by_sector["non_state"].new_grassroots == 2 and by_sector["non_state"].values["new_members"] == 16
    assert sum(s.new_grassroots for s in stats.sectors) == 2


def test_a_report_first_submitted_exactly_when_due_is_on_time(province):
    from campaign.models import Period

    report = file_week(province, province.tam_duong, D(2025, 5, 6), province.staff, CS0001={"new_members": 2})
    due = Period.objects.get(pk=report.period_id).due_at
    for model in (Report, Report.history.model):
        model.objects.filter(**({"pk": report.pk} if model is Report else {"id": report.pk})).update(
            first_submitted_at=due
        )
    history_moved_to(due)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    tam_duong = next(row for row in stats.discipline if row.unit.pk == province.tam_duong.pk)
    assert tam_duong.cells[report.period.pk] == "on_time"


def test_an_approved_report_reopened_stands_as_returned_not_missing(province):
    from reporting.services import report_reopen

    report = file_week(province, province.tam_duong, D(2025, 5, 6), province.staff, CS0001={"new_members": 2})
    report = report_approve(report=report, user=province.board)
    report_reopen(report=report, user=province.board, reason="Sửa số liệu")
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    tam_duong = next(row for row in stats.discipline if row.unit.pk == province.tam_duong.pk)
    assert tam_duong.cells[report.period.pk] == "returned"
    assert tam_duong.returned == 1 and tam_duong.missing == tam_duong.expected - 1
    assert (report.unit, report.period) in stats.missing  # owed again, as the missing reports page lists it


def test_the_missing_reports_are_the_units_and_periods_marked_missing_or_returned(province):
    from reporting.services import report_return

    file_week(province, province.tam_duong, D(2025, 5, 6), province.staff, CS0001={"new_members": 2})
    returned = file_week(province, province.phong_tho, D(2025, 5, 6), province.staff, CS0003={"new_members": 1})
    report_return(report=returned, user=province.board, reason="Kiểm tra lại")
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    marked = {(row.unit.pk, period_id) for row in stats.discipline
              for period_id, standing in row.cells.items() if standing in ("missing", "returned")}
    assert (province.phong_tho.pk, returned.period_id) in marked
    assert {(unit.pk, period.pk) for unit, period in stats.missing} == marked
    assert len(stats.missing) == stats.discipline_total.missing + stats.discipline_total.returned


def test_the_countdown_is_to_the_final_periods_due_day_when_the_board_moved_it(province):
    """The plan asks for the final report by 05/08/2025; the board moved its period's due time to 03/08."""
    from campaign.models import Period, PeriodKind

    final = Period.objects.get(campaign=province.campaign, kind=PeriodKind.FINAL)
    final.due_at = datetime.datetime(2025, 8, 3, 17, tzinfo=ICT)
    final.save(update_fields=["due_at"])
    assert province.campaign.final_report_due == D(2025, 8, 5)
    assert campaign_stats(province.campaign, province.federation, as_of=D(2025, 8, 1)).days_to_final == 2


def test_a_campaign_without_waves_yet_counts_down_to_its_final_report_date(province):
    from campaign.models import Period, PeriodKind
    from campaign.services import campaign_create

    draft = campaign_create(federation=province.federation, name="Tháng cao điểm năm 2026", year=2026,
                            plan_number="9/KH-LĐLĐ", final_report_due=D(2026, 8, 5))
    assert not Period.objects.filter(campaign=draft, kind=PeriodKind.FINAL).exists()
    stats = campaign_stats(draft, province.federation, as_of=D(2026, 7, 31))
    assert stats.days_to_final == 5 and stats.waves == [] and members(stats) == 0
