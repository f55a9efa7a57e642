"""Every write to reports: saving figures, registering new grassroots unions,
and the submit / return / approve / reopen workflow.

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

from campaign.models import Campaign, Period, PeriodKind
from unions.access import can_manage, can_report
from unions.models import MAX_FIGURE, MIN_FOUNDING_MEMBERS, Unit, UnitKind
from unions.selectors import parent_on
from unions.services import enterprise_get_or_create, unit_create

from .models import EntryRequest, FinalReportDocument, Founding, Report, ReportLine, ReportStatus
from .selectors import DIRECT_KEY, FIGURES, report_rows
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


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("period", "unit").get(pk=report.pk)


def _locked_or_new(report: Report | None, unit: Unit | None, period: Period | None) -> Report:
    """The report locked for this transaction, created as an empty draft if the unit
    has none yet: inside the caller's transaction, so a refused action leaves no
    empty draft behind."""
    if report is not None and report.pk:
        return _locked(report)
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
    report = _locked_or_new(report, unit, period)
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
    return _commit(report, user)


def _lines_write(report: Report, rows, figures: dict[str, dict[str, int]], user) -> None:
    existing = {line.grassroots_id: line for line in report.lines.all()}
    for row in rows:
        values = figures.get(row.key)
        if values is None:
            continue
        key = row.grassroots.pk if row.grassroots else None
        line = existing.get(key)
        if line is None:
            if not any(values.values()):
                continue  # an empty row means zero: nothing to store
            line = ReportLine(report=report, grassroots=row.grassroots)
        elif all(getattr(line, name) == values[name] for name in FIGURES):
            continue
        for name in FIGURES:
            setattr(line, name, values[name])
        line._history_user = user
        if line.pk and line.is_zero():
            line.delete()
            continue
        line.full_clean(validate_unique=False)
        line.save()


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
    report = _locked(report)
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
    return _commit(report, user)


def _commit(report: Report, user) -> Report:
    """Save a change to the report by ``user``: a new version, recorded in its history."""
    report.version += 1
    report._history_user = user
    report.full_clean()
    report.save()
    return report


def _reviewed(report: Report, user, **changes) -> Report:
    """Record a review step by ``user``: the changes, who and when, a new version."""
    for field, value in changes.items():
        setattr(report, field, value)
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    return _commit(report, user)


def _review_check(report: Report, user) -> None:
    if not can_manage(user, report.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xử lý được báo cáo."))


@transaction.atomic
def report_return(*, report: Report, user, reason: str) -> Report:
    """Send a submitted report back to its unit with a reason. Its entry is open
    again until it is resubmitted, even after the period's closing time."""
    report = _locked(report)
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
    report = _locked(report)
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
    report = _locked_or_new(report, unit, period)
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
def grassroots_register(
    *,
    report: Report | None = None,
    unit: Unit | None = None,
    period: Period | None = None,
    user,
    name: str,
    sector: str,
    recognition_decision: str,
    recognition_date: datetime.date,
    founding_members: int,
    enterprise_tax_code: str = "",
    enterprise_name: str = "",
) -> Unit:
    """Register a grassroots union recognised in the report's week under the report's
    unit. Its founding members count as new members in its row; the union counts
    as new exactly while the report counts (``Founding``). Without ``report``, the
    unit's report for ``period`` (created if it has none)."""
    report = _locked_or_new(report, unit, period)
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    period = report.period
    if period.kind != PeriodKind.WEEK:
        raise ValidationError(_("Công đoàn cơ sở mới được đăng ký trong báo cáo tuần của tuần có quyết định công nhận."))
    if not period.contains(recognition_date):
        raise ValidationError(
            {
                "recognition_date": _("Ngày quyết định công nhận phải trong kỳ báo cáo (%(start)s – %(end)s).")
                % {
                    "start": formats.date_format(period.start, "SHORT_DATE_FORMAT"),
                    "end": formats.date_format(period.end, "SHORT_DATE_FORMAT"),
                }
            }
        )
    _check_founders(founding_members)
    enterprise = None
    if enterprise_tax_code:
        enterprise = enterprise_get_or_create(tax_code=enterprise_tax_code, name=enterprise_name, sector=sector)
    union = unit_create(
        code=_next_grassroots_code(),
        name=name,
        kind=UnitKind.GRASSROOTS,
        parent=report.unit,
        active_from=recognition_date,
        sector=sector,
        enterprise=enterprise,
        recognition_decision=recognition_decision,
        recognition_date=recognition_date,
        founding_members=founding_members,
    )
    line = ReportLine(report=report, grassroots=union, new_members=founding_members)
    line._history_user = user
    line.full_clean(validate_unique=False)
    line.save()
    founding = Founding(campaign=period.campaign, grassroots=union, unit=report.unit, report=report)
    founding._history_user = user
    founding.full_clean()
    founding.save()
    _commit(report, user)
    return union


def _check_founders(founding_members: int | None) -> None:
    if founding_members is None or founding_members < MIN_FOUNDING_MEMBERS:
        raise ValidationError({"founding_members": _("Công đoàn cơ sở thành lập phải có ít nhất 5 đoàn viên.")})
    if founding_members > MAX_FIGURE:
        raise ValidationError({"founding_members": _("Số đoàn viên khi thành lập quá lớn (tối đa 100.000).")})


