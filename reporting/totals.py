"""A report's totals: the sum of its lines by the sector of their grassroots union.

Kept on the report (``Report.totals``) by whatever writes its lines, in the same
transaction, so that its history carries them: the figures "as of" a moment are
then one read of the reports' history (5,300 rows nationally) instead of the
lines' (400,000). One rule, one query, for one report or for thousands.
"""

from django.db.models import F, Sum

from .models import Report, ReportLine

FIGURES = ReportLine.FIGURES
DIRECT = ""  # the sector key of the members the superior union admitted directly


def totals_of(report_ids) -> dict[int, dict[str, dict[str, int]]]:
    """{report id: {sector: {figure: sum}}} of the reports' lines, in one query.
    Sectors with nothing in them are left out; a report without lines maps to {}."""
    totals: dict[int, dict[str, dict[str, int]]] = {pk: {} for pk in report_ids}
    rows = (
        ReportLine.objects.filter(report_id__in=list(totals))
        .values("report_id", sector=F("grassroots__sector"))
        .annotate(**{name: Sum(name) for name in FIGURES})
        .order_by()
    )
    for row in rows:
        values = {name: row[name] or 0 for name in FIGURES}
        if any(values.values()):
            totals[row["report_id"]][row["sector"] or DIRECT] = values
    return totals


def refresh_totals(report: Report) -> None:
    """Set ``report.totals`` from its stored lines (the caller saves the report)."""
    report.totals = totals_of([report.pk])[report.pk]
