"""Every rule on campaigns, waves, targets and reporting periods, held twice.

1. The database refuses a row that breaks it even when Python validation is
   bypassed (``QuerySet.update`` and ``bulk_create`` skip ``full_clean``), and
   accepts the row that keeps it.
2. The admin (or a plain ``ModelForm`` for periods, which the admin never lets
   anyone type) shows the user the Vietnamese message, saves nothing, and saves
   the valid submission.
"""

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from campaign.models import Campaign, Measure, Period, PeriodKind, Target, Wave
from campaign.services import target_set
from tests.conftest import module_data
from tests.constraint_helpers import (
    admin_form_data,
    assert_refused_with,
    errors_shown,
    form_errors,
    inserting,
    not_a_choice,
    updating,
)
from tests.factories import make_campaign_2025, make_federation, make_grassroots, make_superior

MAY_1 = datetime.date(2025, 5, 1)
APRIL_30 = datetime.date(2025, 4, 30)
PLAN = "143/KH-LĐLĐ"

# What the user reads. The project's own messages (models.py) ...
YEAR_RANGE = "Năm phải từ 2000 đến 2100."
DUE_DAYS_RANGE = "Số ngày đến hạn nộp phải từ 0 đến 60."
CLOSING_DAYS_RANGE = "Số ngày đến khi khóa nhập liệu phải từ 0 đến 90."
PLAN_TAKEN = "Đã có chiến dịch theo kế hoạch này trong năm."
WAVE_DATES = "Ngày kết thúc đợt không được trước ngày bắt đầu."
WAVE_NUMBER = "Số đợt phải từ 1 trở lên."
WAVE_NUMBER_TAKEN = "Chiến dịch đã có đợt với số này."
TARGET_NONNEGATIVE = "Giá trị chỉ tiêu không được âm."
TARGET_TAKEN_FOR_WAVE = "Đơn vị đã có chỉ tiêu này cho đợt này."
TARGET_TAKEN_FOR_CAMPAIGN = "Đơn vị đã có chỉ tiêu này cho cả chiến dịch."
PERIOD_DATES = "Ngày kết thúc kỳ không được trước ngày bắt đầu."
PERIOD_CLOSES_AFTER_DUE = "Thời điểm khóa nhập liệu không được trước hạn nộp."
PERIOD_TAKEN = "Kỳ báo cáo này đã có."
# ... and Django's own Vietnamese catalogue: a value that is not one of the
# field's choices, and the bound of Period.number (a PositiveSmallIntegerField;
# periods are generated, never typed), as corrected in locale/vi.
AT_LEAST_0 = "Đảm bảo giá trị này lớn hơn hoặc bằng với 0."


def _build_plan():
    """The 2025 campaign (waves in May and July, periods generated) and two targets of a district."""
    federation = make_federation(code="LC")
    tam_duong = make_superior(federation, name="LĐLĐ huyện Tam Đường", code="LC-TDUONG")
    tea = make_grassroots(tam_duong, name="CĐCS Công ty Cổ phần Chè Tam Đường", code="CS-CHE")
    campaign = make_campaign_2025(federation)
    may, july = campaign.waves.order_by("number")
    return SimpleNamespace(
        federation=federation,
        tam_duong=tam_duong,
        tea=tea,
        campaign=campaign,
        may=may,
        july=july,
        first_week=campaign.periods.get(kind=PeriodKind.WEEK, start=MAY_1),
        whole_target=target_set(campaign=campaign, unit=tam_duong, measure=Measure.NEW_MEMBERS, value=300),
        may_target=target_set(campaign=campaign, unit=tam_duong, measure=Measure.NEW_MEMBERS, value=120, wave=may),
    )


_plan_data = module_data(_build_plan, "_plan_data")


@pytest.fixture
def plan(_plan_data, db):
    return copy.deepcopy(_plan_data)


# --- helpers (as in tests/unions/test_constraints.py) ----------------------


def admin_post(admin_client, url: str, changes: dict):
    return admin_client.post(url, admin_form_data(admin_client, url, changes))


