"""``manage.py load_demo``: the illustrative Lai Châu 2025 campaign, loaded twice without a change.

The demo is loaded once for the whole module (inside a transaction rolled back
at the end); each test runs in its own savepoint on top of it, as Django's
``TestCase.setUpTestData`` does.
"""

import datetime
import io
import unicodedata

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from campaign.models import Campaign, Measure, PeriodKind, Target
from demo.builder import build_demo
from demo.data import (
    BOARD_GROUP,
    DISTRICTS,
    FEDERATION_CODE,
    LAST_DISTRICT_DAY,
    PASSWORD,
    RESTRUCTURING_DAY,
    UBND_CODE,
)
from unions.models import MIN_FOUNDING_MEMBERS, Enterprise, Placement, Role, RoleKind, Sector, Unit, UnitKind
from unions.selectors import parent_on, reporting_units_on, units_under_on

D = datetime.date
MAY_15 = D(2025, 5, 15)
JULY_15 = D(2025, 7, 15)
PRE_JULY_CODES = {d.code for d in DISTRICTS} | {UBND_CODE}
COMMUNE_CODES = {c.code for d in DISTRICTS for c in d.communes}
DISTRICT_OF_COMMUNE = {c.code: d.code for d in DISTRICTS for c in d.communes}


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker):
    """Load the demo once (as in development, with a fast hasher) and give back what it printed."""
    out = io.StringIO()
    development = override_settings(DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), development, transaction.atomic():
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(first_run, db):
    return first_run


@pytest.fixture
def lc(demo):
    return Unit.objects.get(code=FEDERATION_CODE)


@pytest.fixture
def campaign(lc):
    return Campaign.objects.get(federation=lc, plan_number="143/KH-LĐLĐ", year=2025)


