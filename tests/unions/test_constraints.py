"""Every rule on the organisation tree, held twice.

1. The database refuses a row that breaks it even when Python validation is
   bypassed (``QuerySet.update`` and ``bulk_create`` skip ``full_clean``), and
   accepts the row that keeps it.
2. The admin (or a plain ``ModelForm``) shows the user the Vietnamese message,
   saves nothing, and saves the valid submission.
"""

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

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
from tests.factories import make_confederation, make_federation, make_grassroots, make_superior, make_user
from unions.models import Enterprise, Placement, Role, RoleKind, Sector, Unit, UnitKind
from unions.services import unit_move

JAN_2010 = datetime.date(2010, 1, 1)
JUNE_30 = datetime.date(2025, 6, 30)
JULY_1 = datetime.date(2025, 7, 1)

# What the user reads. The project's own messages (models.py) ...
CODE_FORMAT = "Mã đơn vị chỉ gồm chữ in hoa không dấu, số, “.”, “-”, “_”."
CODE_TAKEN = "Đã có đơn vị với mã này."
TAX_CODE_FORMAT = "Mã số thuế gồm 10 chữ số, chi nhánh thêm “-” và 3 chữ số (vd. 6200123456-001)."
TAX_CODE_TAKEN = "Đã có doanh nghiệp với mã số thuế này."
GRASSROOTS_NEEDS_SECTOR = "Công đoàn cơ sở phải có khu vực."
FOUNDING_MIN_5 = "Công đoàn cơ sở thành lập phải có ít nhất 5 đoàn viên."
EMPLOYEES_NONNEGATIVE = "Số lao động không được âm."
ACTIVE_DATES = "Ngày kết thúc hoạt động không được trước ngày bắt đầu."
PARENT_BY_KIND = (
    "Tổng Liên đoàn không có đơn vị cấp trên; Liên đoàn Lao động tỉnh chỉ trực thuộc Tổng Liên đoàn; "
    "mọi đơn vị khác phải có đơn vị cấp trên."
)
FEDERATION_UNDER = "Chỉ Liên đoàn Lao động tỉnh trực thuộc Tổng Liên đoàn, và chỉ trực thuộc Tổng Liên đoàn."
SUCCESSOR_NEEDS_END = "Chỉ đơn vị đã kết thúc hoạt động mới có đơn vị kế thừa."
PLACEMENT_DATES = "Ngày kết thúc không được trước ngày bắt đầu."
PLACEMENT_ONE_PER_DAY = "Đơn vị đã có một lần chuyển trực thuộc vào ngày này."
PLACEMENT_ONE_OPEN = "Đơn vị chỉ có một nơi trực thuộc hiện tại."
ROLE_TAKEN = "Người dùng đã có vai trò này ở đơn vị này."


def move_not_after(day: str) -> str:
    return f"Ngày chuyển phải sau ngày {day} (lần chuyển trước)."


def parent_not_active(day: str) -> str:
    return f"Đơn vị cấp trên mới không hoạt động vào ngày {day}."


def _build_tree():
    """The province, two districts, a ward opened on 01/07/2025, two grassroots unions."""
    confederation = make_confederation(code="TLD")
    federation = make_federation(code="LC")
    tam_duong = make_superior(federation, name="LĐLĐ huyện Tam Đường", code="LC-TDUONG")
    phong_tho = make_superior(federation, name="LĐLĐ huyện Phong Thổ", code="LC-PTHO")
    tan_phong = make_superior(federation, name="Công đoàn phường Tân Phong", code="LC-X-TPHONG", active_from=JULY_1)
    tea = make_grassroots(tam_duong, name="CĐCS Công ty Cổ phần Chè Tam Đường", code="CS-CHE", founding_members=12)
    school = make_grassroots(
        tam_duong, name="CĐCS Trường THCS Bình Lư", code="CS-THCS", sector=Sector.PUBLIC_UNIT, founding_members=9
    )
    enterprise = Enterprise.objects.create(
        tax_code="6200123456", name="Công ty Cổ phần Chè Tam Đường", sector=Sector.NON_STATE, employees=180,
        unit=tan_phong,
    )
    reporter = make_user("bao.cao.che", unit=tea, role=RoleKind.REPORTER)
    return SimpleNamespace(
        confederation=confederation,
        federation=federation,
        tam_duong=tam_duong,
        phong_tho=phong_tho,
        tan_phong=tan_phong,
        tea=tea,
        school=school,
        enterprise=enterprise,
        reporter=reporter,
        tea_placement=tea.placements.get(),
        tea_role=Role.objects.get(user=reporter, unit=tea),
    )