def snapshot(campaign: Campaign) -> tuple:
    """The campaign, its waves, targets and periods, as stored."""
    return (
        Campaign.objects.values().get(pk=campaign.pk),
        list(campaign.waves.order_by("pk").values()),
        list(campaign.targets.order_by("pk").values()),
        list(campaign.periods.order_by("pk").values()),
    )


# --- 1. the database refuses ----------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str  # what the bad row does
    build: Callable  # plan -> (bad write, good write)
    mentions: tuple[str, ...]  # what the database names in its refusal (SQLite's or PostgreSQL's wording)


def _campaign(p, **fields) -> Campaign:
    return Campaign(
        federation=p.federation,
        name="Tháng cao điểm phát triển đoàn viên năm 2025 (bản trùng)",
        plan_number=PLAN,
        final_report_due=datetime.date(2025, 8, 5),
        **{"year": 2025, **fields},
    )


def _period_like(period: Period, **fields) -> Period:
    values = {f: getattr(period, f) for f in ["campaign", "kind", "wave", "number", "start", "end", "due_at", "closes_at"]}
    return Period(**{**values, **fields})


DB_RULES = [
    # Campaign
    Rule(
        "a_campaign_year_before_2000",
        lambda p: (updating(p.campaign, year=1999), updating(p.campaign, year=2000)),
        ("campaign_campaign_year_range",),
    ),
    Rule(
        "a_campaign_year_after_2100",
        lambda p: (updating(p.campaign, year=2101), updating(p.campaign, year=2100)),
        ("campaign_campaign_year_range",),
    ),
    Rule(
        "a_negative_campaign_year",
        lambda p: (updating(p.campaign, year=-2025), updating(p.campaign, year=2025)),
        # A plain SmallIntegerField: no implicit "year >= 0" CHECK any more, the named rule refuses.
        ("campaign_campaign_year_range",),
    ),
    Rule(
        "a_second_campaign_under_the_same_plan_in_the_same_year",
        lambda p: (inserting(_campaign(p)), inserting(_campaign(p, year=2026))),
        (
            "campaign_campaign_unique_plan",
            "campaign_campaign.federation_id, campaign_campaign.plan_number, campaign_campaign.year",
        ),
    ),
    # report_due_days and closing_days are plain SmallIntegerFields: no implicit ">= 0" CHECK, the named rule refuses.
    Rule(
        "a_negative_number_of_days_to_report",
        lambda p: (updating(p.campaign, report_due_days=-1), updating(p.campaign, report_due_days=0)),
        ("campaign_campaign_due_days_range",),
    ),
    Rule(
        "more_than_60_days_to_report",
        lambda p: (updating(p.campaign, report_due_days=61), updating(p.campaign, report_due_days=60)),
        ("campaign_campaign_due_days_range",),
    ),
    Rule(
        "a_negative_number_of_days_before_closing",
        lambda p: (updating(p.campaign, closing_days=-1), updating(p.campaign, closing_days=0)),
        ("campaign_campaign_closing_days_range",),
    ),
    Rule(
        "more_than_90_days_before_closing",
        lambda p: (updating(p.campaign, closing_days=91), updating(p.campaign, closing_days=90)),
        ("campaign_campaign_closing_days_range",),
    ),
    # Wave
    Rule(
        "a_wave_that_ends_before_it_starts",
        lambda p: (updating(p.may, end=APRIL_30), updating(p.may, end=MAY_1)),
        ("campaign_wave_dates_ordered",),
    ),
    Rule(
        "a_wave_numbered_zero",
        lambda p: (updating(p.july, number=0), updating(p.july, number=3)),
        ("campaign_wave_number_positive",),
    ),
    Rule(
        "a_negative_wave_number",
        lambda p: (updating(p.july, number=-2), updating(p.july, number=1000)),
        # A plain SmallIntegerField: no implicit "number >= 0" CHECK any more, the named rule refuses.
        ("campaign_wave_number_positive",),
    ),
    Rule(
        "two_waves_of_a_campaign_with_the_same_number",
        lambda p: (
            inserting(Wave(campaign=p.campaign, number=2, start=datetime.date(2025, 9, 1), end=datetime.date(2025, 9, 30))),
            inserting(Wave(campaign=p.campaign, number=3, start=datetime.date(2025, 9, 1), end=datetime.date(2025, 9, 30))),
        ),
        ("campaign_wave_unique_number", "campaign_wave.campaign_id, campaign_wave.number"),
    ),
    # Target
    Rule(
        "a_target_for_an_unknown_measure",
        lambda p: (updating(p.may_target, measure="new_unions"), updating(p.may_target, measure=Measure.PARTY_INTRODUCED)),
        ("campaign_target_measure_valid",),
    ),
    Rule(
        "a_negative_target",
        lambda p: (updating(p.may_target, value=-1), updating(p.may_target, value=0)),
        # A plain IntegerField: no implicit "value >= 0" CHECK any more, the named rule refuses.
        ("campaign_target_value_nonnegative",),
    ),
    Rule(
        "the_same_target_twice_for_a_wave",
        lambda p: (
            inserting(Target(campaign=p.campaign, unit=p.tam_duong, measure=Measure.NEW_MEMBERS, wave=p.may, value=1)),
            inserting(Target(campaign=p.campaign, unit=p.tam_duong, measure=Measure.NEW_MEMBERS, wave=p.july, value=1)),
        ),
        (
            "campaign_target_unique_per_wave",
            "campaign_target.campaign_id, campaign_target.unit_id, campaign_target.measure, campaign_target.wave_id",
        ),
    ),
    Rule(
        "the_same_target_twice_for_the_whole_campaign",
        lambda p: (
            inserting(Target(campaign=p.campaign, unit=p.tam_duong, measure=Measure.NEW_MEMBERS, value=1)),
            inserting(Target(campaign=p.campaign, unit=p.tea, measure=Measure.NEW_MEMBERS, value=1)),
        ),
        (
            "campaign_target_unique_whole_campaign",
            "campaign_target.campaign_id, campaign_target.unit_id, campaign_target.measure",
        ),
    ),
    # Period
    Rule(
        "a_period_of_an_unknown_kind",
        lambda p: (updating(p.first_week, kind="quarter"), updating(p.first_week, kind=PeriodKind.MONTH)),
        ("campaign_period_kind_valid",),
    ),
    Rule(
        "a_period_that_ends_before_it_starts",
        lambda p: (updating(p.first_week, end=APRIL_30), updating(p.first_week, end=MAY_1)),
        ("campaign_period_dates_ordered",),
    ),
    Rule(
        "a_period_that_closes_before_it_is_due",
        lambda p: (
            updating(p.first_week, closes_at=p.first_week.due_at - datetime.timedelta(minutes=1)),
            updating(p.first_week, closes_at=p.first_week.due_at),
        ),
        ("campaign_period_closes_after_due",),
    ),
    Rule(
        "a_negative_period_number",
        lambda p: (updating(p.first_week, number=-1), updating(p.first_week, number=0)),
        ("campaign_period_number_check", "failed: number"),
    ),
    Rule(
        "the_same_period_twice",
        lambda p: (
            inserting(_period_like(p.first_week)),
            inserting(_period_like(p.first_week, end=datetime.date(2025, 5, 3))),
        ),
        (
            "campaign_period_unique",
            "campaign_period.campaign_id, campaign_period.kind, campaign_period.start, campaign_period.end",
        ),
    ),
]


