"""Who owes which report: the one rule, shared by the reminders, the missing
reports, the dashboard's discipline and a unit's own list of periods.

For every period, the units that ``selectors.ReportingUnits`` says report
during it (the same rule as the home page's units of a wave). Half-year, year
and final reports are owed by the units active on the period's last day (a
district federation dissolved on 30/06/2025 owes the half-year, not the year
or the final report).
"""

import datetime
from collections.abc import Iterable

from campaign.models import Campaign, Period, PeriodKind
from unions.models import Unit

from .selectors import reporting_units_between

OWED_KINDS = (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.HALF_YEAR, PeriodKind.YEAR, PeriodKind.FINAL)
# Reports owed by the units active on the period's last day (not at any time during it).
END_OWED_KINDS = (PeriodKind.HALF_YEAR, PeriodKind.YEAR, PeriodKind.FINAL)
KIND_ORDER = {kind: n for n, kind in enumerate(OWED_KINDS)}


def owed_window(period: Period) -> tuple[datetime.date, datetime.date]:
    """The days a unit must have been active on to owe ``period``'s report."""
    if period.kind in END_OWED_KINDS:
        return period.end, period.end
    return period.start, period.end


def in_due_order(periods: Iterable[Period]) -> list[Period]:
    """Periods in the order their reports fall due (then by kind and start)."""
    return sorted(periods, key=lambda p: (p.due_at, KIND_ORDER.get(p.kind, 99), p.start))


def due_periods(
    campaign: Campaign, *, now: datetime.datetime, period: Period | None = None, periods: Iterable[Period] | None = None
) -> list[Period]:
    """The campaign's periods due by ``now`` (only ``period`` if given), oldest due first. One
    query, none when ``periods`` (the campaign's periods, read already) are given."""
    if periods is not None:
        return in_due_order(
            p for p in periods if p.kind in OWED_KINDS and p.due_at <= now and (period is None or p.pk == period.pk)
        )
    qs = campaign.periods.filter(due_at__lte=now, kind__in=OWED_KINDS).select_related("wave", "campaign__federation")
    if period is not None:
        qs = qs.filter(pk=period.pk)
    return in_due_order(qs)


def expected_reports(
    campaign: Campaign,
    root: Unit | Iterable[Unit],
    *,
    now: datetime.datetime,
    period: Period | None = None,
    only_root: bool = False,
    periods: Iterable[Period] | None = None,
) -> list[tuple[Unit, Period]]:
    """(unit, period) for every report owed below ``root`` for the periods due by ``now``
    (``only_root``: owed by the root units themselves).

    ``root`` may be several units (everything a user manages). Ordered by
    period (oldest due first), then unit in Vietnamese order. Three queries at
    most: the periods, the candidate units, the federation's direct grassroots
    placements. ``periods``: the campaign's periods when the caller has read them
    already (one query less).
    """
    periods = due_periods(campaign, now=now, period=period, periods=periods)
    if not periods:
        return []
    reporting = reporting_units_between(
        root, min(p.start for p in periods), max(p.end for p in periods), only_root=only_root
    )
    return owed_in(reporting, periods)


def owed_in(reporting, periods: Iterable[Period]) -> list[tuple[Unit, Period]]:
    """(unit, period) for each of ``periods`` (in their order) and each unit of
    ``reporting`` that owes its report."""
    expected = []
    for p in periods:
        lo, hi = owed_window(p)
        expected.extend((unit, p) for unit in reporting.owing(lo, hi))
    return expected


def expected_reports_many(
    scopes: list[tuple[Campaign, Unit]], *, now: datetime.datetime, only_root: bool, periods_of: dict[int, list[Period]]
) -> list[list[tuple[Unit, Period]]]:
    """``expected_reports`` for several (campaign, root) at once — the provinces of a
    national campaign —, with their periods read already: two queries in all."""
    due = [due_periods(c, now=now, periods=periods_of.get(c.pk, [])) for c, _root in scopes]
    spans = [p for periods in due for p in periods]
    if not spans:
        return [[] for _scope in scopes]
    reporting = reporting_units_between(
        [root for _c, root in scopes], min(p.start for p in spans), max(p.end for p in spans), only_root=only_root
    )
    return [owed_in(reporting.within(root, only_root=only_root), periods) for (_c, root), periods in zip(scopes, due, strict=True)]


def periods_owed(campaign: Campaign, unit: Unit) -> list[Period]:
    """Every period of ``campaign`` whose report ``unit`` owes (due or not yet),
    in the order they fall due. Three queries at most."""
    periods = list(campaign.periods.filter(kind__in=OWED_KINDS).select_related("wave"))
    if not periods:
        return []
    reporting = reporting_units_between(unit, min(p.start for p in periods), max(p.end for p in periods), only_root=True)
    return in_due_order(p for p in periods if reporting.owes(unit, *owed_window(p)))