_tree_data = module_data(_build_tree, "_tree_data")


@pytest.fixture
def tree(_tree_data, db):
    return copy.deepcopy(_tree_data)


# --- helpers ---------------------------------------------------------------


def both(*writes) -> Callable[[], bool]:
    def write():
        results = [one() for one in writes]  # every write, in order
        return all(results)

    return write


def unit_add(admin_client, changes: dict):
    url = "/quan-tri/unions/unit/add/"
    return admin_client.post(url, admin_form_data(admin_client, url, changes))


def unit_change(admin_client, unit: Unit, changes: dict):
    url = f"/quan-tri/unions/unit/{unit.pk}/change/"
    return admin_client.post(url, admin_form_data(admin_client, url, changes))


# --- 1. the database refuses ----------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str  # what the bad row does
    build: Callable  # tree -> (bad write, good write)
    mentions: tuple[str, ...]  # what the database names in its refusal (SQLite's or PostgreSQL's wording)


DB_RULES = [
    # Enterprise
    Rule(
        "an_enterprise_in_an_unknown_sector",
        lambda t: (updating(t.enterprise, sector="private"), updating(t.enterprise, sector=Sector.FDI)),
        ("unions_enterprise_sector_valid",),
    ),
    Rule(
        "an_enterprise_with_a_negative_number_of_employees",
        lambda t: (updating(t.enterprise, employees=-1), updating(t.enterprise, employees=0)),
        # A plain IntegerField: no implicit "employees >= 0" CHECK any more, the named rule refuses.
        ("unions_enterprise_employees_nonnegative",),
    ),
    Rule(
        "a_second_enterprise_with_the_same_tax_code",
        lambda t: (
            inserting(Enterprise(tax_code="6200123456", name="Chi nhánh trùng mã", sector=Sector.NON_STATE, unit=t.tan_phong)),
            inserting(Enterprise(tax_code="6200123456-001", name="Chi nhánh Bình Lư", sector=Sector.NON_STATE, unit=t.tan_phong)),
        ),
        ("unions_enterprise_tax_code_key", "unions_enterprise.tax_code"),
    ),
    Rule(
        "a_tax_code_that_is_not_ten_digits",
        lambda t: (updating(t.enterprise, tax_code="MST-62001"), updating(t.enterprise, tax_code="6200123456-002")),
        ("unions_enterprise_tax_code_format",),
    ),
    Rule(
        "an_empty_tax_code",
        lambda t: (updating(t.enterprise, tax_code=""), updating(t.enterprise, tax_code="6200123457")),
        ("unions_enterprise_tax_code_format",),
    ),
    Rule(
        "a_tax_code_in_full_width_digits",
        lambda t: (updating(t.enterprise, tax_code="６２００１２３４５６"), updating(t.enterprise, tax_code="6200123456")),
        ("unions_enterprise_tax_code_format",),
    ),
    Rule(
        "a_tax_code_ending_in_a_newline",
        lambda t: (updating(t.enterprise, tax_code="6200123456\n"), updating(t.enterprise, tax_code="6200123456-001")),
        ("unions_enterprise_tax_code_format",),
    ),
    # Unit
    Rule(
        "a_unit_code_with_lowercase_accented_letters_and_spaces",
        lambda t: (updating(t.tea, code="cđcs chè"), updating(t.tea, code="CS-CHE.2025_A")),
        ("unions_unit_code_format",),
    ),
    Rule(
        "an_empty_unit_code",
        lambda t: (updating(t.tea, code=""), updating(t.tea, code="0")),
        ("unions_unit_code_format",),
    ),
    Rule(
        "a_unit_code_starting_with_a_dash",
        lambda t: (updating(t.tea, code="-CS-CHE"), updating(t.tea, code="CS-CHE-")),
        ("unions_unit_code_format",),
    ),
    Rule(
        "a_unit_code_in_full_width_letters",
        lambda t: (updating(t.tea, code="ＣＳ-ＣＨＥ"), updating(t.tea, code="CS-CHE")),
        ("unions_unit_code_format",),
    ),
    Rule(
        "a_unit_code_ending_in_a_newline",
        lambda t: (updating(t.tea, code="CS-CHE\n"), updating(t.tea, code="CS-CHE_2")),
        ("unions_unit_code_format",),
    ),
    Rule(
        "a_second_unit_with_the_same_code",
        lambda t: (
            inserting(Unit(code="CS-CHE", name="Trùng mã", kind=UnitKind.SUPERIOR, parent=t.federation, active_from=JAN_2010)),
            inserting(Unit(code="LC-X-BINHLU", name="Xã Bình Lư", kind=UnitKind.SUPERIOR, parent=t.federation, active_from=JULY_1)),
        ),
        ("unions_unit_code_key", "unions_unit.code"),
    ),
    Rule(
        "a_unit_of_an_unknown_kind",
        lambda t: (updating(t.tea, kind="union"), updating(t.tea, kind=UnitKind.SUPERIOR)),
        ("unions_unit_kind_valid",),
    ),
    Rule(
        "a_unit_in_an_unknown_sector",
        lambda t: (updating(t.tea, sector="private"), updating(t.tea, sector=Sector.FDI)),
        ("unions_unit_sector_valid",),
    ),
    Rule(
        "a_grassroots_union_without_a_sector",
        lambda t: (updating(t.tea, sector=""), updating(t.tam_duong, sector="")),
        ("unions_unit_grassroots_has_sector",),
    ),
    Rule(
        "fewer_than_five_founding_members",
        lambda t: (updating(t.tea, founding_members=4), updating(t.tea, founding_members=5)),
        ("unions_unit_founding_members_min_5",),
    ),
    Rule(
        "a_negative_number_of_founding_members",
        lambda t: (updating(t.tea, founding_members=-1), updating(t.tea, founding_members=None)),
        # A plain IntegerField: no implicit "founding_members >= 0" CHECK any more, the named rule refuses.
        ("unions_unit_founding_members_min_5",),
    ),
    Rule(
        "a_unit_that_ends_before_it_starts",
        lambda t: (updating(t.tea, active_to=JAN_2010 - datetime.timedelta(days=1)), updating(t.tea, active_to=JAN_2010)),
        ("unions_unit_active_dates_ordered",),
    ),
    Rule(
        "a_superior_union_without_a_parent",
        lambda t: (updating(t.tam_duong, parent=None), updating(t.tam_duong, parent=t.federation)),
        ("unions_unit_parent_by_kind",),
    ),
    Rule(
        "a_grassroots_union_without_a_parent",
        lambda t: (updating(t.tea, parent=None), updating(t.tea, parent=t.phong_tho)),
        ("unions_unit_parent_by_kind",),
    ),
    Rule(
        "a_confederation_with_a_parent",
        lambda t: (updating(t.federation, kind=UnitKind.CONFEDERATION, parent=t.tam_duong),
                   updating(t.federation, kind=UnitKind.CONFEDERATION, parent=None)),
        ("unions_unit_parent_by_kind",),
    ),
    Rule(
        "a_successor_for_a_unit_still_active",
        lambda t: (
            updating(t.school, successor=t.tea),
            updating(t.school, successor=t.tea, active_to=JUNE_30),
        ),
        ("unions_unit_successor_needs_end",),
    ),
    # Placement
    Rule(
        "a_placement_that_ends_before_it_starts",
        lambda t: (
            updating(t.tea_placement, valid_to=JAN_2010 - datetime.timedelta(days=1)),
            updating(t.tea_placement, valid_to=JAN_2010),
        ),
        ("unions_placement_dates_ordered",),
    ),
    Rule(
        "two_placements_of_a_unit_starting_the_same_day",
        lambda t: (
            inserting(Placement(unit=t.tea, parent=t.phong_tho, valid_from=JAN_2010, valid_to=JUNE_30)),
            inserting(Placement(unit=t.tea, parent=t.phong_tho, valid_from=datetime.date(2005, 1, 1), valid_to=datetime.date(2009, 12, 31))),
        ),
        ("unions_placement_one_per_day", "unions_placement.unit_id, unions_placement.valid_from"),
    ),
    Rule(
        "two_open_placements_of_a_unit",
        lambda t: (
            inserting(Placement(unit=t.tea, parent=t.tan_phong, valid_from=JULY_1)),
            both(
                updating(t.tea_placement, valid_to=JUNE_30),
                inserting(Placement(unit=t.tea, parent=t.tan_phong, valid_from=JULY_1)),
            ),
        ),
        ("unions_placement_one_open", "unions_placement.unit_id"),
    ),
    # Role
    Rule(
        "a_role_of_an_unknown_kind",
        lambda t: (updating(t.tea_role, role="admin"), updating(t.tea_role, role=RoleKind.VIEWER)),
        ("unions_role_role_valid",),
    ),
    Rule(
        "the_same_role_twice_for_a_user_on_a_unit",
        lambda t: (
            inserting(Role(user=t.reporter, unit=t.tea, role=RoleKind.REPORTER)),
            inserting(Role(user=t.reporter, unit=t.school, role=RoleKind.REPORTER)),
        ),
        ("unions_role_unique", "unions_role.user_id, unions_role.unit_id, unions_role.role"),
    ),
]


