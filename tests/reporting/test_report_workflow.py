"""Review (return, approve, reopen), new grassroots unions, warnings, conflicts,
history and the monthly report, over HTTP."""

import datetime

import pytest
from django.urls import reverse

from reporting.models import Report, ReportLine, ReportStatus
from reporting.services import report_save
from unions.models import Unit

from .conftest import open_for_entry
from .test_report_entry import post, url


@pytest.fixture
def submitted(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, july_week, action="submit", CS0001={"new_members": "6", "party_introduced": "2"})
    return Report.objects.get(unit=province.tan_phong, period=july_week)


def test_staff_return_a_report_with_a_reason_the_reporter_reads(client, province, july_week, submitted):
    client.force_login(province.staff)
    client.post(url(province.tan_phong, july_week, "reporting:return"), {"reason": "Thiếu số liệu CĐCS Trường THCS"})
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED
    client.force_login(province.reporter_tan_phong)
    page = client.get(url(province.tan_phong, july_week)).content.decode()
    assert "Bị trả lại:" in page and "Thiếu số liệu CĐCS Trường THCS" in page
    post(client, province.tan_phong, july_week, action="submit", version=submitted.version, CS0002={"new_members": "2"})
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


def test_returning_needs_a_reason(client, province, july_week, submitted):
    client.force_login(province.staff)
    response = client.post(url(province.tan_phong, july_week, "reporting:return"), {"reason": "  "}, follow=True)
    assert "Hãy ghi lý do." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


def test_an_approved_report_is_locked_until_reopened_with_a_reason(client, province, july_week, submitted):
    client.force_login(province.board)
    client.post(url(province.tan_phong, july_week, "reporting:approve"))
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.APPROVED
    client.force_login(province.reporter_tan_phong)
    response = post(client, province.tan_phong, july_week, version=submitted.version, CS0001={"new_members": "1"})
    assert response.status_code == 302
    assert "Báo cáo đã được duyệt và khóa." in client.get(url(province.tan_phong, july_week)).content.decode()
    assert ReportLine.objects.get(report=submitted).new_members == 6
    client.force_login(province.board)
    client.post(url(province.tan_phong, july_week, "reporting:reopen"), {"reason": "Đơn vị báo sai số nữ"})
    submitted.refresh_from_db()
    # Reopened, not relabelled "returned": a draft open for entry, with the one current reason.
    assert submitted.status == ReportStatus.DRAFT and submitted.reopened
    assert submitted.reopen_reason == "Đơn vị báo sai số nữ" and submitted.return_reason == ""
    client.force_login(province.reporter_tan_phong)
    page = client.get(url(province.tan_phong, july_week)).content.decode()
    assert "Đã mở lại để nhập liệu:" in page and "Bị trả lại" not in page
    assert page.count("Đơn vị báo sai số nữ") == 1
    post(client, province.tan_phong, july_week, version=submitted.version, CS0001={"new_members": "7"})
    assert ReportLine.objects.get(report=submitted).new_members == 7


def test_reporters_cannot_review(client, province, july_week, submitted):
    response = client.post(url(province.tan_phong, july_week, "reporting:approve"))
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED


def test_review_actions_refuse_get(client, province, july_week, submitted):
    client.force_login(province.staff)
    assert client.get(url(province.tan_phong, july_week, "reporting:approve")).status_code == 405


def test_the_review_list_shows_submitted_reports_to_the_board(client, province, july_week, submitted):
    client.force_login(province.board)
    page = client.get(reverse("reporting:list")).content.decode()
    assert "Công đoàn phường Tân Phong" in page and "Đã nộp" in page


# --- New grassroots unions ---------------------------------------------------

NEW_UNION = {
    "name": "CĐCS Công ty TNHH Xây dựng Tân Phong",
    "sector": "non_state",
    "enterprise_tax_code": "6200999888",
    "enterprise_name": "Công ty TNHH Xây dựng Tân Phong",
    "recognition_decision": "12/QĐ-CĐ",
    "recognition_date": "09/07/2025",
    "founding_members": "15",
}


