"""The emulation score (thi đua): one published formula per campaign (``EmulationFormula``), the
reporting units and the grassroots unions ranked by it, every score shown with its parts so that
anyone can check it by hand. The figures are ``campaign_stats``'s, as of the same day.

A reporting unit's score is the sum of its parts, each rounded to two decimals (half up):

- for each measure, weight × min(% of its target, cap) / 100 — the % as every page shows it
  (``stats.percent``); a measure without a target gives nothing;
- discipline: weight × (on time + late × late credit / 100) / reports due × 100 / 100;
- data quality: weight × (1 − (returns + reports sent with a warning) / reports in) × 100 / 100,
  never below 0; a unit with no report in gives nothing.

A grassroots union's score: points per new member × its new members + points per member
introduced to the Party × those, over the counted weekly reports (and its founders, when the
board confirmed it).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaign.models import Campaign, Measure
from unions.collation import vi_sort_key
from unions.models import Unit

from .models import EmulationFormula, Report, ReportStatus
from .selectors import COUNTED_STATUSES
from .stats import CampaignStats, _report_states, campaign_stats, grassroots_sums

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
MEASURE_WEIGHTS = {
    Measure.NEW_MEMBERS: "weight_new_members",
    Measure.NEW_GRASSROOTS: "weight_new_grassroots",
    Measure.PARTY_INTRODUCED: "weight_party_introduced",
    Measure.PARTY_ADMITTED: "weight_party_admitted",
}


def formula_of(campaign: Campaign) -> EmulationFormula:
    """The campaign's formula; the default one (not saved) while the board has set none."""
    formula = EmulationFormula.objects.filter(campaign=campaign).first()
    if formula is None:
        formula = EmulationFormula(campaign=campaign)
        for field in formula._meta.concrete_fields:  # the defaults as the database gives them back
            if field.get_internal_type() == "DecimalField":
                setattr(formula, field.attname, Decimal(getattr(formula, field.attname)).quantize(CENT))
    return formula