@pytest.mark.parametrize("rule", [pytest.param(rule, id=rule.id) for rule in DB_RULES])
def test_the_database_refuses(tree, rule):
    bad, _good = rule.build(tree)
    with pytest.raises(IntegrityError) as refusal, transaction.atomic():
        bad()
    assert any(name in str(refusal.value) for name in rule.mentions), str(refusal.value)


@pytest.mark.parametrize("rule", [pytest.param(rule, id=rule.id) for rule in DB_RULES])
def test_the_database_accepts_the_row_that_keeps_the_rule_instead_of(tree, rule):
    _bad, good = rule.build(tree)
    with transaction.atomic():
        assert good()


# --- 2. the user sees why: the Unit admin ----------------------------------


VALID_NEW_UNIT = {
    "code": "CS-THUYDIEN",
    "name": "CĐCS Công ty Thủy điện Nậm Na",
    "kind": UnitKind.GRASSROOTS,
    "active_from": "01/07/2025",
    "sector": Sector.NON_STATE,
    "recognition_decision": "125/QĐ-LĐLĐ",
    "recognition_date": "01/07/2025",
    "founding_members": "27",
}

UNIT_ADD_CASES = [
    pytest.param(lambda t: {"code": "cđcs-thủy-điện"}, CODE_FORMAT, id="a_code_with_lowercase_accented_letters"),
    pytest.param(lambda t: {"code": "CS THUY DIEN"}, CODE_FORMAT, id="a_code_with_spaces"),
    pytest.param(lambda t: {"code": "ＣＳ-ＴＨＵＹＤＩＥＮ"}, CODE_FORMAT, id="a_code_in_full_width_letters"),
    pytest.param(lambda t: {"code": "CS-CHE"}, CODE_TAKEN, id="a_code_already_taken"),
    pytest.param(lambda t: {"kind": "union"}, not_a_choice("union"), id="an_unknown_kind"),
    pytest.param(lambda t: {"sector": "private"}, not_a_choice("private"), id="an_unknown_sector"),
    pytest.param(lambda t: {"sector": ""}, GRASSROOTS_NEEDS_SECTOR, id="a_grassroots_union_without_a_sector"),
    pytest.param(lambda t: {"founding_members": "4"}, FOUNDING_MIN_5, id="fewer_than_five_founding_members"),
    pytest.param(lambda t: {"founding_members": "0"}, FOUNDING_MIN_5, id="no_founding_members"),
    pytest.param(lambda t: {"founding_members": "-1"}, FOUNDING_MIN_5, id="a_negative_number_of_founding_members"),
    pytest.param(lambda t: {"active_to": "30/06/2025"}, ACTIVE_DATES, id="an_end_before_the_start"),
    pytest.param(
        lambda t: {"kind": UnitKind.SUPERIOR, "parent": "", "sector": ""}, PARENT_BY_KIND, id="a_superior_union_without_a_parent"
    ),
    pytest.param(lambda t: {"parent": ""}, PARENT_BY_KIND, id="a_grassroots_union_without_a_parent"),
    pytest.param(
        lambda t: {"kind": UnitKind.FEDERATION, "sector": "", "parent": t.federation.pk},
        FEDERATION_UNDER,
        id="a_federation_under_another_federation",
    ),
    pytest.param(
        lambda t: {"kind": UnitKind.SUPERIOR, "sector": "", "parent": t.confederation.pk},
        FEDERATION_UNDER,
        id="a_superior_union_under_the_confederation",
    ),
    pytest.param(lambda t: {"successor": t.tea.pk}, SUCCESSOR_NEEDS_END, id="a_successor_for_a_unit_still_active"),
]


