"""Reads shared by the home page, and later the reports, dashboard and exports."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Campaign, Measure, Period, PeriodKind, Wave
from campaign.selectors import periods_of, target_book, target_table
from unions.models import Placement, Unit, UnitKind, active_during_q
from unions.selectors import children_during, children_on

from .models import Founding, Report, ReportLine, ReportStatus

# Only these count in sums, dashboards and exports; drafts and returned reports do not.
COUNTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


@dataclass
class WaveUnits:
    wave: Wave
    periods: list[Period]
    units: list[Unit] = field(default_factory=list)
    grassroots_total: int = 0


def _direct_grassroots_count(day: datetime.date) -> Coalesce:
    """Annotation: grassroots unions standing directly under the unit on ``day``.

    A correlated subquery on the (parent, valid_from) index: it stays fast
    where a join and COUNT(DISTINCT) over 130,000 placements does not.
    """
    placements = (
        Placement.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            active_during_q(day, day, prefix="unit__"),
            parent=OuterRef("pk"),
            valid_from__lte=day,
            unit__kind=UnitKind.GRASSROOTS,
        )
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(placements, output_field=IntegerField()), 0)


def top_units(root: Unit | Iterable[Unit]) -> list[Unit]:
    """One unit or several (a user managing two districts), without those nested in another."""
    units = [root] if isinstance(root, Unit) else list(root)
    units.sort(key=lambda u: len(u.path))
    kept: list[Unit] = []
    for unit in units:
        if not any(unit.path.startswith(k.path) for k in kept):
            kept.append(unit)
    return kept


def overlaps(start, end, lo: datetime.date, hi: datetime.date) -> bool:
    """Whether [start, end] (``end`` None = open) meets [lo, hi]."""
    return start <= hi and (end is None or end >= lo)


@dataclass
class ReportingUnits:
    """The units that may owe reports between two days, and the rule that says which do.

    Direct-superior unions owe a report for a span of days when they were active
    on one of them (a district dissolved on 30/06/2025 owes May, not July; a
    commune union founded on 01/07/2025 owes July, not May). The federation owes
    one only when grassroots unions also stood directly under it on one of them.
    """

    units: list[Unit]
    # Federation id -> (first day, last day or None) of each grassroots union's stay directly under it.
    direct_stays: dict[int, list[tuple[datetime.date, datetime.date | None]]]

    def owes(self, unit: Unit, lo: datetime.date, hi: datetime.date) -> bool:
        if not overlaps(unit.active_from, unit.active_to, lo, hi):
            return False
        return unit.kind != UnitKind.FEDERATION or any(
            overlaps(start, end, lo, hi) for start, end in self.direct_stays.get(unit.pk, ())
        )

    def owing(self, lo: datetime.date, hi: datetime.date) -> list[Unit]:
        return [u for u in self.units if self.owes(u, lo, hi)]

    def within(self, root: Unit, *, only_root: bool = False) -> "ReportingUnits":
        """Those below ``root`` (or ``root`` itself): one province's out of the nation's."""
        units = [u for u in self.units if (u.pk == root.pk if only_root else u.path.startswith(root.path))]
        return ReportingUnits(units, self.direct_stays)


def reporting_units_between(
    root: Unit | Iterable[Unit], first: datetime.date, last: datetime.date, *, units=None, only_root: bool = False
) -> ReportingUnits:
    """The direct-superior unions and federations below ``root`` active at some time
    from ``first`` to ``last``, in Vietnamese order, with the federations' direct
    grassroots stays. Two queries (one when no federation is among them).

    ``units`` may be a queryset of ``Unit`` to start from (to add annotations);
    ``only_root``: the root units themselves, not those below them.
    """
    roots = top_units(root)
    if not roots:
        return ReportingUnits([], {})
    qs = Unit.objects.all() if units is None else units
    where = Q(pk__in=[r.pk for r in roots]) if only_root else reduce(or_, (Q(path__startswith=r.path) for r in roots))
    candidates = list(
        qs.filter(where)
        .filter(kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION])
        .active_during(first, last)
        .vi_ordered()
    )
    federations = [u.pk for u in candidates if u.kind == UnitKind.FEDERATION]
    stays: dict[int, list[tuple[datetime.date, datetime.date | None]]] = {}
    if federations:
        rows = Placement.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=first),
            active_during_q(first, last, prefix="unit__"),
            # As a subquery, not a list: PostgreSQL then expects a federation's few direct
            # placements and reads them by index (with a list, it hashes every unit: 20 ms).
            parent__in=Unit.objects.filter(pk__in=federations, kind=UnitKind.FEDERATION).order_by().values("pk"),
            unit__kind=UnitKind.GRASSROOTS,
            valid_from__lte=last,
        ).order_by().values_list("parent_id", "valid_from", "valid_to", "unit__active_from", "unit__active_to")
        for parent_id, valid_from, valid_to, active_from, active_to in rows:
            start = max(valid_from, active_from)
            ends = [d for d in (valid_to, active_to) if d is not None]
            end = min(ends) if ends else None
            if end is None or end >= start:
                stays.setdefault(parent_id, []).append((start, end))
    return ReportingUnits(candidates, stays)


def wave_reporting_units(root: Unit, wave: Wave) -> list[Unit]:
    """The units that report for ``wave`` below ``root`` (the rule of ``ReportingUnits``),
    each with ``grassroots_count`` (direct grassroots unions at the wave's end) and
    ``target_list`` (one value or None per measure). Three queries.
    """
    units = reporting_units_between(
        root, wave.start, wave.end, units=Unit.objects.annotate(grassroots_count=_direct_grassroots_count(wave.end))
    ).owing(wave.start, wave.end)
    book = target_book(wave.campaign, units, waves=[wave])
    for unit in units:
        unit.target_list = [book.row(unit, m, wave.pk) for m in Measure]
    return units


def campaign_overview(campaign: Campaign, root: Unit) -> dict:
    """What the board and staff see on the home page: waves with their periods
    and reporting units, the campaign-wide periods, and the targets."""
    periods = list(periods_of(campaign))
    waves = []
    all_waves = list(campaign.waves.all())
    for wave in all_waves:
        units = wave_reporting_units(root, wave)
        waves.append(
            WaveUnits(
                wave=wave,
                # The weeks in order, then the month(s) they add up to.
                periods=sorted(
                    (p for p in periods if p.wave_id == wave.pk), key=lambda p: (p.kind != PeriodKind.WEEK, p.start)
                ),
                units=units,
                grassroots_total=sum(u.grassroots_count for u in units),
            )
        )
    return {
        "campaign": campaign,
        "root": root,
        "waves": waves,
        "campaign_periods": [p for p in periods if p.wave_id is None],
        "targets": target_table(
            target_book(campaign, [root, *(u for w in waves for u in w.units)], waves=all_waves),
            all_waves,
            root=root,
            units_by_wave={w.wave.pk: w.units for w in waves},
        ),
        "measures": list(Measure),
        "next_due": next((p for p in periods if p.due_at >= timezone.now()), None),
    }


def reporter_overview(campaign: Campaign | None, unit: Unit, periods: list[Period]) -> dict:
    """What a reporter sees for their unit: its grassroots unions (as of today,
    or its last active day), the periods it owes (``obligations.periods_owed``)
    and its own targets."""
    today = timezone.localdate()
    day = min(today, unit.active_to) if unit.active_to else today
    grassroots = list(children_on(unit, day, kind=UnitKind.GRASSROOTS).select_related("enterprise"))
    targets = []
    if campaign is not None:
        waves = list(campaign.waves.all())
        targets = target_table(target_book(campaign, [unit], waves=waves), waves, root=unit, units_by_wave={}, own_row=True)
    return {"unit": unit, "as_of": day, "grassroots": grassroots, "periods": periods, "targets": targets}


# ---------------------------------------------------------------------------
# Reports: the entry grid and the figures behind it.

FIGURES = ReportLine.FIGURES
DIRECT_KEY = "TRUC-TIEP"  # the row of members the superior union admitted directly


@dataclass
class GridRow:
    """One row of a report's grid: a grassroots union (or the direct row) and its figures."""

    key: str  # the grassroots union's code, or DIRECT_KEY
    grassroots: Unit | None
    values: dict[str, int]
    founding_members: int = 0  # > 0 when the union was recognised in this period

    @property
    def name(self) -> str:
        return self.grassroots.name if self.grassroots else str(_("Kết nạp trực tiếp tại công đoàn cấp trên"))

    @property
    def sector_label(self) -> str:
        return self.grassroots.get_sector_display() if self.grassroots else ""


def report_rows(unit: Unit, period: Period, report: Report | None) -> list[GridRow]:
    """The grid of ``unit`` for ``period``: one row per grassroots union that stood
    under it during the period (Vietnamese order), then the direct row. Two queries.

    A union registered from this report (``Founding.report``) carries its founding
    members: its row may not show fewer new members."""
    report_id = report.pk if report is not None and report.pk else None
    grassroots = list(
        children_during(unit, period.start, period.end, kind=UnitKind.GRASSROOTS).annotate(
            founding_report_id=Subquery(Founding.objects.filter(grassroots=OuterRef("pk")).values("report_id")[:1])
        )
    )
    lines = {}
    if report_id is not None:
        lines = {line.grassroots_id: line for line in report.lines.all()}
    rows = []
    for g in [*grassroots, None]:
        line = lines.get(g.pk if g else None)
        founded_here = g is not None and report_id is not None and g.founding_report_id == report_id
        rows.append(
            GridRow(
                key=g.code if g else DIRECT_KEY,
                grassroots=g,
                values={name: getattr(line, name) if line else 0 for name in FIGURES},
                founding_members=(g.founding_members or 0) if founded_here else 0,
            )
        )
    return rows


def totals_of(rows) -> dict[str, int]:
    return {name: sum(row.values[name] for row in rows) for name in FIGURES}


def usual_maxima(unit: Unit, period: Period, rows: list[GridRow]) -> dict[tuple[int | None, str], int]:
    """For each (grassroots id, figure) of ``rows``: the highest value counted for
    that grassroots union in the campaign's earlier weeks, whichever unit reported
    it (a union moved to a commune on 01/07 keeps its May history); for the direct
    row, the unit's own earlier weeks. One query."""
    grassroots_ids = [row.grassroots.pk for row in rows if row.grassroots is not None]
    lines = (
        ReportLine.objects.filter(
            report__period__campaign=period.campaign_id,
            report__period__kind=PeriodKind.WEEK,
            report__period__start__lt=period.start,
            report__status__in=COUNTED_STATUSES,
        )
        .filter(Q(grassroots__in=grassroots_ids) | Q(grassroots__isnull=True, report__unit=unit))
        .values("grassroots_id")
        .annotate(**{name: Max(name) for name in FIGURES})
        .order_by()
    )
    return {(row["grassroots_id"], name): row[name] for row in lines for name in FIGURES}


def summed_figures(unit: Unit, period: Period) -> dict:
    """Figures of a monthly or final report: the sum of the unit's counted weekly
    reports inside ``period``, per week and in total, with the founders of the
    unions the board confirmed for the unit in the period (``confirmed``: they
    stand in no weekly report). Three queries."""
    rows = (
        ReportLine.objects.filter(
            report__unit=unit,
            report__status__in=COUNTED_STATUSES,
            report__period__campaign=period.campaign_id,
            report__period__kind=PeriodKind.WEEK,
            report__period__start__gte=period.start,
            report__period__end__lte=period.end,
        )
        .values("report__period_id")
        .annotate(**{name: Sum(name) for name in FIGURES})
        .order_by()
    )
    by_week = {row["report__period_id"]: {name: row[name] or 0 for name in FIGURES} for row in rows}
    weeks = period.campaign.periods.filter(kind=PeriodKind.WEEK, start__gte=period.start, end__lte=period.end)
    # Only the weeks the unit existed in (a commune union has no May weeks).
    weeks = weeks.filter(end__gte=unit.active_from)
    if unit.active_to:
        weeks = weeks.filter(start__lte=unit.active_to)
    weeks = list(weeks.order_by("start"))
    week_rows = [(week, by_week.get(week.pk)) for week in weeks]
    total = {name: sum((values or {}).get(name, 0) for _week, values in week_rows) for name in FIGURES}
    confirmed = [f.grassroots for f in foundings_in(unit, period) if f.report_id is None]
    founders = sum(g.founding_members or 0 for g in confirmed)
    total["new_members"] += founders
    return {"weeks": week_rows, "total": total, "confirmed": confirmed, "confirmed_founders": founders}


def foundings_in(unit: Unit, period: Period) -> list[Founding]:
    """The new grassroots unions that count for ``unit`` in ``period`` today: those
    registered from its counted weekly reports of the period, and those the board
    confirmed for it, recognised in the period. One query."""
    return list(
        Founding.objects.filter(campaign=period.campaign_id, unit=unit)
        .filter(
            Q(
                report__status__in=COUNTED_STATUSES,
                report__period__start__gte=period.start,
                report__period__end__lte=period.end,
            )
            | Q(
                report__isnull=True,
                grassroots__recognition_date__gte=period.start,
                grassroots__recognition_date__lte=period.end,
            )
        )
        .select_related("grassroots__enterprise")
        .order_by("grassroots__recognition_date", "grassroots__code")
    )
