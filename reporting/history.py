"""The history of a report: who changed which figure or field, from what to what, when."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from .models import Report, ReportLine

TRACKED_REPORT_FIELDS = (
    "status",
    "results",
    "shortcomings",
    "causes",
    "proposals",
    "warning_comment",
    "return_reason",
    "reopen_reason",
)


@dataclass
class HistoryEntry:
    at: datetime
    by: str
    row: str
    field: str
    old: str
    new: str


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("(hệ thống)")
    name = " ".join(p for p in (user.last_name, user.first_name) if p)
    return name or user.get_username()


def _display(model, field: str, value) -> str:
    if value in (None, ""):
        return "—"
    f = model._meta.get_field(field)
    if f.choices:
        return str(dict(f.choices).get(value, value))
    return str(value)


def report_changes(report: Report) -> list[HistoryEntry]:
    """Every change to the report and its lines, newest first. Two queries."""
    entries: list[HistoryEntry] = []
    previous = {}
    for record in report.history.select_related("history_user").order_by("history_date", "history_id"):
        before = previous.get("report")
        for field in TRACKED_REPORT_FIELDS:
            old = getattr(before, field) if before else None
            new = getattr(record, field)
            if (old or "") != (new or "") and not (before is None and field != "status" and not new):
                entries.append(
                    HistoryEntry(
                        at=record.history_date,
                        by=_who(record),
                        row=_("Báo cáo"),
                        field=str(Report._meta.get_field(field).verbose_name),
                        old=_display(Report, field, old),
                        new=_display(Report, field, new),
                    )
                )
        previous["report"] = record
    lines = ReportLine.history.filter(report_id=report.pk).select_related("history_user", "grassroots")
    for record in lines.order_by("history_date", "history_id"):
        before = previous.get(record.id)
        row = record.grassroots.name if record.grassroots_id else _("Kết nạp trực tiếp")
        for field in ReportLine.FIGURES:
            old = getattr(before, field) if before is not None and before.history_type != "-" else 0
            new = getattr(record, field) if record.history_type != "-" else 0
            if old != new:
                entries.append(
                    HistoryEntry(
                        at=record.history_date,
                        by=_who(record),
                        row=row,
                        field=str(ReportLine._meta.get_field(field).verbose_name),
                        old=str(old),
                        new=str(new),
                    )
                )
        previous[record.id] = record
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