@pytest.mark.parametrize(("changes", "message"), UNIT_ADD_CASES)
def test_the_unit_admin_refuses_a_new_unit_with(admin_client, tree, changes, message):
    units, placements = Unit.objects.count(), Placement.objects.count()
    response = unit_add(admin_client, {**VALID_NEW_UNIT, "parent": tree.tan_phong.pk, **changes(tree)})
    assert_refused_with(response, message)
    assert (Unit.objects.count(), Placement.objects.count()) == (units, placements)


def test_the_unit_admin_saves_a_valid_new_grassroots_union_and_its_first_placement(admin_client, tree):
    response = unit_add(admin_client, {**VALID_NEW_UNIT, "parent": tree.tan_phong.pk, "enterprise": tree.enterprise.pk})
    assert response.status_code == 302, errors_shown(response)
    unit = Unit.objects.get(code="CS-THUYDIEN")
    assert (unit.parent, unit.sector, unit.founding_members, unit.enterprise) == (
        tree.tan_phong,
        Sector.NON_STATE,
        27,
        tree.enterprise,
    )
    assert list(unit.placements.values_list("parent", "valid_from", "valid_to")) == [(tree.tan_phong.pk, JULY_1, None)]


def test_the_unit_admin_saves_a_union_founded_with_exactly_five_members(admin_client, tree):
    response = unit_add(admin_client, {**VALID_NEW_UNIT, "parent": tree.tan_phong.pk, "founding_members": "5"})
    assert response.status_code == 302, errors_shown(response)
    assert Unit.objects.get(code="CS-THUYDIEN").founding_members == 5