def _snapshot() -> dict:
    """Every row of every model (history tables included), field by field."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


# -- running it twice ----------------------------------------------------------


def test_running_it_a_second_time_changes_no_row_and_adds_no_history(demo):
    before = _snapshot()
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    after = _snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {label: len(rows) for label, rows in before.items()}
    for label, rows in before.items():
        assert after[label] == rows, f"{label} changed on the second run"
    assert "không thay đổi gì" in out.getvalue()


def test_the_first_run_prints_a_vietnamese_summary_of_what_it_loaded(demo):
    assert demo.startswith("Đã nạp dữ liệu minh họa: 1 liên đoàn, 9 + 38 công đoàn cấp trên, ")
    assert "công đoàn cơ sở" in demo and "6 người dùng" in demo


def test_history_is_kept_for_every_unit_enterprise_target_and_role(demo):
    assert Unit.history.count() >= Unit.objects.count()
    assert Enterprise.history.count() == Enterprise.objects.count()
    assert Target.history.count() == Target.objects.count()
    assert Role.history.count() == Role.objects.count()


def test_a_changed_field_is_put_back_on_the_next_run_and_nothing_else_is_written(demo):
    unit = Unit.objects.get(code="CS0001")
    right_name = unit.name
    Unit.objects.filter(pk=unit.pk).update(name="Tên sai")
    target = Target.objects.order_by("pk").first()
    Target.objects.filter(pk=target.pk).update(value=target.value + 7)
    units_history, targets_history = Unit.history.count(), Target.history.count()

    call_command("load_demo", stdout=io.StringIO())

    assert Unit.objects.get(pk=unit.pk).name == right_name
    assert Target.objects.get(pk=target.pk).value == target.value
    assert Unit.history.count() == units_history + 1
    assert Target.history.count() == targets_history + 1


def test_a_placement_history_it_cannot_reconcile_stops_it_without_writing_anything(demo):
    unit = Unit.objects.get(code="CS0001")
    Placement.objects.filter(unit=unit, valid_from=unit.active_from).update(parent=Unit.objects.get(code="LC-TPLC"))
    before = _snapshot()

    with pytest.raises(CommandError, match="CS0001"):
        call_command("load_demo", stdout=io.StringIO())

    assert _snapshot() == before


def test_it_refuses_to_run_with_debug_off_unless_told_to(demo):
    Unit.objects.filter(code="CS0001").update(name="Tên sai")
    before = _snapshot()

    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=io.StringIO())
    assert _snapshot() == before

    with override_settings(DEBUG=False):
        call_command("load_demo", "--allow-without-debug", stdout=io.StringIO())
    assert Unit.objects.get(code="CS0001").name != "Tên sai"


def test_the_description_is_the_same_on_every_build():
    assert build_demo() == build_demo()


# -- the organisation tree -------------------------------------------------------


def test_it_loads_one_federation_named_for_the_province(lc):
    assert lc.kind == UnitKind.FEDERATION
    assert lc.name == "Liên đoàn Lao động tỉnh Lai Châu"
    assert Unit.objects.filter(kind=UnitKind.FEDERATION).count() == 1


def test_it_loads_between_150_and_300_grassroots_unions_covering_every_sector(demo):
    grassroots = Unit.objects.grassroots()
    assert 150 <= grassroots.count() <= 300
    assert set(grassroots.values_list("sector", flat=True)) == set(Sector.values)


def test_most_grassroots_unions_are_in_non_state_enterprises_and_public_units(demo):
    grassroots = Unit.objects.grassroots()
    main = grassroots.filter(sector__in=[Sector.NON_STATE, Sector.PUBLIC_UNIT]).count()
    assert main > grassroots.count() / 2
    assert 1 <= grassroots.filter(sector=Sector.FDI).count() <= 10


def test_the_nine_pre_july_superiors_are_active_on_15_may_and_none_on_15_july(lc):
    superiors = Unit.objects.filter(code__in=PRE_JULY_CODES)
    assert superiors.count() == 9
    assert set(superiors.active_on(MAY_15).values_list("code", flat=True)) == PRE_JULY_CODES
    assert not superiors.active_on(JULY_15).exists()
    assert {u.code for u in reporting_units_on(lc, MAY_15)} == PRE_JULY_CODES
    assert all(u.active_to == LAST_DISTRICT_DAY for u in superiors)


def test_the_38_commune_and_ward_unions_are_active_on_15_july_only(lc):
    communes = Unit.objects.filter(code__in=COMMUNE_CODES)
    assert communes.count() == 38
    assert all(u.kind == UnitKind.SUPERIOR and u.parent_id == lc.pk for u in communes)
    assert not communes.active_on(MAY_15).exists()
    assert communes.active_on(JULY_15).count() == 38
    assert {u.code for u in reporting_units_on(lc, JULY_15)} == COMMUNE_CODES
    assert set(communes.filter(code__in=["LC-X-TANPHONG", "LC-X-DOANKET"]).values_list("name", flat=True)) == {
        "Công đoàn phường Tân Phong",
        "Công đoàn phường Đoàn Kết",
    }


def test_a_grassroots_union_stands_under_its_district_in_may_and_under_a_commune_of_that_district_in_july(lc):
    moved = 0
    for unit in Unit.objects.grassroots().active_on(JULY_15).filter(active_from__lt=D(2025, 5, 1)):
        may, july = parent_on(unit, MAY_15), parent_on(unit, JULY_15)
        if may.code == UBND_CODE or july == lc:
            continue
        assert may.code in PRE_JULY_CODES
        assert july.code in COMMUNE_CODES
        assert DISTRICT_OF_COMMUNE[july.code] == may.code, unit.name
        assert units_under_on(may, MAY_15).filter(pk=unit.pk).exists()
        assert units_under_on(july, JULY_15).filter(pk=unit.pk).exists()
        assert not units_under_on(may, JULY_15).filter(pk=unit.pk).exists()
        assert unit.parent_id == july.pk
        moved += 1
    assert moved >= 150


def test_the_ubnd_unions_and_a_few_large_ones_stand_directly_under_the_federation_in_july(lc):
    direct = [u for u in Unit.objects.grassroots().active_on(JULY_15) if parent_on(u, JULY_15) == lc]
    from_ubnd = [u for u in direct if parent_on(u, MAY_15).code == UBND_CODE]
    from_districts = [u for u in direct if parent_on(u, MAY_15).code != UBND_CODE]
    ubnd_in_may = units_under_on(Unit.objects.get(code=UBND_CODE), MAY_15, kind=UnitKind.GRASSROOTS)
    assert len(from_ubnd) == ubnd_in_may.count() > 0
    assert 1 <= len(from_districts) <= 10


def test_every_dissolved_district_names_the_union_at_its_former_seat_as_successor(demo):
    for district in DISTRICTS:
        unit = Unit.objects.get(code=district.code)
        assert unit.successor is not None
        assert unit.successor.code == district.seat.code
        assert unit.successor.is_active_on(RESTRUCTURING_DAY)
    assert Unit.objects.get(code="LC-TPLC").successor.code == "LC-X-TANPHONG"
    assert Unit.objects.get(code=UBND_CODE).successor.code == FEDERATION_CODE


def test_a_few_public_units_in_state_agencies_were_dissolved_by_15_june(demo):
    dissolved = Unit.objects.grassroots().filter(active_to__isnull=False)
    assert 1 <= dissolved.count() <= 10
    assert all(u.active_to <= D(2025, 6, 15) and u.sector == Sector.PUBLIC_UNIT for u in dissolved)


@pytest.mark.parametrize(
    ("start", "end", "wave"),
    [(D(2025, 5, 1), D(2025, 5, 31), 1), (D(2025, 7, 1), D(2025, 7, 31), 2)],
)
def test_unions_recognised_during_a_wave_carry_a_decision_and_at_least_5_founding_members(demo, start, end, wave):
    new = Unit.objects.grassroots().filter(active_from__range=(start, end))
    assert 5 <= new.count() <= 15, wave
    for unit in new:
        assert unit.recognition_date == unit.active_from
        assert unit.recognition_decision
        assert MIN_FOUNDING_MEMBERS <= unit.founding_members <= 40
        if unit.enterprise:
            assert unit.enterprise.employees >= unit.founding_members


def test_older_unions_have_no_founding_figure(demo):
    older = Unit.objects.grassroots().filter(active_from__lt=D(2025, 1, 1))
    assert older.exists()
    assert not older.filter(founding_members__isnull=False).exists()


def test_enterprise_unions_are_linked_to_enterprises_and_30_more_were_surveyed_without_a_union(demo):
    for sector in (Sector.STATE, Sector.NON_STATE, Sector.FDI, Sector.COOPERATIVE):
        assert not Unit.objects.grassroots().filter(sector=sector, enterprise__isnull=True).exists(), sector
    without = Enterprise.objects.filter(grassroots_unions__isnull=True)
    assert without.count() == 30
    assert all(e.visits.get().findings for e in without)
    assert {e.unit.kind for e in Enterprise.objects.select_related("unit")} == {UnitKind.FEDERATION, UnitKind.SUPERIOR}
    assert all(e.tax_code.startswith("62") and len(e.tax_code) == 10 for e in Enterprise.objects.all())


def test_names_are_in_nfc_and_codes_follow_the_scheme(demo):
    for unit in Unit.objects.all():
        assert unicodedata.is_normalized("NFC", unit.name), unit.code
        if unit.kind == UnitKind.GRASSROOTS:
            assert len(unit.code) == 6 and unit.code.startswith("CS")
        elif unit.kind == UnitKind.SUPERIOR:
            assert unit.code.startswith("LC-")
    for enterprise in Enterprise.objects.all():
        assert unicodedata.is_normalized("NFC", enterprise.name + enterprise.commune)


# -- the campaign ------------------------------------------------------------------


def test_the_campaign_is_flagged_illustrative_and_follows_plan_143(campaign):
    assert campaign.is_illustrative
    assert campaign.name == (
        "Tháng cao điểm phát triển đoàn viên, thành lập công đoàn cấp cơ sở; "
        "giới thiệu đoàn viên công đoàn ưu tú cho Đảng năm 2025"
    )
    assert campaign.plan_date == D(2025, 4, 9)
    assert campaign.final_report_due == D(2025, 8, 5)
    assert "136/KH-LĐLĐ" in campaign.legal_basis and "3710/TLĐ-ToC" in campaign.legal_basis
    assert [(w.number, w.start, w.end) for w in campaign.waves.order_by("number")] == [
        (1, D(2025, 5, 1), D(2025, 5, 31)),
        (2, D(2025, 7, 1), D(2025, 7, 31)),
    ]
    assert campaign.waves.get(number=1).theme == "Tháng Công nhân năm 2025"


def test_the_campaign_has_exactly_the_weekly_periods_of_may_and_july(campaign):
    weeks = [(p.start, p.end) for p in campaign.periods.filter(kind=PeriodKind.WEEK).order_by("start")]
    assert weeks == [
        (D(2025, 5, 1), D(2025, 5, 4)),
        (D(2025, 5, 5), D(2025, 5, 11)),
        (D(2025, 5, 12), D(2025, 5, 18)),
        (D(2025, 5, 19), D(2025, 5, 25)),
        (D(2025, 5, 26), D(2025, 5, 31)),
        (D(2025, 7, 1), D(2025, 7, 6)),
        (D(2025, 7, 7), D(2025, 7, 13)),
        (D(2025, 7, 14), D(2025, 7, 20)),
        (D(2025, 7, 21), D(2025, 7, 27)),
        (D(2025, 7, 28), D(2025, 7, 31)),
    ]


def test_each_reporting_unit_has_its_four_targets_for_its_wave(campaign, lc):
    wave1, wave2 = campaign.waves.order_by("number")
    reporting = {
        wave1: set(reporting_units_on(lc, MAY_15)),
        wave2: {*reporting_units_on(lc, JULY_15), lc},
    }
    for wave, units in reporting.items():
        for unit in units:
            held = dict(campaign.targets.filter(unit=unit, wave=wave).values_list("measure", "value"))
            assert set(held) == set(Measure.values), (wave.number, unit.code)
            assert held[Measure.PARTY_ADMITTED] <= held[Measure.PARTY_INTRODUCED]
    assert campaign.targets.count() == 4 * (9 + 38 + 1)
    assert not campaign.targets.filter(wave__isnull=True).exists()


def test_a_district_target_is_in_the_plausible_range(campaign):
    wave1 = campaign.waves.get(number=1)
    for district in DISTRICTS:
        held = dict(campaign.targets.filter(unit__code=district.code, wave=wave1).values_list("measure", "value"))
        assert 40 <= held[Measure.NEW_MEMBERS] <= 150
        assert 1 <= held[Measure.NEW_GRASSROOTS] <= 3
        assert 3 <= held[Measure.PARTY_INTRODUCED] <= 10


# -- users ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "role", "unit_code"),
    [
        ("lanhdao", RoleKind.BOARD, FEDERATION_CODE),
        ("tckt", RoleKind.STAFF, FEDERATION_CODE),
        ("baocao.tamduong", RoleKind.REPORTER, "LC-TDUONG"),
        ("baocao.tanphong", RoleKind.REPORTER, "LC-X-TANPHONG"),
        ("xem", RoleKind.VIEWER, FEDERATION_CODE),
    ],
)
def test_the_demo_users_can_log_in_and_hold_their_roles(client, demo, username, role, unit_code):
    assert client.login(username=username, password=PASSWORD)
    user = get_user_model().objects.get(username=username)
    assert list(Role.objects.filter(user=user).values_list("role", "unit__code")) == [(role, unit_code)]
    assert user.email == f"{username}@example.invalid"
    assert user.first_name and user.last_name


def test_admin_is_a_superuser_who_can_log_in(client, demo):
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert client.login(username="admin", password=PASSWORD)


def test_the_board_group_holds_every_unions_and_campaign_permission_view_user_and_reading_reports(demo):
    User = get_user_model()
    expected = set(Permission.objects.filter(content_type__app_label__in=["unions", "campaign"]))
    expected.add(Permission.objects.get(content_type__app_label="auth", codename="view_user"))
    expected |= set(Permission.objects.filter(content_type__app_label="reporting", codename__startswith="view_"))
    assert {p.codename for p in expected if p.content_type.app_label == "reporting"} >= {"view_report", "view_reportline"}
    for username in ("lanhdao", "tckt"):
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        group = user.groups.get()
        assert group.name == BOARD_GROUP
        assert set(group.permissions.all()) == expected
        assert user.has_perm("unions.change_unit") and user.has_perm("campaign.change_target")
        assert user.has_perm("reporting.view_report") and not user.has_perm("reporting.change_report")
    assert not User.objects.get(username="xem").is_staff


def test_the_demo_has_reports_in_every_state_and_figures_on_the_weeks(demo):
    from reporting.models import Report, ReportLine, ReportStatus

    statuses = set(Report.objects.values_list("status", flat=True))
    assert statuses == set(ReportStatus.values)
    assert ReportLine.objects.filter(report__period__kind="week").exists()
    assert not ReportLine.objects.exclude(report__period__kind="week").exists()
    late = [r for r in Report.objects.select_related("period").exclude(first_submitted_at=None) if r.first_submitted_at > r.period.due_at]
    assert late, "some reports are late"
    # A grassroots union recognised in a week shows at least its founders in that week's report.
    for line in ReportLine.objects.filter(grassroots__recognition_date__isnull=False).select_related("grassroots", "report__period"):
        if line.report.period.contains(line.grassroots.recognition_date) and line.grassroots.founding_members:
            assert line.new_members >= line.grassroots.founding_members
