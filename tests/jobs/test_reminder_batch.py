"""A batch of reminder mail through the queue: ``send_reminders --queue`` hands it to the
worker, which sends the very mails the command sends inline."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from reporting.models import Reminder, Report, ReportStatus
from tests.factories import make_user
from unions.models import RoleKind

from .conftest import run_worker

NOW = "2025-07-08T09:00"


@pytest.fixture
def emails(province):
    """Reporters with addresses for Tam Đường (two) and Tân Phong (one), as in tests/reporting/test_reminders.py."""
    province.reporter_tam_duong.email = "charlie@tamduong.example.vn"
    province.reporter_tam_duong.save()
    province.reporter_tan_phong.email = "dung@tanphong.example.vn"
    province.reporter_tan_phong.save()
    make_user("hanh", unit=province.tam_duong, role=RoleKind.REPORTER, email="hanh@tamduong.example.vn")
    return province


def _sent():
    return sorted((m.subject, tuple(m.to), m.body, m.from_email) for m in mail.outbox)


def test_the_queued_batch_sends_the_same_mails_as_the_command_inline(emails):
    call_command("send_reminders", "--now", NOW, "--site-url", "https://phongtrao.example.vn", stdout=StringIO())
    inline = _sent()
    assert len(inline) == 2 and Reminder.objects.count() == 2
    mail.outbox.clear()

    out = StringIO()
    call_command("send_reminders", "--now", NOW, "--site-url", "https://phongtrao.example.vn", "--queue", stdout=out)
    assert mail.outbox == []  # nothing sent by the command itself
    assert "Đã đưa việc gửi thư nhắc cho 4 báo cáo còn thiếu vào hàng đợi (mã việc " in out.getvalue()
    task = DBTaskResult.objects.get()
    assert task.task_path == "reporting.tasks.send_reminders_batch" and task.status == "READY"

    run_worker()

    assert _sent() == inline
    assert Reminder.objects.count() == 4 and Reminder.objects.filter(sent_by__isnull=True).count() == 4
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value == {"sent": 2, "without_email": 2, "failed": 0}


def test_a_report_submitted_while_the_batch_waits_is_not_reminded(emails):
    call_command("send_reminders", "--now", NOW, "--queue", stdout=StringIO())
    half_year = emails.campaign.periods.get(kind="half_year")
    Report.objects.create(
        unit=emails.tam_duong, period=half_year, status=ReportStatus.SUBMITTED,
        first_submitted_at=half_year.due_at - datetime.timedelta(hours=1),
    )
    run_worker()
    assert [m.to for m in mail.outbox] == [["dung@tanphong.example.vn"]]


def test_a_batch_for_one_period_reminds_for_that_period_only(emails):
    first_week = emails.campaign.periods.get(kind="week", wave__number=1, number=1)
    call_command("send_reminders", "--now", NOW, "--period", str(first_week.pk), "--queue", stdout=StringIO())
    assert DBTaskResult.objects.get().args_kwargs["kwargs"]["period_id"] == first_week.pk
    run_worker()
    assert [m.subject for m in mail.outbox] == [
        "Nhắc nộp báo cáo (đã quá hạn): Tuần 1 đợt 1 (01/05/2025 – 04/05/2025) — LĐLĐ huyện Tam Đường"
    ]
