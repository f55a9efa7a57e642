"""The campaign's numbers: one place computes them for the dashboard, the final
report (PDF) and the synthesis table (Excel), so the three can never disagree.

Everything is read "as of" a moment (the end of a chosen day): the state of
each report and of each line then, from their history, so the board can see
any past day. Only submitted and approved reports count. A fixed number of
queries whatever the number of units.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Campaign, Measure, Period, PeriodKind, Wave
from unions.collation import vi_sort_key
from unions.models import Placement, Sector, Unit, UnitKind

from .models import Report, ReportLine, ReportStatus
from .reminders import expected_reports
from .selectors import COUNTED_STATUSES, FIGURES

FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
# The figure of a report line behind each measure (new grassroots unions come from the registry).
LINE_FIGURE = {
    Measure.NEW_MEMBERS: "new_members",
    Measure.PARTY_INTRODUCED: "party_introduced",
    Measure.PARTY_ADMITTED: "party_admitted",
}
MEASURES = list(Measure)


def end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def percent(achieved: int, target: int | None) -> float | None:
    return round(100 * achieved / target, 1) if target else None


@dataclass
class Figure:
    """A measure against its target."""

    measure: Measure
    target: int | None
    achieved: int
    women: int | None = None  # of which women (new members only)

    @property
    def label(self) -> str:
        return self.measure.label

    @property
    def percent(self) -> float | None:
        return percent(self.achieved, self.target)

    @property
    def bar(self) -> float:
        """Width of a progress bar, 0–100."""
        return min(100.0, self.percent or 0.0)


@dataclass
class UnitRow:
    """A reporting unit in one wave (or the whole campaign)."""

    unit: Unit
    figures: dict[str, Figure]
    projected: int | None = None  # new members expected by the wave's end at the pace so far
    rank: int | None = None

    @property
    def main(self) -> Figure:
        return self.figures[Measure.NEW_MEMBERS]

    @property
    def on_track(self) -> bool | None:
        target = self.main.target
        if not target or self.projected is None:
            return None
        return self.projected >= target


@dataclass
class WaveBlock:
    wave: Wave
    figures: list[Figure]
    units: list[UnitRow]
    elapsed_days: int
    total_days: int

    @property
    def started(self) -> bool:
        return self.elapsed_days > 0


class Standing:
    """Where a unit stands for one period it owed a report for."""

    ON_TIME = "on_time"
    LATE = "late"
    RETURNED = "returned"
    MISSING = "missing"


@dataclass
class Discipline:
    unit: Unit
    cells: dict[int, str] = field(default_factory=dict)  # period id → Standing
    expected: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    missing: int = 0

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        return percent(self.submitted, self.expected)


@dataclass
class SectorRow:
    sector: str
    label: str
    values: dict[str, int]
    new_grassroots: int


@dataclass
class WeekPoint:
    period: Period
    weekly: dict[str, int]
    cumulative: dict[str, int]


@dataclass
class CampaignStats:
    campaign: Campaign
    root: Unit
    as_of: datetime.date
    moment: datetime.datetime
    whole: list[Figure]
    waves: list[WaveBlock]
    campaign_units: list[UnitRow]
    weeks: list[WeekPoint]
    discipline: list[Discipline]
    discipline_periods: list[Period]  # the periods due by the moment, in order
    missing: list[tuple[Unit, Period]]
    sectors: list[SectorRow]
    new_grassroots: list[Unit]
    drafts_pending: int
    days_to_final: int
    totals_by_unit_wave: dict = field(repr=False, default_factory=dict)

    @property
    def discipline_total(self) -> Discipline:
        total = Discipline(unit=self.root)
        for row in self.discipline:
            for name in ("expected", "on_time", "late", "returned", "missing"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total

    def figure(self, measure: str, wave: Wave | None = None) -> Figure:
        figures = self.whole if wave is None else next(b.figures for b in self.waves if b.wave.pk == wave.pk)
        return next(f for f in figures if f.measure == measure)


def _reports_as_of(campaign: Campaign, units: list[Unit], moment: datetime.datetime):
    """Each report's state at ``moment`` (its latest historical record then)."""
    return (
        Report.history.filter(history_date__lte=moment, period__campaign=campaign, unit__in=[u.pk for u in units])
        .latest_of_each()
        .exclude(history_type="-")
    )


