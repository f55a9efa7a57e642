"""A workflow with no dead ends: the board opens entry for any unit × period (a lock
exception, one or several at once), a returned report can be corrected after the
closing time, reporters ask for entry to be opened, and a refused action leaves
nothing behind."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Period, PeriodKind
from reporting.models import EntryRequest, Report, ReportLine, ReportStatus
from tests.factories import make_user
from unions.models import RoleKind

from .test_report_entry import post, url


def closed(period: Period) -> Period:
    """Make ``period`` due two weeks ago and closed a week ago."""
    now = timezone.now()
    period.due_at = now - datetime.timedelta(days=14)
    period.closes_at = now - datetime.timedelta(days=7)
    period.save(update_fields=["due_at", "closes_at"])
    return period


@pytest.fixture
def closed_week(province):
    return closed(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7)))


def test_a_refused_save_in_a_closed_period_leaves_no_empty_draft(client, province, closed_week):
    client.force_login(province.reporter_tan_phong)
    response = post(client, province.tan_phong, closed_week, CS0001={"new_members": "3"})
    assert response.status_code == 302
    assert "Kỳ báo cáo đã khóa nhập liệu" in client.get(response["Location"]).content.decode()
    assert not Report.objects.exists()


def test_approving_a_report_that_was_never_started_is_refused_without_making_one(client, province, closed_week):
    client.force_login(province.staff)
    response = client.post(url(province.tan_phong, closed_week, "reporting:approve"), follow=True)
    assert "Đơn vị chưa có báo cáo kỳ này." in response.content.decode()
    assert not Report.objects.exists()


def test_staff_open_entry_for_a_report_never_started_in_a_closed_period(client, province, closed_week):
    client.force_login(province.staff)
    page = client.get(url(province.tan_phong, closed_week)).content.decode()
    assert "Đơn vị chưa có báo cáo và kỳ báo cáo đã khóa nhập liệu." in page
    response = client.post(url(province.tan_phong, closed_week, "reporting:reopen"), {"reason": "Đơn vị mất mạng cả tuần"})
    assert response.status_code == 302
    report = Report.objects.get(unit=province.tan_phong, period=closed_week)
    assert (report.status, report.reopened, report.reopen_reason) == (ReportStatus.DRAFT, True, "Đơn vị mất mạng cả tuần")

    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, closed_week, action="submit", version=report.version, CS0001={"new_members": "4"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert ReportLine.objects.get(report=report).new_members == 4
    # The exception is used up: the report does not reopen itself.
    assert not report.reopened


def test_a_report_returned_after_the_closing_time_is_corrected_and_resubmitted_in_one_step(client, province, closed_week):
    now = timezone.now()
    report = Report.objects.create(
        unit=province.tan_phong, period=closed_week, status=ReportStatus.SUBMITTED,
        first_submitted_at=now - datetime.timedelta(days=13), submitted_at=now - datetime.timedelta(days=13),
    )
    client.force_login(province.staff)
    client.post(url(province.tan_phong, closed_week, "reporting:return"), {"reason": "Thiếu số liệu CĐCS Trường"})
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and not report.reopened

    client.force_login(province.reporter_tan_phong)
    page = client.get(url(province.tan_phong, closed_week)).content.decode()
    assert "Bị trả lại:" in page and 'name="f-CS0002-new_members"' in page  # the grid takes figures
    post(client, province.tan_phong, closed_week, action="submit", version=report.version, CS0002={"new_members": "2"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.return_reason == ""


def test_a_reporter_asks_for_entry_and_the_board_sees_the_request_and_opens_it(client, province, closed_week, mailoutbox):
    make_user("thu", unit=province.federation, role=RoleKind.STAFF, email="thu@laichau.example.vn")
    client.force_login(province.reporter_tan_phong)
    page = client.get(url(province.tan_phong, closed_week)).content.decode()
    assert "Gửi đề nghị mở nhập liệu" in page
    response = client.post(url(province.tan_phong, closed_week, "reporting:entry_request"), {"reason": "Mất điện cả tuần"})
    assert response.status_code == 302
    assert "Đã gửi đề nghị mở nhập liệu" in client.get(response["Location"]).content.decode()
    (request,) = EntryRequest.objects.all()
    assert (request.unit, request.requested_by, request.resolved_at) == (province.tan_phong, province.reporter_tan_phong, None)
    (mail,) = mailoutbox
    assert mail.to == ["thu@laichau.example.vn"] and "Mất điện cả tuần" in mail.body
    assert not Report.objects.exists()
    # A second request while the first waits is refused.
    again = client.post(url(province.tan_phong, closed_week, "reporting:entry_request"), {"reason": "Nhắc lại"}, follow=True)
    assert "đang chờ Ban Tổ chức - Kiểm tra xử lý" in again.content.decode()

    client.force_login(province.staff)
    missing = client.get(reverse("reporting:missing"), {"period": closed_week.pk}).content.decode()
    assert "đề nghị mở nhập liệu" in missing and "Mất điện cả tuần" in missing
    client.post(url(province.tan_phong, closed_week, "reporting:reopen"), {"reason": "Đồng ý mở lại"})
    request.refresh_from_db()
    assert request.resolved_by == province.staff and request.resolved_at is not None


def test_staff_open_entry_for_several_missing_units_at_once(client, province):
    week = closed(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 5)))
    client.force_login(province.staff)
    response = client.post(reverse("reporting:open_missing"), {
        "period": week.pk, "unit": [province.tam_duong.pk, province.phong_tho.pk], "reason": "Mở lại sau bão lũ",
    })
    assert response.status_code == 302
    assert "Đã mở nhập liệu cho 2 đơn vị." in client.get(response["Location"]).content.decode()
    reports = Report.objects.filter(period=week)
    assert {(r.unit, r.status, r.reopened) for r in reports} == {
        (province.tam_duong, ReportStatus.DRAFT, True), (province.phong_tho, ReportStatus.DRAFT, True),
    }


def test_opening_entry_in_bulk_ignores_units_that_do_not_miss_the_report(client, province):
    """Tân Phong did not exist in May: a forged POST cannot open anything for it."""
    week = closed(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 5)))
    client.force_login(province.staff)
    response = client.post(reverse("reporting:open_missing"), {
        "period": week.pk, "unit": [province.tan_phong.pk], "reason": "Thử",
    }, follow=True)
    assert "Hãy chọn ít nhất một đơn vị còn thiếu báo cáo." in response.content.decode()
    assert not Report.objects.exists()


def test_opening_entry_in_bulk_needs_a_reason_and_the_board(client, province):
    week = closed(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 5)))
    client.force_login(province.staff)
    response = client.post(reverse("reporting:open_missing"), {"period": week.pk, "unit": [province.tam_duong.pk]}, follow=True)
    assert "Hãy ghi lý do mở nhập liệu." in response.content.decode()
    for persona in (province.reporter_tam_duong, province.viewer):
        client.force_login(persona)
        data = {"period": week.pk, "unit": [province.tam_duong.pk], "reason": "x"}
        assert client.post(reverse("reporting:open_missing"), data).status_code == 403
    assert not Report.objects.exists()


def test_a_reporter_cannot_open_entry_themselves(client, province, closed_week):
    client.force_login(province.reporter_tan_phong)
    assert client.post(url(province.tan_phong, closed_week, "reporting:reopen"), {"reason": "x"}).status_code == 403
    assert not Report.objects.exists()
