"""A province within the confederation: with every province in one app, a
province's board keeps its own master data and sees nothing of another province's — its
lists, its objects' pages and history, the choices of a foreign key, of an autocomplete
and of a list filter. The confederation's managers see every province; a superuser all.
Every page's top bar names the user's own unit."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from campaign.models import Measure, Target, TargetScope
from tests.factories import (
    make_campaign_2025,
    make_confederation,
    make_federation,
    make_grassroots,
    make_superior,
    make_user,
)
from tests.reporting.builders import file_week
from tests.test_permissions import BOARD_GROUP_NAME, _board_group_permissions
from unions.models import RoleKind, Sector, Unit


@pytest.fixture
def nation(province):
    """Lai Châu (the personas' province, its board in the admin group) and Điện Biên (one
    district, one union, its campaign and a submitted week; its board in the group too),
    both under the confederation, whose staff are in the group as well."""
    group = Group.objects.create(name=BOARD_GROUP_NAME)
    group.permissions.set(_board_group_permissions())
    federation = make_federation(name="Liên đoàn Lao động tỉnh Điện Biên", code="DB")
    muong_nhe = make_superior(federation, name="LĐLĐ huyện Mường Nhé", code="DB-MNHE")
    make_grassroots(muong_nhe, name="CĐCS Công ty Cà phê Mường Nhé", code="DB0001", sector=Sector.FDI)
    campaign = make_campaign_2025(federation)
    campaign.name = "Tháng cao điểm Điện Biên 2025"
    campaign.save()
    board = make_user("dien.bien", unit=federation, role=RoleKind.BOARD, is_staff=True)
    file_week(SimpleNamespace(campaign=campaign), muong_nhe, datetime.date(2025, 5, 13), board,
              DB0001={"new_members": 9})
    confederation = make_confederation()
    for top in (province.federation, federation):
        top.parent = confederation
        top.save()
    national_staff = make_user("tong.ld", unit=confederation, role=RoleKind.STAFF, is_staff=True)
    for user in (province.board, board, national_staff):
        user.groups.add(group)
    return SimpleNamespace(lai_chau=province, federation=federation, muong_nhe=muong_nhe, campaign=campaign,
                           board=board, national_staff=national_staff)


def _page(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def test_a_provinces_board_lists_only_its_own_units_roles_and_people(client, nation):
    units = _page(client, nation.board, "admin:unions_unit_changelist").content.decode()
    assert "LĐLĐ huyện Mường Nhé" in units and "CĐCS Công ty Cà phê Mường Nhé" in units
    assert "Tam Đường" not in units and "Lai Châu" not in units
    assert Unit.objects.filter(path__startswith=nation.lai_chau.federation.path).count() > 5
    roles = _page(client, nation.board, "admin:unions_role_changelist").content.decode()
    assert "dien.bien" in roles and "alice" not in roles and "bob" not in roles
    people = _page(client, nation.board, "admin:auth_user_changelist").content.decode()
    assert "dien.bien" in people and "alice" not in people and "tong.ld" not in people


def test_another_provinces_unit_does_not_exist_for_a_board_nor_its_history(client, nation):
    tam_duong = nation.lai_chau.tam_duong
    change = _page(client, nation.board, "admin:unions_unit_change", tam_duong.pk)
    assert change.status_code == 302  # the admin's "no such object" (back to the admin's index)
    history = _page(client, nation.board, "admin:unions_unit_history", tam_duong.pk)
    assert history.status_code == 403 and "Tam Đường" not in history.content.decode()
    # Its own unit's pages open.
    assert _page(client, nation.board, "admin:unions_unit_change", nation.muong_nhe.pk).status_code == 200
    assert _page(client, nation.board, "admin:unions_unit_history", nation.muong_nhe.pk).status_code == 200


def test_the_parent_autocomplete_offers_only_the_provinces_units(client, nation):
    response = _page(client, nation.board, "admin:autocomplete", app_label="unions", model_name="unit",
                     field_name="parent", term="")
    names = {row["text"] for row in response.json()["results"]}
    assert "LĐLĐ huyện Mường Nhé" in names and "Liên đoàn Lao động tỉnh Điện Biên" in names
    assert not any("Lai Châu" in name or "Tam Đường" in name for name in names)


def test_a_target_in_another_provinces_campaign_is_refused_and_nothing_is_saved(client, nation):
    form = _page(client, nation.board, "admin:campaign_target_add").content.decode()
    assert "Tháng cao điểm Điện Biên 2025" in form and nation.lai_chau.campaign.name not in form
    before = Target.objects.count()
    response = client.post(reverse("admin:campaign_target_add"), {
        "campaign": nation.lai_chau.campaign.pk, "unit": nation.muong_nhe.pk, "scope": TargetScope.TOTAL,
        "measure": Measure.NEW_MEMBERS, "value": 40,
    })
    assert response.status_code == 200
    assert "Hãy chọn" in response.content.decode() or "Select a valid choice" in response.content.decode()
    assert Target.objects.count() == before


def test_the_lists_filters_offer_only_the_provinces_campaigns(client, nation):
    # Lai Châu's campaign would be a second choice of the campaign filter (shown from two).
    page = _page(client, nation.board, "admin:reporting_report_changelist").content.decode()
    assert "LĐLĐ huyện Mường Nhé" in page
    assert nation.lai_chau.campaign.name not in page and "Tam Đường" not in page
    campaigns = _page(client, nation.board, "admin:campaign_campaign_changelist").content.decode()
    assert "Tháng cao điểm Điện Biên 2025" in campaigns and nation.lai_chau.campaign.name not in campaigns


def test_the_confederations_staff_see_every_province_and_lai_chau_its_own(client, nation):
    national = _page(client, nation.national_staff, "admin:unions_unit_changelist", all="").content.decode()
    assert "LĐLĐ huyện Mường Nhé" in national and "Tam Đường" in national
    lai_chau = _page(client, nation.lai_chau.board, "admin:unions_unit_changelist").content.decode()
    assert "Tam Đường" in lai_chau and "Mường Nhé" not in lai_chau


def test_the_top_bar_names_the_users_own_province(client, nation):
    """Every page's top bar names the unit the user works for — not Lai Châu for everyone."""
    def brand(user):
        client.force_login(user)
        page = client.get(reverse("account")).content.decode()
        return page.split('class="brand"')[1].split("</a>")[0]

    assert "Liên đoàn Lao động tỉnh Điện Biên" in brand(nation.board) and "Lai Châu" not in brand(nation.board)
    assert "Lai Châu" in brand(nation.lai_chau.board)
    assert "Tổng Liên đoàn" in brand(nation.national_staff)
    client.logout()
    login = client.get(reverse("login")).content.decode().split('class="brand"')[1].split("</a>")[0]
    assert "Công đoàn Việt Nam" in login


def test_a_provinces_managers_see_only_their_provinces_export_jobs(client, nation):
    """Given the right to read the jobs, Điện Biên's board lists its own province's export
    jobs, not Lai Châu's."""
    from django.contrib.auth.models import Permission

    from jobs.models import ExportJob, ExportKind

    nation.board.user_permissions.add(Permission.objects.get(codename="view_exportjob"))
    ExportJob.objects.create(requested_by=nation.lai_chau.board, kind=ExportKind.SYNTHESIS_XLSX, params={})
    ExportJob.objects.create(requested_by=nation.board, kind=ExportKind.SYNTHESIS_XLSX, params={})
    page = _page(client, nation.board, "admin:jobs_exportjob_changelist").content.decode()
    assert "dien.bien" in page and "alice" not in page