def test_a_new_grassroots_union_registered_in_the_week_joins_the_grid_with_its_founders(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    response = client.post(url(province.tan_phong, july_week, "reporting:grassroots_new"), NEW_UNION)
    assert response.status_code == 302
    union = Unit.objects.get(name=NEW_UNION["name"])
    assert (union.recognition_date, union.founding_members, union.parent) == (datetime.date(2025, 7, 9), 15, province.tan_phong)
    assert union.enterprise.tax_code == "6200999888"
    page = client.get(url(province.tan_phong, july_week))
    row = next(r for r in page.context["rows"] if r.grassroots == union)
    assert row.values["new_members"] == 15 and row.founding_members == 15
    assert "mới thành lập · 15 đoàn viên" in page.content.decode()


def test_the_new_unions_row_cannot_show_fewer_than_its_founders(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    client.post(url(province.tan_phong, july_week, "reporting:grassroots_new"), NEW_UNION)
    union = Unit.objects.get(name=NEW_UNION["name"])
    response = post(client, province.tan_phong, july_week, version=Report.objects.get().version, **{union.code: {"new_members": "10"}})
    assert response.status_code == 400
    assert "số đoàn viên mới không được ít hơn" in response.content.decode()
    assert ReportLine.objects.get(grassroots=union).new_members == 15


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"founding_members": "4"}, "Công đoàn cơ sở thành lập phải có ít nhất 5 đoàn viên."),
        ({"recognition_date": "30/06/2025"}, "Ngày quyết định công nhận phải trong kỳ báo cáo (07/07/2025 – 13/07/2025)."),
        ({"recognition_date": "14/07/2025"}, "Ngày quyết định công nhận phải trong kỳ báo cáo (07/07/2025 – 13/07/2025)."),
        ({"enterprise_tax_code": "12345"}, "Mã số thuế gồm 10 chữ số"),
    ],
)
def test_a_new_grassroots_union_with_bad_details_is_refused_in_vietnamese(client, province, july_week, changes, message):
    client.force_login(province.reporter_tan_phong)
    response = client.post(url(province.tan_phong, july_week, "reporting:grassroots_new"), {**NEW_UNION, **changes})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Unit.objects.filter(name=NEW_UNION["name"]).exists()


# --- Warnings ----------------------------------------------------------------

def test_more_admitted_than_introduced_needs_a_comment_before_submitting(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, july_week, action="submit", CS0001={"party_introduced": "1", "party_admitted": "2"})
    report = Report.objects.get()
    assert report.status == ReportStatus.DRAFT
    page = client.get(url(province.tan_phong, july_week)).content.decode()
    assert "Báo cáo có cảnh báo: hãy ghi giải trình trước khi nộp." in page
    assert "Số được kết nạp Đảng (2) lớn hơn số được giới thiệu cho Đảng (1)" in page
    client.post(url(province.tan_phong, july_week), {
        "version": report.version, "action": "submit", "f-CS0001-party_introduced": "1", "f-CS0001-party_admitted": "2",
        "warning_comment": "Một đoàn viên được giới thiệu từ tháng 6.",
    })
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_figure_far_above_the_units_usual_range_warns(client, province, july_week):
    from campaign.models import Period, PeriodKind

    earlier = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 1)))
    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, earlier, action="submit", CS0001={"new_members": "8"})
    post(client, province.tan_phong, july_week, CS0001={"new_members": "24"})
    assert client.get(url(province.tan_phong, july_week)).context["warnings"] == []
    report = Report.objects.get(period=july_week)
    post(client, province.tan_phong, july_week, version=report.version, CS0001={"new_members": "90"})
    warnings = client.get(url(province.tan_phong, july_week)).context["warnings"]
    assert warnings == ["CĐCS Công ty Chè Tam Đường: đoàn viên mới = 90, cao bất thường so với các tuần khác (ngưỡng 24)."]


