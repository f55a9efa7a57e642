"""Who reaches the pages added for tracing and checking figures and for the
workflow's lock exceptions: a matrix of URL × persona (302 to log in, 403 for a
forbidden action, 404 outside the user's units)."""

import datetime

import pytest
from django.urls import reverse

from campaign.models import Period, PeriodKind
from reporting.foundings import grassroots_register
from reporting.models import EntryRequest, Founding, Report

from .conftest import open_for_entry


@pytest.fixture
def setup(province):
    week = open_for_entry(Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, 7)))
    union = grassroots_register(
        unit=province.tan_phong, period=week, user=province.reporter_tan_phong, name="CĐCS Công ty Đá Tân Phong",
        sector="non_state", recognition_decision="9/QĐ-CĐ", recognition_date=datetime.date(2025, 7, 8), founding_members=5,
    )
    return province, week, union


def urls(province, week, union):
    unit, period = province.tan_phong.pk, week.pk
    return {
        "lines": ("get", reverse("reporting:figure_lines"), {}),
        "lines_of_unit": ("get", reverse("reporting:figure_lines"), {"unit": unit}),
        "check": ("get", reverse("reporting:fingerprint_check"), {}),
        "foundings": ("get", reverse("reporting:foundings"), {}),
        "confirm": ("post", reverse("reporting:foundings"), {"action": "confirm", "grassroots": union.pk}),
        "open_missing": ("post", reverse("reporting:open_missing"), {"period": period, "unit": [unit], "reason": "x"}),
        "edit_union": ("get", reverse("reporting:grassroots_edit", args=[unit, period, union.pk]), {}),
        "unregister": ("post", reverse("reporting:grassroots_edit", args=[unit, period, union.pk]), {"action": "unregister"}),
        "ask_entry": ("post", reverse("reporting:entry_request", args=[unit, period]), {"reason": "Mất mạng"}),
    }


# persona → expected status per URL (a 2xx/3xx after a successful action is "ok").
EXPECTED = {
    "outsider": {"lines": 403, "lines_of_unit": 404, "check": 403, "foundings": 403, "confirm": 403,
                 "open_missing": 403, "edit_union": 404, "unregister": 404, "ask_entry": 404},
    "reporter_tam_duong": {"lines": 403, "lines_of_unit": 404, "check": 403, "foundings": 403, "confirm": 403,
                           "open_missing": 403, "edit_union": 404, "unregister": 404, "ask_entry": 404},
    "viewer": {"lines": 200, "lines_of_unit": 200, "check": 200, "foundings": 403, "confirm": 403,
               "open_missing": 403, "edit_union": 403, "unregister": 403, "ask_entry": 403},
    "reporter_tan_phong": {"lines": 403, "lines_of_unit": 200, "check": 403, "foundings": 403, "confirm": 403,
                           "open_missing": 403, "edit_union": 200},
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_each_persona_reaches_only_what_it_may(client, setup, persona):
    province, week, union = setup
    client.force_login(getattr(province, persona))
    for name, expected in EXPECTED[persona].items():
        method, url, data = urls(province, week, union)[name]
        response = getattr(client, method)(url, data)
        assert response.status_code == expected, (persona, name, response.status_code)
    # Nothing was written by a refused action.
    assert Founding.objects.count() == 1 and Report.objects.count() == 1 and not EntryRequest.objects.exists()


def test_anonymous_users_are_sent_to_log_in_everywhere(client, setup):
    province, week, union = setup
    for name, (method, url, data) in urls(province, week, union).items():
        response = getattr(client, method)(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name


def test_reading_pages_refuse_post_and_actions_refuse_get(client, setup):
    province, week, _union = setup
    client.force_login(province.staff)
    assert client.post(reverse("reporting:figure_lines")).status_code == 405
    assert client.post(reverse("reporting:fingerprint_check")).status_code == 405
    assert client.get(reverse("reporting:open_missing")).status_code == 405
    assert client.get(reverse("reporting:entry_request", args=[province.tan_phong.pk, week.pk])).status_code == 405


def test_staff_and_board_reach_them_all(client, setup):
    province, week, union = setup
    for persona in ("staff", "board"):
        client.force_login(getattr(province, persona))
        for name in ("lines", "lines_of_unit", "check", "foundings", "edit_union"):
            method, url, data = urls(province, week, union)[name]
            assert getattr(client, method)(url, data).status_code == 200, (persona, name)
