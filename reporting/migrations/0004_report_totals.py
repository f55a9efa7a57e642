"""Each report keeps the sum of its lines by sector (``Report.totals``), in its history.

The existing reports and each of their historical records get the totals of the
lines as they stood at that record's moment (the line history replayed up to it),
so the figures "as of" any past day are unchanged by the switch.
"""

from collections import defaultdict

from django.db import migrations, models

FIGURES = ("new_members", "new_members_women", "party_introduced", "party_admitted")


def _totals(lines, sector_of):
    totals = {}
    for values in lines.values():
        if values is None:
            continue
        sector = sector_of.get(values["grassroots_id"], "") if values["grassroots_id"] else ""
        bucket = totals.setdefault(sector, dict.fromkeys(FIGURES, 0))
        for name in FIGURES:
            bucket[name] += values[name]
    return {sector: values for sector, values in totals.items() if any(values.values())}


def backfill(apps, schema_editor):
    Unit = apps.get_model("unions", "Unit")
    Report = apps.get_model("reporting", "Report")
    HistoricalReport = apps.get_model("reporting", "HistoricalReport")
    HistoricalReportLine = apps.get_model("reporting", "HistoricalReportLine")

    sector_of = dict(Unit.objects.filter(kind="grassroots").values_list("id", "sector"))
    events = defaultdict(list)  # report id → line records in time order
    for record in HistoricalReportLine.objects.order_by("history_date", "history_id").values(
        "report_id", "id", "history_type", "history_date", "grassroots_id", *FIGURES
    ).iterator():
        events[record["report_id"]].append(record)
    changed_history, changed_reports = [], []
    for report_id in HistoricalReport.objects.values_list("id", flat=True).distinct():
        lines, queue = {}, events.get(report_id, [])
        position = 0
        for record in HistoricalReport.objects.filter(id=report_id).order_by("history_date", "history_id"):
            while position < len(queue) and queue[position]["history_date"] <= record.history_date:
                line = queue[position]
                lines[line["id"]] = None if line["history_type"] == "-" else line
                position += 1
            record.totals = _totals(lines, sector_of)
            changed_history.append(record)
    HistoricalReport.objects.bulk_update(changed_history, ["totals"], batch_size=500)
    live = defaultdict(dict)
    ReportLine = apps.get_model("reporting", "ReportLine")
    for line in ReportLine.objects.values("report_id", "id", "grassroots_id", *FIGURES).iterator():
        live[line["report_id"]][line["id"]] = line
    for report in Report.objects.all().iterator():
        report.totals = _totals(live.get(report.pk, {}), sector_of)
        changed_reports.append(report)
    Report.objects.bulk_update(changed_reports, ["totals"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0003_backfill_foundings'),
        ('unions', '0002_founding_members_max'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalreport',
            name='totals',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='tổng số liệu theo khu vực'),
        ),
        migrations.AddField(
            model_name='report',
            name='totals',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='tổng số liệu theo khu vực'),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
