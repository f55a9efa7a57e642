"""Link the grassroots unions already registered from a report to that report.

Before 0002 a new grassroots union counted by its recognition date alone. From
now on it counts through the report that registered it (``Founding``). A union
was registered from a report when the weekly report of the unit it stood under
on its recognition day, for the week of that day, holds a line for it: that
report becomes its ``Founding.report``, dated (in the history) when the line was
first written, so "as of" a past day stays right. Unions with no such report
are left for the board to confirm.
"""

from django.db import migrations
from django.db.models import Q


def backfill(apps, schema_editor):
    Unit = apps.get_model("unions", "Unit")
    Placement = apps.get_model("unions", "Placement")
    ReportLine = apps.get_model("reporting", "ReportLine")
    HistoricalReportLine = apps.get_model("reporting", "HistoricalReportLine")
    Founding = apps.get_model("reporting", "Founding")
    HistoricalFounding = apps.get_model("reporting", "HistoricalFounding")

    unions = Unit.objects.filter(
        kind="grassroots", recognition_date__isnull=False, founding_members__isnull=False, founding__isnull=True
    )
    for union in unions.iterator():
        day = union.recognition_date
        parent = (
            Placement.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), unit=union, valid_from__lte=day)
            .values_list("parent_id", flat=True)
            .first()
        )
        if parent is None:
            continue
        line = (
            ReportLine.objects.filter(
                grassroots=union,
                report__unit_id=parent,
                report__period__kind="week",
                report__period__start__lte=day,
                report__period__end__gte=day,
            )
            .select_related("report__period")
            .first()
        )
        if line is None:
            continue
        first = HistoricalReportLine.objects.filter(id=line.pk).order_by("history_date", "history_id").first()
        founding = Founding.objects.create(
            campaign_id=line.report.period.campaign_id, grassroots=union, unit_id=parent, report=line.report
        )
        if first is not None:
            Founding.objects.filter(pk=founding.pk).update(created_at=first.history_date)
            HistoricalFounding.objects.create(
                id=founding.pk,
                campaign_id=founding.campaign_id,
                grassroots_id=union.pk,
                unit_id=parent,
                report_id=line.report_id,
                confirmed_at=None,
                confirmed_by_id=None,
                created_at=first.history_date,
                history_date=first.history_date,
                history_type="+",
                history_user_id=first.history_user_id,
                history_change_reason=None,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_foundings_entry_requests_figure_max"),
        ("unions", "0002_founding_members_max"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
