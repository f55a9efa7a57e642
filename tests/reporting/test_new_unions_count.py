"""A new grassroots union counts only through a counted report (or the board's
confirmation), and its founding members always move with it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure, Period, PeriodKind
from reporting.foundings import founding_confirm, grassroots_register
from reporting.models import Founding, Report, ReportLine, ReportStatus
from reporting.services import report_approve, report_return, report_save, report_submit
from reporting.stats import campaign_stats
from tests.factories import make_grassroots
from unions.models import Unit

from .conftest import open_for_entry
from .test_report_entry import url

TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def registered(province, july_week):
    """A union of 12 founders registered today from Tân Phong's draft for 07–13/07/2025."""
    union = grassroots_register(
        unit=province.tan_phong, period=july_week, user=province.reporter_tan_phong,
        name="CĐCS Công ty TNHH May Tân Phong", sector="non_state", recognition_decision="31/QĐ-CĐ",
        recognition_date=datetime.date(2025, 7, 9), founding_members=12,
    )
    return union, Report.objects.get(unit=province.tan_phong, period=july_week)


def counted(province, as_of=TOMORROW):
    """(new unions, new members) of the province and of the ward in July, as of ``as_of``."""
    stats = campaign_stats(province.campaign, province.federation, as_of=as_of)
    ward = next(r for r in stats.waves[1].units if r.unit == province.tan_phong)
    whole = (stats.figure(Measure.NEW_GRASSROOTS).achieved, stats.figure(Measure.NEW_MEMBERS).achieved)
    return whole, (ward.figures[Measure.NEW_GRASSROOTS].achieved, ward.main.achieved)


def test_a_union_registered_in_a_draft_does_not_count_nor_do_its_founders(province, registered):
    assert counted(province) == ((0, 0), (0, 0))


def test_once_its_report_is_submitted_the_union_and_its_founders_count_together(province, registered):
    union, report = registered
    report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    assert counted(province) == ((1, 12), (1, 12))
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    (new,) = stats.new_grassroots
    assert (new, new.reported_by, new.counted_period) == (union, province.tan_phong, report.period)


def test_a_returned_report_takes_its_union_out_and_resubmitting_brings_it_back(province, registered):
    _union, report = registered
    report = report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    report = report_return(report=report, user=province.staff, reason="Kiểm tra quyết định công nhận")
    assert counted(province) == ((0, 0), (0, 0))
    report = report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    assert counted(province) == ((1, 12), (1, 12))
    report_approve(report=report, user=province.board)
    assert counted(province) == ((1, 12), (1, 12))


def test_as_of_a_day_before_the_union_was_entered_it_does_not_count(province, registered):
    _union, report = registered
    report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    assert counted(province, as_of=YESTERDAY) == ((0, 0), (0, 0))
    assert counted(province, as_of=TODAY) == ((1, 12), (1, 12))


def test_a_union_registered_after_its_report_first_counted_waits_for_the_report_to_count_again(province, july_week):
    """Submitted two days ago, returned, then a union registered and resubmitted today:
    as of yesterday the report counted, without the union."""
    report = report_save(
        unit=province.tan_phong, period=july_week, user=province.reporter_tan_phong, version=1,
        figures={"CS0001": {"new_members": 3, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0}},
    )
    report = report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    two_days = datetime.timedelta(days=2)
    Report.history.update(history_date=F("history_date") - two_days)
    ReportLine.history.update(history_date=F("history_date") - two_days)
    report = report_return(report=report, user=province.staff, reason="Thiếu CĐCS mới")
    grassroots_register(
        report=report, user=province.reporter_tan_phong, name="CĐCS HTX Rau Tân Phong", sector="cooperative",
        recognition_decision="33/QĐ-CĐ", recognition_date=datetime.date(2025, 7, 10), founding_members=6,
    )
    report.refresh_from_db()
    report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    assert counted(province, as_of=YESTERDAY) == ((0, 3), (0, 3))
    assert counted(province, as_of=TODAY) == ((1, 9), (1, 9))


def test_the_dashboard_lists_the_union_with_the_report_it_counts_through(client, province, registered):
    union, report = registered
    report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    client.force_login(province.board)
    page = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW.strftime("%d/%m/%Y")}).content.decode()
    assert union.name in page
    assert url(province.tan_phong, report.period) in page


# --- Unions recorded without a report ----------------------------------------


@pytest.fixture
def june_union(province):
    """Recognised on 15/06/2025 (between the waves) under Tam Đường, recorded in the admin."""
    return make_grassroots(
        province.tam_duong, name="CĐCS Công ty Thủy sản Tam Đường", active_from=datetime.date(2025, 6, 15),
        recognition_date=datetime.date(2025, 6, 15), recognition_decision="52/QĐ-LĐLĐ", founding_members=8,
    )