UNIT_CHANGE_CASES = [
    pytest.param({"founding_members": "3"}, FOUNDING_MIN_5, id="fewer_than_five_founding_members"),
    pytest.param({"founding_members": "-5"}, FOUNDING_MIN_5, id="a_negative_number_of_founding_members"),
    pytest.param({"sector": ""}, GRASSROOTS_NEEDS_SECTOR, id="no_sector"),
    pytest.param({"active_to": "31/12/2009"}, ACTIVE_DATES, id="an_end_before_the_start"),
    pytest.param({"code": "CS-THCS"}, CODE_TAKEN, id="the_code_of_another_unit"),
    pytest.param({"code": "cs-che"}, CODE_FORMAT, id="a_lowercase_code"),
]


@pytest.mark.parametrize(("changes", "message"), UNIT_CHANGE_CASES)
def test_the_unit_admin_refuses_to_give_an_existing_union(admin_client, tree, changes, message):
    before = Unit.objects.values().get(pk=tree.tea.pk)
    response = unit_change(admin_client, tree.tea, changes)
    assert_refused_with(response, message)
    assert Unit.objects.values().get(pk=tree.tea.pk) == before


def test_the_unit_admin_saves_a_valid_change_to_an_existing_union(admin_client, tree):
    response = unit_change(admin_client, tree.tea, {"founding_members": "5", "recognition_decision": "88/QĐ-LĐLĐ"})
    assert response.status_code == 302, errors_shown(response)
    tree.tea.refresh_from_db()
    assert (tree.tea.founding_members, tree.tea.recognition_decision) == (5, "88/QĐ-LĐLĐ")
    assert tree.tea.placements.count() == 1


# --- roles: the Role admin and the inline on the Unit page -----------------


def role_add(admin_client, changes: dict):
    url = "/quan-tri/unions/role/add/"
    return admin_client.post(url, admin_form_data(admin_client, url, changes))


