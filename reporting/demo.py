"""Illustrative reports for the demo campaign (development only).

For every unit that reported in a wave and every week of it: most reports
submitted (a few late), some approved, one or two returned, a few drafts and
a few missing, with figures on some of the grassroots unions; monthly and final
reports with a short narrative. Generated with a seeded random, so every run
and machine gets the same data; reports that already exist are left alone, so
a second run writes nothing.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from campaign.models import Campaign, PeriodKind

from .models import Report, ReportLine, ReportStatus
from .selectors import report_rows, wave_reporting_units

NARRATIVES = {
    "results": "Phối hợp với chính quyền địa phương tuyên truyền, vận động người lao động gia nhập công đoàn; "
    "thành lập các đoàn công tác đến từng doanh nghiệp trên địa bàn.",
    "shortcomings": "Một số doanh nghiệp nhỏ, lao động thời vụ nên việc vận động còn gặp khó khăn.",
    "causes": "Người sử dụng lao động chưa quan tâm; người lao động làm việc phân tán.",
    "proposals": "Đề nghị LĐLĐ tỉnh hỗ trợ kinh phí tuyên truyền và biểu dương các cơ sở làm tốt.",
}
RETURN_REASON = "Số nữ của một công đoàn cơ sở chưa khớp với danh sách; đề nghị kiểm tra lại."


def _line_values(rng: random.Random, founding: int) -> dict[str, int] | None:
    if not founding and rng.random() > 0.2:
        return None
    new = rng.randint(1, 5) + founding
    introduced = rng.choice([0, 0, 0, 0, 1, 1, 2])
    return {
        "new_members": new,
        "new_members_women": rng.randint(0, new),
        "party_introduced": introduced,
        "party_admitted": min(introduced, rng.choice([0, 0, 1])),
    }


def _status(rng: random.Random, kind: str) -> tuple[str | None, bool]:
    """(status or None for missing, late?)."""
    roll = rng.random()
    if roll < 0.08:
        return None, False
    if roll < 0.15:
        return ReportStatus.DRAFT, False
    late = rng.random() < 0.15
    if kind == PeriodKind.WEEK and rng.random() < 0.03:
        return ReportStatus.RETURNED, late
    return (ReportStatus.APPROVED if rng.random() < 0.6 else ReportStatus.SUBMITTED), late


def load_demo_reports(campaign: Campaign) -> int:
    """Create the campaign's illustrative reports that do not exist yet; returns how many."""
    board = get_user_model().objects.filter(username="lanhdao").first()
    existing = set(Report.objects.filter(period__campaign=campaign).values_list("unit_id", "period_id"))
    periods = list(campaign.periods.filter(kind__in=[PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.FINAL]))
    reports: list[Report] = []
    lines: list[tuple[Report, ReportLine]] = []
    for wave in campaign.waves.order_by("number"):
        units = wave_reporting_units(campaign.federation, wave)
        for unit in units:
            for period in periods:
                in_wave = period.wave_id == wave.pk or (period.kind == PeriodKind.FINAL and wave.number == 2)
                if not in_wave or (unit.pk, period.pk) in existing:
                    continue
                rng = random.Random(f"{unit.code}:{period.kind}:{period.start}")
                status, late = _status(rng, period.kind)
                if status is None:
                    continue
                report = Report(unit=unit, period=period, status=status)
                if status != ReportStatus.DRAFT:
                    offset = datetime.timedelta(days=rng.randint(1, 3)) if late else -datetime.timedelta(hours=rng.randint(2, 30))
                    report.first_submitted_at = report.submitted_at = period.due_at + offset
                if status in (ReportStatus.APPROVED, ReportStatus.RETURNED):
                    report.reviewed_at = report.submitted_at + datetime.timedelta(hours=rng.randint(2, 48))
                    report.reviewed_by = board
                if status == ReportStatus.RETURNED:
                    report.return_reason = RETURN_REASON
                if period.kind != PeriodKind.WEEK:
                    for field, text in NARRATIVES.items():
                        setattr(report, field, text)
                # History dated when it happened, so the dashboard's "as of" works on the demo too.
                report._history_date = report.first_submitted_at or timezone.make_aware(
                    datetime.datetime.combine(period.end, datetime.time(16, 0))
                )
                reports.append(report)
                if period.kind == PeriodKind.WEEK:
                    for row in report_rows(unit, period, None):
                        values = _line_values(rng, row.founding_members)
                        if values:
                            line = ReportLine(grassroots=row.grassroots, **values)
                            line._history_date = report._history_date
                            lines.append((report, line))
    # Written in bulk (the database's constraints still check every row), with history.
    bulk_create_with_history(reports, Report, default_user=board)
    for report, line in lines:
        line.report = report
    bulk_create_with_history([line for _report, line in lines], ReportLine, default_user=board)
    return len(reports)
