"""The dashboard's figures are rendered once and kept: the next identical request is
served from the cache, and any change to a figure (a report saved, submitted,
returned or approved, a target changed) makes the next request compute them anew.
The key holds everything the figures part is made from: the scope, the drilled
unit, the day, the language and what the user may do, never another user's page."""

import datetime
import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure, Period, PeriodKind
from campaign.services import periods_generate, target_set, wave_create
from reporting import stats
from reporting.foundings import founding_confirm
from reporting.freshness import figures_stamp, structure_stamp
from reporting.models import Report, ReportStatus
from tests.conftest import module_data
from tests.factories import make_grassroots, make_user
from unions.models import RoleKind
from unions.services import unit_move

from .builders import hand_computed_province
from .conftest import open_for_entry

_province_data = module_data(hand_computed_province, "_province_data")

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client, **params):
    response = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW, **params})
    assert response.status_code == 200
    return response


def text(response) -> str:
    """The page's text as a person reads it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def computed():
    """Counts the figures computed (``campaign_stats`` and ``grassroots_figures``) by the dashboard."""
    with (
        mock.patch("reporting.views.dashboard.campaign_stats", wraps=stats.campaign_stats) as numbers,
        mock.patch("reporting.views.dashboard.grassroots_figures", wraps=stats.grassroots_figures) as unions,
    ):
        numbers.unions = unions
        yield numbers


def reported_week(province, start: datetime.date) -> Period:
    return Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=start)


# --- served from the cache -------------------------------------------------------------------------------


def test_a_second_identical_request_is_served_from_the_cache(province, computed):
    board = client_of(province.board)
    with CaptureQueriesContext(connection) as first_queries:
        first = get(board)
    assert computed.call_count == 1
    with CaptureQueriesContext(connection) as second_queries:
        second = get(board)
    assert computed.call_count == 1  # the figures were not computed again
    assert text(second) == text(first)
    assert "37 / 260 · 14,2%" in text(second)
    # The page around the figures only: the session, the user, the roles, the campaigns,
    # the figures' stamp, the illustrative-data banner.
    assert len(second_queries) < len(first_queries)
    assert len(second_queries) <= 6


def test_a_drilled_unit_is_served_from_the_cache_without_reading_its_unions(province, computed):
    board = client_of(province.board)
    first = get(board, unit=province.tam_duong.pk)
    second = get(board, unit=province.tam_duong.pk)
    assert (computed.call_count, computed.unions.call_count) == (1, 1)
    assert text(second) == text(first)
    assert "CĐCS Công ty Chè Tam Đường" in text(second)


def test_the_page_around_the_figures_is_the_users_own(province, computed):
    board, staff = client_of(province.board), client_of(province.staff)
    get(board)
    page = text(get(staff))
    # The same scope and role: the same figures, but the user's own name and token.
    assert computed.call_count == 1
    assert "bob" in page and "Hoàng Thọ Trung" not in page


def test_a_cache_that_does_not_answer_only_costs_time(province, computed):
    board = client_of(province.board)
    with mock.patch("reporting.views.dashboard.cache") as broken:
        broken.get.side_effect = broken.set.side_effect = ConnectionError("Redis does not answer")
        assert "37 / 260" in text(get(board))
        assert "37 / 260" in text(get(board))
    assert computed.call_count == 2


# --- a changed figure is seen at once ---------------------------------------------------------------------


def test_a_week_saved_and_submitted_by_a_reporter_shows_on_the_next_dashboard(province, computed):
    week = open_for_entry(reported_week(province, datetime.date(2025, 7, 14)))
    board, reporter = client_of(province.board), client_of(province.reporter_tan_phong)
    assert "37 / 260" in text(get(board))
    assert "1 báo cáo đang soạn chưa được tính" in text(get(board))
    url = reverse("reporting:report", args=[province.tan_phong.pk, week.pk])
    assert reporter.post(url, {"version": 0, "action": "save", "f-CS0001-new_members": "5"}).status_code == 302
    # A draft does not count, but the page says one more is waiting.
    assert "2 báo cáo đang soạn chưa được tính" in text(get(board))
    assert computed.call_count == 2
    version = Report.objects.get(unit=province.tan_phong, period=week).version
    assert reporter.post(url, {"version": version, "action": "submit", "f-CS0001-new_members": "5"}).status_code == 302
    assert "42 / 260" in text(get(board))
    assert computed.call_count == 3


def test_a_line_changed_after_a_return_shows_on_the_next_dashboard(province, computed):
    week = reported_week(province, datetime.date(2025, 7, 7))  # Tân Phong: CĐCS Chè 7, direct 2
    board, reporter = client_of(province.board), client_of(province.reporter_tan_phong)
    assert "37 / 260" in text(get(board))
    report_url = reverse("reporting:report", args=[province.tan_phong.pk, week.pk])
    returned = board.post(reverse("reporting:return", args=[province.tan_phong.pk, week.pk]), {"reason": "Sai số"})
    assert returned.status_code == 302
    assert "28 / 260" in text(get(board))  # a returned report does not count
    version = Report.objects.get(unit=province.tan_phong, period=week).version
    posted = reporter.post(report_url, {
        "version": version, "action": "submit", "f-CS0001-new_members": "10", "f-TRUC-TIEP-new_members": "2",
    })
    assert posted.status_code == 302
    assert Report.objects.get(unit=province.tan_phong, period=week).status == ReportStatus.SUBMITTED
    assert "40 / 260" in text(get(board))
    assert computed.call_count == 3


def test_an_approved_report_shows_on_the_next_dashboard(province, computed):
    week = reported_week(province, datetime.date(2025, 7, 7))
    board = client_of(province.board)
    drilled = {"unit": province.tan_phong.pk}
    assert "Đã nộp" in text(get(board, **drilled)) and "Đã duyệt" not in text(get(board, **drilled))
    assert board.post(reverse("reporting:approve", args=[province.tan_phong.pk, week.pk])).status_code == 302
    assert "Đã duyệt" in text(get(board, **drilled))
    assert computed.call_count == 2


def test_a_changed_target_shows_on_the_next_dashboard(province, computed):
    board = client_of(province.board)
    assert "13 / 60" in text(get(board))
    wave2 = province.campaign.waves.get(number=2)
    target_set(campaign=province.campaign, unit=province.tan_phong, measure=Measure.NEW_MEMBERS, value=100, wave=wave2)
    page = text(get(board))
    assert "13 / 100" in page and "37 / 300" in page
    assert computed.call_count == 2


# --- what the key holds ------------------------------------------------------------------------------------


def test_another_day_or_another_language_is_another_entry(province, computed):
    board = client_of(province.board)
    assert "37 / 260" in text(get(board))
    assert "0 / 260" in text(get(board, as_of="20/07/2025"))
    assert computed.call_count == 2
    board.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = text(get(board))
    assert "Whole campaign" in english and "Cả chiến dịch" not in english
    assert computed.call_count == 3
    board.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert "Cả chiến dịch" in text(get(board))
    assert computed.call_count == 3  # the Vietnamese page was kept


def test_a_viewer_never_gets_the_boards_links(province, computed):
    missing = f'href="{reverse("reporting:missing")}?'
    assert missing in get(client_of(province.board)).content.decode()
    page = get(client_of(province.viewer)).content.decode()
    assert missing not in page
    assert computed.call_count == 2


def test_a_district_never_gets_the_provinces_figures_nor_the_province_the_districts(province, computed):
    ward_viewer = make_user("hai", unit=province.tan_phong, role=RoleKind.VIEWER)
    board = client_of(province.board)
    assert "37 / 260" in text(get(board))
    ward = text(get(client_of(ward_viewer)))
    assert "9 / 60" in ward and "37 / 260" not in ward  # Tân Phong: CĐCS Chè 7, direct 2
    assert "37 / 260" in text(get(board))
    assert computed.call_count == 2


def test_a_page_of_a_table_is_another_entry(province, computed):
    board = client_of(province.board)
    get(board)
    get(board, page_discipline="2")
    get(board, page_discipline="2")
    get(board, page_nothing="2")  # not a table's page: the first entry
    assert computed.call_count == 2


# --- the stamp ---------------------------------------------------------------------------------------------


def test_the_stamp_is_one_query(province):
    with CaptureQueriesContext(connection) as queries:
        figures_stamp()
    assert len(queries) == 1


def test_the_stamp_changes_with_each_write_the_figures_depend_on(province):
    D = datetime.date
    writes = {
        **_structure_writes(province),
        "a union confirmed by the board": lambda: founding_confirm(
            campaign=province.campaign, union=make_grassroots(
                province.tan_phong, name="CĐCS mới", recognition_decision="12/QĐ", recognition_date=D(2025, 7, 20),
                founding_members=9, active_from=D(2025, 7, 20),
            ), user=province.board,
        ),
        "a report deleted": lambda: Report.objects.filter(unit=province.phong_tho, status=ReportStatus.DRAFT).delete(),
    }
    for what, write in writes.items():
        before = figures_stamp()
        write()
        assert figures_stamp() != before, what


def _structure_writes(province) -> dict:
    """Writes to the campaign's structure (targets, waves and their periods, placements, units)."""
    D = datetime.date
    return {
        "a target": lambda: target_set(
            campaign=province.campaign, unit=province.tam_duong, measure=Measure.NEW_MEMBERS, value=121,
            wave=province.campaign.waves.get(number=1),
        ),
        "a wave and its periods": lambda: wave_create(
            campaign=province.campaign, number=3, start=D(2025, 9, 1), end=D(2025, 9, 30)
        ),
        "a union's move (its placements)": lambda: unit_move(
            unit=province.school, new_parent=province.federation, on=D(2025, 9, 1)
        ),
        "a unit renamed": lambda: _rename(province.tan_phong),
    }


