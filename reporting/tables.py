"""Selectors for the rows of a reporting unit's table by grassroots union (the
unit's Excel table): which unions, in which waves, with which figures. The
queries live here so the writer (``reporting.exports.unit_xlsx``) only lays
out cells. Figures come from ``stats.grassroots_figures``: their sum is the
unit's row in ``campaign_stats``."""

from collections import defaultdict
from dataclasses import dataclass

from unions.collation import vi_sort_key
from unions.models import Unit, UnitKind
from unions.selectors import children_during

from .stats import CampaignStats, GrassrootsRow, grassroots_figures


@dataclass
class UnionRow:
    grassroots: Unit | None  # None: members the superior union admitted directly
    waves: set[int | None]  # waves in which the union stood under the unit (or has figures); None: between them
    founded: bool  # the union counts as new for the unit
    founded_in: int | None  # the wave it counts in (None: between the waves)
    figures: dict[int | None, dict[str, int]]  # wave id → counted figures


def unit_union_rows(unit: Unit, stats: CampaignStats, grassroots: list[GrassrootsRow] | None = None) -> list[UnionRow]:
    """The grassroots unions that stood under ``unit`` in the waves it reported in
    (Vietnamese order), those with figures anyway, then the direct row.

    ``stats`` is a ``campaign_stats`` of ``unit``'s own row; ``grassroots`` its
    figures by union (computed for ``stats.as_of`` when not given). One query
    per wave the unit reported in, plus the figures'.
    """
    if grassroots is None:
        grassroots = grassroots_figures(stats.campaign, unit, as_of=stats.as_of, stats=stats)
    figures = {row.grassroots.pk if row.grassroots else None: row.by_wave for row in grassroots}
    reported = [block.wave for block in stats.waves if any(r.unit.pk == unit.pk for r in block.units)]
    by_id: dict[int, Unit] = {}
    waves_of: dict[int, set[int | None]] = defaultdict(set)
    for wave in reported:
        for g in children_during(unit, wave.start, wave.end, kind=UnitKind.GRASSROOTS):
            by_id.setdefault(g.pk, g)
            waves_of[g.pk].add(wave.pk)
    for row in grassroots:
        if row.grassroots is not None:
            by_id.setdefault(row.grassroots.pk, row.grassroots)  # figures for a union no longer placed under the unit
            waves_of[row.grassroots.pk].update(row.by_wave)
    founded = {}
    for g in stats.new_grassroots:
        if g.reported_by.pk == unit.pk:
            founded[g.pk] = g.counted_wave_id  # None: between the waves
            by_id.setdefault(g.pk, g)
            waves_of[g.pk].add(g.counted_wave_id)
    ordered = sorted(by_id.values(), key=lambda g: (vi_sort_key(g.name), g.code))
    rows = [
        UnionRow(grassroots=g, waves=waves_of[g.pk], founded=g.pk in founded, founded_in=founded.get(g.pk),
                 figures=figures.get(g.pk, {}))
        for g in ordered
    ]
    direct_waves = {w.pk for w in reported} | set(figures.get(None, {}))
    rows.append(UnionRow(grassroots=None, waves=direct_waves, founded=False, founded_in=None, figures=figures.get(None, {})))
    return rows
