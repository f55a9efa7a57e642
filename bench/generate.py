"""Benchmark data, generated deterministically from a seed, in bulk.

One federation per size, each with the 2025 two-wave campaign of the plan:
district-level unions report in May and end on 30/06/2025; commune-level unions
start on 01/07/2025 and report in July; every grassroots union stands under a
district until 30/06 and under a commune of that district from 01/07 (two
placements). Each week about ``active_share`` of the grassroots unions have
figures, in their then superior's submitted weekly report; a few reports are late,
a few stay drafts; a few unions are new, registered from a weekly report (with
their founders in its line, as ``grassroots_register`` writes them). Reports, lines,
foundings and targets get their history rows as the app writes them, dated when
they were submitted, so that "as of" any day reads what the app would.

Sizes: ``province`` (15 reporting units, 300 grassroots unions) and ``national``:
the confederation above 34 provinces, each running its campaign, grouped by one
national campaign — 700 reporting units, 130,000 grassroots unions, some 390,000
report lines in all. One commune of each size (in its first province) has a fixed
number of unions (``big``) for the report page, the 200-line save and the uploads.
"""

import dataclasses
import datetime
import random
from zoneinfo import ZoneInfo

from django.db import transaction
from simple_history.utils import bulk_create_with_history

ICT = ZoneInfo("Asia/Ho_Chi_Minh")
BEGINNING = datetime.date(2010, 1, 1)
LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)
RESTRUCTURING_DAY = datetime.date(2025, 7, 1)
WAVES = ((1, datetime.date(2025, 5, 1), datetime.date(2025, 5, 31)), (2, datetime.date(2025, 7, 1), datetime.date(2025, 7, 31)))
BATCH = 5000


@dataclasses.dataclass(frozen=True)
class Size:
    name: str
    code: str  # the federation's code, prefix of every code of the size
    districts: int
    communes: int
    grassroots: int
    big: tuple[int, ...]  # unions under communes 0, 1, …; the rest share the other communes
    active_share: float = 0.3
    late_share: float = 0.05
    draft_share: float = 0.02
    new_share: float = 0.003
    provinces: int = 1  # more than one: a confederation above them and a national campaign


PROVINCE = Size("province", "BP", districts=6, communes=9, grassroots=300, big=(200,))
NATIONAL = Size("national", "BN", districts=300, communes=400, grassroots=130_000, big=(5000, 200), provinces=34)
SIZES = {s.name: s for s in (PROVINCE, NATIONAL)}


@dataclasses.dataclass
class Generated:
    size: Size
    federation: object  # the top of the size's tree: the confederation when there are provinces
    campaign: object  # the (first) province's campaign
    board: object  # a board member (staff) of the top unit
    big_units: list  # the communes with ``size.big`` unions, in that order
    counts: dict
    national: object = None  # the national campaign grouping the provinces' campaigns
    campaigns: list = dataclasses.field(default_factory=list)  # every province's campaign


def _shares(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _provinces(size: Size) -> list[Size]:
    """The size of each province: the units shared out, the ``big`` communes in the first."""
    if size.provinces == 1:
        return [size]
    big = sum(size.big)
    districts, communes = _shares(size.districts, size.provinces), _shares(size.communes, size.provinces)
    grassroots = _shares(size.grassroots - big, size.provinces)
    return [
        dataclasses.replace(
            size, code=f"{size.code}{p:02d}", districts=districts[p], communes=communes[p],
            grassroots=grassroots[p] + (big if p == 0 else 0), big=size.big if p == 0 else (), provinces=1,
        )
        for p in range(size.provinces)
    ]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ICT)


