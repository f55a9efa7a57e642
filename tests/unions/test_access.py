"""Access scoping: what each persona may see of the tree (HTTP)."""

import pytest
from django.urls import reverse

from unions.access import can_manage, can_report, visible_units


def _detail(unit):
    return reverse("unions:unit_detail", args=[unit.pk])


def test_anonymous_visitors_are_sent_to_the_login_page(client, province):
    response = client.get(_detail(province.tea))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_reporter_sees_their_unit_and_its_grassroots_unions(client, province):
    client.force_login(province.reporter_tam_duong)
    for unit in (province.tam_duong, province.tea, province.school):
        assert client.get(_detail(unit)).status_code == 200


@pytest.mark.parametrize("name", ["phong_tho", "hydro", "tan_phong", "federation"])
def test_a_reporter_of_one_unit_gets_404_for_another_units_page(client, province, name):
    client.force_login(province.reporter_tam_duong)
    assert client.get(_detail(getattr(province, name))).status_code == 404


def test_a_ward_reporter_sees_the_grassroots_unions_that_moved_to_it_but_not_the_old_district(client, province):
    client.force_login(province.reporter_tan_phong)
    assert client.get(_detail(province.tea)).status_code == 200
    assert client.get(_detail(province.tam_duong)).status_code == 404
    assert client.get(_detail(province.hydro)).status_code == 404


def test_a_user_with_no_role_sees_no_unit(client, province):
    client.force_login(province.outsider)
    assert client.get(_detail(province.tea)).status_code == 404
    assert not visible_units(province.outsider).exists()


@pytest.mark.parametrize("persona", ["board", "staff", "viewer"])
def test_province_roles_see_every_unit(client, province, persona):
    client.force_login(getattr(province, persona))
    for unit in (province.federation, province.tam_duong, province.tan_phong, province.hydro, province.tea):
        assert client.get(_detail(unit)).status_code == 200


def test_only_board_and_staff_manage_and_only_own_reporters_report(province):
    assert can_manage(province.board, province.tea)
    assert can_manage(province.staff, province.tam_duong)
    assert not can_manage(province.viewer, province.tea)
    assert not can_manage(province.reporter_tam_duong, province.tam_duong)
    assert can_report(province.reporter_tam_duong, province.tam_duong)
    assert not can_report(province.reporter_tam_duong, province.phong_tho)
    assert not can_report(province.viewer, province.tam_duong)


def test_the_unit_page_shows_the_dated_history_of_its_parents(client, province):
    client.force_login(province.board)
    page = client.get(_detail(province.tea)).content.decode()
    assert "LĐLĐ huyện Tam Đường" in page and "Công đoàn phường Tân Phong" in page
    assert "01/07/2025" in page and "30/06/2025" in page
