"""Every write to reports: saving figures and the submit / return / approve /
reopen workflow, opening entry (lock exceptions), the final report document.
New grassroots unions are registered in ``reporting.foundings``.

Each function locks the report row, checks the version the user started from
(optimistic locking) and runs in one transaction, so two people editing the
same report never overwrite each other silently and a double-clicked submit
submits once.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from campaign.models import Period
from unions.access import can_manage, can_report
from unions.models import Unit

from .models import EntryRequest, FinalReportDocument, Report, ReportLine, ReportStatus
from .selectors import DIRECT_KEY, FIGURES, report_rows
from .totals import refresh_totals
from .validation import check_rows, check_warnings


@dataclass
class Change:
    """A figure someone else changed since the user opened the report."""

    row: str
    field: str
    old: int
    new: int
    by: str
    at: datetime.datetime


class ReportConflict(Exception):
    """The report changed since the user opened it; ``changes`` says how."""

    def __init__(self, report: Report, changes: list[Change]):
        super().__init__(_("Báo cáo đã được người khác sửa trong lúc bạn nhập."))
        self.report = report
        self.changes = changes


def _fmt(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def entry_refusal(report: Report, user, *, now: datetime.datetime | None = None) -> str | None:
    """Why ``user`` may not change this report's figures now, or None if they may."""
    now = now or timezone.now()
    if not can_report(user, report.unit):
        return _("Bạn không có quyền nhập báo cáo của đơn vị này.")
    if report.status == ReportStatus.APPROVED:
        return _("Báo cáo đã được duyệt và khóa. Chỉ Ban Tổ chức - Kiểm tra mở lại được.")
    if report.status == ReportStatus.SUBMITTED:
        return _("Báo cáo đã nộp và đang chờ duyệt.")
    # A returned report is open again until it is resubmitted, closed period or not.
    if now >= report.period.closes_at and not report.reopened and report.status != ReportStatus.RETURNED:
        return _("Kỳ báo cáo đã khóa nhập liệu lúc %(time)s. Đề nghị Ban Tổ chức - Kiểm tra mở lại nếu cần.") % {
            "time": _fmt(report.period.closes_at)
        }
    return None


def is_closed_for(report: Report, *, now: datetime.datetime | None = None) -> bool:
    """Entry is refused only because the period has closed (a lock exception would open it)."""
    now = now or timezone.now()
    return (
        report.status in (ReportStatus.DRAFT, ReportStatus.APPROVED)
        and now >= report.period.closes_at
        and not report.reopened
    )


def locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("period", "unit").get(pk=report.pk)


def locked_or_new(report: Report | None, unit: Unit | None, period: Period | None) -> Report:
    """The report locked for this transaction, created as an empty draft if the unit
    has none yet: inside the caller's transaction, so a refused action leaves no
    empty draft behind."""
    if report is not None and report.pk:
        return locked(report)
    report, _created = Report.objects.select_for_update().get_or_create(unit=unit, period=period)
    return Report.objects.select_related("period", "unit").get(pk=report.pk)


def report_open(*, unit: Unit, period: Period) -> Report:
    """The unit's report for the period, created as an empty draft if missing."""
    report, _created = Report.objects.get_or_create(unit=unit, period=period)
    return report


def changes_since(report: Report, version: int) -> list[Change]:
    """Figures changed in ``report`` after it was at ``version`` (from the history)."""
    at_version = report.history.filter(version=version).order_by("history_date").last()
    since = at_version.history_date if at_version else report.created_at
    changed = []
    records = (
        ReportLine.history.filter(report_id=report.pk, history_date__gt=since)
        .select_related("history_user", "grassroots")
        .order_by("history_date", "history_id")
    )
    for record in records:
        previous = record.prev_record
        for name in FIGURES:
            old = getattr(previous, name) if previous and record.history_type != "+" else 0
            new = getattr(record, name) if record.history_type != "-" else 0
            if old != new:
                changed.append(
                    Change(
                        row=record.grassroots.name if record.grassroots_id else _("Kết nạp trực tiếp"),
                        field=str(ReportLine._meta.get_field(name).verbose_name),
                        old=old,
                        new=new,
                        by=(record.history_user.get_full_name() or record.history_user.get_username())
                        if record.history_user
                        else "",
                        at=record.history_date,
                    )
                )
    return changed