@pytest.mark.parametrize(
    ("role", "message"),
    [
        pytest.param(RoleKind.REPORTER, ROLE_TAKEN, id="the_same_role_twice_for_a_user_on_a_unit"),
        pytest.param("admin", not_a_choice("admin"), id="an_unknown_role"),
    ],
)
def test_the_role_admin_refuses(admin_client, tree, role, message):
    roles = Role.objects.count()
    response = role_add(admin_client, {"user": tree.reporter.pk, "unit": tree.tea.pk, "role": role})
    assert_refused_with(response, message)
    assert Role.objects.count() == roles


def test_the_role_admin_saves_another_role_for_the_same_user_and_unit(admin_client, tree):
    response = role_add(admin_client, {"user": tree.reporter.pk, "unit": tree.tea.pk, "role": RoleKind.VIEWER})
    assert response.status_code == 302, errors_shown(response)
    assert set(Role.objects.filter(user=tree.reporter, unit=tree.tea).values_list("role", flat=True)) == {
        RoleKind.REPORTER,
        RoleKind.VIEWER,
    }


ROLE_PAGES = [
    pytest.param(lambda t: f"/quan-tri/unions/unit/{t.tea.pk}/change/", id="the_unit_page"),
    pytest.param(lambda t: f"/quan-tri/auth/user/{t.reporter.pk}/change/", id="the_user_page"),
]


def _role_rows_added(admin_client, url: str, *, user, unit: Unit, roles: list[str]) -> dict:
    """The page at ``url`` posted untouched, plus one new row in its role inline per role in ``roles``."""
    response = admin_client.get(url)
    (prefix,) = [inline.formset.prefix for inline in response.context["inline_admin_formsets"] if inline.formset.model is Role]
    data = admin_form_data(admin_client, url, {})
    rows = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(rows + len(roles))
    for row, role in enumerate(roles, start=rows):
        data.update(
            {
                f"{prefix}-{row}-id": "",
                f"{prefix}-{row}-unit": str(unit.pk),
                f"{prefix}-{row}-user": str(user.pk),
                f"{prefix}-{row}-role": role,
            }
        )
    return data


@pytest.mark.parametrize("url_of", ROLE_PAGES)
def test_the_role_inline_refuses_a_role_the_user_already_has_on(admin_client, tree, url_of):
    url = url_of(tree)
    response = admin_client.post(url, _role_rows_added(admin_client, url, user=tree.reporter, unit=tree.tea, roles=[RoleKind.REPORTER]))
    assert_refused_with(response, ROLE_TAKEN)
    assert list(Role.objects.filter(unit=tree.tea).values_list("user", "role")) == [(tree.reporter.pk, RoleKind.REPORTER)]


@pytest.mark.parametrize("url_of", ROLE_PAGES)
def test_the_role_inline_refuses_the_same_new_role_typed_on_two_rows_of(admin_client, tree, url_of):
    url = url_of(tree)
    data = _role_rows_added(admin_client, url, user=tree.reporter, unit=tree.tea, roles=[RoleKind.VIEWER, RoleKind.VIEWER])
    response = admin_client.post(url, data)
    assert_refused_with(response, ROLE_TAKEN)
    assert not Role.objects.filter(unit=tree.tea, role=RoleKind.VIEWER).exists()


@pytest.mark.parametrize("url_of", ROLE_PAGES)
def test_the_role_inline_saves_a_new_role_on(admin_client, tree, url_of):
    url = url_of(tree)
    response = admin_client.post(url, _role_rows_added(admin_client, url, user=tree.reporter, unit=tree.tea, roles=[RoleKind.VIEWER]))
    assert response.status_code == 302, errors_shown(response)
    assert set(Role.objects.filter(unit=tree.tea).values_list("role", flat=True)) == {RoleKind.REPORTER, RoleKind.VIEWER}


# --- enterprises ------------------------------------------------------------


VALID_ENTERPRISE = {
    "name": "Công ty TNHH Thủy điện Nậm Na",
    "sector": Sector.NON_STATE,
    "commune": "Phường Tân Phong",
    "employees": "64",
}


