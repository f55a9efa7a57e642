"""A reporter's weekly report over HTTP: the grid, saving, errors, submitting."""

import datetime

import pytest
from django.urls import reverse

from reporting.models import Report, ReportLine, ReportStatus
from reporting.selectors import DIRECT_KEY


def url(unit, period, name="reporting:report"):
    return reverse(name, args=[unit.pk, period.pk])


def cells(**rows):
    """POST data for the grid: cells(CS0001={"new_members": 3}) → {"f-CS0001-new_members": "3"}."""
    data = {}
    for key, values in rows.items():
        for figure, value in values.items():
            data[f"f-{key}-{figure}"] = str(value)
    return data


def post(client, unit, period, *, action="save", version=0, **rows):
    return client.post(url(unit, period), {"version": version, "action": action, **cells(**rows)})


@pytest.fixture
def ward(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    return province.tan_phong


def test_the_grid_has_a_row_per_grassroots_union_of_the_period_and_a_direct_row(client, province, ward, july_week):
    response = client.get(url(ward, july_week))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.key for r in rows] == ["CS0001", "CS0002", DIRECT_KEY]
    names = [r.name for r in rows]
    assert names[:2] == ["CĐCS Công ty Chè Tam Đường", "CĐCS Trường THCS Bình Lư"]
    page = response.content.decode()
    assert "Kết nạp trực tiếp tại công đoàn cấp trên" in page
    assert 'inputmode="numeric"' in page


def test_the_district_grid_in_may_shows_the_unions_before_they_moved(client, province, may_week):
    client.force_login(province.reporter_tam_duong)
    rows = client.get(url(province.tam_duong, may_week)).context["rows"]
    assert [r.grassroots.code for r in rows if r.grassroots] == ["CS0001", "CS0002"]


def test_saving_a_draft_stores_only_the_non_zero_rows_and_computes_totals(client, province, ward, july_week):
    response = post(client, ward, july_week, CS0001={"new_members": "12", "new_members_women": "5"},
                    CS0002={"new_members": ""}, **{DIRECT_KEY: {"new_members": "1.234"}})
    assert response.status_code == 302
    report = Report.objects.get(unit=ward, period=july_week)
    assert report.status == ReportStatus.DRAFT
    lines = {(line.grassroots.code if line.grassroots else None): line for line in report.lines.all()}
    assert set(lines) == {"CS0001", None}
    assert (lines["CS0001"].new_members, lines["CS0001"].new_members_women) == (12, 5)
    assert lines[None].new_members == 1234
    page = client.get(url(ward, july_week)).content.decode()
    assert "Đã lưu nháp." in page
    assert client.get(url(ward, july_week)).context["totals"]["new_members"] == 1246
    assert "1.246" in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "Không được là số âm."),
        ("2,5", "Phải là số nguyên (không có phần thập phân)."),
        ("1.5", "Phải là số nguyên (không có phần thập phân)."),
        ("mười", "“mười” không phải là số."),
    ],
)
def test_a_bad_cell_is_refused_next_to_the_cell_and_nothing_is_saved(client, province, ward, july_week, value, message):
    response = post(client, ward, july_week, CS0001={"new_members": value}, CS0002={"new_members": "4"})
    assert response.status_code == 400
    assert response.context["form"].errors["f-CS0001-new_members"] == [message]
    assert message in response.content.decode()
    assert "Chưa lưu: hãy sửa các ô báo lỗi." in response.content.decode()
    assert not ReportLine.objects.exists()
    # What the user typed is kept on the page.
    assert 'value="4"' in response.content.decode()


def test_more_women_than_new_members_is_an_error(client, province, ward, july_week):
    response = post(client, ward, july_week, CS0001={"new_members": "2", "new_members_women": "3"})
    assert response.status_code == 400
    assert response.context["form"].errors["f-CS0001-new_members_women"] == ["Số nữ (3) lớn hơn số đoàn viên mới (2)."]
    assert not Report.objects.filter(lines__isnull=False).exists()


def test_submitting_records_who_and_when_and_locks_entry_for_the_reporter(client, province, ward, july_week):
    post(client, ward, july_week, action="submit", CS0001={"new_members": "3"})
    report = Report.objects.get(unit=ward, period=july_week)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == province.reporter_tan_phong
    assert report.first_submitted_at is not None
    page = client.get(url(ward, july_week)).content.decode()
    assert "Đã nộp báo cáo." in page and "nộp đúng hạn" in page
    assert "Báo cáo đã nộp và đang chờ duyệt." in page
    response = post(client, ward, july_week, version=report.version, CS0001={"new_members": "9"})
    assert response.status_code == 302
    assert ReportLine.objects.get(report=report).new_members == 3


