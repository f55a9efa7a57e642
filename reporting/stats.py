"""The campaign's numbers: one place computes them for the dashboard, the final
report (PDF), the synthesis table (Excel), the fingerprint and the trace of a
figure to its report lines, so they can never disagree.

Everything is read "as of" a moment (the end of a chosen day): the state of
each report and of each line then, from their history, so the board can see
any past day. What counts at a moment (``_read``):

- the lines of the reports submitted or approved then;
- the new grassroots unions registered from those reports (for the report's
  unit and period), and those the board confirmed by then without a report
  (for the unit they stood under on their recognition day, in the wave that day
  falls in, or between the waves) — a confirmed union's founding members count
  as new members with it; a registered union's founders stand in its report line.

Targets follow ``campaign.selectors.TargetBook``. A fixed number of queries
whatever the number of units.
"""

import datetime
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.models import Campaign, Measure, Period, PeriodKind, Wave
from campaign.selectors import TargetBook, target_books
from unions.collation import vi_sort_key
from unions.models import Sector, Unit

from .freshness import code_digest, structure_stamp
from .models import Founding, Report, ReportLine, ReportStatus
from .obligations import expected_reports_many
from .selectors import COUNTED_STATUSES, DIRECT_KEY, FIGURES

logger = logging.getLogger(__name__)

FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)
STRUCTURE_TIMEOUT = 30 * 60  # the stamp is what keeps it right; this only bounds what a cache holds
# The figure of a report line behind each measure (new grassroots unions come from ``Founding``).
LINE_FIGURE = {
    Measure.NEW_MEMBERS: "new_members",
    Measure.PARTY_INTRODUCED: "party_introduced",
    Measure.PARTY_ADMITTED: "party_admitted",
}
MEASURES = list(Measure)
OUTSIDE_WAVES = None  # the bucket of what counts between the waves (board-confirmed unions only)


def end_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def percent(achieved: int, target: int | None) -> Decimal | None:
    """``achieved`` as a percentage of ``target``, rounded half up to one decimal
    (341 of 400 → 85.3, never the float or banker's 85.2). None without a target."""
    if not target:
        return None
    tenths = (2000 * achieved + target) // (2 * target)  # ⌊1000·a/t + ½⌋, in integers
    return Decimal(tenths) / 10


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
    def percent(self) -> Decimal | None:
        return percent(self.achieved, self.target)

    @property
    def bar(self) -> float:
        """Width of a progress bar, 0–100."""
        return min(100.0, float(self.percent or 0))


class Outcome(models.TextChoices):
    """Where a row stands against its new-members target."""

    REACHED = "reached", gettext_lazy("đạt chỉ tiêu")  # the wave is over and the target was reached
    MISSED = "missed", gettext_lazy("không đạt chỉ tiêu")  # the wave is over and it was not
    ON_TRACK = "on_track", gettext_lazy("dự kiến đạt")  # running: the pace so far reaches it by the wave's end
    OFF_TRACK = "off_track", gettext_lazy("dự kiến không đạt")  # running: the pace so far falls short

    @property
    def good(self) -> bool:
        return self in (Outcome.REACHED, Outcome.ON_TRACK)


@dataclass
class UnitRow:
    """A reporting unit in one wave (or the whole campaign)."""

    unit: Unit
    figures: dict[str, Figure]
    projected: int | None = None  # new members expected by the wave's end at the pace so far
    rank: int | None = None
    finished: bool = False  # the wave (or campaign) is over at the moment read

    @property
    def main(self) -> Figure:
        return self.figures[Measure.NEW_MEMBERS]

    @property
    def outcome(self) -> Outcome | None:
        target = self.main.target
        if not target:
            return None
        if self.finished:
            return Outcome.REACHED if self.main.achieved >= target else Outcome.MISSED
        if self.projected is None:
            return None
        return Outcome.ON_TRACK if self.projected >= target else Outcome.OFF_TRACK

    @property
    def on_track(self) -> bool | None:
        outcome = self.outcome
        return None if outcome is None else outcome.good


def _ranked(rows: list[UnitRow]) -> list[UnitRow]:
    order = {id(row): index for index, row in enumerate(rows)}
    return sorted(rows, key=lambda r: (r.rank if r.rank is not None else len(rows) + 1, order[id(r)]))