def _lines_as_of(counted_report_ids, moment: datetime.datetime):
    return (
        ReportLine.history.filter(history_date__lte=moment)
        .latest_of_each()
        .exclude(history_type="-")
        .filter(report_id__in=counted_report_ids)
    )


def campaign_stats(campaign: Campaign, root: Unit, *, as_of: datetime.date | None = None) -> CampaignStats:
    """Every number of the campaign below ``root`` as of the end of ``as_of`` (default today)."""
    as_of = as_of or timezone.localdate()
    moment = end_of_day(as_of)
    waves = list(campaign.waves.order_by("number"))
    periods = list(campaign.periods.select_related("wave").order_by("start", "end"))
    weeks = [p for p in periods if p.kind == PeriodKind.WEEK]
    week_by_id = {p.pk: p for p in weeks}

    # Who reports in each wave: the units owing the wave's weekly reports.
    owed = expected_reports(campaign, root, now=FAR_FUTURE)
    units_by_id: dict[int, Unit] = {}
    wave_units: dict[int, list[Unit]] = defaultdict(list)
    for unit, period in owed:
        units_by_id[unit.pk] = unit
        if period.kind == PeriodKind.WEEK and unit not in wave_units[period.wave_id]:
            wave_units[period.wave_id].append(unit)
    units = list(units_by_id.values())

    # Targets by (unit, measure, wave or None).
    targets: dict[tuple[int, str, int | None], int] = {
        (t["unit_id"], t["measure"], t["wave_id"]): t["value"]
        for t in campaign.targets.filter(unit__in=units).values("unit_id", "measure", "wave_id", "value")
    }

    # The reports as they stood at the moment: counted ones, returned ones, drafts.
    states = list(_reports_as_of(campaign, units, moment).values("id", "unit_id", "period_id", "status", "first_submitted_at"))
    counted_ids = [s["id"] for s in states if s["status"] in COUNTED_STATUSES]
    state_by_key = {(s["unit_id"], s["period_id"]): s for s in states}

    # Weekly figures of the counted reports, by (unit, week).
    by_unit_week: dict[tuple[int, int], dict[str, int]] = {}
    line_rows = (
        _lines_as_of(counted_ids, moment)
        .filter(report__period__kind=PeriodKind.WEEK)
        .values("report__unit_id", "report__period_id")
        .annotate(**{name: Sum(name) for name in FIGURES})
        .order_by()
    )
    for row in line_rows:
        by_unit_week[(row["report__unit_id"], row["report__period_id"])] = {name: row[name] or 0 for name in FIGURES}

    # New grassroots unions from the registry: recognised by the day, under the unit they stood under then.
    parent_then = Placement.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("recognition_date")),
        unit=OuterRef("pk"),
        valid_from__lte=OuterRef("recognition_date"),
    ).values("parent_id")[:1]
    first_day = min((w.start for w in waves), default=as_of)
    last_day = max((w.end for w in waves), default=as_of)
    new_grassroots = list(
        Unit.objects.filter(
            kind=UnitKind.GRASSROOTS,
            recognition_date__gte=first_day,
            recognition_date__lte=min(last_day, as_of),
        )
        .annotate(parent_then=Subquery(parent_then))
        .filter(parent_then__in=[u.pk for u in units])
        .select_related("enterprise")
        .order_by("recognition_date", "code")
    )
    def wave_of(day: datetime.date) -> Wave | None:
        return next((w for w in waves if w.start <= day <= w.end), None)

    # Only unions recognised inside a wave count (June, between the waves, does not).
    new_grassroots = [g for g in new_grassroots if wave_of(g.recognition_date)]
    for g in new_grassroots:
        g.reported_by = units_by_id[g.parent_then]

    new_by_unit_wave: dict[tuple[int, int], int] = defaultdict(int)
    for g in new_grassroots:
        wave = wave_of(g.recognition_date)
        if wave:
            new_by_unit_wave[(g.parent_then, wave.pk)] += 1

    # Sums by (unit, wave).
    sums: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for (unit_id, week_id), values in by_unit_week.items():
        wave_id = week_by_id[week_id].wave_id
        for name, value in values.items():
            sums[(unit_id, wave_id)][name] += value

    def figures_for(unit_ids: list[int], wave_ids: list[int], target_wave: int | None) -> dict[str, Figure]:
        """Figures summed over units and waves; targets per wave, or whole-campaign."""
        result = {}
        for measure in MEASURES:
            if measure == Measure.NEW_GRASSROOTS:
                achieved = sum(new_by_unit_wave[(u, w)] for u in unit_ids for w in wave_ids)
            else:
                achieved = sum(sums[(u, w)][LINE_FIGURE[measure]] for u in unit_ids for w in wave_ids if (u, w) in sums)
            target = _target(targets, unit_ids, measure, target_wave, [w.pk for w in waves])
            women = None
            if measure == Measure.NEW_MEMBERS:
                women = sum(sums[(u, w)]["new_members_women"] for u in unit_ids for w in wave_ids if (u, w) in sums)
            result[measure] = Figure(measure=measure, target=target, achieved=achieved, women=women)
        return result

    all_ids = [u.pk for u in units]
    blocks = []
    for wave in waves:
        ids = [u.pk for u in wave_units[wave.pk]]
        total_days = (wave.end - wave.start).days + 1
        elapsed = max(0, min(total_days, (as_of - wave.start).days + 1))
        rows = []
        for unit in wave_units[wave.pk]:
            row = UnitRow(unit=unit, figures=figures_for([unit.pk], [wave.pk], wave.pk))
            if elapsed:
                row.projected = round(row.main.achieved * total_days / elapsed)
            rows.append(row)
        _rank(rows)
        blocks.append(
            WaveBlock(
                wave=wave,
                figures=list(figures_for(ids, [wave.pk], wave.pk).values()),
                units=rows,
                elapsed_days=elapsed,
                total_days=total_days,
            )
        )
    campaign_units = [UnitRow(unit=u, figures=figures_for([u.pk], [w.pk for w in waves], None)) for u in units]
    _rank(campaign_units)

    # Cumulative progress week by week (province below root).
    points, running = [], dict.fromkeys(FIGURES, 0)
    for week in weeks:
        weekly = dict.fromkeys(FIGURES, 0)
        for unit_id in all_ids:
            for name, value in by_unit_week.get((unit_id, week.pk), {}).items():
                weekly[name] += value
        running = {name: running[name] + weekly[name] for name in FIGURES}
        points.append(WeekPoint(period=week, weekly=weekly, cumulative=dict(running)))

    # Reporting discipline: the reports due by the moment, per unit.
    discipline: dict[int, Discipline] = {}
    missing = []
    for unit, period in owed:
        if period.due_at > moment:
            continue
        row = discipline.setdefault(unit.pk, Discipline(unit=unit))
        row.expected += 1
        state = state_by_key.get((unit.pk, period.pk))
        if state and state["status"] in COUNTED_STATUSES:
            late = state["first_submitted_at"] and state["first_submitted_at"] > period.due_at
            standing = Standing.LATE if late else Standing.ON_TIME
        elif state and state["status"] == ReportStatus.RETURNED:
            standing = Standing.RETURNED
            missing.append((unit, period))
        else:
            standing = Standing.MISSING
            missing.append((unit, period))
        row.cells[period.pk] = standing
        setattr(row, standing, getattr(row, standing) + 1)

    # By sector: figures of the counted weekly lines, and the new grassroots unions.
    sector_values: dict[str, dict[str, int]] = {}
    for row in (
        _lines_as_of(counted_ids, moment)
        .filter(report__period__kind=PeriodKind.WEEK)
        .annotate(sector=F("grassroots__sector"))
        .values("sector")
        .annotate(**{name: Sum(name) for name in FIGURES})
        .order_by()
    ):
        sector_values[row["sector"] or ""] = {name: row[name] or 0 for name in FIGURES}
    new_by_sector: dict[str, int] = defaultdict(int)
    for g in new_grassroots:
        new_by_sector[g.sector] += 1
    sectors = [
        SectorRow(sector=value, label=label, values=sector_values.get(value, dict.fromkeys(FIGURES, 0)), new_grassroots=new_by_sector[value])
        for value, label in Sector.choices
    ]
    sectors.append(
        SectorRow(
            sector="",
            label=_("Kết nạp trực tiếp tại công đoàn cấp trên"),
            values=sector_values.get("", dict.fromkeys(FIGURES, 0)),
            new_grassroots=0,
        )
    )

    final = next((p for p in periods if p.kind == PeriodKind.FINAL), None)
    days_to_final = (campaign.final_report_due - as_of).days if final is None else (final.due_at.date() - as_of).days
    return CampaignStats(
        campaign=campaign,
        root=root,
        as_of=as_of,
        moment=moment,
        whole=list(figures_for(all_ids, [w.pk for w in waves], None).values()),
        waves=blocks,
        campaign_units=campaign_units,
        weeks=points,
        discipline=sorted(discipline.values(), key=lambda d: [u.pk for u in units].index(d.unit.pk)),
        discipline_periods=[p for p in periods if p.pk in {pk for d in discipline.values() for pk in d.cells}],
        missing=missing,
        sectors=sectors,
        new_grassroots=new_grassroots,
        drafts_pending=sum(1 for s in states if s["status"] == ReportStatus.DRAFT),
        days_to_final=days_to_final,
        totals_by_unit_wave=dict(sums),
    )