@pytest.mark.parametrize("rule", [pytest.param(rule, id=rule.id) for rule in DB_RULES])
def test_the_database_refuses(plan, rule):
    bad, _good = rule.build(plan)
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        bad()
    assert any(name in str(refusal.value) for name in rule.mentions), str(refusal.value)


@pytest.mark.parametrize("rule", [pytest.param(rule, id=rule.id) for rule in DB_RULES])
def test_the_database_accepts_the_row_that_keeps_the_rule_instead_of(plan, rule):
    _bad, good = rule.build(plan)
    with transaction.atomic():
        assert good()


# --- 2. the user sees why: campaigns ---------------------------------------


CAMPAIGN_ADD = "/quan-tri/campaign/campaign/add/"
VALID_CAMPAIGN = {
    "name": "Tháng cao điểm phát triển đoàn viên năm 2026",
    "year": "2026",
    "plan_number": "21/KH-LĐLĐ",
    "plan_date": "10/03/2026",
    "legal_basis": "Kế hoạch số 35/KH-TLĐ của Tổng Liên đoàn Lao động Việt Nam",
    "final_report_due": "05/08/2026",
    "report_due_days": "1",
    "report_due_time": "17:00",
    "closing_days": "7",
}


def campaign_add(admin_client, p, changes: dict):
    return admin_post(admin_client, CAMPAIGN_ADD, {**VALID_CAMPAIGN, "federation": p.federation.pk, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"year": "1999"}, YEAR_RANGE, id="a_year_before_2000"),
        pytest.param({"year": "2101"}, YEAR_RANGE, id="a_year_after_2100"),
        pytest.param({"year": "-2026"}, YEAR_RANGE, id="a_negative_year"),
        pytest.param({"year": "2025", "plan_number": PLAN}, PLAN_TAKEN, id="the_plan_of_an_existing_campaign_that_year"),
        pytest.param({"report_due_days": "-1"}, DUE_DAYS_RANGE, id="a_negative_number_of_days_to_report"),
        pytest.param({"report_due_days": "61"}, DUE_DAYS_RANGE, id="more_than_60_days_to_report"),
        pytest.param({"closing_days": "-1"}, CLOSING_DAYS_RANGE, id="a_negative_number_of_days_before_closing"),
        pytest.param({"closing_days": "91"}, CLOSING_DAYS_RANGE, id="more_than_90_days_before_closing"),
    ],
)
def test_the_campaign_admin_refuses_a_new_campaign_with(admin_client, plan, changes, message):
    counts = (Campaign.objects.count(), Period.objects.count())
    response = campaign_add(admin_client, plan, changes)
    assert_refused_with(response, message)
    assert (Campaign.objects.count(), Period.objects.count()) == counts