def _points(weight: Decimal, rate: Decimal | None) -> Decimal:
    if rate is None:
        return Decimal("0.00")
    return (Decimal(weight) * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Part:
    label: str
    weight: Decimal
    rate: Decimal | None  # the % counted (None: nothing to count)
    points: Decimal
    detail: str = ""  # what the rate is made of, for checking by hand


@dataclass
class UnitScore:
    unit: Unit
    parts: list[Part]
    total: Decimal
    rank: int = 0


@dataclass
class GrassrootsScore:
    union: Unit
    new_members: int
    party_introduced: int
    points: Decimal
    rank: int = 0


@dataclass
class Emulation:
    formula: EmulationFormula
    stats: CampaignStats
    units: list[UnitScore]  # ranked
    grassroots: list[GrassrootsScore]  # ranked


def _ranked(items, key) -> None:
    previous, rank = None, 0
    for position, item in enumerate(items, start=1):
        if key(item) != previous:
            rank, previous = position, key(item)
        item.rank = rank


def _quality_counts(stats: CampaignStats, unit_ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """{unit id: returns} (each return of a report by then, from its history) and {unit id:
    counted reports sent with a warning's explanation}: two queries."""
    moment, campaign = stats.reading.moment, stats.campaign
    returns: dict[int, int] = {}
    rows = (
        Report.history.filter(period__campaign=campaign, unit_id__in=unit_ids, status=ReportStatus.RETURNED,
                              history_date__lte=moment)
        .values("unit_id", "id").annotate(n=Count("reviewed_at", distinct=True)).order_by()
    )
    for row in rows:
        returns[row["unit_id"]] = returns.get(row["unit_id"], 0) + row["n"]
    warned = dict(
        _report_states(moment, [campaign.pk], unit_ids).filter(status__in=COUNTED_STATUSES).exclude(warning_comment="")
        .values_list("unit_id").annotate(n=Count("id")).order_by()
    )
    return returns, warned


def emulation(campaign: Campaign, root: Unit, *, as_of: datetime.date | None = None) -> Emulation:
    """The units under ``root`` and their grassroots unions, scored and ranked as of the end of ``as_of``."""
    as_of = as_of or timezone.localdate()
    formula = formula_of(campaign)
    stats = campaign_stats(campaign, root, as_of=as_of)
    discipline = {d.unit.pk: d for d in stats.discipline}
    unit_ids = [row.unit.pk for row in stats.campaign_units]
    returns, warned = _quality_counts(stats, unit_ids)
    cap = Decimal(formula.cap_percent)
    scores = []
    for row in stats.campaign_units:
        parts = []
        for measure, field in MEASURE_WEIGHTS.items():
            weight = getattr(formula, field)
            if not weight:
                continue
            figure = row.figures[measure]
            rate = None if figure.percent is None else min(figure.percent, cap)
            detail = _("%(a)s / %(t)s") % {"a": figure.achieved, "t": figure.target} if figure.target else _("chưa giao chỉ tiêu")
            parts.append(Part(str(measure.label), weight, rate, _points(weight, rate), str(detail)))
        d = discipline.get(row.unit.pk)
        if formula.weight_discipline:
            rate = None
            detail = str(_("chưa đến hạn báo cáo"))
            if d and d.expected:
                credited = Decimal(d.on_time) + Decimal(d.late) * formula.late_credit / 100
                rate = (credited * 100 / d.expected).quantize(TENTH, rounding=ROUND_HALF_UP)
                detail = str(_("%(on_time)s đúng hạn, %(late)s muộn / %(due)s kỳ")
                             % {"on_time": d.on_time, "late": d.late, "due": d.expected})
            parts.append(Part(str(_("Chấp hành chế độ báo cáo")), formula.weight_discipline, rate,
                              _points(formula.weight_discipline, rate), detail))
        if formula.weight_quality:
            submitted = d.submitted if d else 0
            faults = returns.get(row.unit.pk, 0) + warned.get(row.unit.pk, 0)
            rate = None
            detail = str(_("chưa có báo cáo đã nộp"))
            if submitted:
                rate = max(Decimal(0), (Decimal(submitted - faults) * 100 / submitted)).quantize(TENTH, rounding=ROUND_HALF_UP)
                detail = str(_("%(returns)s lần trả lại, %(warned)s báo cáo có cảnh báo / %(submitted)s báo cáo đã nộp")
                             % {"returns": returns.get(row.unit.pk, 0), "warned": warned.get(row.unit.pk, 0),
                                "submitted": submitted})
            parts.append(Part(str(_("Chất lượng số liệu")), formula.weight_quality, rate,
                              _points(formula.weight_quality, rate), detail))
        scores.append(UnitScore(unit=row.unit, parts=parts, total=sum((p.points for p in parts), Decimal("0.00"))))
    scores.sort(key=lambda s: (-s.total, vi_sort_key(s.unit.name)))
    _ranked(scores, lambda s: s.total)

    by_grassroots, confirmed = grassroots_sums(stats.reading)
    unions = Unit.objects.order_by().in_bulk([pk for pk in by_grassroots if pk is not None and pk not in confirmed])
    unions.update(confirmed)
    grassroots = []
    for pk, by_wave in by_grassroots.items():
        if pk is None or pk not in unions:
            continue
        members = sum(v["new_members"] for v in by_wave.values())
        introduced = sum(v["party_introduced"] for v in by_wave.values())
        points = (formula.points_per_member * members + formula.points_per_party_introduced * introduced).quantize(
            CENT, rounding=ROUND_HALF_UP)
        grassroots.append(GrassrootsScore(unions[pk], members, introduced, points))
    grassroots.sort(key=lambda g: (-g.points, vi_sort_key(g.union.name)))
    _ranked(grassroots, lambda g: g.points)
    return Emulation(formula=formula, stats=stats, units=scores, grassroots=grassroots)