def enterprise_add(admin_client, changes: dict):
    url = "/quan-tri/unions/enterprise/add/"
    return admin_client.post(url, admin_form_data(admin_client, url, {**VALID_ENTERPRISE, **changes}))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"tax_code": "620012345"}, TAX_CODE_FORMAT, id="nine_digits"),
        pytest.param({"tax_code": "62001234567"}, TAX_CODE_FORMAT, id="eleven_digits"),
        pytest.param({"tax_code": "620012345A"}, TAX_CODE_FORMAT, id="a_letter"),
        pytest.param({"tax_code": "6200123456001"}, TAX_CODE_FORMAT, id="a_branch_without_its_dash"),
        pytest.param({"tax_code": "6200123456-01"}, TAX_CODE_FORMAT, id="a_branch_of_two_digits"),
        pytest.param({"tax_code": "6200123456_001"}, TAX_CODE_FORMAT, id="a_branch_after_an_underscore"),
        pytest.param({"tax_code": "6200123456"}, TAX_CODE_TAKEN, id="a_tax_code_already_taken"),
        pytest.param(
            {"tax_code": "6200765432", "employees": "-1"}, EMPLOYEES_NONNEGATIVE, id="a_negative_number_of_employees"
        ),
        pytest.param({"tax_code": "6200765432", "sector": "private"}, not_a_choice("private"), id="an_unknown_sector"),
        # \d would take any Unicode digit: an IME's full-width digits, Arabic-Indic ones.
        pytest.param({"tax_code": "６２００７６５４３２"}, TAX_CODE_FORMAT, id="full_width_digits"),
        pytest.param({"tax_code": "٦٢٠٠٧٦٥٤٣٢"}, TAX_CODE_FORMAT, id="arabic_indic_digits"),
        pytest.param({"tax_code": "6200765432-００１"}, TAX_CODE_FORMAT, id="a_branch_in_full_width_digits"),
    ],
)
def test_the_enterprise_admin_refuses(admin_client, tree, changes, message):
    enterprises = Enterprise.objects.count()
    response = enterprise_add(admin_client, {"unit": tree.tan_phong.pk, **changes})
    assert_refused_with(response, message)
    assert Enterprise.objects.count() == enterprises


@pytest.mark.parametrize("tax_code", ["6200765432", "6200123456-001"], ids=["a_head_office", "a_branch"])
def test_the_enterprise_admin_saves_a_valid_tax_code(admin_client, tree, tax_code):
    response = enterprise_add(admin_client, {"tax_code": tax_code, "employees": "0", "unit": tree.tan_phong.pk})
    assert response.status_code == 302, errors_shown(response)
    assert Enterprise.objects.get(tax_code=tax_code).employees == 0


# --- the field's own validator, for what the admin form strips -----------
#
# The admin's form fields strip surrounding whitespace, so a trailing newline
# only arrives from code (an import, a service). The field's validator must then
# refuse it on the field itself, as the database's CHECK does (``\Z``, not ``$``).


@pytest.mark.parametrize(
    ("obj_of", "field", "bad", "good", "message"),
    [
        pytest.param(lambda t: t.enterprise, "tax_code", "6200123456\n", "6200123456-001", TAX_CODE_FORMAT, id="a_tax_code"),
        pytest.param(lambda t: t.tea, "code", "CS-CHE\n", "CS-CHE.2025_A", CODE_FORMAT, id="a_unit_code"),
    ],
)
def test_full_clean_refuses_a_trailing_newline_on_the_field_itself_in(tree, obj_of, field, bad, good, message):
    obj = obj_of(tree)
    setattr(obj, field, bad)
    with pytest.raises(ValidationError) as refusal:
        obj.full_clean()
    assert refusal.value.message_dict.get(field) == [message], refusal.value.message_dict
    setattr(obj, field, good)
    obj.full_clean()


# --- placements: no admin form (the inline is read-only), a ModelForm ------