def _target(targets, unit_ids, measure, wave_id, all_wave_ids) -> int | None:
    """A target summed over units: the wave's, or for the whole campaign the campaign-wide
    target where set and otherwise the sum of the waves'."""
    total, found = 0, False
    for unit_id in unit_ids:
        if wave_id is not None:
            value = targets.get((unit_id, measure.value, wave_id))
        else:
            value = targets.get((unit_id, measure.value, None))
            if value is None:
                per_wave = [targets.get((unit_id, measure.value, w)) for w in all_wave_ids]
                value = sum(v for v in per_wave if v is not None) if any(v is not None for v in per_wave) else None
        if value is not None:
            total += value
            found = True
    return total if found else None


def _rank(rows: list[UnitRow]) -> None:
    """Rank by % of the new-members target (then by members), ties sharing a rank."""
    def key(row):
        return (row.main.percent if row.main.percent is not None else -1, row.main.achieved)

    ordered = sorted(rows, key=key, reverse=True)
    previous, rank = None, 0
    for position, row in enumerate(ordered, start=1):
        if key(row) != previous:
            rank, previous = position, key(row)
        row.rank = rank


@dataclass
class GrassrootsRow:
    grassroots: Unit | None  # None: members the unit admitted directly
    by_wave: dict[int, dict[str, int]]
    total: dict[str, int]

    @property
    def name(self) -> str:
        return self.grassroots.name if self.grassroots else _("Kết nạp trực tiếp tại công đoàn cấp trên")


