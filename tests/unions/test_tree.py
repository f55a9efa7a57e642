"""The tree: materialised paths, dated moves and the 01/07/2025 restructuring."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_federation, make_grassroots, make_superior
from unions.models import Placement, Unit, UnitKind
from unions.selectors import children_on, parent_on, units_under_on
from unions.services import unit_move

MAY = datetime.date(2025, 5, 15)
JULY = datetime.date(2025, 7, 15)


def test_a_grassroots_union_is_under_its_district_in_may_and_its_ward_in_july(province):
    assert parent_on(province.tea, MAY) == province.tam_duong
    assert parent_on(province.tea, JULY) == province.tan_phong
    assert parent_on(province.hydro, JULY) == province.federation


def test_the_units_under_a_district_are_dated(province):
    assert set(units_under_on(province.tam_duong, MAY)) == {province.tea, province.school}
    assert set(units_under_on(province.tam_duong, JULY)) == set()
    assert set(children_on(province.tan_phong, JULY)) == {province.tea, province.school}
    assert set(children_on(province.tan_phong, MAY)) == set()


def test_the_province_reports_through_districts_in_may_and_wards_in_july(province):
    lc = province.federation
    assert set(children_on(lc, MAY, kind=UnitKind.SUPERIOR)) == {province.tam_duong, province.phong_tho}
    assert set(children_on(lc, JULY, kind=UnitKind.SUPERIOR)) == {province.tan_phong}
    assert set(children_on(lc, JULY, kind=UnitKind.GRASSROOTS)) == {province.hydro}


def test_a_move_keeps_the_old_placement_closed_the_day_before(province):
    rows = list(Placement.objects.filter(unit=province.tea).order_by("valid_from").values_list("parent__code", "valid_from", "valid_to"))
    assert rows == [
        ("LC-TDUONG", datetime.date(2010, 1, 1), datetime.date(2025, 6, 30)),
        ("LC-X-TPHONG", datetime.date(2025, 7, 1), None),
    ]


def test_everything_under_a_unit_is_one_query_on_the_materialised_path(province):
    lc = Unit.objects.get(pk=province.federation.pk)
    with CaptureQueriesContext(connection) as ctx:
        codes = set(Unit.objects.under(lc).values_list("code", flat=True))
    assert len(ctx.captured_queries) == 1
    assert codes == {"LC", "LC-TDUONG", "LC-PTHO", "LC-X-TPHONG", "CS0001", "CS0002", "CS0003"}
    ward = Unit.objects.get(pk=province.tan_phong.pk)
    assert set(Unit.objects.under(ward, include_self=False).values_list("code", flat=True)) == {"CS0001", "CS0002"}


def test_moving_a_unit_rewrites_the_paths_below_it(db):
    lc = make_federation()
    a = make_superior(lc, name="A")
    b = make_superior(lc, name="B")
    inner = make_superior(a, name="Khối trong A")
    leaf = make_grassroots(inner)
    unit_move(unit=inner, new_parent=b, on=datetime.date(2025, 7, 1))
    leaf.refresh_from_db()
    inner.refresh_from_db()
    assert inner.path.startswith(Unit.objects.get(pk=b.pk).path)
    assert leaf.path == f"{inner.path}{leaf.pk}/"
    assert list(Unit.objects.under(a, include_self=False)) == []


def test_a_move_on_or_before_the_last_move_is_refused_in_vietnamese(province):
    with pytest.raises(ValidationError) as exc:
        unit_move(unit=province.tea, new_parent=province.federation, on=datetime.date(2025, 7, 1))
    assert "Ngày chuyển phải sau ngày 01/07/2025" in str(exc.value)
    assert parent_on(province.tea, JULY) == province.tan_phong


def test_a_move_under_a_unit_not_active_that_day_is_refused(province):
    with pytest.raises(ValidationError) as exc:
        unit_move(unit=province.tea, new_parent=province.tam_duong, on=datetime.date(2025, 8, 1))
    assert "không hoạt động vào ngày 01/08/2025" in str(exc.value)


def test_a_unit_cannot_move_below_itself(db):
    lc = make_federation()
    a = make_superior(lc, name="A")
    inner = make_superior(a, name="B")
    with pytest.raises(ValidationError):
        unit_move(unit=a, new_parent=inner, on=datetime.date(2025, 7, 1))


def test_a_dissolved_district_stands_nowhere_after_its_last_day(province):
    assert parent_on(province.tam_duong, MAY) == province.federation
    assert parent_on(province.tam_duong, JULY) is None


def test_a_unit_cannot_be_dissolved_while_units_still_stand_under_it(db):
    from unions.services import unit_dissolve

    lc = make_federation()
    district = make_superior(lc, name="LĐLĐ huyện Sìn Hồ")
    make_grassroots(district)
    with pytest.raises(ValidationError) as exc:
        unit_dissolve(unit=district, on=datetime.date(2025, 6, 30))
    assert "Còn 1 đơn vị trực thuộc sau ngày 30/06/2025" in str(exc.value)
    district.refresh_from_db()
    assert district.active_to is None


def test_a_unit_cannot_be_created_under_a_parent_that_is_not_active_yet(province):
    with pytest.raises(ValidationError) as exc:
        make_grassroots(province.tan_phong, active_from=datetime.date(2025, 5, 10))
    assert "không hoạt động vào ngày 10/05/2025" in str(exc.value)


def test_a_dissolved_unit_cannot_be_moved_after_its_last_day(province):
    with pytest.raises(ValidationError) as exc:
        unit_move(unit=province.tam_duong, new_parent=province.federation, on=datetime.date(2025, 8, 1))
    assert "Đơn vị không hoạt động vào ngày 01/08/2025" in str(exc.value)


def test_setting_an_unchanged_target_writes_no_history(province):
    from campaign.models import Measure, Target
    from campaign.services import target_set

    wave1 = province.campaign.waves.get(number=1)
    before = Target.history.count()
    target_set(campaign=province.campaign, unit=province.tam_duong, measure=Measure.NEW_MEMBERS, value=120, wave=wave1)
    assert Target.history.count() == before
    target_set(campaign=province.campaign, unit=province.tam_duong, measure=Measure.NEW_MEMBERS, value=130, wave=wave1)
    assert Target.history.count() == before + 1
