"""Missing reports and the reminder e-mails: who owes what across the 01/07/2025
restructuring, what counts as in, the mails, the command and the board's page."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from campaign.models import PeriodKind
from campaign.services import campaign_create, wave_create
from reporting.models import Reminder, Report, ReportStatus
from reporting.reminders import expected_reports, missing_reports, send_reminders
from reporting.selectors import wave_reporting_units
from tests.factories import make_grassroots, make_superior, make_user
from unions.models import RoleKind
from unions.services import unit_move

TAM_DUONG = "LĐLĐ huyện Tam Đường"
PHONG_THO = "LĐLĐ huyện Phong Thổ"
TAN_PHONG = "Công đoàn phường Tân Phong"
PROVINCE = "Liên đoàn Lao động tỉnh Lai Châu"


def at(year, month, day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


AFTER_THE_CAMPAIGN = at(2025, 8, 10)
# Week 1 of July is due 07/07 17:00 and closes 14/07 17:00; the half-year closes 08/07 17:00.
EARLY_JULY = at(2025, 7, 8)


def period(province, kind, *, wave=None, number=1):
    qs = province.campaign.periods.filter(kind=kind)
    if wave is not None:
        qs = qs.filter(wave__number=wave)
    if kind == PeriodKind.WEEK:
        qs = qs.filter(number=number)
    return qs.get()


def week(province, wave, number=1):
    return period(province, PeriodKind.WEEK, wave=wave, number=number)


def names_by_period(pairs):
    result = {}
    for unit, p in pairs:
        result.setdefault(p.label, []).append(unit.name)
    return result


def submitted(unit, p, status=ReportStatus.SUBMITTED, **fields):
    if status == ReportStatus.RETURNED:
        fields.setdefault("return_reason", "Thiếu số liệu CĐCS Công ty Chè")
    first = None if status == ReportStatus.DRAFT else p.due_at - datetime.timedelta(hours=2)
    return Report.objects.create(unit=unit, period=p, status=status, first_submitted_at=first, **fields)


@pytest.fixture
def emails(province):
    """Reporters with e-mail addresses: Tam Đường has two (one without an address),
    Tân Phong one; Phong Thổ and the federation have no reporter at all."""
    province.reporter_tam_duong.email = "charlie@tamduong.example.vn"
    province.reporter_tam_duong.save()
    province.reporter_tan_phong.email = "dung@tanphong.example.vn"
    province.reporter_tan_phong.save()
    make_user("hanh", unit=province.tam_duong, role=RoleKind.REPORTER, last_name="Lò", first_name="Thị Hạnh")
    return province


# ---------------------------------------------------------------------------
# Who owes which report


def test_may_is_owed_by_the_districts_and_july_by_the_ward_and_the_province(province):
    owed = names_by_period(expected_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN))
    for number in range(1, 6):
        assert owed[week(province, 1, number).label] == [PHONG_THO, TAM_DUONG]
        assert owed[week(province, 2, number).label] == [TAN_PHONG, PROVINCE]
    assert owed["Tháng 05/2025"] == [PHONG_THO, TAM_DUONG]
    assert owed["Tháng 07/2025"] == [TAN_PHONG, PROVINCE]


def test_the_half_year_is_owed_by_the_units_active_on_30_june_and_the_final_report_by_those_active_at_its_end(province):
    owed = names_by_period(expected_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN))
    assert owed["6 tháng đầu năm 2025"] == [PHONG_THO, TAM_DUONG]
    assert owed["Tổng kết tháng cao điểm (01/05/2025 – 31/07/2025)"] == [TAN_PHONG, PROVINCE]


def test_only_periods_already_due_are_owed(province):
    # Week 2 of May is due 12/05/2025 17:00: owed at that minute, week 3 not yet.
    owed = names_by_period(expected_reports(province.campaign, province.federation, now=at(2025, 5, 12, 17)))
    assert list(owed) == [week(province, 1, 1).label, week(province, 1, 2).label]
    assert expected_reports(province.campaign, province.federation, now=at(2025, 5, 5, 16, 59)) == []


def test_the_year_report_is_owed_once_the_year_is_due(province):
    owed = names_by_period(expected_reports(province.campaign, province.federation, now=at(2026, 1, 2)))
    assert owed["Năm 2025"] == [TAN_PHONG, PROVINCE]


def test_below_a_district_only_that_district_owes_reports(province):
    owed = expected_reports(province.campaign, province.tam_duong, now=AFTER_THE_CAMPAIGN)
    assert {unit.name for unit, _p in owed} == {TAM_DUONG}
    assert {p.label for _u, p in owed} >= {week(province, 1, 1).label, "Tháng 05/2025", "6 tháng đầu năm 2025"}


def test_working_out_who_owes_what_takes_three_queries_however_many_units(province, django_assert_num_queries):
    for i in range(12):
        make_superior(province.federation, name=f"Công đoàn xã thử {i}", active_from=datetime.date(2025, 7, 1))
    with django_assert_num_queries(3):
        owed = expected_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN)
    assert len(names_by_period(owed)[week(province, 2, 1).label]) == 14


# ---------------------------------------------------------------------------
# What is missing


def test_submitted_and_approved_reports_are_in_while_drafts_and_returned_reports_are_missing(province):
    w1 = week(province, 1, 1)
    submitted(province.tam_duong, w1, ReportStatus.APPROVED)
    submitted(province.phong_tho, w1, ReportStatus.SUBMITTED)
    assert missing_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN, period=w1) == []

    w2 = week(province, 1, 2)
    draft = submitted(province.tam_duong, w2, ReportStatus.DRAFT)
    returned = submitted(province.phong_tho, w2, ReportStatus.RETURNED)
    missing = missing_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN, period=w2)
    assert [(m.unit.name, m.report, m.status_label) for m in missing] == [
        (PHONG_THO, returned, "Bị trả lại"),
        (TAM_DUONG, draft, "Đang soạn"),
    ]
    assert missing[0].returned_reason == "Thiếu số liệu CĐCS Công ty Chè"


def test_a_report_not_started_is_missing_with_no_report(province):
    missing = missing_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN, period=week(province, 2))
    assert [(m.unit.name, m.report, m.status_label) for m in missing] == [
        (TAN_PHONG, None, "Chưa có báo cáo"),
        (PROVINCE, None, "Chưa có báo cáo"),
    ]


def test_each_missing_report_names_the_units_reporters_and_the_last_reminder(emails):
    w1 = week(emails, 1, 1)
    Reminder.objects.create(unit=emails.tam_duong, period=w1, recipients="charlie@tamduong.example.vn")
    last = Reminder.objects.create(unit=emails.tam_duong, period=w1, recipients="charlie@tamduong.example.vn")
    missing = {m.unit.name: m for m in missing_reports(emails.campaign, emails.federation, now=AFTER_THE_CAMPAIGN, period=w1)}
    assert [u.username for u in missing[TAM_DUONG].reporters] == ["charlie", "hanh"]  # by family name
    assert missing[TAM_DUONG].emails == ["charlie@tamduong.example.vn"]
    assert missing[TAM_DUONG].last_reminder == last.sent_at
    assert missing[PHONG_THO].reporters == [] and missing[PHONG_THO].last_reminder is None


def test_listing_missing_reports_takes_a_fixed_number_of_queries(emails, django_assert_num_queries):
    for i in range(10):
        commune = make_superior(emails.federation, name=f"Công đoàn xã thử {i}", active_from=datetime.date(2025, 7, 1))
        make_user(f"bc{i}", unit=commune, role=RoleKind.REPORTER, email=f"bc{i}@example.vn")
    with django_assert_num_queries(6):
        missing = missing_reports(emails.campaign, emails.federation, now=AFTER_THE_CAMPAIGN)
    # May's weeks and month and the half-year from the two districts; July's and the final from 12 units.
    assert len(missing) == 2 * 7 + 12 * 7


# ---------------------------------------------------------------------------
# The e-mails


def test_a_reminder_goes_to_the_units_reporters_in_vietnamese(emails, mailoutbox):
    w1 = week(emails, 2, 1)
    missing = missing_reports(emails.campaign, emails.federation, now=EARLY_JULY, period=w1)
    sent = send_reminders(missing, now=EARLY_JULY)
    assert sent == 1
    (mail,) = mailoutbox
    assert mail.to == ["dung@tanphong.example.vn"]
    assert mail.subject == (
        "Nhắc nộp báo cáo (đã quá hạn): Tuần 1 đợt 2 (01/07/2025 – 06/07/2025) — Công đoàn phường Tân Phong"
    )
    body = mail.body
    assert "Kính gửi cán bộ báo cáo của Công đoàn phường Tân Phong," in body
    assert "Hệ thống chưa nhận được báo cáo Tuần 1 đợt 2 (01/07/2025 – 06/07/2025) của đơn vị." in body
    assert "Hạn nộp là 07/07/2025 17:00: báo cáo đã quá hạn." in body
    assert "Hệ thống vẫn nhận báo cáo đến 14/07/2025 17:00" in body
    assert f"/bao-cao/{emails.tan_phong.pk}/{w1.pk}/" in body
    assert "Ban Tổ chức - Kiểm tra, Liên đoàn Lao động tỉnh Lai Châu" in body
    assert "&amp;" not in body and "&#x27;" not in body


def test_units_without_a_reporter_e_mail_are_skipped_and_reported(emails, mailoutbox):
    w1 = week(emails, 2, 1)
    sent = send_reminders(missing_reports(emails.campaign, emails.federation, now=EARLY_JULY, period=w1), now=EARLY_JULY)
    assert [item.unit.name for item in sent.without_email] == [PROVINCE]
    assert [item.unit.name for item in sent.sent_for] == [TAN_PHONG]
    assert len(mailoutbox) == 1


def test_each_mail_sent_is_recorded_with_its_recipients_and_sender(emails, mailoutbox):
    w1 = week(emails, 1, 1)
    send_reminders(
        missing_reports(emails.campaign, emails.federation, now=AFTER_THE_CAMPAIGN, period=w1),
        sent_by=emails.staff,
        now=AFTER_THE_CAMPAIGN,
    )
    (reminder,) = Reminder.objects.all()
    assert (reminder.unit, reminder.period, reminder.sent_by) == (emails.tam_duong, w1, emails.staff)
    assert reminder.recipients == "charlie@tamduong.example.vn"
    # The next listing shows it as the last reminder.
    (tam_duong,) = [
        m for m in missing_reports(emails.campaign, emails.federation, now=AFTER_THE_CAMPAIGN, period=w1)
        if m.unit == emails.tam_duong
    ]
    assert tam_duong.last_reminder == reminder.sent_at


def test_a_returned_report_is_reminded_with_the_reason_and_stays_open_after_the_closing_time(emails, mailoutbox):
    w1 = week(emails, 1, 1)
    submitted(emails.tam_duong, w1, ReportStatus.RETURNED, return_reason="Số nữ chưa khớp")
    send_reminders(missing_reports(emails.campaign, emails.federation, now=AFTER_THE_CAMPAIGN, period=w1), now=AFTER_THE_CAMPAIGN)
    (mail,) = mailoutbox
    assert "đã bị trả lại và chưa được nộp lại" in mail.body
    assert "Lý do trả lại: Số nữ chưa khớp" in mail.body
    assert "vẫn được sửa và nộp lại, kể cả sau thời điểm khóa nhập liệu (12/05/2025 17:00)" in mail.body
    assert "liên hệ Ban Tổ chức - Kiểm tra để được mở lại" not in mail.body


def test_a_report_missing_in_a_closed_period_says_whom_to_ask(emails, mailoutbox):
    w1 = week(emails, 1, 1)
    send_reminders(missing_reports(emails.campaign, emails.tam_duong, now=AFTER_THE_CAMPAIGN, period=w1), now=AFTER_THE_CAMPAIGN)
    (mail,) = mailoutbox
    assert "Kỳ báo cáo đã khóa nhập liệu từ 12/05/2025 17:00" in mail.body
    assert "liên hệ Ban Tổ chức - Kiểm tra để được mở lại" in mail.body


def test_a_reopened_report_is_reminded_as_open_for_entry(emails, mailoutbox):
    w1 = week(emails, 1, 1)
    submitted(emails.tam_duong, w1, ReportStatus.DRAFT, reopened=True, reopen_reason="Bổ sung")
    send_reminders(missing_reports(emails.campaign, emails.federation, now=AFTER_THE_CAMPAIGN, period=w1), now=AFTER_THE_CAMPAIGN)
    (mail,) = mailoutbox
    assert "đang soạn, chưa được nộp" in mail.body
    assert "đã mở lại báo cáo để đơn vị nhập liệu" in mail.body
    assert "khóa nhập liệu từ" not in mail.body


def test_reminders_are_in_vietnamese_even_when_the_sender_reads_english(emails, mailoutbox):
    w1 = week(emails, 2, 1)
    missing = missing_reports(emails.campaign, emails.federation, now=EARLY_JULY, period=w1)
    with translation.override("en"):
        send_reminders(missing, now=EARLY_JULY)
    assert mailoutbox[0].subject.startswith("Nhắc nộp báo cáo")


def test_all_reminders_go_over_one_connection(emails, mailoutbox, monkeypatch):
    from django.core import mail as django_mail

    opened = []
    real = django_mail.get_connection

    def counting(*args, **kwargs):
        opened.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr("reporting.reminders.get_connection", counting)
    missing = missing_reports(emails.campaign, emails.federation, now=AFTER_THE_CAMPAIGN)
    sent = send_reminders(missing, now=AFTER_THE_CAMPAIGN)
    assert sent == len(mailoutbox) == 14 and len(opened) == 1  # Tam Đường's 7 and Tân Phong's 7


# ---------------------------------------------------------------------------
# The command


def test_the_command_reminds_for_periods_due_and_still_open(emails, mailoutbox):
    out = StringIO()
    call_command("send_reminders", "--now", "2025-07-08T09:00", stdout=out)
    output = out.getvalue()
    # Week 1 of July (due 07/07, closes 14/07) and the half-year (due 01/07, closes 08/07 17:00);
    # May closed on 08/06.
    assert sorted(m.subject for m in mailoutbox) == [
        "Nhắc nộp báo cáo (đã quá hạn): 6 tháng đầu năm 2025 — LĐLĐ huyện Tam Đường",
        "Nhắc nộp báo cáo (đã quá hạn): Tuần 1 đợt 2 (01/07/2025 – 06/07/2025) — Công đoàn phường Tân Phong",
    ]
    assert "Đã gửi 2 thư nhắc nhở." in output
    assert "Đơn vị chưa có e-mail cán bộ báo cáo (chưa nhắc được):" in output
    assert f"- {PHONG_THO} — 6 tháng đầu năm 2025" in output
    assert f"- {PROVINCE} — Tuần 1 đợt 2 (01/07/2025 – 06/07/2025)" in output
    assert Reminder.objects.filter(sent_by__isnull=True).count() == 2


def test_the_command_with_all_includes_closed_periods(emails, mailoutbox):
    call_command("send_reminders", "--now", "2025-07-08T09:00", "--all", stdout=StringIO())
    assert len(mailoutbox) == 2 + 6  # Tam Đường's five May weeks and its month too
    assert any("Tháng 05/2025" in m.subject for m in mailoutbox)


def test_the_command_can_remind_for_one_period(emails, mailoutbox):
    w1 = week(emails, 1, 1)
    out = StringIO()
    call_command("send_reminders", "--now", "2025-07-08T09:00", "--period", str(w1.pk), stdout=out)
    assert [m.subject for m in mailoutbox] == [
        "Nhắc nộp báo cáo (đã quá hạn): Tuần 1 đợt 1 (01/05/2025 – 04/05/2025) — LĐLĐ huyện Tam Đường"
    ]
    assert "Đã gửi 1 thư nhắc nhở." in out.getvalue()


def test_the_command_refuses_a_period_not_yet_due_or_of_another_campaign(emails):
    with pytest.raises(CommandError, match="chưa đến hạn nộp"):
        call_command("send_reminders", "--now", "2025-07-08T09:00", "--period", str(week(emails, 2, 3).pk))
    with pytest.raises(CommandError, match="Không có kỳ báo cáo số 999999"):
        call_command("send_reminders", "--period", "999999")


def test_a_dry_run_lists_without_sending(emails, mailoutbox):
    out = StringIO()
    call_command("send_reminders", "--now", "2025-07-08T09:00", "--dry-run", stdout=out)
    output = out.getvalue()
    assert mailoutbox == [] and not Reminder.objects.exists()
    assert "Thử (không gửi thư): 4 báo cáo còn thiếu." in output
    assert f"- {TAN_PHONG} — Tuần 1 đợt 2 (01/07/2025 – 06/07/2025) (Chưa có báo cáo): dung@tanphong.example.vn" in output
    assert f"- {PROVINCE} — Tuần 1 đợt 2 (01/07/2025 – 06/07/2025) (Chưa có báo cáo): chưa có e-mail cán bộ báo cáo" in output


def test_the_command_says_when_nothing_is_missing(emails, mailoutbox):
    out = StringIO()
    call_command("send_reminders", "--now", "2025-05-03T09:00", stdout=out)
    assert "Không có báo cáo nào còn thiếu." in out.getvalue() and mailoutbox == []


def test_the_command_uses_the_real_clock_and_the_latest_campaign(emails, mailoutbox):
    today = timezone.localdate()
    campaign = campaign_create(
        federation=emails.federation,
        name="Chiến dịch thử năm nay",
        year=today.year,
        plan_number="1/KH-THU",
        final_report_due=today + datetime.timedelta(days=40),
    )
    wave_create(campaign=campaign, number=1, start=today - datetime.timedelta(days=10), end=today + datetime.timedelta(days=10))
    out = StringIO()
    call_command("send_reminders", stdout=out)
    # The ward's first week ended at least 4 days ago: due, not yet closed.
    assert mailoutbox and all(m.to == ["dung@tanphong.example.vn"] for m in mailoutbox)
    assert all(r.period.campaign_id == campaign.pk for r in Reminder.objects.select_related("period"))


# ---------------------------------------------------------------------------
# The page and the button (HTTP)


# Session, user, roles, the campaigns, the periods due (the demo-data banner is cached), then
# missing_reports: periods, units, the federation's placements, reports, reporters, reminders;
# then the units' pending requests to open entry.
PAGE_QUERIES = 12


def page_url(p=None):
    url = reverse("reporting:missing")
    return f"{url}?period={p.pk}" if p is not None else url


def test_the_board_sees_the_missing_reports_of_a_period(client, emails):
    w2 = week(emails, 1, 2)
    submitted(emails.phong_tho, w2, ReportStatus.RETURNED)
    Reminder.objects.create(unit=emails.phong_tho, period=w2, recipients="x@example.vn")
    client.force_login(emails.board)
    response = client.get(page_url(w2))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Báo cáo còn thiếu" in page
    assert TAM_DUONG in page and PHONG_THO in page and TAN_PHONG not in page.split("<table")[1]
    assert "Chưa có báo cáo" in page and "Bị trả lại" in page
    assert "Tuần 2 đợt 1 (05/05/2025 – 11/05/2025)" in page
    assert "12/05/2025 17:00" in page  # due
    assert "Lò Thị Hạnh" in page and "charlie@tamduong.example.vn" in page
    assert "Chưa có cán bộ báo cáo" in page and "Chưa nhắc" in page
    assert 'class="scroll"><table' in page  # a 360 px phone scrolls the table, not the page
    assert "Gửi nhắc nhở" in page and "csrfmiddlewaretoken" in page


def test_the_page_defaults_to_the_most_recently_due_period(client, emails):
    client.force_login(emails.staff)
    response = client.get(page_url())
    latest = max(
        (p for p in emails.campaign.periods.all() if p.due_at <= timezone.now()), key=lambda p: (p.due_at, p.start)
    )
    assert response.context["period"] == latest
    assert f'<option value="{latest.pk}" selected>' in response.content.decode()


def test_a_period_not_in_the_list_falls_back_to_the_most_recently_due(client, emails):
    client.force_login(emails.board)
    response = client.get(reverse("reporting:missing") + "?period=abc")
    assert response.status_code == 200 and response.context["period"] is not None
    assert "Kỳ báo cáo không hợp lệ" in response.content.decode()


def test_staff_of_a_district_see_only_their_district(client, emails):
    district_staff = make_user("khanh", unit=emails.tam_duong, role=RoleKind.STAFF)
    client.force_login(district_staff)
    response = client.get(page_url(week(emails, 1, 1)))
    assert [m.unit.name for m in response.context["missing"]] == [TAM_DUONG]


@pytest.mark.parametrize("persona", ["reporter_tam_duong", "reporter_tan_phong", "viewer", "outsider"])
def test_reporters_viewers_and_outsiders_are_refused(client, emails, persona, mailoutbox):
    client.force_login(getattr(emails, persona))
    assert client.get(page_url()).status_code == 403
    assert client.post(reverse("reporting:remind"), {"period": week(emails, 1, 1).pk}).status_code == 403
    assert mailoutbox == [] and not Reminder.objects.exists()


def test_the_page_needs_a_login(client, emails):
    response = client.get(page_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_button_sends_the_reminders_and_comes_back_with_a_message(client, emails, mailoutbox):
    w1 = week(emails, 1, 1)
    client.force_login(emails.board)
    response = client.post(reverse("reporting:remind"), {"period": w1.pk})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('reporting:missing')}?campaign={emails.campaign.pk}&period={w1.pk}"
    assert [m.to for m in mailoutbox] == [["charlie@tamduong.example.vn"]]
    assert f"http://testserver/bao-cao/{emails.tam_duong.pk}/{w1.pk}/" in mailoutbox[0].body
    (reminder,) = Reminder.objects.all()
    assert reminder.sent_by == emails.board
    page = client.get(response["Location"]).content.decode()
    assert "Đã gửi 1 thư nhắc nhở." in page
    assert f"Chưa nhắc được các đơn vị chưa có cán bộ báo cáo có địa chỉ e-mail: {PHONG_THO}." in page


def test_a_second_click_does_not_mail_the_same_units_again(client, emails, mailoutbox):
    w1 = week(emails, 1, 1)
    client.force_login(emails.board)
    client.post(reverse("reporting:remind"), {"period": w1.pk})
    response = client.post(reverse("reporting:remind"), {"period": w1.pk}, follow=True)
    assert len(mailoutbox) == 1
    page = response.content.decode()
    assert "Đã gửi 0 thư nhắc nhở." in page and "1 đơn vị vừa được nhắc trong 10 phút qua nên không gửi lại." in page


def test_the_button_says_so_when_nothing_is_missing(client, emails, mailoutbox):
    w1 = week(emails, 1, 1)
    submitted(emails.tam_duong, w1)
    submitted(emails.phong_tho, w1, ReportStatus.APPROVED)
    client.force_login(emails.board)
    response = client.post(reverse("reporting:remind"), {"period": w1.pk}, follow=True)
    assert "Không có báo cáo nào còn thiếu trong kỳ này." in response.content.decode() and mailoutbox == []


def test_the_button_refuses_a_period_that_is_not_due(client, emails, mailoutbox):
    client.force_login(emails.board)
    response = client.post(reverse("reporting:remind"), {"period": 999999}, follow=True)
    assert "Hãy chọn một kỳ báo cáo đã đến hạn nộp." in response.content.decode() and mailoutbox == []


def test_the_remind_address_only_takes_posts(client, emails):
    client.force_login(emails.board)
    assert client.get(reverse("reporting:remind")).status_code == 405


def test_the_button_needs_the_csrf_token(emails, mailoutbox):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(emails.board)
    assert client.post(reverse("reporting:remind"), {"period": week(emails, 1, 1).pk}).status_code == 403
    assert mailoutbox == []


def add_communes(province, p, numbers):
    """Commune unions from 01/07/2025, each with a reporter with an e-mail and one
    without; some with a draft, some already reminded."""
    for i in numbers:
        commune = make_superior(province.federation, name=f"Công đoàn xã thử {i:02d}", active_from=datetime.date(2025, 7, 1))
        make_user(f"bc{i}", unit=commune, role=RoleKind.REPORTER, email=f"bc{i}@example.vn")
        make_user(f"bc{i}b", unit=commune, role=RoleKind.REPORTER)
        if i % 3 == 0:
            submitted(commune, p, ReportStatus.DRAFT)
        if i % 4 == 0:
            Reminder.objects.create(unit=commune, period=p, recipients=f"bc{i}@example.vn")


def test_the_page_query_count_is_the_same_for_3_and_30_units(client, emails):
    july = week(emails, 2, 1)  # owed by the ward and the province itself
    add_communes(emails, july, range(1))
    client.force_login(emails.board)
    client.get(page_url(july))  # warm the session

    with CaptureQueriesContext(connection) as small:
        response = client.get(page_url(july))
    assert len(response.context["missing"]) == 3
    add_communes(emails, july, range(1, 28))
    with CaptureQueriesContext(connection) as large:
        response = client.get(page_url(july))
    assert len(response.context["missing"]) == 30
    assert len(large.captured_queries) == len(small.captured_queries) == PAGE_QUERIES, [
        q["sql"] for q in large.captured_queries
    ]


def test_the_home_page_and_the_missing_reports_agree_on_who_reports_in_a_wave(province):
    """A union stands directly under the province from 01/05 to 09/05/2025 only:
    the province owes May's first two weeks, and the home page lists it for May."""
    early = make_grassroots(
        province.federation, name="CĐCS Công ty Xây dựng Sìn Hồ", active_from=datetime.date(2025, 5, 1)
    )
    unit_move(unit=early, new_parent=province.tam_duong, on=datetime.date(2025, 5, 10))
    owed = names_by_period(expected_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN))
    assert PROVINCE in owed[week(province, 1, 1).label] and PROVINCE in owed[week(province, 1, 2).label]
    assert PROVINCE not in owed[week(province, 1, 3).label]
    for wave in province.campaign.waves.all():
        owing_a_week = {u.name for u, p in expected_reports(province.campaign, province.federation, now=AFTER_THE_CAMPAIGN)
                        if p.wave_id == wave.pk and p.kind == PeriodKind.WEEK}
        assert {u.name for u in wave_reporting_units(province.federation, wave)} == owing_a_week
