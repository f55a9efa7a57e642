"""A manager's scope is the subtree of the unit their role is on. Every persona of
tests.personas that manages sits on the province, where a scope that ignored
the subtree would look right; here board, staff and viewer roles sit on one
district and must see nothing of the other one (unions/access.py, and the
figures' scope in reporting/access.py: the dashboard, the outputs, the trace)."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure, Period, PeriodKind
from reporting.access import figures_scope
from tests.factories import make_user
from tests.reporting.builders import hand_computed
from unions.access import (
    FIGURE_ROLES,
    MANAGING_ROLES,
    can_manage,
    can_report,
    can_see_figures,
    get_visible_unit_or_404,
    highest_unit,
    is_manager,
    visible_units,
)
from unions.models import RoleKind

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


@pytest.fixture
def district_roles(province):
    """Staff and a viewer on Tam Đường, a board member on Phong Thổ."""
    province.staff_td = make_user("staff-td", unit=province.tam_duong, role=RoleKind.STAFF)
    province.viewer_td = make_user("viewer-td", unit=province.tam_duong, role=RoleKind.VIEWER)
    province.board_pt = make_user("board-pt", unit=province.phong_tho, role=RoleKind.BOARD)
    return province


def codes(units) -> set[str]:
    return {u.code for u in units}


# ---------------------------------------------------------------------------
# unions/access.py


def test_district_roles_see_their_district_and_the_unions_that_stood_under_it_only(district_roles):
    p = district_roles
    # Chè and Trường stood under Tam Đường until 30/06/2025 (now under Tân Phong): still visible.
    assert codes(visible_units(p.staff_td)) == {"LC-TDUONG", "CS0001", "CS0002"}
    assert codes(visible_units(p.viewer_td)) == {"LC-TDUONG", "CS0001", "CS0002"}
    assert codes(visible_units(p.board_pt)) == {"LC-PTHO", "CS0003"}


@pytest.mark.parametrize("persona", ["staff_td", "viewer_td"])
@pytest.mark.parametrize("other", ["phong_tho", "hydro", "tan_phong", "federation"])
def test_a_tam_duong_role_gets_404_for_a_unit_outside_its_district(district_roles, persona, other):
    with pytest.raises(Http404):
        get_visible_unit_or_404(getattr(district_roles, persona), pk=getattr(district_roles, other).pk)


def test_a_district_manager_manages_and_reports_for_its_district_only(district_roles):
    p = district_roles
    assert can_manage(p.staff_td, p.tam_duong) and can_report(p.staff_td, p.tam_duong)
    for unit in (p.phong_tho, p.hydro, p.federation, p.tan_phong):
        assert not can_manage(p.staff_td, unit), unit
        assert not can_report(p.staff_td, unit), unit
    assert can_manage(p.board_pt, p.phong_tho)
    assert not can_manage(p.board_pt, p.tam_duong) and not can_manage(p.board_pt, p.tea)
    assert not can_manage(p.viewer_td, p.tam_duong) and not can_report(p.viewer_td, p.tam_duong)


def test_district_roles_are_managers_or_readers_of_figures_at_their_district(district_roles):
    p = district_roles
    assert is_manager(p.staff_td) and is_manager(p.board_pt) and not is_manager(p.viewer_td)
    assert can_see_figures(p.viewer_td) and can_see_figures(p.staff_td)
    assert highest_unit(p.staff_td, FIGURE_ROLES) == p.tam_duong
    assert highest_unit(p.board_pt, MANAGING_ROLES) == p.phong_tho
    assert highest_unit(p.viewer_td, MANAGING_ROLES) is None


def test_the_highest_of_several_roles_is_the_one_nearest_the_top(district_roles):
    from unions.services import role_assign

    p = district_roles
    role_assign(user=p.staff_td, unit=p.tea, role=RoleKind.STAFF)
    p.staff_td._union_roles_cache = None
    assert highest_unit(p.staff_td, MANAGING_ROLES) == p.tam_duong


# ---------------------------------------------------------------------------
# reporting/access.py: figures_scope


def scope_for(user, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    return request


@pytest.mark.parametrize(("persona", "unit"), [("staff_td", "tam_duong"), ("viewer_td", "tam_duong"), ("board_pt", "phong_tho")])
def test_the_figures_scope_of_a_district_role_is_its_district(district_roles, persona, unit):
    scope = figures_scope(scope_for(getattr(district_roles, persona)))
    assert scope.root == getattr(district_roles, unit)
    assert scope.campaign == district_roles.campaign


def test_a_district_viewer_may_not_open_the_managers_pages(district_roles):
    with pytest.raises(PermissionDenied):
        figures_scope(scope_for(district_roles.viewer_td), manage=True)
    assert figures_scope(scope_for(district_roles.board_pt), manage=True).root == district_roles.phong_tho


# ---------------------------------------------------------------------------
# Pages


@pytest.fixture
def figures(district_roles):
    """The hand-computed province: Tam Đường 18 new members in May (9 women; Chè 10 + 3,
    Trường 5), Phong Thổ 6; the province 37."""
    hand_computed(district_roles)
    return district_roles


def members(figures_list):
    return next((f.target, f.achieved, f.women) for f in figures_list if f.measure == Measure.NEW_MEMBERS)


@pytest.mark.parametrize("persona", ["staff_td", "viewer_td"])
def test_the_dashboard_of_a_tam_duong_role_holds_tam_duong_only(client, figures, persona):
    client.force_login(getattr(figures, persona))
    response = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW})
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.root == figures.tam_duong
    assert members(stats.whole) == (120, 18, 9)
    may, july = stats.waves
    assert [r.unit.code for r in may.units] == ["LC-TDUONG"]
    assert members(may.figures) == (120, 18, 9)
    assert july.units == [] and members(july.figures)[1] == 0
    page = response.content.decode()
    assert "LĐLĐ huyện Phong Thổ" not in page and "Công đoàn phường Tân Phong" not in page


def test_the_dashboard_of_a_phong_tho_board_member_holds_phong_tho_only(client, figures):
    client.force_login(figures.board_pt)
    stats = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW}).context["stats"]
    assert stats.root == figures.phong_tho
    assert members(stats.whole) == (80, 6, 0)
    assert [r.unit.code for r in stats.waves[0].units] == ["LC-PTHO"]


@pytest.mark.parametrize("other", ["phong_tho", "federation", "tan_phong"])
def test_drilling_down_to_another_district_is_a_404(client, figures, other):
    client.force_login(figures.staff_td)
    response = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW, "unit": getattr(figures, other).pk})
    assert response.status_code == 404


@pytest.mark.parametrize("other", ["phong_tho", "hydro"])
def test_another_districts_unit_page_is_a_404(client, figures, other):
    client.force_login(figures.staff_td)
    assert client.get(reverse("unions:unit_detail", args=[getattr(figures, other).pk])).status_code == 404
    assert client.get(reverse("unions:unit_detail", args=[figures.tam_duong.pk])).status_code == 200


def test_another_districts_report_and_table_are_a_404(client, figures):
    client.force_login(figures.staff_td)
    may_week4 = Period.objects.get(campaign=figures.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 5, 19))
    assert client.get(reverse("reporting:report", args=[figures.phong_tho.pk, may_week4.pk])).status_code == 404
    assert client.get(reverse("reporting:unit_synthesis_xlsx", args=[figures.phong_tho.pk])).status_code == 404
    assert client.get(reverse("reporting:figure_lines"), {"unit": figures.phong_tho.pk}).status_code == 404


def test_the_trace_of_a_district_roles_figures_lists_its_lines_only(client, figures):
    client.force_login(figures.staff_td)
    response = client.get(reverse("reporting:figure_lines"), {"as_of": TOMORROW})
    assert response.status_code == 200
    lines = list(response.context["page"])
    assert {line.unit.code for line in lines} == {"LC-TDUONG"}
    assert sum(line.values["new_members"] for line in lines) == 18


def test_the_synthesis_table_of_a_district_role_has_its_district_only(client, figures):
    client.force_login(figures.staff_td)
    xlsx = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": TOMORROW})
    assert xlsx.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    labels = [r[1].value for r in ws.iter_rows(min_row=7) if r[1].value]
    assert "LĐLĐ huyện Tam Đường" in labels
    assert not {"LĐLĐ huyện Phong Thổ", "Công đoàn phường Tân Phong", "Liên đoàn Lao động tỉnh Lai Châu"} & set(labels)
    total = next(r for r in ws.iter_rows(min_row=7) if r[1].value == "TỔNG CỘNG TOÀN TỈNH")
    # C target, D wave 1, E wave 2, F total, G women
    assert [c.value for c in total[2:7]] == [120, 18, 0, 18, 9]


# ---------------------------------------------------------------------------
# Survivors of mutmut over unions/access.py


def test_the_units_managed_are_those_of_the_managing_roles_inside_a_tree(district_roles):
    from unions.access import managed_roots

    p = district_roles
    assert managed_roots(p.staff_td) == [p.tam_duong]
    assert managed_roots(p.viewer_td) == []
    assert managed_roots(p.viewer_td, FIGURE_ROLES) == [p.tam_duong]
    assert managed_roots(p.staff_td, within=p.federation) == [p.tam_duong]
    assert managed_roots(p.staff_td, within=p.phong_tho) == []
    superuser = make_user("root", is_superuser=True)
    assert managed_roots(superuser) == []
    assert managed_roots(superuser, within=p.federation) == [p.federation]


def test_the_highest_unit_is_the_least_deep_even_when_its_path_sorts_after(district_roles):
    """Staff on a union under Sìn Hồ (/LC/Sìn Hồ/union/) and on Than Uyên (/LC/Than Uyên/):
    Than Uyên is higher, though its path sorts after the union's."""
    from tests.factories import make_grassroots, make_superior
    from unions.services import role_assign

    p = district_roles
    sin_ho = make_superior(p.federation, name="LĐLĐ huyện Sìn Hồ", code="LC-SHO")
    than_uyen = make_superior(p.federation, name="LĐLĐ huyện Than Uyên", code="LC-TUYEN")
    union = make_grassroots(sin_ho, name="CĐCS Trường THPT Sìn Hồ", code="CS0009")
    assert union.path < than_uyen.path  # the precondition that makes the depth matter
    user = make_user("staff-two", unit=union, role=RoleKind.STAFF)
    role_assign(user=user, unit=than_uyen, role=RoleKind.STAFF)
    assert highest_unit(user, MANAGING_ROLES) == than_uyen
    assert highest_unit(user) == than_uyen
    assert highest_unit(p.outsider) is None
    assert highest_unit(p.viewer_td, FIGURE_ROLES) == p.tam_duong


