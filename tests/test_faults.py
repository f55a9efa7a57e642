"""Faults lose nothing and show a Vietnamese page: health and readiness outside login, the app's
own 400 (a body over the limit said so), 403 with its reason, 404, 500 and "database unavailable"
pages drawn without the database, a kept connection checked before use, and no logged-in page or
download kept in a cache."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from config import errors
from tests.conftest import module_data
from tests.personas import build_province

_province_data = module_data(build_province, "_province_data")


def client_of(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_health_answers_without_login_or_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-store" in response["Cache-Control"]


def test_ready_when_the_database_answers_and_every_migration_is_applied(db):
    assert Client().get("/readyz").json() == {"status": "ok"}


def test_not_ready_when_a_migration_is_pending(db):
    with mock.patch("config.health.MigrationExecutor") as executor:
        migration = mock.Mock(app_label="reporting")
        migration.name = "0099_new"
        executor.return_value.migration_plan.return_value = [(migration, False)]
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "migrations pending", "pending": ["reporting.0099_new"]}


def test_not_ready_when_the_database_does_not_answer(db):
    with mock.patch("config.health.connections") as connections:
        connections.__getitem__.return_value.cursor.side_effect = OperationalError("connection refused")
        response = Client().get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"


def test_an_unknown_page_is_a_vietnamese_404(province):
    response = client_of(province.staff).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode() and "Not Found" not in response.content.decode()


def test_a_refusal_keeps_the_apps_own_reason(province):
    response = client_of(province.reporter_tan_phong).get(reverse("unions:invitations"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không có quyền" in page and "Chỉ lãnh đạo và Ban Tổ chức mời người dùng." in page


def test_the_pages_are_english_when_english_is_chosen(province):
    client = client_of(province.staff)
    client.cookies["django_language"] = "en"
    assert "Page not found" in client.get("/khong-co-trang-nay/").content.decode()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_a_body_over_the_limit_is_told_in_vietnamese(province):
    response = client_of(province.staff).post(reverse("unions:invitations"), {"lines": "x" * 5000})
    assert response.status_code == 400
    assert "Dữ liệu gửi lên lớn hơn giới hạn 1,0\u00a0KB." in response.content.decode()


def test_the_500_page_is_vietnamese_and_needs_no_database():
    # No database here at all: pytest-django refuses any query made without the db fixture.
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode() and "không có gì bị ghi dở" in response.content.decode()


def test_a_failing_view_gets_the_500_page(province):
    with mock.patch("unions.views.units_without_reporter", side_effect=RuntimeError("bug")):
        response = client_of(province.staff).get(reverse("unions:invitations"))
    assert response.status_code == 500 and "Lỗi máy chủ" in response.content.decode()


def test_a_database_outage_gets_the_unavailable_page(province):
    with mock.patch("unions.views.units_without_reporter", side_effect=OperationalError("server closed the connection")):
        response = client_of(province.staff).get(reverse("unions:invitations"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Cơ sở dữ liệu đang không kết nối được" in response.content.decode()


def test_kept_connections_are_checked_before_use(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("name, args", [("home", []), ("campaign:list", [])])
def test_logged_in_pages_are_not_kept_in_a_cache(province, name, args):
    response = client_of(province.staff).get(reverse(name, args=args))
    assert response.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_download_is_not_kept_in_a_cache(province):
    response = client_of(province.staff).get(reverse("campaign:targets_template", args=[province.campaign.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]