def grassroots_figures(campaign: Campaign, unit: Unit, *, as_of: datetime.date | None = None) -> list[GrassrootsRow]:
    """The counted weekly figures of ``unit``'s reports by grassroots union and wave,
    as of the end of ``as_of``. Three queries."""
    moment = end_of_day(as_of or timezone.localdate())
    states = _reports_as_of(campaign, [unit], moment).filter(status__in=COUNTED_STATUSES).values("id")
    counted_ids = [s["id"] for s in states]
    rows = (
        _lines_as_of(counted_ids, moment)
        .filter(report__period__kind=PeriodKind.WEEK)
        .values("grassroots_id", "report__period__wave_id")
        .annotate(**{name: Sum(name) for name in FIGURES})
        .order_by()
    )
    by_grassroots: dict[int | None, dict[int, dict[str, int]]] = defaultdict(dict)
    for row in rows:
        by_grassroots[row["grassroots_id"]][row["report__period__wave_id"]] = {n: row[n] or 0 for n in FIGURES}
    units = Unit.objects.in_bulk([pk for pk in by_grassroots if pk is not None])
    result = []
    for pk, by_wave in by_grassroots.items():
        total = {n: sum(v[n] for v in by_wave.values()) for n in FIGURES}
        result.append(GrassrootsRow(grassroots=units.get(pk) if pk else None, by_wave=by_wave, total=total))
    result.sort(key=lambda r: (r.grassroots is None, vi_sort_key(r.name)))
    return result
