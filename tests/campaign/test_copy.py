"""Next year's campaign made from last year's, through the staff's page: the waves shifted to
the new year (editable before saving), the settings kept, the targets copied, scaled or left
empty — a dissolved unit's passed to its successor —, and the earlier campaign left as it was.

The province of ``tests.personas``: its 2025 targets are Tam Đường 120 new members and 2 new
unions in wave 1, Phong Thổ 80 in wave 1, Tân Phong 60 in wave 2. Tam Đường ended on 30/06/2025
with Tân Phong as its successor, Phong Thổ with the provincial federation as its successor.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaign.models import Campaign, Measure, Period, PeriodKind, Target, TargetScope
from campaign.services import shift_years
from reporting.stats import campaign_stats
from tests.conftest import module_data
from tests.reporting.builders import hand_computed_province

D = datetime.date
_province_data = module_data(hand_computed_province, "_province_data")


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form(**changes) -> dict:
    data = {
        "name": "Tháng cao điểm phát triển đoàn viên năm 2026", "year": "2026", "plan_number": "143/KH-LĐLĐ",
        "plan_date": "15/04/2026", "legal_basis": "Kế hoạch 136/KH-LĐLĐ năm 2026", "final_report_due": "05/08/2026",
        "targets": "copy", "factor": "",
        "waves-TOTAL_FORMS": "2", "waves-INITIAL_FORMS": "2", "waves-MIN_NUM_FORMS": "0", "waves-MAX_NUM_FORMS": "1000",
        "waves-0-number": "1", "waves-0-theme": "Tháng Công nhân", "waves-0-start": "01/05/2026",
        "waves-0-end": "31/05/2026", "waves-0-keep": "on",
        "waves-1-number": "2", "waves-1-theme": "Kỷ niệm 97 năm", "waves-1-start": "01/07/2026",
        "waves-1-end": "31/07/2026", "waves-1-keep": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def copy_url(province) -> str:
    return reverse("campaign:copy", args=[province.campaign.pk])


def targets_of(campaign) -> set[tuple]:
    return {
        (t.unit.code, t.measure, t.wave.number if t.wave else None, t.scope, t.value)
        for t in Target.objects.filter(campaign=campaign).select_related("unit", "wave")
    }


def figures(campaign, root) -> list:
    stats = campaign_stats(campaign, root, as_of=timezone.localdate() + datetime.timedelta(days=1))
    return [(f.measure, f.target, f.achieved) for f in stats.whole] + [
        (b.wave.number, [(f.target, f.achieved) for f in b.figures]) for b in stats.waves
    ]


def new_campaign(province) -> Campaign:
    return Campaign.objects.exclude(pk=province.campaign.pk).get(federation=province.federation)


def test_the_form_offers_last_years_waves_and_deadline_shifted_a_year(province):
    page = client_of(province.staff).get(copy_url(province))
    assert page.status_code == 200
    html = page.content.decode()
    for day in ("01/05/2026", "31/05/2026", "01/07/2026", "31/07/2026", "05/08/2026"):
        assert f'value="{day}"' in html
    assert 'value="Tháng cao điểm phát triển đoàn viên năm 2026"' in html
    # Another year asked for: the dates shifted by as many years.
    later = client_of(province.staff).get(copy_url(province), {"year": "2028"}).content.decode()
    assert 'value="01/05/2028"' in later and 'value="05/08/2028"' in later


def test_a_leap_day_shifts_to_the_28th():
    assert shift_years(D(2024, 2, 29), 1) == D(2025, 2, 28)
    assert shift_years(D(2024, 2, 29), 4) == D(2028, 2, 29)


def test_copied_targets_pass_from_the_dissolved_districts_to_their_successors(province):
    before = figures(province.campaign, province.federation)
    old_targets = targets_of(province.campaign)
    response = client_of(province.staff).post(copy_url(province), form())
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = new_campaign(province)
    assert (campaign.year, campaign.plan_number, campaign.final_report_due) == (2026, "143/KH-LĐLĐ", D(2026, 8, 5))
    assert campaign.legal_basis == "Kế hoạch 136/KH-LĐLĐ năm 2026" and campaign.plan_date == D(2026, 4, 15)
    source = province.campaign
    assert (campaign.report_due_days, campaign.report_due_time, campaign.closing_days) == (
        source.report_due_days, source.report_due_time, source.closing_days)
    assert [(w.number, w.start, w.end, w.theme) for w in campaign.waves.order_by("number")] == [
        (1, D(2026, 5, 1), D(2026, 5, 31), "Tháng Công nhân"), (2, D(2026, 7, 1), D(2026, 7, 31), "Kỷ niệm 97 năm"),
    ]
    weeks = list(Period.objects.filter(campaign=campaign, kind=PeriodKind.WEEK, wave__number=1)
                 .order_by("start").values_list("start", "end"))
    assert weeks == [(D(2026, 5, 1), D(2026, 5, 3)), (D(2026, 5, 4), D(2026, 5, 10)), (D(2026, 5, 11), D(2026, 5, 17)),
                     (D(2026, 5, 18), D(2026, 5, 24)), (D(2026, 5, 25), D(2026, 5, 31))]
    assert Period.objects.filter(campaign=campaign, kind=PeriodKind.FINAL).exists()
    # Tam Đường's pass to Tân Phong; Phong Thổ's to the province's own row (not the province's target).
    assert targets_of(campaign) == {
        ("LC-X-TPHONG", Measure.NEW_MEMBERS, 1, TargetScope.TOTAL, 120),
        ("LC-X-TPHONG", Measure.NEW_GRASSROOTS, 1, TargetScope.TOTAL, 2),
        ("LC", Measure.NEW_MEMBERS, 1, TargetScope.OWN, 80),
        ("LC-X-TPHONG", Measure.NEW_MEMBERS, 2, TargetScope.TOTAL, 60),
    }
    assert all(t.history.count() == 1 for t in Target.objects.filter(campaign=campaign))
    # The 2025 campaign is as it was.
    assert targets_of(province.campaign) == old_targets
    assert figures(province.campaign, province.federation) == before
    new = campaign_stats(campaign, province.federation, as_of=D(2026, 8, 31))
    assert new.figure(Measure.NEW_MEMBERS).target == 260 and new.figure(Measure.NEW_MEMBERS).achieved == 0


def test_scaled_targets_are_rounded_half_up(province):
    response = client_of(province.board).post(copy_url(province), form(targets="scale", factor="1,1"))
    assert response.status_code == 302
    assert {(code, m, w, v) for code, m, w, _s, v in targets_of(new_campaign(province))} == {
        ("LC-X-TPHONG", Measure.NEW_MEMBERS, 1, 132), ("LC-X-TPHONG", Measure.NEW_GRASSROOTS, 1, 2),  # 2,2 → 2
        ("LC", Measure.NEW_MEMBERS, 1, 88), ("LC-X-TPHONG", Measure.NEW_MEMBERS, 2, 66),
    }
    client_of(province.board).post(copy_url(province), form(
        year="2027", targets="scale", factor="1,25", **{"waves-0-start": "01/05/2027", "waves-0-end": "31/05/2027",
                                                        "waves-1-start": "01/07/2027", "waves-1-end": "31/07/2027",
                                                        "final_report_due": "05/08/2027"}))
    later = Campaign.objects.get(federation=province.federation, year=2027)
    assert {(code, m, w, v) for code, m, w, _s, v in targets_of(later)} == {
        ("LC-X-TPHONG", Measure.NEW_MEMBERS, 1, 150), ("LC-X-TPHONG", Measure.NEW_GRASSROOTS, 1, 3),  # 2,5 → 3
        ("LC", Measure.NEW_MEMBERS, 1, 100), ("LC-X-TPHONG", Measure.NEW_MEMBERS, 2, 75),
    }


def test_targets_left_empty_and_a_wave_left_out(province):
    response = client_of(province.staff).post(copy_url(province), form(targets="empty"))
    assert response.status_code == 302
    assert targets_of(new_campaign(province)) == set()
    Campaign.objects.filter(pk=new_campaign(province).pk).delete()
    response = client_of(province.staff).post(copy_url(province), form(**{"waves-1-keep": None}))
    assert response.status_code == 302
    campaign = new_campaign(province)
    assert list(campaign.waves.values_list("number", flat=True)) == [1]
    assert {w for _c, _m, w, _s, _v in targets_of(campaign)} == {1}  # wave 2's target has no wave to go to


def test_the_reporters_roles_carry_over(province):
    client_of(province.staff).post(copy_url(province), form())
    week = Period.objects.get(campaign=new_campaign(province), kind=PeriodKind.WEEK, start=D(2026, 7, 6))
    page = client_of(province.reporter_tan_phong).get(reverse("reporting:report", args=[province.tan_phong.pk, week.pk]))
    assert page.status_code == 200


@pytest.mark.parametrize("changes, field_error", [
    ({"targets": "scale", "factor": ""}, "Nhập hệ số để nhân chỉ tiêu."),
    ({"targets": "scale", "factor": "0"}, "Hệ số phải lớn hơn 0 và không quá 10."),
    ({"targets": "scale", "factor": "-1,5"}, "Hệ số phải lớn hơn 0 và không quá 10."),
    ({"year": "2025"}, "Đã có chiến dịch theo kế hoạch này trong năm."),
    ({"year": "1999"}, "Năm phải từ 2000 đến 2100."),
    ({"waves-0-end": "30/04/2026"}, "Ngày kết thúc phải sau ngày bắt đầu."),
    ({"waves-1-start": "15/05/2026"}, None),  # overlapping waves: refused by the wave's own rule
    ({"final_report_due": "31/02/2026"}, "Nhập một ngày hợp lệ."),
    ({"name": ""}, "Trường này là bắt buộc."),
    ({"waves-0-keep": None, "waves-1-keep": None}, "Chiến dịch cần ít nhất một đợt."),
])
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_written(province, changes, field_error):
    campaigns, targets, periods = Campaign.objects.count(), Target.objects.count(), Period.objects.count()
    response = client_of(province.staff).post(copy_url(province), form(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    if field_error:
        assert field_error in html
    assert 'class="errors"' in html or 'class="cell-error"' in html
    assert (Campaign.objects.count(), Target.objects.count(), Period.objects.count()) == (campaigns, targets, periods)


def test_only_the_provinces_managers_copy_its_campaign(province):
    for user in (province.viewer, province.reporter_tan_phong, province.outsider):
        assert client_of(user).get(copy_url(province)).status_code == 404
        assert client_of(user).post(copy_url(province), form()).status_code == 404
    assert Campaign.objects.count() == 1
    listing = client_of(province.staff).get(reverse("campaign:list"))
    assert listing.status_code == 200 and copy_url(province) in listing.content.decode()