@transaction.atomic
def report_save(
    *,
    report: Report | None = None,
    unit: Unit | None = None,
    period: Period | None = None,
    user,
    version: int,
    figures: dict[str, dict[str, int]] | None = None,
    narrative: dict[str, str] | None = None,
    warning_comment: str | None = None,
) -> Report:
    """Save a draft: the figures by row key (grassroots code or DIRECT_KEY), the
    narrative, the comment on warnings. Zero rows are not stored. Without
    ``report``, the unit's report for ``period`` (created if it has none)."""
    report = locked_or_new(report, unit, period)
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    if report.version != version:
        raise ReportConflict(report, changes_since(report, version))
    if figures is not None:
        if not report.has_figures:
            raise ValidationError(_("Báo cáo tháng và báo cáo tổng kết không nhập số liệu: số liệu được cộng từ các tuần."))
        rows = report_rows(report.unit, report.period, report)
        errors = check_rows(rows, figures)
        if errors:
            raise ValidationError(errors)
        _lines_write(report, rows, figures, user)
    for field, value in (narrative or {}).items():
        setattr(report, field, value)
    if warning_comment is not None:
        report.warning_comment = warning_comment
    return new_version(report, user)


def _lines_write(report: Report, rows, figures: dict[str, dict[str, int]], user) -> None:
    """Write the grid's lines in bulk, with their history: a query or two per kind of
    change, whatever the number of lines. The grid was checked as a whole
    (``check_rows``); each line's fields are checked here without a query; the
    database's constraints stand behind both."""
    existing = {line.grassroots_id: line for line in report.lines.all()}
    created, updated, emptied = [], [], []
    for row in rows:
        values = figures.get(row.key)
        if values is None:
            continue
        line = existing.get(row.grassroots.pk if row.grassroots else None)
        if line is None:
            if not any(values.values()):
                continue  # an empty row means zero: nothing to store
            line = ReportLine(report=report, grassroots=row.grassroots)
            created.append(line)
        elif all(getattr(line, name) == values[name] for name in FIGURES):
            continue
        elif not any(values.values()):
            emptied.append(line)
            continue
        else:
            updated.append(line)
        for name in FIGURES:
            setattr(line, name, values[name])
        line.clean_fields(exclude=["report", "grassroots"])
    if created:
        bulk_create_with_history(created, ReportLine, default_user=user)
    if updated:
        bulk_update_with_history(updated, ReportLine, list(FIGURES), default_user=user)
    for line in emptied:  # rare (a row set back to zero): one by one, each with its history
        line._history_user = user
        line.delete()


def report_problems(report: Report) -> tuple[list[str], list[str]]:
    """Errors (block submitting) and warnings (need a comment) of the stored report."""
    rows = report_rows(report.unit, report.period, report)
    figures = {row.key: row.values for row in rows}
    errors = check_rows(rows, figures) if report.has_figures else {}
    flat_errors = [f"{key}: {message}" for key, messages in errors.items() for message in messages]
    warnings = check_warnings(report.unit, report.period, rows) if report.has_figures else []
    return flat_errors, warnings


@transaction.atomic
def report_submit(*, report: Report, user, version: int) -> Report:
    """Submit the report. Submitting an already submitted report does nothing
    (a double click submits once)."""
    report = locked(report)
    if report.status == ReportStatus.SUBMITTED:
        return report
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    if report.version != version:
        raise ReportConflict(report, changes_since(report, version))
    errors, warnings = report_problems(report)
    if errors:
        raise ValidationError(errors)
    if warnings and not report.warning_comment.strip():
        raise ValidationError(_("Báo cáo có cảnh báo: hãy ghi giải trình trước khi nộp."))
    now = timezone.now()
    report.status = ReportStatus.SUBMITTED
    report.first_submitted_at = report.first_submitted_at or now
    report.submitted_at = now
    report.submitted_by = user
    # Submitting ends the board's last step: no reason stands any more, and a lock
    # exception is used up.
    report.return_reason = ""
    report.reopened = False
    report.reopen_reason = ""
    return new_version(report, user)


