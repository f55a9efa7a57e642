"""The national campaign's numbers: the provinces' own, added up.

Every province's figures are ``campaign_stats``'s, read for all the provinces at
once (``_read_many``: the same queries for 1 province or 34), and the national
figures are their sums — so the national dashboard, drill-down and synthesis can
never disagree with a province's own pages.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from campaign.models import Campaign, Measure, NationalCampaign
from unions.collation import vi_sort_key

from .stats import (
    MEASURES,
    CampaignStats,
    Discipline,
    Figure,
    SectorRow,
    Structure,
    UnitRow,
    _rank,
    _ranked,
    _read_many,
    _stats,
    campaign_periods,
    campaign_structure,
    end_of_day,
    kept_structure,
)


def added(groups: list[list[Figure]]) -> list[Figure]:
    """Figures of the same measures added up: achieved and women summed; the target
    summed over those that have one (None when none has)."""
    result = []
    for measure in MEASURES:
        figures = [f for group in groups for f in group if f.measure == measure]
        targets = [f.target for f in figures if f.target is not None]
        women = [f.women for f in figures if f.women is not None]
        result.append(Figure(
            measure=measure,
            target=sum(targets) if targets else None,
            achieved=sum(f.achieved for f in figures),
            women=sum(women) if measure == Measure.NEW_MEMBERS else None,
        ))
    return result


@dataclass
class NationalWave:
    number: int
    figures: list[Figure]


@dataclass
class NationalStats:
    national: NationalCampaign
    as_of: datetime.date
    provinces: list[CampaignStats]  # one per provincial campaign, in the provinces' (Vietnamese) order
    rows: list[UnitRow]  # one per province (its federation), ranked like the units of a province
    whole: list[Figure]
    waves: list[NationalWave]
    sectors: list[SectorRow]
    discipline: Discipline
    new_grassroots: int
    drafts_pending: int

    @property
    def ranked(self) -> list[UnitRow]:
        return _ranked(self.rows)

    def figure(self, measure: str) -> Figure:
        return next(f for f in self.whole if f.measure == measure)

    def province(self, campaign: Campaign) -> CampaignStats:
        return next(s for s in self.provinces if s.campaign.pk == campaign.pk)


def national_campaigns(periods) -> list[Campaign]:
    """The provincial campaigns of ``periods`` (those of a national campaign), in the
    provinces' order. A campaign comes with its periods (``periods_generate`` gives every
    campaign its half-year and year reports at least)."""
    campaigns = list({p.campaign_id: p.campaign for p in periods}.values())
    campaigns.sort(key=lambda c: (vi_sort_key(c.federation.name), c.pk))
    return campaigns


def national_structure(national: NationalCampaign) -> Structure:
    """The ``Structure`` of every province of ``national`` (its whole federation), kept
    while the structure's stamp stands; its scopes in the provinces' order."""
    def read() -> Structure:
        # The periods read first name the campaigns (one query less than reading them apart).
        periods = campaign_periods(national.campaigns.all())
        scopes = [(c, c.federation) for c in national_campaigns(periods)]
        return campaign_structure(scopes, own_row=False, periods=periods)

    return kept_structure(("national", national.pk), read)


def national_stats(national: NationalCampaign, *, as_of: datetime.date | None = None) -> NationalStats:
    """Every number of the national campaign as of the end of ``as_of`` (default today):
    each province's ``campaign_stats`` of its whole federation, and their sums."""
    as_of = as_of or timezone.localdate()
    structure = national_structure(national)
    readings = _read_many(structure.scopes, own_row=False, moment=end_of_day(as_of), structure=structure)
    provinces = [_stats(reading, as_of, rows=False) for reading in readings]
    rows = []
    for s in provinces:
        row = UnitRow(unit=s.root, figures={f.measure: f for f in s.whole}, finished=s.finished)
        row.campaign_id = s.campaign.pk
        row.new_grassroots = len(s.new_grassroots)
        row.discipline_rate = s.discipline_total.rate
        rows.append(row)
    _rank(rows)
    numbers = sorted({block.wave.number for s in provinces for block in s.waves})
    waves = [
        NationalWave(number=n, figures=added([b.figures for s in provinces for b in s.waves if b.wave.number == n]))
        for n in numbers
    ]
    sectors = []
    for index, row in enumerate(provinces[0].sectors if provinces else []):
        same = [s.sectors[index] for s in provinces]
        sectors.append(SectorRow(
            sector=row.sector,
            label=row.label,
            values={name: sum(r.values[name] for r in same) for name in row.values},
            new_grassroots=sum(r.new_grassroots for r in same),
        ))
    discipline = Discipline(unit=national.confederation)
    for s in provinces:
        total = s.discipline_total
        for name in ("expected", "on_time", "late", "returned", "missing"):
            setattr(discipline, name, getattr(discipline, name) + getattr(total, name))
    return NationalStats(
        national=national,
        as_of=as_of,
        provinces=provinces,
        rows=rows,
        whole=added([s.whole for s in provinces]),
        waves=waves,
        sectors=sectors,
        discipline=discipline,
        new_grassroots=sum(len(s.new_grassroots) for s in provinces),
        drafts_pending=sum(s.drafts_pending for s in provinces),
    )
