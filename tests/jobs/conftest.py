"""The worker, run for real: ``manage.py db_worker --batch`` works through the queue and exits."""

import datetime
import signal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from campaign.models import Period, PeriodKind
from reporting.services import report_open, report_save, report_submit
from tests.conftest import module_data
from tests.reporting.conftest import open_for_entry

SIGNALS = [signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGQUIT", signal.SIGTERM)]


def run_worker() -> str:
    """Run every queued task with the worker's own command, as production does; what it logged.

    The worker runs in the test's transaction (it reads the jobs the test queued, uncommitted),
    so it must not close the connection between tasks as it does in production (on PostgreSQL
    that would end the transaction; Django's test client disconnects ``close_old_connections``
    for the same reason). It takes over SIGINT/SIGTERM for a graceful stop: given back after."""
    saved = {number: signal.getsignal(number) for number in SIGNALS}
    out = StringIO()
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", stdout=out)
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
    return out.getvalue()


def enter(province, unit, start: datetime.date, user, **rows):
    """Save and submit ``unit``'s weekly report (figures by grassroots code) through the services."""
    period = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=start))
    report = report_open(unit=unit, period=period)
    figures = {key: {"new_members": 0, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0} | values
               for key, values in rows.items()}
    report = report_save(report=report, user=user, version=report.version, figures=figures, warning_comment="Đã kiểm tra.")
    return report_submit(report=report, user=user, version=report.version)


def _with_reports():
    """The personas' province with two weeks reported: 10 + 4 new members in May, 6 in July."""
    from tests.personas import build_province

    p = build_province()
    enter(p, p.tam_duong, datetime.date(2025, 5, 5), p.reporter_tam_duong,
          CS0001={"new_members": 10, "new_members_women": 6, "party_introduced": 2})
    enter(p, p.tam_duong, datetime.date(2025, 5, 12), p.reporter_tam_duong, CS0002={"new_members": 4})
    enter(p, p.tan_phong, datetime.date(2025, 7, 7), p.reporter_tan_phong, CS0001={"new_members": 6, "new_members_women": 2})
    return p


_reported_data = module_data(_with_reports, "_reported_data")


@pytest.fixture
def reported(_reported_data, db):
    """The province with its reports, built once per module (each test's writes rolled back)."""
    return _reported_data