def new_version(report: Report, user) -> Report:
    """Save a change to the report by ``user``: a new version, recorded in its history."""
    report.version += 1
    report._history_user = user
    if report.pk and report.has_figures:
        refresh_totals(report)  # its lines may have changed: the totals go into the same history record
    report.full_clean()
    report.save()
    return report


def _reviewed(report: Report, user, **changes) -> Report:
    """Record a review step by ``user``: the changes, who and when, a new version."""
    for field, value in changes.items():
        setattr(report, field, value)
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    return new_version(report, user)


def _review_check(report: Report, user) -> None:
    if not can_manage(user, report.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xử lý được báo cáo."))


@transaction.atomic
def report_return(*, report: Report, user, reason: str) -> Report:
    """Send a submitted report back to its unit with a reason. Its entry is open
    again until it is resubmitted, even after the period's closing time."""
    report = locked(report)
    _review_check(report, user)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đã nộp."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại.")})
    return _reviewed(
        report, user, status=ReportStatus.RETURNED, return_reason=reason.strip(), reopened=False, reopen_reason=""
    )


@transaction.atomic
def report_approve(*, report: Report, user) -> Report:
    """Approve a submitted report: it is locked from then on."""
    report = locked(report)
    _review_check(report, user)
    if report.status == ReportStatus.APPROVED:
        return report
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đã nộp."))
    return _reviewed(report, user, status=ReportStatus.APPROVED, reopened=False, reopen_reason="")


@transaction.atomic
def entry_open(*, unit: Unit, period: Period, user, reason: str, report: Report | None = None) -> Report:
    """Open entry for ``unit`` × ``period`` with a reason (a lock exception): an
    approved report becomes a draft again, a report of a closed period (or none at
    all: an empty draft is made) takes figures until it is submitted. Any pending
    request of the unit for this period is resolved."""
    if not can_manage(user, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra mở nhập liệu được."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do mở lại.")})
    report = locked_or_new(report, unit, period)
    if report.status == ReportStatus.SUBMITTED:
        raise ValidationError(_("Báo cáo đã nộp và đang chờ duyệt: hãy duyệt hoặc trả lại báo cáo."))
    changes = {"reopened": True, "reopen_reason": reason.strip()}
    if report.status == ReportStatus.APPROVED:
        changes |= {"status": ReportStatus.DRAFT, "return_reason": ""}
    report = _reviewed(report, user, **changes)
    EntryRequest.objects.filter(unit=report.unit, period=report.period, resolved_at__isnull=True).update(
        resolved_at=report.reviewed_at, resolved_by=user
    )
    return report


def report_reopen(*, report: Report, user, reason: str) -> Report:
    """Open an existing report for entry again (see ``entry_open``)."""
    return entry_open(unit=report.unit, period=report.period, user=user, reason=reason, report=report)


@transaction.atomic
def entry_request_create(*, unit: Unit, period: Period, user, reason: str) -> EntryRequest:
    """A unit's request that the board open entry for a closed period."""
    if not can_report(user, unit):
        raise PermissionDenied(_("Bạn không có quyền nhập báo cáo của đơn vị này."))
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do đề nghị.")})
    pending = EntryRequest.objects.filter(unit=unit, period=period, resolved_at__isnull=True).first()
    if pending is not None:
        raise ValidationError(
            _("Đơn vị đã gửi đề nghị mở nhập liệu lúc %(time)s; đang chờ Ban Tổ chức - Kiểm tra xử lý.")
            % {"time": _fmt(pending.created_at)}
        )
    request = EntryRequest(unit=unit, period=period, requested_by=user, reason=reason.strip())
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def final_document_save(*, document: FinalReportDocument) -> FinalReportDocument:
    """Save the province's final report document (its first save creates it)."""
    document.full_clean()
    document.save()
    return document


__all__ = [
    "DIRECT_KEY",
    "ReportConflict",
    "entry_open",
    "entry_refusal",
    "entry_request_create",
    "final_document_save",
    "is_closed_for",
    "report_approve",
    "report_open",
    "report_problems",
    "report_reopen",
    "report_return",
    "report_save",
    "report_submit",
]
