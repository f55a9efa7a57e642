"""Scale benchmark: a national-sized tree in a scratch database, timed reads.

Not part of the test run. `make bench` builds 1 federation, 700 direct-superior
unions and 130,000 grassroots unions (with their placements) in a temporary
SQLite file, or in the database named by BENCH_DATABASE_URL, then times the
reads that pages rely on against their budgets.

    make bench
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/campaign_bench make bench
"""

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
scratch = tempfile.mkdtemp(prefix="campaign-bench-")
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{scratch}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

SUPERIORS = int(os.environ.get("BENCH_SUPERIORS", 700))
GRASSROOTS = int(os.environ.get("BENCH_GRASSROOTS", 130_000))
BUDGETS_MS = {  # what a page may spend on each read
    "everything under the federation (count)": 300,
    "grassroots of one superior on a day": 100,
    "reporting units of a wave with counts and targets": 1500,
    "every number of the dashboard (campaign_stats)": 3000,
}


def build():
    from campaign.services import campaign_create, wave_create
    from unions.models import Placement, Sector, Unit, UnitKind

    call_command("migrate", verbosity=0)
    if Unit.objects.exists():
        return
    start = datetime.date(2010, 1, 1)
    with transaction.atomic():
        fed = Unit.objects.create(code="VN", name="Liên đoàn", kind=UnitKind.FEDERATION, active_from=start)
        Unit.objects.bulk_create(
            Unit(code=f"S{i:04d}", name=f"Công đoàn cấp trên {i}", kind=UnitKind.SUPERIOR, parent=fed, active_from=start)
            for i in range(SUPERIORS)
        )
        superiors = list(Unit.objects.filter(kind=UnitKind.SUPERIOR).order_by("pk"))
        Unit.objects.filter(pk__in=[s.pk for s in superiors]).update(path="")
        for s in superiors:
            s.path = f"{fed.path}{s.pk}/"
        Unit.objects.bulk_update(superiors, ["path"], batch_size=1000)
        sectors = list(Sector.values)
        Unit.objects.bulk_create(
            (
                Unit(
                    code=f"G{i:06d}",
                    name=f"Công đoàn cơ sở {i}",
                    kind=UnitKind.GRASSROOTS,
                    parent=superiors[i % SUPERIORS],
                    sector=sectors[i % len(sectors)],
                    active_from=start,
                )
                for i in range(GRASSROOTS)
            ),
            batch_size=2000,
        )
        parents = {s.pk: s.path for s in superiors}
        grassroots = list(Unit.objects.filter(kind=UnitKind.GRASSROOTS).only("pk", "parent_id"))
        for g in grassroots:
            g.path = f"{parents[g.parent_id]}{g.pk}/"
        Unit.objects.bulk_update(grassroots, ["path"], batch_size=2000)
        Placement.objects.bulk_create(
            (Placement(unit_id=u.pk, parent_id=u.parent_id, valid_from=start) for u in [*superiors, *grassroots]),
            batch_size=5000,
        )
        campaign = campaign_create(
            federation=fed, name="Bench", year=2025, plan_number="1/KH", final_report_due=datetime.date(2025, 8, 5)
        )
        wave_create(campaign=campaign, number=1, start=datetime.date(2025, 5, 1), end=datetime.date(2025, 5, 31))
        _reports(campaign, superiors, parents)


def _reports(campaign, superiors, parents):
    """A submitted weekly report per superior and week, with a line for every
    tenth grassroots union: some 14,000 report lines."""
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from campaign.models import PeriodKind
    from reporting.models import Report, ReportLine, ReportStatus
    from unions.models import Unit, UnitKind

    weeks = list(campaign.periods.filter(kind=PeriodKind.WEEK))
    now = timezone.now()
    # With their history: the dashboard reads reports as of a day, from the history.
    reports = bulk_create_with_history(
        [
            Report(unit=s, period=w, status=ReportStatus.SUBMITTED, first_submitted_at=now, submitted_at=now)
            for s in superiors
            for w in weeks
        ],
        Report,
        batch_size=2000,
    )
    by_unit = {}
    for r in reports:
        by_unit.setdefault(r.unit_id, []).append(r)
    grassroots = Unit.objects.filter(kind=UnitKind.GRASSROOTS).values_list("pk", "parent_id")[::10]
    bulk_create_with_history(
        [
            ReportLine(report=by_unit[parent][i % len(weeks)], grassroots_id=pk, new_members=3, new_members_women=1)
            for i, (pk, parent) in enumerate(grassroots)
        ],
        ReportLine,
        batch_size=5000,
    )


def timed(label, fn, repeat=5):
    best = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            fn()
            elapsed = (time.perf_counter() - t0) * 1000
        best = elapsed if best is None else min(best, elapsed)
    budget = BUDGETS_MS[label]
    verdict = "ok" if best <= budget else "OVER BUDGET"
    print(f"{label:55s} {best:8.1f} ms  (budget {budget} ms, {len(ctx.captured_queries)} queries)  {verdict}")
    return best <= budget


def main():
    from campaign.models import Campaign
    from reporting.selectors import wave_reporting_units
    from reporting.stats import campaign_stats
    from unions.models import Unit, UnitKind
    from unions.selectors import children_on

    t0 = time.perf_counter()
    build()
    print(f"database: {connection.vendor}; built in {time.perf_counter() - t0:.1f} s")
    fed = Unit.objects.get(kind=UnitKind.FEDERATION)
    sup = Unit.objects.filter(kind=UnitKind.SUPERIOR).order_by("pk")[SUPERIORS // 2]
    campaign = Campaign.objects.get()
    wave = campaign.waves.get()
    day = datetime.date(2025, 5, 15)
    results = [
        timed("everything under the federation (count)", lambda: Unit.objects.under(fed).count()),
        timed("grassroots of one superior on a day", lambda: list(children_on(sup, day, kind=UnitKind.GRASSROOTS))),
        timed("reporting units of a wave with counts and targets", lambda: wave_reporting_units(fed, wave), repeat=2),
        timed("every number of the dashboard (campaign_stats)", lambda: campaign_stats(campaign, fed), repeat=2),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