def _rename(unit):
    unit.name = "Công đoàn phường Tân Phong (mới)"
    unit.save()


def test_a_history_row_numbered_below_the_highest_that_appears_later_changes_the_stamp(province):
    """On PostgreSQL a transaction that took a history number may commit after one that
    took a higher number: the highest number stays the same, the stamp must not."""
    history = Report.history.model
    highest = history.objects.order_by("-history_id").first()
    overtaken = history.objects.filter(history_id__lt=highest.history_id).order_by("-history_id").first()
    history.objects.filter(pk=overtaken.pk).delete()  # not committed yet, as it were
    before = figures_stamp()
    overtaken.save(force_insert=True)  # now committed, with its lower number
    assert history.objects.order_by("-history_id").first().pk == highest.pk
    assert figures_stamp() != before


# --- the structure, kept apart from the figures ----------------------------------------------------------


def test_the_structures_stamp_follows_the_structure_and_nothing_a_report_changes(province):
    D = datetime.date
    structure = _structure_writes(province)
    for what, write in structure.items():
        before = structure_stamp()
        write()
        assert structure_stamp() != before, what
    union = make_grassroots(
        province.tan_phong, name="CĐCS mới", recognition_decision="12/QĐ", recognition_date=D(2025, 7, 20),
        founding_members=9, active_from=D(2025, 7, 20),
    )
    figures_only = {
        "a union confirmed by the board": lambda: founding_confirm(
            campaign=province.campaign, union=union, user=province.board
        ),
        "a report returned": lambda: Report.objects.get(
            unit=province.tan_phong, period=reported_week(province, D(2025, 7, 7))
        ).save(),
        "a report deleted": lambda: Report.objects.filter(unit=province.phong_tho, status=ReportStatus.DRAFT).delete(),
    }
    for what, write in figures_only.items():
        before, figures_before = structure_stamp(), figures_stamp()
        write()
        assert figures_stamp() != figures_before, what
        assert structure_stamp() == before, what


