"""Reporting periods generated from the waves: the calendar, exactly."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from campaign.models import Period, PeriodKind
from campaign.services import periods_generate, wave_create
from tests.factories import make_campaign_2025, make_federation

D = datetime.date
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def campaign(db):
    return make_campaign_2025(make_federation())


def _weeks(campaign, wave_number):
    return [
        (p.start, p.end)
        for p in Period.objects.filter(campaign=campaign, kind=PeriodKind.WEEK, wave__number=wave_number).order_by("start")
    ]


def test_may_2025_has_the_five_clipped_monday_to_sunday_weeks(campaign):
    assert _weeks(campaign, 1) == [
        (D(2025, 5, 1), D(2025, 5, 4)),
        (D(2025, 5, 5), D(2025, 5, 11)),
        (D(2025, 5, 12), D(2025, 5, 18)),
        (D(2025, 5, 19), D(2025, 5, 25)),
        (D(2025, 5, 26), D(2025, 5, 31)),
    ]


def test_july_2025_has_the_five_clipped_monday_to_sunday_weeks(campaign):
    assert _weeks(campaign, 2) == [
        (D(2025, 7, 1), D(2025, 7, 6)),
        (D(2025, 7, 7), D(2025, 7, 13)),
        (D(2025, 7, 14), D(2025, 7, 20)),
        (D(2025, 7, 21), D(2025, 7, 27)),
        (D(2025, 7, 28), D(2025, 7, 31)),
    ]


def test_each_wave_has_its_month_and_the_months_are_the_sum_of_their_weeks(campaign):
    months = Period.objects.filter(campaign=campaign, kind=PeriodKind.MONTH).order_by("start")
    assert [(p.start, p.end) for p in months] == [(D(2025, 5, 1), D(2025, 5, 31)), (D(2025, 7, 1), D(2025, 7, 31))]
    for month in months:
        weeks = Period.objects.filter(campaign=campaign, kind=PeriodKind.WEEK, wave=month.wave)
        assert sum((w.end - w.start).days + 1 for w in weeks) == (month.end - month.start).days + 1


def test_the_campaign_has_a_half_year_a_year_and_a_final_report(campaign):
    spans = {
        p.kind: (p.start, p.end)
        for p in Period.objects.filter(campaign=campaign, kind__in=[PeriodKind.HALF_YEAR, PeriodKind.YEAR, PeriodKind.FINAL])
    }
    assert spans == {
        PeriodKind.HALF_YEAR: (D(2025, 1, 1), D(2025, 6, 30)),
        PeriodKind.YEAR: (D(2025, 1, 1), D(2025, 12, 31)),
        PeriodKind.FINAL: (D(2025, 5, 1), D(2025, 7, 31)),
    }
    assert Period.objects.filter(campaign=campaign).count() == 10 + 2 + 3


def test_a_week_is_due_the_next_day_at_17_00_and_closes_seven_days_later(campaign):
    week = Period.objects.get(campaign=campaign, kind=PeriodKind.WEEK, start=D(2025, 5, 5))
    assert week.due_at == datetime.datetime(2025, 5, 12, 17, 0, tzinfo=HCM)
    assert week.closes_at == datetime.datetime(2025, 5, 19, 17, 0, tzinfo=HCM)


def test_the_final_report_is_due_on_the_campaign_final_date(campaign):
    final = Period.objects.get(campaign=campaign, kind=PeriodKind.FINAL)
    assert final.due_at == datetime.datetime(2025, 8, 5, 17, 0, tzinfo=HCM)
    assert final.closes_at > final.due_at


def test_due_and_closing_times_follow_the_campaign_settings(campaign):
    campaign.report_due_days = 2
    campaign.report_due_time = datetime.time(11, 30)
    campaign.closing_days = 3
    campaign.save()
    periods_generate(campaign=campaign)
    week = Period.objects.get(campaign=campaign, kind=PeriodKind.WEEK, start=D(2025, 7, 28))
    assert week.due_at == datetime.datetime(2025, 8, 2, 11, 30, tzinfo=HCM)
    assert week.closes_at == datetime.datetime(2025, 8, 5, 11, 30, tzinfo=HCM)


def test_generating_twice_changes_nothing(campaign):
    before = list(Period.objects.filter(campaign=campaign).order_by("pk").values())
    periods_generate(campaign=campaign)
    assert list(Period.objects.filter(campaign=campaign).order_by("pk").values()) == before


def test_a_wave_spanning_two_months_gets_clipped_months_and_weeks(campaign):
    wave_create(campaign=campaign, number=3, start=D(2025, 9, 29), end=D(2025, 10, 8))
    periods = Period.objects.filter(campaign=campaign, wave__number=3).order_by("kind", "start")
    assert [(p.kind, p.start, p.end) for p in periods] == [
        (PeriodKind.MONTH, D(2025, 9, 29), D(2025, 9, 30)),
        (PeriodKind.MONTH, D(2025, 10, 1), D(2025, 10, 8)),
        (PeriodKind.WEEK, D(2025, 9, 29), D(2025, 10, 5)),
        (PeriodKind.WEEK, D(2025, 10, 6), D(2025, 10, 8)),
    ]
    final = Period.objects.get(campaign=campaign, kind=PeriodKind.FINAL)
    assert (final.start, final.end) == (D(2025, 5, 1), D(2025, 10, 8))


def test_period_labels_are_vietnamese_with_day_first_dates(campaign):
    week = Period.objects.get(campaign=campaign, kind=PeriodKind.WEEK, start=D(2025, 5, 1))
    month = Period.objects.get(campaign=campaign, kind=PeriodKind.MONTH, start=D(2025, 7, 1))
    assert week.label == "Tuần 1 đợt 1 (01/05/2025 – 04/05/2025)"
    assert month.label == "Tháng 07/2025"


def test_a_label_read_once_follows_the_language_and_a_changed_date(campaign):
    from django.utils import translation

    week = Period.objects.get(campaign=campaign, kind=PeriodKind.WEEK, start=D(2025, 5, 1))
    assert week.label == "Tuần 1 đợt 1 (01/05/2025 – 04/05/2025)"
    with translation.override("en"):
        assert week.label.startswith("Week 1 of wave 1")
    week.end = D(2025, 5, 3)
    assert week.label == "Tuần 1 đợt 1 (01/05/2025 – 03/05/2025)"