@dataclass
class WaveBlock:
    wave: Wave
    figures: list[Figure]
    units: list[UnitRow]  # in the units' order (Vietnamese)
    elapsed_days: int
    total_days: int

    @property
    def started(self) -> bool:
        return self.elapsed_days > 0

    @property
    def finished(self) -> bool:
        return self.elapsed_days >= self.total_days

    @property
    def ranked(self) -> list[UnitRow]:
        """The rows in rank order (ties in the units' order)."""
        return _ranked(self.units)


class Standing(models.TextChoices):
    """Where a unit stands for one period it owed a report for, with its symbol in the matrix."""

    ON_TIME = "on_time", gettext_lazy("đúng hạn")
    LATE = "late", gettext_lazy("muộn")
    RETURNED = "returned", gettext_lazy("bị trả lại, mở lại")  # submitted once, then returned or reopened, not yet in again
    MISSING = "missing", gettext_lazy("còn thiếu")

    @property
    def symbol(self) -> str:
        return {"on_time": "✓", "late": "M", "returned": "↩", "missing": "✗"}[self.value]


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
    def rate(self) -> Decimal | None:
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
    own_row: bool = False  # the figures of ``root``'s own reporting row only
    outside: list[Figure] | None = None  # what counts between the waves, when anything does
    reading: "Reading | None" = field(default=None, repr=False)  # what was read (for the fingerprint)

    @property
    def discipline_total(self) -> Discipline:
        total = Discipline(unit=self.root)
        for row in self.discipline:
            for name in ("expected", "on_time", "late", "returned", "missing"):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total

    @property
    def campaign_ranked(self) -> list[UnitRow]:
        return _ranked(self.campaign_units)

    @property
    def finished(self) -> bool:
        return bool(self.waves) and all(block.finished for block in self.waves)

    def figure(self, measure: str, wave: Wave | None = None) -> Figure:
        figures = self.whole if wave is None else next(b.figures for b in self.waves if b.wave.pk == wave.pk)
        return next(f for f in figures if f.measure == measure)


# ---------------------------------------------------------------------------
# What counts at a moment


UNIT_COLUMNS = [f.attname for f in Unit._meta.concrete_fields]


def _standing(history, moment: datetime.datetime):
    """Of ``history`` (history records, filtered), the record of each object standing at
    ``moment``: its latest by then — of records saved at the same instant, the last
    written —, none for an object deleted by then. The later records are looked for
    among ``history``'s own (simple-history's ``latest_of_each``, with the tie broken)."""
    history = history.filter(history_date__lte=moment)
    later = history.filter(id=OuterRef("id")).filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
    )
    return history.filter(~Exists(later)).exclude(history_type="-").order_by()


def _report_states(moment: datetime.datetime, campaign_ids, unit_ids):
    """The record of each report of ``campaign_ids`` by ``unit_ids`` standing at ``moment``."""
    return _standing(Report.history.filter(period__campaign_id__in=campaign_ids, unit__in=list(unit_ids)), moment)


def _lines_as_of(counted_report_ids, moment: datetime.datetime):
    """The lines of the counted reports at ``moment``. A line never changes report, so
    the reports are chosen before the latest record of each line is (an index scan of
    those reports' lines rather than an anti-join over the whole line history)."""
    return _standing(ReportLine.history.filter(report_id__in=list(counted_report_ids)), moment)


@dataclass
class Reading:
    """What counts at ``moment`` for a scope: the rule, read once.

    ``units``: the reporting units, in the order they report (Vietnamese order
    within a period); ``owed``: (unit, period) for every report they owe;
    ``states``: every report's state at the moment (its ``totals`` then); ``counted_ids``: the reports
    that count; ``foundings``: the new grassroots unions that count, each a
    ``Unit`` with ``reported_by`` (the unit credited), ``counted_wave_id`` (None:
    between the waves), ``counted_week_id``, ``counted_period`` (the registering
    report's), ``founding_report_id`` (None: confirmed by the board) and
    ``confirmed_at``.
    """

    campaign: Campaign
    root: Unit
    own_row: bool
    moment: datetime.datetime
    waves: list[Wave]
    periods: list[Period]
    units: list[Unit]
    owed: list[tuple[Unit, Period]]
    states: list[dict]
    counted_ids: list[int]
    foundings: list[Unit]
    book: TargetBook

    @property
    def period_by_id(self) -> dict[int, Period]:
        return {p.pk: p for p in self.periods}