def test_after_a_report_changes_the_figures_are_read_without_the_structure(province):
    as_of = timezone.localdate() + datetime.timedelta(days=1)
    with CaptureQueriesContext(connection) as first:
        stats.campaign_stats(province.campaign, province.federation, as_of=as_of)
    Report.objects.filter(unit=province.phong_tho, status=ReportStatus.DRAFT).delete()
    with CaptureQueriesContext(connection) as second:
        after = stats.campaign_stats(province.campaign, province.federation, as_of=as_of)
    # The structure's stamp, then the periods, the reporting units, the federation's direct
    # unions and the targets — read once —; the reports' states and the new unions each time.
    assert (len(first), len(second)) == (7, 3)
    assert after.drafts_pending == 0


def _figures(s) -> tuple:
    return (
        [(f.measure, f.target, f.achieved) for f in s.whole],
        [(b.wave.pk, b.elapsed_days, [(f.target, f.achieved) for f in b.figures]) for b in s.waves],
        [(d.unit.pk, d.expected, d.on_time, d.late, d.returned, d.missing) for d in s.discipline],
        [u.pk for u in s.reading.units],
    )


def test_the_kept_structure_is_never_read_after_a_change_to_it(province):
    """Each write to the structure shows at once, with the structure read before it kept:
    the figures are those computed with nothing kept, and not those of before the write."""
    D = datetime.date
    as_of = timezone.localdate() + datetime.timedelta(days=1)

    def now():
        return _figures(stats.campaign_stats(province.campaign, province.federation, as_of=as_of))

    def afresh():
        cache.clear()
        return now()

    wave1 = province.campaign.waves.get(number=1)
    writes = {
        "a target": lambda: target_set(
            campaign=province.campaign, unit=province.tam_duong, measure=Measure.NEW_MEMBERS, value=121, wave=wave1,
        ),
        "a wave's end moved (its periods)": lambda: _wave_ends(province.campaign.waves.get(number=2), D(2025, 8, 10)),
        "a commune's first day moved": lambda: _starts(province.tan_phong, D(2025, 7, 15)),
    }
    for what, write in writes.items():
        before = now()
        write()
        after = now()
        assert after != before, what
        assert after == afresh(), what


def _starts(unit, day):
    unit.active_from = day
    unit.save()


def _wave_ends(wave, day):
    wave.end = day
    wave.save()
    periods_generate(campaign=wave.campaign)
