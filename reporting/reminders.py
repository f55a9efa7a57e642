"""Reports still missing, and the reminder e-mails about them.

Who owes which report is ``obligations.expected_reports``. A report is in when
it is submitted or approved; a draft or a returned report is still missing.

Everything here runs a fixed number of queries whatever the number of units
and periods. Mails are sent from ``send_reminders`` only (the command and the
board's button call it), never from a form's save() or a signal.
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from campaign.models import Campaign, Period
from unions.models import Role, RoleKind, Unit

from .models import Reminder, Report, ReportStatus
from .obligations import due_periods, expected_reports
from .selectors import COUNTED_STATUSES

__all__ = ["MissingReport", "due_periods", "expected_reports", "missing_reports", "remind_missing", "send_reminders"]

logger = logging.getLogger(__name__)

@dataclass
class MissingReport:
    """A report owed and not yet in (no report, a draft, or a returned one)."""

    unit: Unit
    period: Period
    report: Report | None = None
    reporters: list = field(default_factory=list)
    last_reminder: datetime.datetime | None = None

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""

    @property
    def status_label(self) -> str:
        if self.report is None:
            return _("Chưa có báo cáo")
        return str(self.report.get_status_display())

    @property
    def returned_reason(self) -> str:
        return self.report.return_reason if self.report and self.report.status == ReportStatus.RETURNED else ""

    @property
    def emails(self) -> list[str]:
        """The reporters' e-mail addresses (active users, each address once)."""
        addresses: dict[str, str] = {}
        for user in self.reporters:
            address = (user.email or "").strip()
            if user.is_active and address:
                addresses.setdefault(address.lower(), address)
        return list(addresses.values())

    def is_late(self, now: datetime.datetime) -> bool:
        return now > self.period.due_at

    def is_open(self, now: datetime.datetime) -> bool:
        """Entry still possible: before the closing time, reopened by the board, or returned."""
        return now < self.period.closes_at or bool(
            self.report and (self.report.reopened or self.report.status == ReportStatus.RETURNED)
        )