@pytest.mark.parametrize(
    ("year", "plan_number"),
    [("2026", "21/KH-LĐLĐ"), ("2026", PLAN), ("2000", "01/KH-LĐLĐ"), ("2100", "01/KH-LĐLĐ")],
    ids=["a_new_plan", "last_years_plan_number_in_a_new_year", "the_year_2000", "the_year_2100"],
)
def test_the_campaign_admin_saves_a_valid_new_campaign_and_its_periods(admin_client, plan, year, plan_number):
    response = campaign_add(admin_client, plan, {"year": year, "plan_number": plan_number})
    assert response.status_code == 302, errors_shown(response)
    campaign = Campaign.objects.get(year=int(year), plan_number=plan_number)
    assert sorted(campaign.periods.values_list("kind", flat=True)) == [PeriodKind.HALF_YEAR, PeriodKind.YEAR]


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"report_due_days": "0"}, id="reports_due_the_day_the_period_ends"),
        pytest.param({"report_due_days": "60"}, id="reports_due_60_days_after"),
        pytest.param({"closing_days": "0"}, id="entry_closing_when_reports_are_due"),
        pytest.param({"closing_days": "90"}, id="entry_closing_90_days_after"),
    ],
)
def test_the_campaign_admin_saves_a_new_campaign_with(admin_client, plan, changes):
    response = campaign_add(admin_client, plan, changes)
    assert response.status_code == 302, errors_shown(response)
    campaign = Campaign.objects.get(year=2026, plan_number=VALID_CAMPAIGN["plan_number"])
    assert {field: str(getattr(campaign, field)) for field in changes} == changes


def campaign_change(admin_client, campaign: Campaign, changes: dict):
    return admin_post(admin_client, f"/quan-tri/campaign/campaign/{campaign.pk}/change/", changes)


