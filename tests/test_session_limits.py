"""A session ends after a while without use and after a working day from its log-in, both
settings; the user is sent to log in again, told why, and comes back to the page they asked for."""

import time

from django.test import Client, override_settings
from django.urls import reverse

from config.middleware import SessionLimitsMiddleware as Limits
from tests.conftest import module_data
from tests.factories import PASSWORD
from tests.personas import build_province

_province_data = module_data(build_province, "_province_data")


def logged_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    assert client.get(reverse("home")).status_code == 200  # the limits' times written
    return client


def _shift(client, key: str, seconds: int) -> None:
    session = client.session
    session[key] = session[key] - seconds
    session.save()


@override_settings(SESSION_IDLE_MINUTES=30, SESSION_MAX_HOURS=10)
def test_a_session_left_idle_ends_and_comes_back_to_the_page_after_log_in(province):
    client = logged_in(province.staff)
    _shift(client, Limits.SEEN, 29 * 60)
    assert client.get(reverse("campaign:list")).status_code == 200  # 29 minutes: still on
    _shift(client, Limits.SEEN, 31 * 60)
    response = client.get(reverse("campaign:list"))
    assert response.status_code == 302 and response.url == f"{reverse('login')}?next={reverse('campaign:list')}"
    page = client.get(response.url)
    assert "Phiên làm việc đã kết thúc vì lâu không dùng; hãy đăng nhập lại." in page.content.decode()
    assert client.get(reverse("campaign:list")).status_code == 302  # logged out


@override_settings(SESSION_IDLE_MINUTES=30, SESSION_MAX_HOURS=10)
def test_a_session_in_use_all_day_ends_after_its_working_day(province):
    client = logged_in(province.staff)
    _shift(client, Limits.LOGGED_IN, 9 * 3600)
    assert client.get(reverse("home")).status_code == 200
    _shift(client, Limits.LOGGED_IN, 2 * 3600)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert "quá 10 giờ từ lúc đăng nhập" in client.get(response.url).content.decode()


def test_the_last_request_is_written_at_most_once_a_minute(province):
    client = logged_in(province.staff)
    seen = client.session[Limits.SEEN]
    client.get(reverse("home"))
    assert client.session[Limits.SEEN] == seen or client.session[Limits.SEEN] - seen >= 60
    assert abs(seen - int(time.time())) < 5


def test_the_defaults_fit_a_working_day(settings):
    assert (settings.SESSION_IDLE_MINUTES, settings.SESSION_MAX_HOURS, settings.SESSION_COOKIE_AGE) == (120, 12, 43200)