def _registered_in(report: Report, union: Unit) -> Founding:
    founding = Founding.objects.filter(grassroots=union, report=report).first()
    if founding is None:
        raise ValidationError(_("Công đoàn cơ sở này không được đăng ký trong báo cáo này."))
    return founding


@transaction.atomic
def grassroots_update(
    *,
    report: Report,
    user,
    union: Unit,
    name: str,
    sector: str,
    recognition_decision: str,
    recognition_date: datetime.date,
    founding_members: int,
) -> Unit:
    """Correct a grassroots union registered from ``report`` while the report takes
    figures (the board returns or reopens it first). Its row is raised to the new
    founders when it showed fewer."""
    report = _locked(report)
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    _registered_in(report, union)
    if not report.period.contains(recognition_date):
        raise ValidationError(
            {"recognition_date": _("Ngày quyết định công nhận phải trong kỳ báo cáo (%(start)s – %(end)s).")
             % {"start": formats.date_format(report.period.start, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(report.period.end, "SHORT_DATE_FORMAT")}}
        )
    _check_founders(founding_members)
    union = Unit.objects.select_for_update().get(pk=union.pk)
    union.name, union.sector = name, sector
    union.recognition_decision, union.recognition_date = recognition_decision, recognition_date
    union.founding_members = founding_members
    if union.active_from > recognition_date:
        union.active_from = recognition_date
    union._history_user = user
    union.full_clean()
    union.save()
    line = ReportLine.objects.filter(report=report, grassroots=union).first() or ReportLine(report=report, grassroots=union)
    if line.new_members < founding_members:
        line.new_members = founding_members
        line._history_user = user
        line.full_clean(validate_unique=False)
        line.save()
    _commit(report, user)
    return union


@transaction.atomic
def grassroots_unregister(*, report: Report, user, union: Unit) -> None:
    """Take back a grassroots union registered by mistake from ``report`` (while the
    report takes figures): the union, its line and its placement go. Refused once
    the union has figures in another report."""
    report = _locked(report)
    refusal = entry_refusal(report, user)
    if refusal:
        raise PermissionDenied(refusal)
    founding = _registered_in(report, union)
    if ReportLine.objects.filter(grassroots=union).exclude(report=report).exists():
        raise ValidationError(_("Công đoàn cơ sở này đã có số liệu trong báo cáo khác: không thể bỏ đăng ký."))
    for line in ReportLine.objects.filter(report=report, grassroots=union):
        line._history_user = user
        line.delete()
    founding._history_user = user
    founding.delete()
    union.placements.all().delete()
    union._history_user = user
    union.delete()
    _commit(report, user)


@transaction.atomic
def founding_confirm(*, campaign: Campaign, union: Unit, user) -> Founding:
    """The board confirms a grassroots union recorded without a report: from now on it
    counts, for the unit it stood under on its recognition day, with its founders."""
    if union.kind != UnitKind.GRASSROOTS or not union.recognition_date or not union.founding_members:
        raise ValidationError(_("Công đoàn cơ sở phải có ngày quyết định công nhận và số đoàn viên khi thành lập."))
    waves = list(campaign.waves.all())
    if not waves or not (min(w.start for w in waves) <= union.recognition_date <= max(w.end for w in waves)):
        raise ValidationError(_("Ngày quyết định công nhận nằm ngoài thời gian của chiến dịch."))
    parent = parent_on(union, union.recognition_date)
    if parent is None:
        raise ValidationError(_("Không xác định được đơn vị cấp trên của công đoàn cơ sở vào ngày được công nhận."))
    if not can_manage(user, parent):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xác nhận được."))
    if Founding.objects.filter(grassroots=union).exists():
        raise ValidationError(_("Công đoàn cơ sở này đã được tính là thành lập mới."))
    founding = Founding(
        campaign=campaign, grassroots=union, unit=parent, confirmed_at=timezone.now(), confirmed_by=user
    )
    founding._history_user = user
    founding.full_clean()
    founding.save()
    return founding


@transaction.atomic
def founding_revoke(*, founding: Founding, user) -> None:
    """Withdraw the board's confirmation of a union (those registered from a report
    follow their report instead)."""
    if founding.report_id is not None:
        raise ValidationError(_("Công đoàn cơ sở này được tính qua báo cáo đã đăng ký nó."))
    if not can_manage(user, founding.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xác nhận được."))
    founding._history_user = user
    founding.delete()


@transaction.atomic
def final_document_save(*, document: FinalReportDocument) -> FinalReportDocument:
    """Save the province's final report document (its first save creates it)."""
    document.full_clean()
    document.save()
    return document


def _next_grassroots_code() -> str:
    """The next free code of the form CSnnnn (CS0001, CS0002, …)."""
    codes = Unit.objects.filter(code__regex=r"^CS[0-9]+$").values_list("code", flat=True)
    highest = max((int(code[2:]) for code in codes), default=0)
    return f"CS{highest + 1:04d}"


__all__ = [
    "DIRECT_KEY",
    "ReportConflict",
    "entry_open",
    "entry_refusal",
    "entry_request_create",
    "final_document_save",
    "founding_confirm",
    "founding_revoke",
    "grassroots_register",
    "grassroots_unregister",
    "grassroots_update",
    "is_closed_for",
    "report_approve",
    "report_open",
    "report_problems",
    "report_reopen",
    "report_return",
    "report_save",
    "report_submit",
]