def _read(campaign: Campaign, root: Unit, *, own_row: bool, moment: datetime.datetime) -> Reading:
    """Read what counts at ``moment`` below ``root`` (or in ``root``'s own row)."""
    return _read_many([(campaign, root)], own_row=own_row, moment=moment)[0]


def campaign_periods(campaigns) -> list[Period]:
    """The periods of ``campaigns`` (a list, or a queryset of them: the provinces' campaigns
    of a national campaign), each with its wave and its campaign's federation, in date order."""
    return list(
        Period.objects.filter(campaign__in=campaigns).select_related("wave", "campaign__federation").order_by("start", "end")
    )


@dataclass
class Structure:
    """What the readings of some (campaign, root) scopes stand on that no report changes:
    each campaign's periods and waves, who owes which report (``owed_of``, one list per
    scope) and the targets of the owing units (``books``). Kept in the cache under the
    structure's stamp (``freshness.structure_stamp``), so that the first view after a
    report changes reads only what reports change."""

    scopes: list[tuple[Campaign, Unit]]
    own_row: bool
    periods_of: dict[int, list[Period]]
    waves_of: dict[int, list[Wave]]
    owed_of: list[list[tuple[Unit, Period]]]
    books: list[TargetBook]


def campaign_structure(
    scopes: list[tuple[Campaign, Unit]], *, own_row: bool, periods: list[Period] | None = None
) -> Structure:
    """The ``Structure`` of ``scopes``, read: four queries (three when their
    ``campaign_periods`` are given), whatever their number."""
    campaign_ids = [c.pk for c, _root in scopes]
    periods_of: dict[int, list[Period]] = defaultdict(list)
    for period in campaign_periods(campaign_ids) if periods is None else periods:
        periods_of[period.campaign_id].append(period)
    # The waves come with their periods: every wave has its weeks (``periods_generate``
    # follows every change to the waves).
    waves_of: dict[int, list[Wave]] = {
        campaign_id: sorted({p.wave_id: p.wave for p in periods if p.wave_id}.values(), key=lambda w: w.number)
        for campaign_id, periods in periods_of.items()
    }
    owed_of = expected_reports_many(scopes, now=FAR_FUTURE, only_root=own_row, periods_of=periods_of)
    books = target_books([
        (campaign, [root, *{unit.pk: unit for unit, _period in owed}.values()], waves_of.get(campaign.pk, []))
        for (campaign, root), owed in zip(scopes, owed_of, strict=True)
    ])
    return Structure(scopes=scopes, own_row=own_row, periods_of=dict(periods_of), waves_of=waves_of,
                     owed_of=owed_of, books=books)


def kept_structure(key: tuple, build) -> Structure:
    """``build()``'s ``Structure``, from the cache while the structure's stamp stands
    (``key`` names the scopes); one query (the stamp) when it is there."""
    # Read first, as the figures' stamp is: what is built afterwards is at least as new.
    cache_key = "reporting:structure:" + hashlib.sha256(
        repr((code_digest(), structure_stamp(), key)).encode()
    ).hexdigest()
    try:
        kept = cache.get(cache_key)
    except Exception:  # the cache only saves time: without it the structure is read
        logger.warning("structure cache unavailable", exc_info=True)
        kept = None
    if kept is not None:
        return kept
    structure = build()
    try:
        cache.set(cache_key, structure, STRUCTURE_TIMEOUT)
    except Exception:
        logger.warning("structure cache unavailable", exc_info=True)
    return structure


def scopes_structure(scopes: list[tuple[Campaign, Unit]], *, own_row: bool) -> Structure:
    """The structure of ``scopes`` (a province, a district, a unit's own row), kept."""
    key = ("scopes", tuple((c.pk, root.pk) for c, root in scopes), own_row)
    structure = kept_structure(key, lambda: campaign_structure(scopes, own_row=own_row))
    structure.scopes = scopes  # the caller's own objects (equal to the kept ones)
    return structure