def _wave_row(p, wave: Wave) -> int:
    """The row of ``wave`` in the campaign page's wave inline."""
    data = admin_form_data(p.admin_client, f"/quan-tri/campaign/campaign/{p.campaign.pk}/change/", {})
    return next(i for i in range(int(data["waves-TOTAL_FORMS"])) if data[f"waves-{i}-id"] == str(wave.pk))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"end": "30/04/2025"}, WAVE_DATES, id="ends_before_it_starts"),
        pytest.param({"number": "0"}, WAVE_NUMBER, id="is_numbered_zero"),
        pytest.param({"number": "-1"}, WAVE_NUMBER, id="has_a_negative_number"),
        pytest.param({"number": "2"}, WAVE_NUMBER_TAKEN, id="takes_the_number_of_another_wave"),
    ],
)
def test_the_campaign_page_refuses_a_wave_that(admin_client, plan, changes, message):
    plan.admin_client = admin_client
    row = _wave_row(plan, plan.may)
    before = snapshot(plan.campaign)
    response = campaign_change(admin_client, plan.campaign, {f"waves-{row}-{field}": value for field, value in changes.items()})
    assert_refused_with(response, message)
    assert snapshot(plan.campaign) == before


def _new_wave_rows(admin_client, p, *rows: dict) -> dict:
    """The campaign page posted untouched, plus ``rows`` as new rows of its wave inline."""
    data = admin_form_data(admin_client, f"/quan-tri/campaign/campaign/{p.campaign.pk}/change/", {})
    existing = int(data["waves-TOTAL_FORMS"])
    data["waves-TOTAL_FORMS"] = str(existing + len(rows))
    for i, row in enumerate(rows, start=existing):
        data.update({f"waves-{i}-id": "", f"waves-{i}-campaign": str(p.campaign.pk)})
        data.update({f"waves-{i}-{field}": value for field, value in row.items()})
    return data


def test_the_campaign_page_refuses_two_new_waves_with_the_same_number(admin_client, plan):
    before = snapshot(plan.campaign)
    data = _new_wave_rows(
        admin_client, plan, {**SEPTEMBER, "end": "15/09/2025"}, {**SEPTEMBER, "start": "16/09/2025", "theme": "Đợt bổ sung (2)"}
    )
    response = admin_client.post(f"/quan-tri/campaign/campaign/{plan.campaign.pk}/change/", data)
    assert_refused_with(response, WAVE_NUMBER_TAKEN)
    assert snapshot(plan.campaign) == before


def test_the_campaign_page_saves_two_new_waves_with_their_own_numbers(admin_client, plan):
    data = _new_wave_rows(
        admin_client, plan, {**SEPTEMBER, "end": "15/09/2025"}, {**SEPTEMBER, "number": "4", "start": "16/09/2025"}
    )
    response = admin_client.post(f"/quan-tri/campaign/campaign/{plan.campaign.pk}/change/", data)
    assert response.status_code == 302, errors_shown(response)
    assert list(plan.campaign.waves.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_the_campaign_page_saves_a_valid_change_to_a_wave_and_regenerates_the_periods(admin_client, plan):
    plan.admin_client = admin_client
    row = _wave_row(plan, plan.july)
    response = campaign_change(admin_client, plan.campaign, {f"waves-{row}-end": "10/08/2025"})
    assert response.status_code == 302, errors_shown(response)
    plan.july.refresh_from_db()
    assert plan.july.end == datetime.date(2025, 8, 10)
    assert plan.campaign.periods.filter(kind=PeriodKind.MONTH, start=datetime.date(2025, 8, 1)).exists()


# --- waves: the Wave admin -------------------------------------------------


WAVE_ADD = "/quan-tri/campaign/wave/add/"
SEPTEMBER = {"number": "3", "theme": "Đợt bổ sung", "start": "01/09/2025", "end": "30/09/2025"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"end": "31/08/2025"}, WAVE_DATES, id="ends_before_it_starts"),
        pytest.param({"number": "0"}, WAVE_NUMBER, id="is_numbered_zero"),
        pytest.param({"number": "-1"}, WAVE_NUMBER, id="has_a_negative_number"),
        pytest.param({"number": "1"}, WAVE_NUMBER_TAKEN, id="takes_the_number_of_another_wave"),
    ],
)
def test_the_wave_admin_refuses_a_new_wave_that(admin_client, plan, changes, message):
    before = snapshot(plan.campaign)
    response = admin_post(admin_client, WAVE_ADD, {**SEPTEMBER, "campaign": plan.campaign.pk, **changes})
    assert_refused_with(response, message)
    assert snapshot(plan.campaign) == before