def _units(size: Size, confederation=None):
    from unions.models import Placement, Sector, Unit, UnitKind

    fed = Unit.objects.create(code=size.code, name=f"LĐLĐ thử nghiệm {size.name} {size.code}", kind=UnitKind.FEDERATION,
                              parent=confederation, active_from=BEGINNING)
    districts = Unit.objects.bulk_create(
        Unit(code=f"{size.code}-H{i:03d}", name=f"LĐLĐ huyện thử {i:03d}", kind=UnitKind.SUPERIOR, parent=fed,
             active_from=BEGINNING, active_to=LAST_DISTRICT_DAY, path="")
        for i in range(size.districts)
    )
    communes = Unit.objects.bulk_create(
        Unit(code=f"{size.code}-X{i:03d}", name=f"Công đoàn xã thử {i:03d}", kind=UnitKind.SUPERIOR, parent=fed,
             active_from=RESTRUCTURING_DAY, path="")
        for i in range(size.communes)
    )
    # Commune c takes over from district c % districts.
    for i, district in enumerate(districts):
        district.successor = communes[i % size.communes]
    sectors = list(Sector.values)
    commune_of = []
    for c, count in enumerate(size.big):
        commune_of += [c] * count
    rest = list(range(len(size.big), size.communes))
    commune_of += [rest[i % len(rest)] for i in range(size.grassroots - len(commune_of))]
    grassroots = Unit.objects.bulk_create(
        (
            Unit(code=f"{size.code}-G{i:06d}", name=f"CĐCS thử {i:06d}", kind=UnitKind.GRASSROOTS,
                 parent=communes[c], sector=sectors[i % len(sectors)], active_from=BEGINNING, path="")
            for i, c in enumerate(commune_of)
        ),
        batch_size=BATCH,
    )
    fed.path = f"{confederation.path if confederation else '/'}{fed.pk}/"
    for unit in (*districts, *communes):
        unit.path = f"{fed.path}{unit.pk}/"
    for unit in grassroots:
        unit.path = f"{unit.parent.path}{unit.pk}/"
    Unit.objects.filter(pk=fed.pk).update(path=fed.path)
    Unit.objects.bulk_update([*districts, *communes], ["path", "successor"], batch_size=BATCH)
    Unit.objects.bulk_update(grassroots, ["path"], batch_size=BATCH)
    district_of = {communes[c].pk: districts[c % size.districts] for c in range(size.communes)}
    placements = [Placement(unit=d, parent=fed, valid_from=BEGINNING, valid_to=LAST_DISTRICT_DAY) for d in districts]
    placements += [Placement(unit=c, parent=fed, valid_from=RESTRUCTURING_DAY) for c in communes]
    for g in grassroots:
        placements.append(Placement(unit=g, parent=district_of[g.parent_id], valid_from=BEGINNING,
                                    valid_to=LAST_DISTRICT_DAY))
        placements.append(Placement(unit=g, parent=g.parent, valid_from=RESTRUCTURING_DAY))
    Placement.objects.bulk_create(placements, batch_size=BATCH)
    Unit.history.bulk_history_create([fed, *districts, *communes, *grassroots], batch_size=BATCH,
                                     default_date=_at(BEGINNING, 8))
    return fed, districts, communes, grassroots, district_of


def _campaign(size: Size, fed, districts, communes, rng: random.Random, national=None):
    from campaign.models import Measure, Target
    from campaign.services import campaign_create, wave_create

    campaign = campaign_create(federation=fed, name=f"Tháng cao điểm thử nghiệm ({size.name})", year=2025,
                               plan_number=f"{size.code}/KH", final_report_due=datetime.date(2025, 8, 5),
                               national=national)
    waves = [wave_create(campaign=campaign, number=n, start=start, end=end) for n, start, end in WAVES]
    targets = []
    for wave, units in ((waves[0], districts), (waves[1], communes)):
        for unit in units:
            targets += [
                Target(campaign=campaign, unit=unit, wave=wave, measure=Measure.NEW_MEMBERS, value=rng.randint(50, 400)),
                Target(campaign=campaign, unit=unit, wave=wave, measure=Measure.NEW_GRASSROOTS, value=rng.randint(0, 3)),
                Target(campaign=campaign, unit=unit, wave=wave, measure=Measure.PARTY_INTRODUCED, value=rng.randint(0, 20)),
                Target(campaign=campaign, unit=unit, wave=wave, measure=Measure.PARTY_ADMITTED, value=rng.randint(0, 10)),
            ]
    bulk_create_with_history(targets, Target, batch_size=BATCH, default_date=_at(datetime.date(2025, 4, 25), 9))
    return campaign, waves


def _figures(rng: random.Random) -> dict:
    new = rng.randint(1, 12)
    return {
        "new_members": new,
        "new_members_women": rng.randint(0, new),
        "party_introduced": rng.randint(0, 2) if rng.random() < 0.2 else 0,
        "party_admitted": 1 if rng.random() < 0.05 else 0,
    }