def test_the_unit_a_start_page_is_about(district_roles):
    from unions.access import highest_unit_seen

    p = district_roles
    assert highest_unit_seen(p.staff_td) == p.tam_duong
    assert highest_unit_seen(p.viewer_td) == p.tam_duong
    assert highest_unit_seen(p.reporter_tam_duong) == p.tam_duong
    assert highest_unit_seen(p.board) == p.federation
    assert highest_unit_seen(p.outsider) is None
    assert highest_unit_seen(make_user("root", is_superuser=True)) == p.federation


def test_roles_on_two_districts_see_both(district_roles):
    from unions.services import role_assign

    p = district_roles
    role_assign(user=p.staff_td, unit=p.phong_tho, role=RoleKind.STAFF)
    p.staff_td._union_roles_cache = None
    assert codes(visible_units(p.staff_td)) == {"LC-TDUONG", "CS0001", "CS0002", "LC-PTHO", "CS0003"}
    assert can_manage(p.staff_td, p.phong_tho) and not can_manage(p.staff_td, p.tan_phong)


def test_a_unit_stands_within_its_province_also_under_the_confederation(district_roles):
    import datetime

    from unions.access import is_within, path_ids
    from unions.models import Unit, UnitKind

    p = district_roles
    assert path_ids(p.tea) == [p.federation.pk, p.tea.parent_id, p.tea.pk]
    confederation = Unit.objects.create(code="TLD", name="Tổng Liên đoàn Lao động Việt Nam",
                                        kind=UnitKind.CONFEDERATION, active_from=datetime.date(1929, 7, 28))
    p.federation.parent = confederation
    p.federation.save()
    p.tea.refresh_from_db()
    assert path_ids(p.tea) == [confederation.pk, p.federation.pk, p.tea.parent_id, p.tea.pk]
    assert is_within(p.tea, p.federation.pk) and is_within(p.tea, confederation.pk)
    assert not is_within(p.federation, p.tea.parent_id)