def test_a_union_is_compared_with_its_own_earlier_weeks_whichever_unit_reported_them(client, province, july_week):
    """CĐCS Chè reported 10 in May under the district; in July, under the ward (which has no
    history of its own), 25 is usual for it (limit 30) and 31 is not."""
    from campaign.models import Period, PeriodKind

    may = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 5)))
    client.force_login(province.staff)
    post(client, province.tam_duong, may, action="submit", CS0001={"new_members": "10"})
    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, july_week, CS0001={"new_members": "25"})
    assert client.get(url(province.tan_phong, july_week)).context["warnings"] == []
    report = Report.objects.get(unit=province.tan_phong, period=july_week)
    post(client, province.tan_phong, july_week, version=report.version, CS0001={"new_members": "31"})
    warnings = client.get(url(province.tan_phong, july_week)).context["warnings"]
    assert warnings == ["CĐCS Công ty Chè Tam Đường: đoàn viên mới = 31, cao bất thường so với các tuần khác (ngưỡng 30)."]


# --- Two people, one report ---------------------------------------------------

def test_a_second_save_from_an_old_version_is_refused_showing_what_changed(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, july_week, CS0001={"new_members": "3"})
    report = Report.objects.get()
    opened_version = report.version
    # Staff save a change while the reporter still has the page open.
    report_save(report=report, user=province.staff, version=opened_version, figures={
        "CS0001": {"new_members": 5, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0},
    })
    response = post(client, province.tan_phong, july_week, version=opened_version, CS0001={"new_members": "4"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Người khác vừa sửa báo cáo này" in page
    assert "CĐCS Công ty Chè Tam Đường — đoàn viên mới: 3 → <strong>5</strong>" in page
    assert ReportLine.objects.get().new_members == 5
    # The reporter's own value is still on the page, and saving again now works.
    assert response.context["form"]["f-CS0001-new_members"].value() == "4"
    post(client, province.tan_phong, july_week, version=response.context["form"]["version"].value(), CS0001={"new_members": "4"})
    assert ReportLine.objects.get().new_members == 4


# --- History ------------------------------------------------------------------

def test_the_history_shows_who_changed_which_figure_from_what_to_what(client, province, july_week):
    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, july_week, CS0001={"new_members": "3"})
    report = Report.objects.get()
    post(client, province.tan_phong, july_week, version=report.version, action="submit", CS0001={"new_members": "5"})
    page = client.get(url(province.tan_phong, july_week, "reporting:history")).content.decode()
    assert page.count("Nguyễn") == 0  # the persona has no family name: shown by user name
    assert "dung" in page
    assert "<td>CĐCS Công ty Chè Tam Đường</td><td>đoàn viên mới</td><td>3</td><td>5</td>" in page.replace("\n", "")
    assert "<td>trạng thái</td><td>Đang soạn</td><td>Đã nộp</td>" in page.replace("\n", "")


# --- Monthly and final reports --------------------------------------------------

def test_the_monthly_report_shows_the_sum_of_its_weeks_and_takes_a_narrative(client, province, july_week):
    from campaign.models import Period, PeriodKind

    client.force_login(province.reporter_tan_phong)
    post(client, province.tan_phong, july_week, action="submit", CS0001={"new_members": "6", "new_members_women": "2"})
    second = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 14)))
    post(client, province.tan_phong, second, action="submit", CS0002={"new_members": "4"})
    third = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 21)))
    post(client, province.tan_phong, third, CS0002={"new_members": "100"})  # a draft: not counted
    month = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.MONTH, start=datetime.date(2025, 7, 1)))
    response = client.get(url(province.tan_phong, month))
    assert response.context["summed"]["total"]["new_members"] == 10
    assert response.context["summed"]["total"]["new_members_women"] == 2
    assert "f-CS0001-new_members" not in response.content.decode()
    client.post(url(province.tan_phong, month), {
        "version": 0, "action": "submit", "results": "Kết nạp 10 đoàn viên mới.", "shortcomings": "Chưa đạt chỉ tiêu.",
        "causes": "Doanh nghiệp nhỏ.", "proposals": "Tăng cường tuyên truyền.",
    })
    report = Report.objects.get(period=month)
    assert report.status == ReportStatus.SUBMITTED and report.results == "Kết nạp 10 đoàn viên mới."
    assert not report.lines.exists()


