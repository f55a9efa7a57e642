"""Each report keeps its lines' totals by sector, historised with it (reporting/totals.py):
the dashboard "as of" any moment reads them from the reports' history."""

import datetime
import importlib

from django.apps import apps
from django.db.models import F
from django.utils import timezone

from campaign.models import Measure
from reporting.models import Report, ReportLine
from reporting.services import report_save
from reporting.stats import campaign_stats
from reporting.totals import totals_of
from unions.models import Sector, Unit

from .builders import ZERO, file_week, hand_computed

D = datetime.date
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def sectors(stats):
    return {row.sector: row.values["new_members"] for row in stats.sectors if row.values["new_members"]}


def test_the_report_save_keeps_the_totals_of_its_lines_by_sector(province):
    hand_computed(province)
    week1 = Report.objects.get(unit=province.tam_duong, period__start__lte=D(2025, 5, 2), period__end__gte=D(2025, 5, 2),
                               period__kind="week")
    assert week1.totals == {
        Sector.NON_STATE: {"new_members": 10, "new_members_women": 4, "party_introduced": 2, "party_admitted": 1},
        Sector.PUBLIC_UNIT: {"new_members": 5, "new_members_women": 5, "party_introduced": 0, "party_admitted": 0},
    }
    direct = Report.objects.get(unit=province.tan_phong)
    assert direct.totals[""]["new_members"] == 2
    reports = list(Report.objects.all())
    assert {r.pk: r.totals for r in reports} == totals_of([r.pk for r in reports])


def test_each_save_is_in_the_history_with_the_totals_it_left(province):
    report = file_week(province, province.tam_duong, D(2025, 5, 2), province.staff, submit=False,
                       CS0001={"new_members": 3})
    report = report_save(report=report, user=province.staff, version=report.version,
                         figures={"CS0001": {**ZERO, "new_members": 8}, "CS0002": {**ZERO, "new_members": 1}})
    report = report_save(report=report, user=province.staff, version=report.version,
                         figures={"CS0001": {**ZERO, "new_members": 0}, "CS0002": {**ZERO, "new_members": 1}})
    saved = [r.totals for r in Report.history.filter(id=report.pk).order_by("history_date", "history_id")]
    members = [{sector: values["new_members"] for sector, values in totals.items()} for totals in saved]
    assert members == [{}, {Sector.NON_STATE: 3}, {Sector.NON_STATE: 8, Sector.PUBLIC_UNIT: 1}, {Sector.PUBLIC_UNIT: 1}]
    assert not ReportLine.objects.filter(report=report, grassroots__code="CS0001").exists()


def test_a_union_moved_to_another_sector_moves_its_figures_from_today_on(province):
    hand_computed(province)
    two_days = datetime.timedelta(days=2)
    Report.history.update(history_date=F("history_date") - two_days)
    ReportLine.history.update(history_date=F("history_date") - two_days)
    before = sectors(campaign_stats(province.campaign, province.federation, as_of=TOMORROW))
    school = Unit.objects.get(code="CS0002")
    school.sector = Sector.STATE
    school.save()
    after = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert before[Sector.PUBLIC_UNIT] == 5
    assert sectors(after) == {**{k: v for k, v in before.items() if k != Sector.PUBLIC_UNIT}, Sector.STATE: before[Sector.STATE] + 5}
    assert after.figure(Measure.NEW_MEMBERS).achieved == 37  # the same members, in another row
    assert sectors(campaign_stats(province.campaign, province.federation, as_of=YESTERDAY)) == before


def test_the_migration_gives_existing_reports_and_their_history_the_same_totals(province):
    hand_computed(province)
    report = file_week(province, province.tan_phong, D(2025, 7, 15), province.staff, submit=False,
                       CS0001={"new_members": 4})
    report = report_save(report=report, user=province.staff, version=report.version,
                         figures={"CS0001": {**ZERO, "new_members": 1}})
    live = dict(Report.objects.values_list("id", "totals"))
    history = dict(Report.history.values_list("history_id", "totals"))
    stats = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    Report.objects.update(totals={})
    Report.history.update(totals={})
    importlib.import_module("reporting.migrations.0004_report_totals").backfill(apps, None)
    assert dict(Report.objects.values_list("id", "totals")) == live
    assert dict(Report.history.values_list("history_id", "totals")) == history
    again = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
    assert [f.achieved for f in again.whole] == [f.achieved for f in stats.whole]
    assert sectors(again) == sectors(stats)