def test_the_wave_admin_saves_a_valid_third_wave_and_its_periods(admin_client, plan):
    response = admin_post(admin_client, WAVE_ADD, {**SEPTEMBER, "campaign": plan.campaign.pk})
    assert response.status_code == 302, errors_shown(response)
    wave = plan.campaign.waves.get(number=3)
    assert wave.periods.filter(kind=PeriodKind.MONTH).count() == 1
    assert wave.periods.filter(kind=PeriodKind.WEEK).exists()


# --- targets: the Target admin ---------------------------------------------


TARGET_ADD = "/quan-tri/campaign/target/add/"


def target_add(admin_client, p, changes: dict):
    row = {"campaign": p.campaign.pk, "unit": p.tam_duong.pk, "measure": Measure.NEW_MEMBERS, "wave": "", "value": "50"}
    return admin_post(admin_client, TARGET_ADD, {**row, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(lambda p: {"measure": "new_unions"}, not_a_choice("new_unions"), id="an_unknown_measure"),
        pytest.param(lambda p: {"unit": p.tea.pk, "value": "-1"}, TARGET_NONNEGATIVE, id="a_negative_value"),
        pytest.param(lambda p: {"wave": p.may.pk}, TARGET_TAKEN_FOR_WAVE, id="a_second_target_for_the_same_wave"),
        pytest.param(lambda p: {}, TARGET_TAKEN_FOR_CAMPAIGN, id="a_second_target_for_the_whole_campaign"),
    ],
)
def test_the_target_admin_refuses(admin_client, plan, changes, message):
    before = snapshot(plan.campaign)
    response = target_add(admin_client, plan, changes(plan))
    assert_refused_with(response, message)
    assert snapshot(plan.campaign) == before


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param(lambda p: {"wave": p.july.pk}, id="the_same_measure_for_another_wave"),
        pytest.param(lambda p: {"measure": Measure.NEW_GRASSROOTS}, id="another_measure_for_the_whole_campaign"),
        pytest.param(lambda p: {"unit": p.tea.pk, "value": "0"}, id="a_target_of_zero_for_another_unit"),
    ],
)
def test_the_target_admin_saves(admin_client, plan, changes):
    targets = Target.objects.count()
    response = target_add(admin_client, plan, changes(plan))
    assert response.status_code == 302, errors_shown(response)
    assert Target.objects.count() == targets + 1


# --- periods: generated, never typed (no add or change in the admin) -------


PeriodForm = modelform_factory(Period, fields="__all__")


def _first_week_row(p, **changes) -> dict:
    return {
        "campaign": p.campaign.pk,
        "kind": PeriodKind.WEEK,
        "wave": p.may.pk,
        "number": "1",
        "start": "01/05/2025",
        "end": "03/05/2025",
        "due_at": "05/05/2025 17:00",
        "closes_at": "12/05/2025 17:00",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"kind": "quarter"}, not_a_choice("quarter"), id="an_unknown_kind"),
        pytest.param({"end": "30/04/2025"}, PERIOD_DATES, id="an_end_before_the_start"),
        pytest.param({"closes_at": "05/05/2025 16:59"}, PERIOD_CLOSES_AFTER_DUE, id="closing_before_it_is_due"),
        pytest.param({"end": "04/05/2025"}, PERIOD_TAKEN, id="a_period_the_campaign_already_has"),
        pytest.param({"number": "-1"}, AT_LEAST_0, id="a_negative_number"),
    ],
)
def test_the_period_form_refuses(plan, changes, message):
    before = snapshot(plan.campaign)
    form = PeriodForm(data=_first_week_row(plan, **changes))
    assert not form.is_valid()
    assert message in form_errors(form)
    assert snapshot(plan.campaign) == before


def test_the_period_form_saves_a_period_that_closes_when_it_is_due(plan):
    form = PeriodForm(data=_first_week_row(plan, closes_at="05/05/2025 17:00"))
    assert form.is_valid(), form.errors
    period = form.save()
    assert (period.start, period.end, period.closes_at) == (MAY_1, datetime.date(2025, 5, 3), period.due_at)
