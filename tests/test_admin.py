"""The admin panel: every master-data page opens, in Vietnamese, with search and filters."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import make_user

MODELS = [
    ("unions", "unit"),
    ("unions", "enterprise"),
    ("unions", "role"),
    ("campaign", "campaign"),
    ("campaign", "wave"),
    ("campaign", "target"),
    ("campaign", "period"),
    ("auth", "user"),
]


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("root", "root@example.invalid", "x")


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_every_master_data_list_opens_and_searches(client, province, superuser, app, model):
    client.force_login(superuser)
    url = reverse(f"admin:{app}_{model}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "Tam Đường"}).status_code == 200


@pytest.mark.parametrize(("app", "model"), MODELS)
def test_every_master_data_object_page_opens(client, province, superuser, app, model):
    client.force_login(superuser)
    model_class = next(m for m in admin.site._registry if m._meta.label_lower == f"{app}.{model}")
    obj = model_class.objects.first()
    assert obj is not None
    assert client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk])).status_code == 200


def test_the_admin_index_is_in_vietnamese(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Quản trị — Tháng cao điểm phát triển đoàn viên" in page
    assert "Tổ chức công đoàn" in page and "Chiến dịch, đợt, chỉ tiêu" in page
    assert "Đơn vị" in page and "Chỉ tiêu" in page


def test_the_unit_list_filters_by_kind_and_sector(client, province, superuser):
    client.force_login(superuser)
    url = reverse("admin:unions_unit_changelist")
    page = client.get(url, {"kind__exact": "grassroots", "sector__exact": "state"}).content.decode()
    assert "CĐCS Công ty Thủy điện Nậm Na" in page
    assert "CĐCS Công ty Chè Tam Đường" not in page


def test_the_period_pages_are_read_only(client, province, superuser):
    client.force_login(superuser)
    assert client.get(reverse("admin:campaign_period_add")).status_code == 403


def test_a_board_member_with_the_admin_group_sees_the_master_data(client, province):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Ban Thường vụ")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["unions", "campaign"]))
    member = make_user("thuongvu", is_staff=True)
    member.groups.add(group)
    client.force_login(member)
    assert client.get(reverse("admin:unions_unit_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_a_reporter_cannot_open_the_admin(client, province):
    client.force_login(province.reporter_tam_duong)
    response = client.get(reverse("admin:unions_unit_changelist"))
    assert response.status_code == 302


def test_reports_are_read_only_in_the_admin(client, province, superuser):
    from reporting.models import Report
    from reporting.services import report_open

    report = report_open(unit=province.tan_phong, period=province.campaign.periods.filter(kind="week").last())
    client.force_login(superuser)
    assert client.get(reverse("admin:reporting_report_changelist")).status_code == 200
    page = client.get(reverse("admin:reporting_report_change", args=[report.pk]))
    assert page.status_code == 200
    assert "Lưu lại" not in page.content.decode()  # no save button: changes go through the workflow
    assert client.get(reverse("admin:reporting_report_add")).status_code == 403
    assert client.post(reverse("admin:reporting_report_delete", args=[report.pk]), {"post": "yes"}).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


def test_the_admin_index_shows_the_headline_figures_and_links_to_the_dashboard(client, province, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    assert 'id="campaign-headline"' in page
    assert "Kết nạp đoàn viên mới" in page and "0 / 260" in page
    assert reverse("reporting:dashboard") in page