def missing_reports(
    campaign: Campaign,
    root: Unit | Iterable[Unit],
    *,
    now: datetime.datetime,
    period: Period | None = None,
) -> list[MissingReport]:
    """The reports owed below ``root`` for the periods due by ``now`` (or ``period``)
    that are neither submitted nor approved. Six queries at most."""
    expected = expected_reports(campaign, root, now=now, period=period)
    if not expected:
        return []
    unit_ids = sorted({u.pk for u, _p in expected})
    period_ids = sorted({p.pk for _u, p in expected})
    reports = {
        (r.unit_id, r.period_id): r for r in Report.objects.filter(unit_id__in=unit_ids, period_id__in=period_ids)
    }
    missing = []
    for unit, p in expected:
        report = reports.get((unit.pk, p.pk))
        if report is not None and report.status in COUNTED_STATUSES:
            continue
        if report is not None:
            report.unit, report.period = unit, p  # no query when the template shows them
        missing.append(MissingReport(unit=unit, period=p, report=report))
    if not missing:
        return []
    reporters: dict[int, list] = {}
    roles = (
        Role.objects.filter(role=RoleKind.REPORTER, unit_id__in={m.unit.pk for m in missing})
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    for role in roles:
        reporters.setdefault(role.unit_id, []).append(role.user)
    last_sent = {
        (row["unit_id"], row["period_id"]): row["last"]
        for row in Reminder.objects.filter(unit_id__in=unit_ids, period_id__in=period_ids)
        .values("unit_id", "period_id")
        .annotate(last=Max("sent_at"))
        .order_by()
    }
    for item in missing:
        item.reporters = reporters.get(item.unit.pk, [])
        item.last_reminder = last_sent.get((item.unit.pk, item.period.pk))
    return missing


class ReminderResult(int):
    """The number of e-mails sent (it is an ``int``), with what could not be sent.

    ``without_email``: missing reports whose unit has no reporter with an
    e-mail address; ``failed``: those the mail server refused.
    """

    without_email: list[MissingReport]
    failed: list[MissingReport]
    sent_for: list[MissingReport]

    def __new__(cls, sent_for=(), without_email=(), failed=()):
        obj = super().__new__(cls, len(sent_for))
        obj.sent_for = list(sent_for)
        obj.without_email = list(without_email)
        obj.failed = list(failed)
        return obj


def report_url(unit: Unit, period: Period, base_url: str = "") -> str:
    """Where the unit enters the report: a path, absolute when ``base_url`` is known."""
    try:
        path = reverse("reporting:report", args=[unit.pk, period.pk])
    except NoReverseMatch:
        path = f"/bao-cao/{unit.pk}/{period.pk}/"
    return f"{base_url.rstrip('/')}{path}" if base_url else path


def _moment(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def reminder_message(item: MissingReport, *, now: datetime.datetime, base_url: str = "") -> EmailMessage:
    """The reminder for one missing report, to the unit's reporters, in the site's language."""
    period = item.period
    context = {
        "unit": item.unit,
        "period_label": period.label,
        "due": _moment(period.due_at),
        "closes": _moment(period.closes_at),
        "late": item.is_late(now),
        # Whether the unit can still enter it: the period is open, the report was returned, or reopened.
        "entry_open": now < period.closes_at,
        "entry_returned": now >= period.closes_at and item.status == ReportStatus.RETURNED,
        "entry_reopened": now >= period.closes_at and item.status != ReportStatus.RETURNED and item.is_open(now),
        "report": item.report,
        "returned": item.status == ReportStatus.RETURNED,
        "url": report_url(item.unit, period, base_url),
        "federation": period.campaign.federation,
        "campaign": period.campaign,
    }
    subject = " ".join(render_to_string("reporting/email/reminder_subject.txt", context).split())
    body = render_to_string("reporting/email/reminder.txt", context)
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=item.emails)


def send_reminders(
    missing: list[MissingReport],
    *,
    sent_by=None,
    now: datetime.datetime | None = None,
    base_url: str | None = None,
) -> ReminderResult:
    """One e-mail per missing report to its unit's reporters, over one connection,
    and a ``Reminder`` row for each e-mail sent. Returns the number sent.

    Units without a reporter e-mail are skipped and listed in
    ``result.without_email``. A mail the server refuses is logged and listed in
    ``result.failed``; the others still go. ``base_url`` (default: the
    ``SITE_URL`` setting, if any) makes the link absolute.
    """
    now = now or timezone.now()
    if base_url is None:
        base_url = getattr(settings, "SITE_URL", "") or ""
    sendable = [item for item in missing if item.emails]
    without_email = [item for item in missing if not item.emails]
    sent, failed = [], []
    if sendable:
        # Reporters read Vietnamese, whatever language the sender's screen is in.
        with translation.override(settings.LANGUAGE_CODE):
            messages = [(item, reminder_message(item, now=now, base_url=base_url)) for item in sendable]
        connection = get_connection()
        try:
            connection.open()
        except Exception:
            logger.exception("Cannot reach the mail server: no reminder sent")
            failed = sendable
        else:
            try:
                for item, message in messages:
                    try:
                        delivered = connection.send_messages([message])
                    except Exception:
                        logger.exception("Reminder to %s for %s failed", item.unit, item.period)
                        delivered = 0
                    (sent if delivered else failed).append(item)
            finally:
                connection.close()
        Reminder.objects.bulk_create(
            Reminder(unit=item.unit, period=item.period, sent_by=sent_by, recipients="\n".join(item.emails))
            for item in sent
        )
    return ReminderResult(sent_for=sent, without_email=without_email, failed=failed)


# A second click within this time does not mail the same unit again.
RESEND_AFTER = datetime.timedelta(minutes=10)


def remind_missing(
    missing: list[MissingReport], *, sent_by, now: datetime.datetime, base_url: str
) -> tuple[ReminderResult, list[MissingReport]]:
    """The board's "remind" button: ``send_reminders`` for the missing reports whose
    unit was not reminded within ``RESEND_AFTER`` (a double click, two board
    members at once); returns the result and the reports skipped as recent."""
    def is_recent(m: MissingReport) -> bool:
        return bool(m.last_reminder and now - m.last_reminder < RESEND_AFTER)

    recent = [m for m in missing if is_recent(m)]
    due = [m for m in missing if not is_recent(m)]
    return send_reminders(due, sent_by=sent_by, now=now, base_url=base_url), recent


def entry_request_notify(item, *, base_url: str = "") -> int:
    """Tell the board and staff above the unit that it asks for entry to be opened
    (one e-mail to every one of them with an address). Returns how many were
    addressed; a mail server that refuses is logged, never shown as an error:
    the request itself is recorded and listed on the missing-reports page."""
    ancestors = [int(pk) for pk in item.unit.path.strip("/").split("/") if pk]
    users = {
        role.user.pk: role.user
        for role in Role.objects.filter(role__in=[RoleKind.BOARD, RoleKind.STAFF], unit_id__in=ancestors).select_related("user")
        if role.user.is_active and (role.user.email or "").strip()
    }
    if not users:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "unit": item.unit,
            "period_label": item.period.label,
            "reason": item.reason,
            "by": item.requested_by.get_full_name() or item.requested_by.get_username() if item.requested_by else "",
            "url": report_url(item.unit, item.period, base_url),
        }
        subject = " ".join(render_to_string("reporting/email/entry_request_subject.txt", context).split())
        body = render_to_string("reporting/email/entry_request.txt", context)
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[u.email.strip() for u in users.values()]
    )
    try:
        message.send()
    except Exception:
        logger.exception("Entry request mail for %s / %s failed", item.unit, item.period)
        return 0
    return len(users)


def reminders_due(
    campaign: Campaign, *, now: datetime.datetime, period: Period | None = None, include_closed: bool = False
) -> list[MissingReport]:
    """What a run of ``send_reminders`` mails about: the reports missing in the whole
    federation for ``period``, else for every period due by ``now`` and, unless
    ``include_closed``, still open for entry (reminding about long-closed periods is noise)."""
    missing = missing_reports(campaign, campaign.federation, now=now, period=period)
    if period is None and not include_closed:
        missing = [item for item in missing if item.period.closes_at > now]
    return missing