def test_a_union_recorded_in_june_counts_between_the_waves_once_the_board_confirms_it(client, province, june_union):
    client.force_login(province.board)
    page = client.get(reverse("reporting:foundings"))
    assert page.status_code == 200 and june_union.name in page.content.decode()
    assert campaign_stats(province.campaign, province.federation, as_of=TOMORROW).new_grassroots == []

    response = client.post(reverse("reporting:foundings"), {"action": "confirm", "grassroots": june_union.pk})
    assert response.status_code == 302
    founding = Founding.objects.get(grassroots=june_union)
    assert (founding.unit, founding.report, founding.confirmed_by) == (province.tam_duong, None, province.board)

    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert [g.name for g in stats.new_grassroots] == [june_union.name]
    assert stats.figure(Measure.NEW_GRASSROOTS).achieved == 1
    assert stats.figure(Measure.NEW_MEMBERS).achieved == 8  # its founders, with it
    # Neither wave holds it: it counts between them, for the district.
    assert [b.figures[1].achieved for b in stats.waves] == [0, 0]
    assert {f.measure: f.achieved for f in stats.outside}[Measure.NEW_MEMBERS] == 8
    district = next(r for r in stats.campaign_units if r.unit == province.tam_duong)
    assert (district.figures[Measure.NEW_GRASSROOTS].achieved, district.main.achieved) == (1, 8)

    client.post(reverse("reporting:foundings"), {"action": "revoke", "founding": founding.pk})
    assert campaign_stats(province.campaign, province.federation, as_of=TOMORROW).new_grassroots == []


def test_only_the_board_and_staff_confirm(client, province, june_union):
    for persona in (province.viewer, province.reporter_tam_duong):
        client.force_login(persona)
        assert client.post(reverse("reporting:foundings"), {"action": "confirm", "grassroots": june_union.pk}).status_code == 403
    assert not Founding.objects.exists()


def test_a_union_registered_from_a_report_is_not_offered_for_confirmation(client, province, registered):
    union, _report = registered
    client.force_login(province.staff)
    assert union.name not in client.get(reverse("reporting:foundings")).content.decode()
    response = client.post(reverse("reporting:foundings"), {"action": "confirm", "grassroots": union.pk})
    assert response.status_code == 404


# --- Founding members: the same bound as every figure ---------------------------


def test_founding_members_above_the_figure_limit_are_refused_by_the_form(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    response = client.post(url(province.tan_phong, july_week, "reporting:grassroots_new"), {
        "name": "CĐCS Quá lớn", "sector": "non_state", "recognition_decision": "1/QĐ", "recognition_date": "09/07/2025",
        "founding_members": "100001",
    })
    assert response.status_code == 400
    assert "Số đoàn viên khi thành lập quá lớn (tối đa 100.000)." in response.content.decode()
    assert not Unit.objects.filter(name="CĐCS Quá lớn").exists() and not Report.objects.exists()


def test_the_database_refuses_founding_members_and_figures_above_the_limit(province, registered):
    union, report = registered
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=union.pk).update(founding_members=100_001)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportLine.objects.filter(report=report).update(new_members=100_001)


def test_the_board_repairs_a_registered_union_after_reopening_its_approved_report(client, province, registered):
    union, report = registered
    report = report_submit(report=report, user=province.reporter_tan_phong, version=report.version)
    report_approve(report=report, user=province.board)
    client.force_login(province.board)
    edit = reverse("reporting:grassroots_edit", args=[province.tan_phong.pk, report.period.pk, union.pk])
    assert client.get(edit).status_code == 302  # locked: back to the report with the reason
    client.post(url(province.tan_phong, report.period, "reporting:reopen"), {"reason": "Sửa số đoàn viên khi thành lập"})
    response = client.post(edit, {
        "name": union.name, "sector": "non_state", "recognition_decision": "31/QĐ-CĐ",
        "recognition_date": "09/07/2025", "founding_members": "20",
    })
    assert response.status_code == 302
    union.refresh_from_db()
    assert union.founding_members == 20
    # Its row is raised to the new founders, so the report stays consistent.
    assert ReportLine.objects.get(report=report, grassroots=union).new_members == 20


def test_a_union_registered_by_mistake_is_taken_back_with_its_line(client, province, registered):
    union, report = registered
    client.force_login(province.reporter_tan_phong)
    edit = reverse("reporting:grassroots_edit", args=[province.tan_phong.pk, report.period.pk, union.pk])
    assert client.post(edit, {"action": "unregister"}).status_code == 302
    assert not Unit.objects.filter(pk=union.pk).exists()
    assert not ReportLine.objects.filter(report=report).exists() and not Founding.objects.exists()


def test_unions_are_registered_in_weekly_reports_only(client, province):
    month = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.MONTH, start=datetime.date(2025, 7, 1)))
    client.force_login(province.reporter_tan_phong)
    assert client.get(url(province.tan_phong, month, "reporting:grassroots_new")).status_code == 404


def test_a_union_confirmed_for_a_week_counts_in_that_week_and_its_wave(province):
    union = make_grassroots(
        province.tan_phong, name="CĐCS Công ty Gạch Tân Phong", active_from=datetime.date(2025, 7, 15),
        recognition_date=datetime.date(2025, 7, 15), recognition_decision="40/QĐ-CĐ", founding_members=5,
    )
    founding_confirm(campaign=province.campaign, union=union, user=province.staff)
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert stats.outside is None
    assert stats.waves[1].figures[1].achieved == 1
    assert [p.weekly["new_members"] for p in stats.weeks if p.period.start == datetime.date(2025, 7, 14)] == [5]
    assert {r.status for r in Report.objects.all()} <= {ReportStatus.DRAFT}