def _read_many(
    scopes: list[tuple[Campaign, Unit]], *, own_row: bool, moment: datetime.datetime, structure: Structure | None = None
) -> list[Reading]:
    """``_read`` for several (campaign, root) at once — one province, or every province
    of a national campaign — in the same three queries (four when a board-confirmed
    union counts for a unit owing no report), whatever their number, with their
    ``Structure`` kept (``scopes_structure``; given by the national campaign's
    ``national_structure``); four more when it has to be read."""
    structure = structure or scopes_structure(scopes, own_row=own_row)
    scopes = structure.scopes
    campaign_ids = [c.pk for c, _root in scopes]
    periods_of = defaultdict(list, structure.periods_of)
    waves_of = defaultdict(list, structure.waves_of)
    owed_of = structure.owed_of
    units_of: list[dict[int, Unit]] = []
    for owed in owed_of:
        units_by_id: dict[int, Unit] = {}
        for unit, _period in owed:
            units_by_id.setdefault(unit.pk, unit)
        units_of.append(units_by_id)
    every_unit = {pk for units in units_of for pk in units}

    # Each report's state at the moment.
    states_of: dict[int, dict[int, dict]] = defaultdict(dict)
    for state in _report_states(moment, campaign_ids, every_unit).values(
        "id", "unit_id", "period_id", "period__campaign_id", "status", "first_submitted_at", "totals"
    ):
        states_of[state.pop("period__campaign_id")][state["id"]] = state
    # The foundings at the moment, each with its union as it is today (joined, not read
    # apart: a union deleted since is left out).
    records_of: dict[int, list[dict]] = defaultdict(list)
    for record in (
        _standing(Founding.history.filter(campaign_id__in=campaign_ids), moment)
        .values("campaign_id", "grassroots_id", "unit_id", "report_id", "confirmed_at",
                *(f"grassroots__{name}" for name in UNIT_COLUMNS))
    ):
        records_of[record["campaign_id"]].append(record)

    # The new grassroots unions that count at the moment.
    kept_of = []
    for campaign, _root in scopes:
        states, period_by_id = states_of[campaign.pk], {p.pk: p for p in periods_of[campaign.pk]}
        kept = []
        for record in records_of[campaign.pk]:
            if record["report_id"] is not None:
                state = states.get(record["report_id"])
                if state is not None and state["status"] in COUNTED_STATUSES:
                    kept.append((record, state["unit_id"], period_by_id[state["period_id"]]))
            elif record["confirmed_at"] is not None and record["confirmed_at"] <= moment:
                kept.append((record, record["unit_id"], None))
        kept_of.append(kept)
    # A union the board confirmed for a unit that owes no report (e.g. recognised under the
    # federation in June) still counts: its unit joins the campaign's rows.
    strays = {unit_id for kept, units in zip(kept_of, units_of, strict=True) for _r, unit_id, _p in kept if unit_id not in units}
    stray_units = list(Unit.objects.filter(pk__in=strays).vi_ordered()) if strays else []
    books = structure.books
    if stray_units:  # and their targets (the structure's books hold the owing units')
        books = [TargetBook(wave_ids=book.wave_ids, values=dict(book.values)) for book in books]
        stray_books = target_books([(campaign, stray_units, waves_of[campaign.pk]) for campaign, _root in scopes])
        for book, extra in zip(books, stray_books, strict=True):
            book.values.update(extra.values)
    for (_campaign, root), units_by_id in zip(scopes, units_of, strict=True):
        for unit in stray_units:
            if unit.pk == root.pk if own_row else unit.path.startswith(root.path):
                units_by_id.setdefault(unit.pk, unit)
    unions = {  # a union deleted since comes back from the (outer) join with no id: left out
        r["grassroots_id"]: Unit.from_db(Unit.objects.db, UNIT_COLUMNS, [r[f"grassroots__{n}"] for n in UNIT_COLUMNS])
        for kept in kept_of for r, _u, _p in kept if r["grassroots__id"] is not None
    }

    readings = []
    for (campaign, root), owed, units_by_id, kept, book in zip(scopes, owed_of, units_of, kept_of, books, strict=True):
        waves, periods = waves_of[campaign.pk], periods_of[campaign.pk]
        weeks = [p for p in periods if p.kind == PeriodKind.WEEK]
        states = states_of[campaign.pk]
        foundings = []
        for record, unit_id, period in kept:
            union = unions.get(record["grassroots_id"])
            if unit_id not in units_by_id or union is None or union.recognition_date is None:
                continue
            union.reported_by = units_by_id[unit_id]
            union.founding_report_id = record["report_id"]
            union.confirmed_at = record["confirmed_at"]
            union.counted_period = period  # the report's period (None: confirmed by the board)
            if period is not None:
                union.counted_wave_id = period.wave_id
                union.counted_week_id = period.pk if period.kind == PeriodKind.WEEK else None
            else:
                wave = next((w for w in waves if w.start <= union.recognition_date <= w.end), None)
                union.counted_wave_id = wave.pk if wave else OUTSIDE_WAVES
                union.counted_week_id = next((w.pk for w in weeks if w.contains(union.recognition_date)), None)
            foundings.append(union)
        foundings.sort(key=lambda g: (g.recognition_date, g.code))
        readings.append(Reading(
            campaign=campaign,
            root=root,
            own_row=own_row,
            moment=moment,
            waves=waves,
            periods=periods,
            units=list(units_by_id.values()),
            owed=owed,
            states=list(states.values()),
            counted_ids=[pk for pk, s in states.items() if s["status"] in COUNTED_STATUSES],
            foundings=foundings,
            book=book,
        ))
    return readings


