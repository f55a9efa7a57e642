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
from reporting.models import Founding, Report, ReportLine, ReportStatus
from reporting.selectors import report_rows, wave_reporting_units
from reporting.totals import totals_of
from unions.models import Unit, UnitKind
from unions.selectors import parent_on

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


def _new_unions(campaign: Campaign) -> dict[tuple[int, int], list[Unit]]:
    """The unions recognised during the campaign, by (unit, week) they were founded under."""
    weeks = list(campaign.periods.filter(kind=PeriodKind.WEEK))
    first, last = min(w.start for w in weeks), max(w.end for w in weeks)
    found: dict[tuple[int, int], list[Unit]] = {}
    for union in Unit.objects.filter(
        kind=UnitKind.GRASSROOTS, recognition_date__gte=first, recognition_date__lte=last, founding_members__isnull=False
    ):
        week = next((w for w in weeks if w.contains(union.recognition_date)), None)
        parent = parent_on(union, union.recognition_date)
        if week is not None and parent is not None:
            found.setdefault((parent.pk, week.pk), []).append(union)
    return found


def load_demo_reports(campaign: Campaign) -> int:
    """Create the campaign's illustrative reports that do not exist yet; returns how many.

    A union recognised in a week is registered from its unit's report of that
    week (its founders in its line); when that week's report is missing, the
    board confirmed it without a report."""
    board = get_user_model().objects.filter(username="lanhdao").first()
    new_unions = _new_unions(campaign)
    registered: list[tuple[Report, Unit]] = []
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
                    founded = {g.pk: g for g in new_unions.get((unit.pk, period.pk), [])}
                    for row in report_rows(unit, period, None):
                        union = founded.get(row.grassroots.pk) if row.grassroots else None
                        values = _line_values(rng, union.founding_members if union else 0)
                        if values:
                            line = ReportLine(grassroots=row.grassroots, **values)
                            line._history_date = report._history_date
                            lines.append((report, line))
                        if union is not None:
                            registered.append((report, union))
    # Written in bulk (the database's constraints still check every row), with history:
    # the reports, their lines, then the reports' totals, and the reports' history with them.
    Report.objects.bulk_create(reports)
    for report, line in lines:
        line.report = report
    bulk_create_with_history([line for _report, line in lines], ReportLine, default_user=board)
    totals = totals_of([r.pk for r in reports])
    for report in reports:
        report.totals = totals[report.pk]
    Report.objects.bulk_update(reports, ["totals"])
    Report.history.bulk_history_create(reports, default_user=board)
    _load_demo_foundings(campaign, registered, board)
    return len(reports)


def _load_demo_foundings(campaign: Campaign, registered: list[tuple[Report, Unit]], board) -> None:
    """Each new union counts through the report that registered it or, with no report
    for its week, once the board confirmed it (two days after the week ended)."""
    counted = set(Founding.objects.filter(campaign=campaign).values_list("grassroots_id", flat=True))
    foundings = []
    for report, union in registered:
        if union.pk not in counted:
            founding = Founding(campaign=campaign, grassroots=union, unit=report.unit, report=report)
            founding._history_date = report._history_date
            foundings.append(founding)
            counted.add(union.pk)
    weeks = list(campaign.periods.filter(kind=PeriodKind.WEEK))
    for (unit_id, week_id), unions in _new_unions(campaign).items():
        week = next(w for w in weeks if w.pk == week_id)
        for union in unions:
            if union.pk in counted:
                continue
            at = timezone.make_aware(datetime.datetime.combine(week.end + datetime.timedelta(days=2), datetime.time(10, 0)))
            founding = Founding(campaign=campaign, grassroots=union, unit_id=unit_id, confirmed_at=at, confirmed_by=board)
            founding._history_date = at
            foundings.append(founding)
            counted.add(union.pk)
    bulk_create_with_history(foundings, Founding, default_user=board)