PlacementForm = modelform_factory(Placement, fields="__all__")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(
            lambda t: {"unit": t.school.pk, "parent": t.phong_tho.pk, "valid_from": "01/07/2025", "valid_to": "30/06/2025"},
            PLACEMENT_DATES,
            id="an_end_before_the_start",
        ),
        pytest.param(
            lambda t: {"unit": t.tea.pk, "parent": t.phong_tho.pk, "valid_from": "01/01/2010", "valid_to": "30/06/2010"},
            PLACEMENT_ONE_PER_DAY,
            id="a_second_placement_starting_the_same_day",
        ),
        pytest.param(
            lambda t: {"unit": t.tea.pk, "parent": t.tan_phong.pk, "valid_from": "01/07/2025", "valid_to": ""},
            PLACEMENT_ONE_OPEN,
            id="a_second_open_placement",
        ),
    ],
)
def test_the_placement_form_refuses(tree, row, message):
    placements = Placement.objects.count()
    form = PlacementForm(data=row(tree))
    assert not form.is_valid()
    assert message in form_errors(form)
    assert Placement.objects.count() == placements


def test_the_placement_form_saves_a_closed_placement_before_the_open_one(tree):
    form = PlacementForm(
        data={"unit": tree.tea.pk, "parent": tree.phong_tho.pk, "valid_from": "01/01/2005", "valid_to": "31/12/2009"}
    )
    assert form.is_valid(), form.errors
    form.save()
    assert list(tree.tea.placements.order_by("valid_from").values_list("parent", "valid_to")) == [
        (tree.phong_tho.pk, datetime.date(2009, 12, 31)),
        (tree.tam_duong.pk, None),
    ]


# --- moving a grassroots union in the admin --------------------------------


def placements_of(unit: Unit) -> list[tuple]:
    return list(unit.placements.order_by("valid_from").values_list("parent__code", "valid_from", "valid_to"))


def test_moving_a_grassroots_union_in_the_admin_closes_the_old_placement_the_day_before(admin_client, tree):
    response = unit_change(admin_client, tree.tea, {"parent": tree.tan_phong.pk, "moved_on": "01/07/2025"})
    assert response.status_code == 302, errors_shown(response)
    tree.tea.refresh_from_db()
    assert tree.tea.parent == tree.tan_phong
    assert tree.tea.path == f"{tree.tan_phong.path}{tree.tea.pk}/"
    assert placements_of(tree.tea) == [
        ("LC-TDUONG", JAN_2010, JUNE_30),
        ("LC-X-TPHONG", JULY_1, None),
    ]


def test_a_second_move_in_the_admin_adds_a_third_dated_placement(admin_client, tree):
    unit_move(unit=tree.tea, new_parent=tree.tan_phong, on=JULY_1)
    response = unit_change(admin_client, tree.tea, {"parent": tree.phong_tho.pk, "moved_on": "15/08/2025"})
    assert response.status_code == 302, errors_shown(response)
    assert placements_of(tree.tea) == [
        ("LC-TDUONG", JAN_2010, JUNE_30),
        ("LC-X-TPHONG", JULY_1, datetime.date(2025, 8, 14)),
        ("LC-PTHO", datetime.date(2025, 8, 15), None),
    ]


@pytest.mark.parametrize(
    ("moved_before", "new_parent", "moved_on", "message"),
    [
        pytest.param(True, "phong_tho", "30/06/2025", move_not_after("01/07/2025"), id="before_the_last_move"),
        pytest.param(True, "phong_tho", "01/07/2025", move_not_after("01/07/2025"), id="on_the_day_of_the_last_move"),
        pytest.param(False, "tan_phong", "30/06/2025", parent_not_active("30/06/2025"), id="before_the_new_parent_exists"),
        pytest.param(False, "phong_tho", "01/01/2010", move_not_after("01/01/2010"), id="on_the_day_the_union_was_placed"),
    ],
)
def test_the_admin_refuses_a_move_dated(admin_client, tree, moved_before, new_parent, moved_on, message):
    if moved_before:
        unit_move(unit=tree.tea, new_parent=tree.tan_phong, on=JULY_1)
    tree.tea.refresh_from_db()
    before = (placements_of(tree.tea), tree.tea.parent_id, tree.tea.path)
    response = unit_change(admin_client, tree.tea, {"parent": getattr(tree, new_parent).pk, "moved_on": moved_on})
    assert_refused_with(response, message)
    tree.tea.refresh_from_db()
    assert (placements_of(tree.tea), tree.tea.parent_id, tree.tea.path) == before