def test_a_double_clicked_submit_submits_once(client, province, ward, july_week):
    first = post(client, ward, july_week, action="submit", CS0001={"new_members": "3"})
    second = post(client, ward, july_week, action="submit", CS0001={"new_members": "3"})
    assert first.status_code == second.status_code == 302
    report = Report.objects.get(unit=ward, period=july_week)
    submits = [h for h in report.history.all() if h.status == ReportStatus.SUBMITTED]
    assert len(submits) == 1
    assert ReportLine.objects.get(report=report).new_members == 3


def test_a_report_submitted_after_the_due_time_is_late(client, province, ward, july_week):
    july_week.due_at = july_week.due_at - datetime.timedelta(days=3)
    july_week.save()
    post(client, ward, july_week, action="submit", CS0001={"new_members": "3"})
    page = client.get(url(ward, july_week)).content.decode()
    assert "nộp muộn" in page


def test_after_closing_entry_is_refused_until_the_board_reopens_it(client, province, ward, july_week):
    from django.utils import timezone

    july_week.due_at = timezone.now() - datetime.timedelta(days=9)
    july_week.closes_at = timezone.now() - datetime.timedelta(days=2)
    july_week.save()
    page = client.get(url(ward, july_week)).content.decode()
    assert "Kỳ báo cáo đã khóa nhập liệu lúc" in page and "đã khóa" in page
    response = post(client, ward, july_week, CS0001={"new_members": "3"})
    assert response.status_code == 302
    assert not ReportLine.objects.exists()
    client.force_login(province.staff)
    client.post(url(ward, july_week, "reporting:reopen"), {"reason": "Đơn vị mất điện cả tuần"})
    client.force_login(province.reporter_tan_phong)
    report = Report.objects.get(unit=ward, period=july_week)
    assert report.reopened
    post(client, ward, july_week, version=report.version, CS0001={"new_members": "3"})
    assert ReportLine.objects.get(report=report).new_members == 3


def test_a_viewer_sees_the_report_but_cannot_change_it(client, province, july_week):
    client.force_login(province.viewer)
    assert client.get(url(province.tan_phong, july_week)).status_code == 200
    response = post(client, province.tan_phong, july_week, CS0001={"new_members": "3"})
    assert response.status_code == 403
    assert not ReportLine.objects.exists()


@pytest.mark.parametrize("name", ["tam_duong", "phong_tho", "federation"])
def test_a_reporter_of_one_unit_gets_404_for_another_units_report(client, province, july_week, may_week, name):
    client.force_login(province.reporter_tan_phong)
    assert client.get(url(getattr(province, name), may_week)).status_code == 404


def test_a_unit_has_no_report_for_a_period_it_did_not_exist_in(client, province, may_week):
    client.force_login(province.staff)
    assert client.get(url(province.tan_phong, may_week)).status_code == 404


def test_the_grid_query_count_is_the_same_for_10_and_60_grassroots_unions(client, province, ward, july_week):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_grassroots

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(ward, july_week)).status_code == 200
        return len(ctx.captured_queries)

    for i in range(8):
        make_grassroots(ward, name=f"CĐCS thử {i:03d}", active_from=datetime.date(2025, 7, 1))
    post(client, ward, july_week, CS0001={"new_members": "3"})
    client.get(url(ward, july_week))  # what every page keeps in the cache is kept
    small = count()
    for i in range(8, 60):
        make_grassroots(ward, name=f"CĐCS thử {i:03d}", active_from=datetime.date(2025, 7, 1))
    assert len(client.get(url(ward, july_week)).context["rows"]) == 63  # 2 unions of the ward, 60 added, the direct row
    assert count() == small