def _reports(size: Size, campaign, fed, districts, communes, grassroots, district_of, rng: random.Random) -> dict:
    from campaign.models import PeriodKind
    from reporting.models import Founding, Report, ReportLine, ReportStatus
    from reporting.totals import totals_of
    from unions.models import Placement, Unit, UnitKind

    counts = {"reports": 0, "lines": 0, "new_unions": 0}
    periods = list(campaign.periods.order_by("end", "kind"))
    members_of = {}
    for g in grassroots:
        members_of.setdefault(g.parent_id, []).append(g)
    for c in communes:  # a district's unions are those of the communes that take over from it
        members_of.setdefault(district_of[c.pk].pk, []).extend(members_of.get(c.pk, []))
    serial = 0
    for period in periods:
        reporters = districts if period.end <= LAST_DISTRICT_DAY else communes
        submitted_at = _at(period.end, 16)
        reports = []
        for unit in reporters:
            draft = rng.random() < size.draft_share
            late = not draft and rng.random() < size.late_share
            moment = _at(period.end + datetime.timedelta(days=3), 10) if late else submitted_at
            reports.append(Report(
                unit=unit, period=period, version=2 if not draft else 1,
                status=ReportStatus.DRAFT if draft else ReportStatus.SUBMITTED,
                first_submitted_at=None if draft else moment, submitted_at=None if draft else moment,
            ))
        reports = Report.objects.bulk_create(reports, batch_size=BATCH)
        counts["reports"] += len(reports)
        if period.kind != PeriodKind.WEEK:
            Report.history.bulk_history_create(reports, batch_size=BATCH, default_date=submitted_at)
            continue
        report_of = {r.unit_id: r for r in reports}
        lines, new_unions = [], []
        for unit in reporters:
            report = report_of[unit.pk]
            members = members_of.get(unit.pk, [])
            for g in members:
                if rng.random() < size.active_share:
                    lines.append(ReportLine(report=report, grassroots=g, **_figures(rng)))
            if rng.random() < size.new_share * len(members):
                serial += 1
                day = period.start + datetime.timedelta(days=rng.randint(0, (period.end - period.start).days))
                new_unions.append((report, day, rng.randint(10, 40), serial))
        # A union recognised in May stands under the district until 30/06, then under its successor.
        created = Unit.objects.bulk_create(
            Unit(code=f"{size.code}-M{serial:05d}", name=f"CĐCS mới thử {serial:05d}", kind=UnitKind.GRASSROOTS,
                 parent=report.unit.successor or report.unit, sector="non_state", active_from=day,
                 recognition_date=day, recognition_decision=f"{serial}/QĐ", founding_members=founders, path="")
            for report, day, founders, serial in new_unions
        )
        placements = []
        for unit, (report, day, *_rest) in zip(created, new_unions, strict=True):
            unit.path = f"{unit.parent.path}{unit.pk}/"
            if report.unit.successor_id:
                placements.append(Placement(unit=unit, parent=report.unit, valid_from=day, valid_to=LAST_DISTRICT_DAY))
                placements.append(Placement(unit=unit, parent=unit.parent, valid_from=RESTRUCTURING_DAY))
            else:
                placements.append(Placement(unit=unit, parent=unit.parent, valid_from=day))
        Unit.objects.bulk_update(created, ["path"])
        Placement.objects.bulk_create(placements)
        Unit.history.bulk_history_create(created, default_date=submitted_at)
        for unit, (report, _day, founders, _serial) in zip(created, new_unions, strict=True):
            lines.append(ReportLine(report=report, grassroots=unit, new_members=founders))
        bulk_create_with_history(lines, ReportLine, batch_size=BATCH, default_date=submitted_at)
        bulk_create_with_history(
            [Founding(campaign=campaign, grassroots=u, unit=r.unit, report=r) for u, (r, *_rest) in zip(created, new_unions, strict=True)],
            Founding, default_date=submitted_at,
        )
        totals = totals_of([r.pk for r in reports])  # what the report save keeps, and its history with it
        for report in reports:
            report.totals = totals[report.pk]
        Report.objects.bulk_update(reports, ["totals"], batch_size=BATCH)
        Report.history.bulk_history_create(reports, batch_size=BATCH, default_date=submitted_at)
        counts["lines"] += len(lines)
        counts["new_unions"] += len(created)
    return counts


def _board(size: Size, fed):
    from django.contrib.auth import get_user_model

    from unions.models import RoleKind
    from unions.services import role_assign

    user = get_user_model().objects.create_user(username=f"bench-{size.name}", password="bench", is_staff=True)
    role_assign(user=user, unit=fed, role=RoleKind.STAFF)
    return user


def generate(size: Size, seed: int = 2025) -> Generated:
    """Build ``size``'s tree (its provinces under a confederation when it has several),
    each province's campaign, targets and reports."""
    from campaign.models import NationalCampaign
    from unions.models import Unit, UnitKind

    rng = random.Random(f"{seed}-{size.name}")
    counts: dict = {}
    campaigns, big_units = [], []
    with transaction.atomic():
        top = national = None
        if size.provinces > 1:
            top = Unit.objects.create(code=size.code, name=f"Tổng LĐLĐ thử nghiệm ({size.name})",
                                      kind=UnitKind.CONFEDERATION, active_from=BEGINNING)
            national = NationalCampaign.objects.create(confederation=top, name=f"Tháng cao điểm toàn quốc thử ({size.name})",
                                                       year=2025, instruction_number=f"{size.code}/HD")
        for part in _provinces(size):
            fed, districts, communes, grassroots, district_of = _units(part, top)
            campaign, _waves = _campaign(part, fed, districts, communes, rng, national)
            part_counts = _reports(part, campaign, fed, districts, communes, grassroots, district_of, rng)
            part_counts |= {"reporting_units": len(districts) + len(communes), "grassroots": len(grassroots)}
            for name, value in part_counts.items():
                counts[name] = counts.get(name, 0) + value
            campaigns.append(campaign)
            big_units += communes[: len(part.big)]
            top = top or fed
        board = _board(size, top)
    if size.provinces > 1:
        counts["provinces"] = size.provinces
    return Generated(size, top, campaigns[0], board, big_units, counts, national, campaigns)
