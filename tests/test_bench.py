"""The benchmark's data and measures (``bench/``), on its province size: what it
generates is what the app would have written, and its numbers agree with the app's."""

import copy
import datetime

import pytest
from django.db.models import Sum

from bench import generate, measure
from campaign.models import Measure
from reporting.models import Founding, Report, ReportLine
from reporting.selectors import COUNTED_STATUSES
from reporting.stats import campaign_stats
from tests.conftest import module_data
from unions.models import Unit, UnitKind
from unions.selectors import parent_on

pytestmark = pytest.mark.django_db
AFTER = datetime.date(2025, 8, 10)


_generated = module_data(lambda: generate.generate(generate.PROVINCE, seed=7), "_generated")


@pytest.fixture
def province(_generated, db):
    return copy.deepcopy(_generated)


def test_the_province_has_15_reporting_units_and_300_unions_moved_on_1_july(province):
    assert province.counts["reporting_units"] == 15 and province.counts["grassroots"] == 300
    union = Unit.objects.get(code="BP-G000250")
    may, july = parent_on(union, datetime.date(2025, 5, 15)), parent_on(union, datetime.date(2025, 7, 15))
    assert may.active_to == datetime.date(2025, 6, 30) and july.active_from == datetime.date(2025, 7, 1)
    assert may.successor_id == july.pk
    assert Unit.objects.filter(kind=UnitKind.GRASSROOTS, parent=province.big_units[0], code__startswith="BP-G").count() == 200


def test_the_same_seed_gives_the_same_reports(province):
    assert province.counts == {"reports": 114, "lines": 936, "new_unions": 12, "reporting_units": 15, "grassroots": 300}
    assert Report.history.count() == 114 and ReportLine.history.count() == 936


def test_the_dashboards_numbers_are_the_sum_of_the_counted_lines(province):
    stats = campaign_stats(province.campaign, province.federation, as_of=AFTER)
    lines = ReportLine.objects.filter(report__period__campaign=province.campaign, report__status__in=COUNTED_STATUSES)
    sums = lines.aggregate(new=Sum("new_members"), women=Sum("new_members_women"), introduced=Sum("party_introduced"))
    assert stats.figure(Measure.NEW_MEMBERS).achieved == sums["new"]
    assert stats.figure(Measure.NEW_MEMBERS).women == sums["women"]
    assert stats.figure(Measure.PARTY_INTRODUCED).achieved == sums["introduced"]
    counted_foundings = Founding.objects.filter(report__status__in=COUNTED_STATUSES).count()
    assert stats.figure(Measure.NEW_GRASSROOTS).achieved == counted_foundings > 0
    # As of the end of May only May's reports count.
    may = campaign_stats(province.campaign, province.federation, as_of=datetime.date(2025, 6, 1))
    assert 0 < may.figure(Measure.NEW_MEMBERS).achieved == stats.waves[0].figures[0].achieved


def test_the_measures_run_on_it(province):
    dashboard = measure.dashboard(province, repeat=1)
    assert dashboard["queries"] > 0 and dashboard["ms"] > 0
    post = measure.report_post(province, province.big_units[0], repeat=1, filled=20)
    assert post["lines"] == 20
    assert ReportLine.objects.filter(report__unit=province.big_units[0], report__period__start=measure.ENTRY_WEEK).count() == 20
    upload = measure.template_and_upload(province, province.big_units[0], repeat=1)
    assert upload["rows"] >= 200 and "refused" not in upload["upload_preview"]


TINY_NATION = generate.Size("tiny-nation", "BT", districts=5, communes=7, grassroots=80, big=(20,), provinces=3)
_nation = module_data(lambda: generate.generate(TINY_NATION, seed=7), "_nation")


def test_a_size_with_provinces_is_a_confederation_whose_national_figures_add_up_the_lines(_nation, db):
    from reporting.national import national_stats

    nation = _nation
    assert nation.federation.kind == UnitKind.CONFEDERATION and len(nation.campaigns) == 3
    feds = Unit.objects.filter(kind=UnitKind.FEDERATION, parent=nation.federation)
    assert sorted(f.code for f in feds) == ["BT00", "BT01", "BT02"]
    assert nation.counts["reporting_units"] == 12 and nation.counts["grassroots"] == 80
    assert Unit.objects.filter(kind=UnitKind.GRASSROOTS, parent=nation.big_units[0], code__startswith="BT00-G").count() == 20
    stats = national_stats(nation.national, as_of=AFTER)
    lines = ReportLine.objects.filter(report__period__campaign__in=nation.campaigns, report__status__in=COUNTED_STATUSES)
    assert stats.figure(Measure.NEW_MEMBERS).achieved == lines.aggregate(n=Sum("new_members"))["n"] > 0
    assert [s.campaign.federation.code for s in stats.provinces] == ["BT00", "BT01", "BT02"]
    dashboard = measure.dashboard(nation, repeat=1)
    assert dashboard["queries"] > dashboard["cached"]["queries"]
    assert measure.synthesis_xlsx(nation, repeat=1)["ms"] > 0