def test_saving_the_grid_takes_the_same_number_of_queries_for_10_and_60_lines(client, province, ward, july_week):
    """A first save creates every line, a second changes every one: the queries do not grow with the lines."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting.models import Report, ReportLine
    from tests.factories import make_grassroots

    unions = [make_grassroots(ward, name=f"CĐCS thử {i:03d}", code=f"CS9{i:03d}", active_from=datetime.date(2025, 7, 1))
              for i in range(60)]

    def save(codes, value):
        report = Report.objects.filter(unit=ward, period=july_week).first()
        rows = {code: {"new_members": value, "new_members_women": 1} for code in codes}
        with CaptureQueriesContext(connection) as ctx:
            assert post(client, ward, july_week, version=report.version if report else 0, **rows).status_code == 302
        return len(ctx.captured_queries)

    few = [u.code for u in unions[:10]]
    first_few, change_few = save(few, 3), save(few, 4)
    Report.objects.filter(unit=ward, period=july_week).delete()
    every = [u.code for u in unions]
    first_every, change_every = save(every, 3), save(every, 4)
    assert (first_every, change_every) == (first_few, change_few)
    lines = ReportLine.objects.filter(report__unit=ward, report__period=july_week)
    assert lines.count() == 60 and {line.new_members for line in lines} == {4}
    # Each line's history: its creation and its change, by the reporter.
    history = ReportLine.history.filter(report_id=lines[0].report_id)
    assert history.filter(history_type="+").count() == 60 and history.filter(history_type="~").count() == 60
    assert set(history.values_list("history_user", flat=True)) == {province.reporter_tan_phong.pk}


def test_this_week_takes_a_reporter_to_the_latest_week_of_their_unit(client, province):
    from campaign.models import Period, PeriodKind

    client.force_login(province.reporter_tan_phong)
    last_july = Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 28))
    assert client.get(reverse("reporting:this_week"))["Location"] == url(province.tan_phong, last_july)
    client.force_login(province.reporter_tam_duong)
    last_may = Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 26))
    assert client.get(reverse("reporting:this_week"))["Location"] == url(province.tam_duong, last_may)


def test_a_reporter_lists_the_periods_of_their_unit_with_statuses(client, province, ward, july_week):
    post(client, ward, july_week, CS0001={"new_members": "3"})
    page = client.get(reverse("reporting:list")).content.decode()
    assert "Tuần 2 đợt 2 (07/07/2025 – 13/07/2025)" in page and "Đang soạn" in page
    assert "Tuần 1 đợt 1" not in page  # the ward did not exist in May
    assert "Chưa nộp" in page


def test_the_half_year_report_is_entered_for_its_whole_period_not_added_from_the_weeks(client, province):
    from campaign.models import Period, PeriodKind

    from .conftest import open_for_entry

    half = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.HALF_YEAR))
    client.force_login(province.reporter_tam_duong)
    response = client.get(url(province.tam_duong, half))
    assert response.status_code == 200
    assert [r.key for r in response.context["rows"]] == ["CS0001", "CS0002", DIRECT_KEY]
    post(client, province.tam_duong, half, CS0001={"new_members": "140"})
    report = Report.objects.get(period=half)
    assert report.lines.get().new_members == 140
    assert "Kết quả đạt được" in client.get(url(province.tam_duong, half)).content.decode()


@pytest.mark.parametrize(("value", "message"), [(-1, "không âm"), (100_001, "100.000")], ids=["negative", "too_large"])
def test_the_service_refuses_a_figure_no_form_checked_in_vietnamese_and_writes_nothing(province, july_week, value, message):
    from django.core.exceptions import ValidationError

    from reporting.models import ReportLine
    from reporting.services import report_open, report_save

    report = report_open(unit=province.tan_phong, period=july_week)
    figures = {"CS0001": {"new_members": 2, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0},
               "CS0002": {"new_members": 5, "new_members_women": 0, "party_introduced": value, "party_admitted": 0}}
    with pytest.raises(ValidationError) as refused:
        report_save(report=report, user=province.staff, version=report.version, figures=figures)
    assert message in " ".join(refused.value.messages)
    assert not ReportLine.objects.filter(report=report).exists()


def test_a_row_set_back_to_zero_is_no_longer_stored_and_its_history_says_who_removed_it(client, province, ward, july_week):
    from reporting.models import Report, ReportLine

    assert post(client, ward, july_week, CS0001={"new_members": "3"}, CS0002={"new_members": "2"}).status_code == 302
    report = Report.objects.get(unit=ward, period=july_week)
    assert post(client, ward, july_week, version=report.version, CS0001={"new_members": "0"},
                CS0002={"new_members": "2"}).status_code == 302
    lines = ReportLine.objects.filter(report=report)
    assert [(line.grassroots.code, line.new_members) for line in lines] == [("CS0002", 2)]
    removed = ReportLine.history.get(report_id=report.pk, history_type="-")
    assert removed.grassroots.code == "CS0001" and removed.history_user == province.reporter_tan_phong