def _confirmed_founders(foundings: list[Unit]) -> list[Unit]:
    """The unions confirmed by the board: their founders are not in any report line."""
    return [g for g in foundings if g.founding_report_id is None and g.founding_members]


# ---------------------------------------------------------------------------
# Every number of the campaign


def campaign_stats(
    campaign: Campaign, root: Unit, *, as_of: datetime.date | None = None, own_row: bool = False
) -> CampaignStats:
    """Every number of the campaign below ``root`` as of the end of ``as_of`` (default today).

    ``own_row``: only ``root``'s own reporting row (the federation's drill-down:
    the grassroots unions standing directly under it), with the row's targets.
    """
    as_of = as_of or timezone.localdate()
    return _stats(_read(campaign, root, own_row=own_row, moment=end_of_day(as_of)), as_of)


def _stats(reading: Reading, as_of: datetime.date, *, rows: bool = True) -> CampaignStats:
    """Every number of one reading (no query).

    ``rows=False``: the scope's figures only — its totals, waves, sectors, discipline
    and new unions, computed as with rows — without a row per unit (the waves' and the
    campaign's tables, the discipline table, the weekly progress and the missing
    reports stay empty; ``discipline`` is one row, the scope's): a province's line of
    the national campaign."""
    campaign, root, own_row, moment = reading.campaign, reading.root, reading.own_row, reading.moment
    waves, periods, units, book = reading.waves, reading.periods, reading.units, reading.book
    weeks = [p for p in periods if p.kind == PeriodKind.WEEK]
    week_by_id = {p.pk: p for p in weeks}
    wave_units: dict[int, dict[int, Unit]] = defaultdict(dict)
    for unit, period in reading.owed:
        if period.kind == PeriodKind.WEEK:
            wave_units[period.wave_id].setdefault(unit.pk, unit)

    # Weekly figures of the counted reports (their totals then), by (unit, week); a
    # confirmed union's founders in its week.
    counted_weeks = [s for s in reading.states if s["status"] in COUNTED_STATUSES and s["period_id"] in week_by_id]
    # One pass over their totals: by (unit, week) and by sector.
    by_unit_week: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    sector_values: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for state in counted_weeks:
        values = by_unit_week[(state["unit_id"], state["period_id"])]
        for sector, figures in (state["totals"] or {}).items():
            bucket = sector_values[sector]
            for name, value in figures.items():
                values[name] += value
                bucket[name] += value
    sums: dict[tuple[int, int | None], dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for (unit_id, week_id), values in by_unit_week.items():
        bucket = sums[(unit_id, week_by_id[week_id].wave_id)]
        for name, value in values.items():
            bucket[name] += value
    for g in _confirmed_founders(reading.foundings):
        sums[(g.reported_by.pk, g.counted_wave_id)]["new_members"] += g.founding_members
        if g.counted_week_id is not None:
            by_unit_week[(g.reported_by.pk, g.counted_week_id)]["new_members"] += g.founding_members
    new_by_bucket: dict[tuple[int, int | None], int] = defaultdict(int)
    for g in reading.foundings:
        new_by_bucket[(g.reported_by.pk, g.counted_wave_id)] += 1

    def figures_for(unit_ids: list[int], buckets: list[int | None], targets: dict[str, int | None]) -> dict[str, Figure]:
        """Figures summed over units and buckets (waves, or None: between them)."""
        keys = [(u, b) for u in unit_ids for b in buckets]
        present = [sums[k] for k in keys if k in sums]
        result = {}
        for measure in MEASURES:
            if measure == Measure.NEW_GRASSROOTS:
                achieved = sum(new_by_bucket[k] for k in keys if k in new_by_bucket)
            else:
                achieved = sum(values[LINE_FIGURE[measure]] for values in present)
            women = sum(v["new_members_women"] for v in present) if measure == Measure.NEW_MEMBERS else None
            result[measure] = Figure(measure=measure, target=targets[measure], achieved=achieved, women=women)
        return result

    def scope_targets(scope_units: list[Unit], wave_id: int | None) -> dict[str, int | None]:
        if own_row:
            return {m: book.row(root, m, wave_id) for m in MEASURES}
        return {m: book.total(root, scope_units, m, wave_id) for m in MEASURES}

    def row_targets(unit: Unit, wave_id: int | None) -> dict[str, int | None]:
        return {m: book.row(unit, m, wave_id) for m in MEASURES}

    all_ids = [u.pk for u in units]
    blocks = []
    for wave in waves:
        members = list(wave_units[wave.pk].values())
        total_days = (wave.end - wave.start).days + 1
        elapsed = max(0, min(total_days, (as_of - wave.start).days + 1))
        unit_rows = []
        for unit in members if rows else ():
            row = UnitRow(
                unit=unit, figures=figures_for([unit.pk], [wave.pk], row_targets(unit, wave.pk)),
                finished=elapsed >= total_days,
            )
            if elapsed:
                row.projected = round(row.main.achieved * total_days / elapsed)
            unit_rows.append(row)
        _rank(unit_rows)
        blocks.append(
            WaveBlock(
                wave=wave,
                figures=list(figures_for([u.pk for u in members], [wave.pk], scope_targets(members, wave.pk)).values()),
                units=unit_rows,
                elapsed_days=elapsed,
                total_days=total_days,
            )
        )
    buckets = [*(w.pk for w in waves), OUTSIDE_WAVES]
    campaign_over = bool(waves) and as_of >= max(w.end for w in waves)
    campaign_units = [
        UnitRow(unit=u, figures=figures_for([u.pk], buckets, row_targets(u, None)), finished=campaign_over)
        for u in (units if rows else ())
    ]
    _rank(campaign_units)
    outside = None
    if any(b is OUTSIDE_WAVES for (_u, b) in (*sums, *new_by_bucket)):
        outside = list(figures_for(all_ids, [OUTSIDE_WAVES], dict.fromkeys(MEASURES)).values())

    # Cumulative progress week by week.
    points, running = [], dict.fromkeys(FIGURES, 0)
    for week in weeks if rows else ():
        weekly = dict.fromkeys(FIGURES, 0)
        for unit_id in all_ids:
            values = by_unit_week.get((unit_id, week.pk))
            if values:
                for name, value in values.items():
                    weekly[name] += value
        running = {name: running[name] + weekly[name] for name in FIGURES}
        points.append(WeekPoint(period=week, weekly=weekly, cumulative=dict(running)))

    # Reporting discipline: the reports due by the moment, per unit.
    state_by_key = {(s["unit_id"], s["period_id"]): s for s in reading.states}
    order = {u.pk: index for index, u in enumerate(units)}
    discipline: dict[int, Discipline] = {}
    missing = []
    due_ids: set[int] = set()
    for unit, period in reading.owed:
        if period.due_at > moment:
            continue
        due_ids.add(period.pk)
        row = discipline.setdefault(unit.pk, Discipline(unit=unit)) if rows else \
            discipline.setdefault(root.pk, Discipline(unit=root))
        row.expected += 1
        state = state_by_key.get((unit.pk, period.pk))
        if state and state["status"] in COUNTED_STATUSES:
            late = state["first_submitted_at"] and state["first_submitted_at"] > period.due_at
            standing = Standing.LATE if late else Standing.ON_TIME
        else:
            submitted_once = state is not None and (
                state["status"] == ReportStatus.RETURNED or state["first_submitted_at"] is not None
            )
            standing = Standing.RETURNED if submitted_once else Standing.MISSING
            if rows:
                missing.append((unit, period))
        if rows:
            row.cells[period.pk] = standing
        setattr(row, standing, getattr(row, standing) + 1)

    # By sector: the counted weekly reports' totals, and the new grassroots unions.
    for g in _confirmed_founders(reading.foundings):
        sector_values[g.sector]["new_members"] += g.founding_members
    new_by_sector: dict[str, int] = defaultdict(int)
    for g in reading.foundings:
        new_by_sector[g.sector] += 1
    sectors = [
        SectorRow(sector=value, label=label, values=dict(sector_values[value]), new_grassroots=new_by_sector[value])
        for value, label in Sector.choices
    ]
    sectors.append(
        SectorRow(
            sector="",
            label=_("Kết nạp trực tiếp tại công đoàn cấp trên"),
            values=dict(sector_values[""]),
            new_grassroots=0,
        )
    )

    final = next((p for p in periods if p.kind == PeriodKind.FINAL), None)
    days_to_final = (campaign.final_report_due - as_of).days if final is None else (final.due_at.date() - as_of).days
    return CampaignStats(
        campaign=campaign,
        root=root,
        as_of=as_of,
        whole=list(figures_for(all_ids, buckets, scope_targets(units, None)).values()),
        waves=blocks,
        campaign_units=campaign_units,
        weeks=points,
        discipline=sorted(discipline.values(), key=lambda d: order.get(d.unit.pk, -1)),
        discipline_periods=[p for p in periods if p.pk in due_ids],
        missing=missing,
        sectors=sectors,
        new_grassroots=reading.foundings,
        drafts_pending=sum(1 for s in reading.states if s["status"] == ReportStatus.DRAFT),
        days_to_final=days_to_final,
        own_row=own_row,
        outside=outside,
        reading=reading,
    )


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


# ---------------------------------------------------------------------------
# A reporting unit's figures by grassroots union


@dataclass
class GrassrootsRow:
    grassroots: Unit | None  # None: members the unit admitted directly
    by_wave: dict[int | None, dict[str, int]]  # wave id (None: between the waves) → figures
    total: dict[str, int]

    @property
    def name(self) -> str:
        return self.grassroots.name if self.grassroots else _("Kết nạp trực tiếp tại công đoàn cấp trên")

    @property
    def key(self) -> str:
        return self.grassroots.code if self.grassroots else DIRECT_KEY


def grassroots_sums(reading: Reading) -> tuple[dict[int | None, dict[int | None, dict[str, int]]], dict[int, Unit]]:
    """The counted weekly figures of ``reading``'s scope by grassroots union (None: members the
    units admitted directly) and wave, with the founders of the unions the board confirmed
    (which stand in no line); and those unions. One query."""
    rows = (
        _lines_as_of(reading.counted_ids, reading.moment)
        .filter(report__period__kind=PeriodKind.WEEK)
        .values("grassroots_id", "report__period__wave_id")
        .annotate(**{name: Sum(name) for name in FIGURES})
        .order_by()
    )
    by_grassroots: dict[int | None, dict[int | None, dict[str, int]]] = defaultdict(dict)
    for row in rows:
        by_grassroots[row["grassroots_id"]][row["report__period__wave_id"]] = {n: row[n] or 0 for n in FIGURES}
    confirmed = {g.pk: g for g in _confirmed_founders(reading.foundings)}
    for g in confirmed.values():
        values = by_grassroots[g.pk].setdefault(g.counted_wave_id, dict.fromkeys(FIGURES, 0))
        values["new_members"] += g.founding_members
    return by_grassroots, confirmed


def grassroots_figures(
    campaign: Campaign, unit: Unit, *, as_of: datetime.date | None = None, stats: CampaignStats | None = None
) -> list[GrassrootsRow]:
    """The counted figures of ``unit``'s own row by grassroots union and wave, as of
    the end of ``as_of``: its weekly lines, and the founders of the unions the
    board confirmed for it. Their sum is the unit's row in ``campaign_stats``.
    ``stats``: that row's ``campaign_stats`` (``own_row``) when computed already, whose
    reading is then used again (six queries less)."""
    moment = end_of_day(as_of or timezone.localdate())
    if stats is not None and stats.own_row and stats.root.pk == unit.pk and stats.reading.moment == moment:
        reading = stats.reading
    else:
        reading = _read(campaign, unit, own_row=True, moment=moment)
    by_grassroots, confirmed = grassroots_sums(reading)
    units = Unit.objects.order_by().in_bulk([pk for pk in by_grassroots if pk is not None and pk not in confirmed])
    units.update(confirmed)
    result = []
    for pk, by_wave in by_grassroots.items():
        total = {n: sum(v[n] for v in by_wave.values()) for n in FIGURES}
        result.append(GrassrootsRow(grassroots=units.get(pk) if pk else None, by_wave=by_wave, total=total))
    result.sort(key=lambda r: (r.grassroots is None, vi_sort_key(r.name)))
    return result


# ---------------------------------------------------------------------------
# Where a number comes from: the report lines behind it


@dataclass
class TracedLine:
    """A counted line (or a board-confirmed union's founders) behind a figure."""

    unit: Unit
    period: Period | None  # None: a union confirmed by the board, outside any report
    report_id: int | None
    status: ReportStatus | None  # the report's state at the moment
    grassroots: Unit | None
    values: dict[str, int]
    founded: Unit | None = None  # the new grassroots union this line registers (or the confirmed one)

    @property
    def name(self) -> str:
        return self.grassroots.name if self.grassroots else str(_("Kết nạp trực tiếp tại công đoàn cấp trên"))


def traced_lines(
    campaign: Campaign,
    root: Unit,
    *,
    as_of: datetime.date,
    own_row: bool = False,
    grassroots: str | None = None,
    wave_id: int | None = None,
    sector: str | None = None,
) -> list[TracedLine]:
    """The counted report lines behind the figures below ``root`` (or of ``root``'s own
    row) as of the end of ``as_of``, optionally of one grassroots union (its code, or
    ``DIRECT_KEY``), one wave or one sector; in period order. The same rule as
    ``campaign_stats``, so they add up to its figures."""
    moment = end_of_day(as_of)
    reading = _read(campaign, root, own_row=own_row, moment=moment)
    period_by_id = reading.period_by_id
    units_by_id = {u.pk: u for u in reading.units}
    state_by_id = {s["id"]: s for s in reading.states}
    lines = _lines_as_of(reading.counted_ids, moment).filter(report__period__kind=PeriodKind.WEEK)
    if grassroots == DIRECT_KEY:
        lines = lines.filter(grassroots__isnull=True)
    elif grassroots:
        lines = lines.filter(grassroots__code=grassroots)
    if wave_id is not None:
        lines = lines.filter(report__period__wave_id=wave_id)
    if sector is not None:
        lines = lines.filter(grassroots__isnull=True) if sector == "" else lines.filter(grassroots__sector=sector)
    rows = list(lines.values("report_id", "grassroots_id", *FIGURES))
    founded_by_report = {(g.founding_report_id, g.pk): g for g in reading.foundings if g.founding_report_id}
    unions = Unit.objects.order_by().in_bulk({r["grassroots_id"] for r in rows if r["grassroots_id"]})
    traced = []
    for row in rows:
        state = state_by_id[row["report_id"]]
        union = unions.get(row["grassroots_id"])
        traced.append(
            TracedLine(
                unit=units_by_id[state["unit_id"]],
                period=period_by_id[state["period_id"]],
                report_id=row["report_id"],
                status=ReportStatus(state["status"]),
                grassroots=union,
                values={n: row[n] for n in FIGURES},
                founded=founded_by_report.get((row["report_id"], row["grassroots_id"])),
            )
        )
    for g in _confirmed_founders(reading.foundings):
        if grassroots and grassroots != g.code:
            continue
        if (wave_id is not None and g.counted_wave_id != wave_id) or (sector is not None and g.sector != sector):
            continue
        traced.append(
            TracedLine(
                unit=g.reported_by, period=None, report_id=None, status=None, grassroots=g,
                values={**dict.fromkeys(FIGURES, 0), "new_members": g.founding_members}, founded=g,
            )
        )
    far = datetime.date.max
    traced.sort(key=lambda t: (t.period.start if t.period else t.grassroots.recognition_date or far,
                               vi_sort_key(t.unit.name), t.grassroots is None, vi_sort_key(t.name)))
    return traced