def test_the_final_report_covers_both_waves_and_is_due_on_the_final_date(client, province):
    from campaign.models import Period, PeriodKind

    final = Period.objects.get(campaign=province.campaign, kind=PeriodKind.FINAL)
    client.force_login(province.staff)
    page = client.get(url(province.federation, final)).content.decode()
    assert "Báo cáo tổng kết tháng cao điểm (01/05/2025 – 31/07/2025)" in page and "05/08/2025 17:00" in page
    assert len(client.get(url(province.federation, final)).context["summed"]["weeks"]) == 10


def test_a_union_founded_under_a_district_in_may_is_not_new_again_for_its_ward(client, province):
    from campaign.models import Period, PeriodKind
    from reporting.foundings import grassroots_register
    from reporting.selectors import report_rows
    from unions.services import unit_move

    may_week = open_for_entry(
        Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 5))
    )
    may_union = grassroots_register(
        unit=province.tam_duong, period=may_week, user=province.staff, name="CĐCS Công ty Cổ phần Chè Shan Tuyết",
        sector="non_state", recognition_decision="40/QĐ-LĐLĐ", recognition_date=datetime.date(2025, 5, 6),
        founding_members=9,
    )
    unit_move(unit=may_union, new_parent=province.tan_phong, on=datetime.date(2025, 7, 1))
    july_week = Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7))
    district_report = Report.objects.get(unit=province.tam_duong, period=may_week)
    ward_rows = {r.key: r for r in report_rows(province.tan_phong, july_week, None)}
    district_rows = {r.key: r for r in report_rows(province.tam_duong, may_week, district_report)}
    assert ward_rows[may_union.code].founding_members == 0
    assert district_rows[may_union.code].founding_members == 9


def test_the_final_report_of_a_ward_sums_only_the_weeks_it_existed_in(client, province):
    from campaign.models import Period, PeriodKind

    final = Period.objects.get(campaign=province.campaign, kind=PeriodKind.FINAL)
    client.force_login(province.reporter_tan_phong)
    weeks = client.get(url(province.tan_phong, final)).context["summed"]["weeks"]
    assert [w.start for w, _values in weeks] == [datetime.date(2025, 7, d) for d in (1, 7, 14, 21, 28)]
    client.force_login(province.reporter_tam_duong)
    weeks = client.get(url(province.tam_duong, final)).context["summed"]["weeks"]
    assert [w.start for w, _values in weeks] == [datetime.date(2025, 5, d) for d in (1, 5, 12, 19, 26)]


def test_the_review_list_is_paginated(client, province, monkeypatch):
    from reporting.models import Report as R
    from reporting.views import reports as views_reports

    client.force_login(province.board)
    periods = list(province.campaign.periods.filter(kind="week", wave__number=2))
    for period in periods:
        R.objects.create(unit=province.tan_phong, period=period, status=ReportStatus.SUBMITTED,
                         first_submitted_at=period.due_at, submitted_at=period.due_at)
    monkeypatch.setattr(views_reports, "REVIEW_PAGE_SIZE", 2)
    first = client.get(reverse("reporting:list"))
    third = client.get(reverse("reporting:list"), {"page": 3})
    assert len(first.context["reports"]) == 2 and "Trang 1/3" in first.content.decode()
    assert len(third.context["reports"]) == 1
