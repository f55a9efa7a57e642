"""The confederation: a national campaign groups the provinces' campaigns; its figures are
the provinces' own added up, read in the same queries for one province or several; the
confederation's staff see every province, a province's staff nothing of another (404)."""

import datetime
import re
from types import SimpleNamespace

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure, NationalCampaign
from campaign.services import target_set
from reporting.national import national_stats
from reporting.stats import campaign_stats
from tests.conftest import module_data
from tests.factories import (
    make_campaign_2025,
    make_confederation,
    make_federation,
    make_grassroots,
    make_superior,
    make_user,
)
from unions.models import RoleKind, Sector

from .builders import file_week, hand_computed

D = datetime.date
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _build():
    """Lai Châu with the hand-computed reports (37 new members: 24 in May, 13 in July; target
    260), and Điện Biên: one district, 9 new members in May (2 women, 1 introduced), target 50;
    both provinces under the confederation, their campaigns in one national campaign."""
    from tests.personas import build_province

    lai_chau = build_province()
    hand_computed(lai_chau)
    federation = make_federation(name="Liên đoàn Lao động tỉnh Điện Biên", code="DB")
    muong_nhe = make_superior(federation, name="LĐLĐ huyện Mường Nhé", code="DB-MNHE")
    make_grassroots(muong_nhe, name="CĐCS Công ty Cà phê Mường Nhé", code="DB0001", sector=Sector.FDI)
    campaign = make_campaign_2025(federation)
    target_set(campaign=campaign, unit=muong_nhe, measure=Measure.NEW_MEMBERS, value=50,
               wave=campaign.waves.get(number=1))
    staff = make_user("dien.bien", unit=federation, role=RoleKind.STAFF, is_staff=True)
    dien_bien = SimpleNamespace(federation=federation, muong_nhe=muong_nhe, campaign=campaign, staff=staff)
    file_week(dien_bien, muong_nhe, D(2025, 5, 13), staff,
              DB0001={"new_members": 9, "new_members_women": 2, "party_introduced": 1})
    confederation = make_confederation()
    for province in (lai_chau.federation, federation):
        province.parent = confederation
        province.save()
    national = NationalCampaign.objects.create(
        confederation=confederation, name="Tháng cao điểm toàn quốc năm 2025", year=2025, instruction_number="12/HD-TLĐ"
    )
    for c in (lai_chau.campaign, campaign):
        c.national = national
        c.full_clean()
        c.save()
    return SimpleNamespace(
        lai_chau=lai_chau, dien_bien=dien_bien, confederation=confederation, national=national,
        national_staff=make_user("tong.ld", unit=confederation, role=RoleKind.STAFF, is_staff=True),
    )


_national_data = module_data(_build, "_national_data")


@pytest.fixture
def nation(_national_data, db):
    return _national_data


def test_the_national_figures_are_the_sum_of_the_provinces_by_hand(nation):
    stats = national_stats(nation.national, as_of=TOMORROW)
    members = stats.figure(Measure.NEW_MEMBERS)
    assert (members.achieved, members.target, members.women) == (37 + 9, 260 + 50, 12 + 2)
    assert str(members.percent) == "14.8"  # 46 of 310
    assert stats.figure(Measure.PARTY_INTRODUCED).achieved == 5 + 1
    assert [(w.number, w.figures[0].achieved, w.figures[0].target) for w in stats.waves] == [(1, 24 + 9, 200 + 50), (2, 13, 60)]
    assert [row.unit.name for row in stats.rows] == ["Liên đoàn Lao động tỉnh Điện Biên", "Liên đoàn Lao động tỉnh Lai Châu"]
    assert [row.main.achieved for row in stats.ranked] == [9, 37]  # 18.0 % before 14.2 %
    sectors = {row.sector: row.values["new_members"] for row in stats.sectors}
    assert sectors[Sector.FDI] == 9 and sectors[Sector.NON_STATE] == 10 + 3 + 7


def test_each_province_in_the_national_figures_is_its_own_dashboard(nation):
    stats = national_stats(nation.national, as_of=TOMORROW)
    for province in (nation.lai_chau, nation.dien_bien):
        own = campaign_stats(province.campaign, province.federation, as_of=TOMORROW)
        mine = stats.province(province.campaign)
        assert [(f.achieved, f.target) for f in mine.whole] == [(f.achieved, f.target) for f in own.whole]
        assert mine.discipline_total.expected == own.discipline_total.expected
    assert stats.discipline.expected == sum(s.discipline_total.expected for s in stats.provinces)


def test_the_national_figures_take_the_same_queries_for_one_province_or_two(nation):
    with CaptureQueriesContext(connection) as both:
        national_stats(nation.national, as_of=TOMORROW)
    with CaptureQueriesContext(connection) as again:
        national_stats(nation.national, as_of=TOMORROW)
    nation.dien_bien.campaign.national = None
    nation.dien_bien.campaign.save()
    with CaptureQueriesContext(connection) as one:
        only = national_stats(nation.national, as_of=TOMORROW)
    assert [s.campaign.pk for s in only.provinces] == [nation.lai_chau.campaign.pk]
    # The structure's stamp; the periods (which name the campaigns), the reporting units, the
    # federations' direct unions and the targets (the structure, kept while its stamp stands:
    # here a campaign left the nation); the reports' states and the new unions with their foundings.
    assert len(both.captured_queries) == len(one.captured_queries) == 7
    assert len(again.captured_queries) == 3


def test_the_confederation_sees_the_nation_and_drills_down_to_a_province_and_its_report(client, nation):
    client.force_login(nation.national_staff)
    page = client.get(reverse("reporting:national"), {"as_of": TOMORROW.strftime("%d/%m/%Y")})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Liên đoàn Lao động tỉnh Điện Biên" in html and "Liên đoàn Lao động tỉnh Lai Châu" in html
    assert "<strong>46</strong> / 310" in html
    province = client.get(reverse("reporting:dashboard"),
                          {"campaign": nation.dien_bien.campaign.pk, "as_of": TOMORROW.strftime("%d/%m/%Y")})
    assert province.status_code == 200 and "LĐLĐ huyện Mường Nhé" in province.content.decode()
    assert "LĐLĐ huyện Tam Đường" not in province.content.decode()  # another province's unit is not in its rows
    period = nation.dien_bien.campaign.periods.get(kind="week", start__lte=D(2025, 5, 13), end__gte=D(2025, 5, 13))
    assert client.get(reverse("reporting:report", args=[nation.dien_bien.muong_nhe.pk, period.pk])).status_code == 200


def test_a_provinces_staff_see_nothing_of_the_nation_or_of_another_province(client, nation):
    client.force_login(nation.lai_chau.staff)
    assert client.get(reverse("reporting:national")).status_code == 404
    assert client.get(reverse("reporting:national_xlsx")).status_code == 404
    assert client.post(reverse("jobs:national_request"), {"national": nation.national.pk}).status_code == 404
    other = nation.dien_bien
    assert client.get(reverse("reporting:dashboard"), {"campaign": other.campaign.pk}).status_code == 404
    assert client.get(reverse("reporting:dashboard"), {"unit": other.muong_nhe.pk}).status_code == 404
    period = other.campaign.periods.get(kind="week", start__lte=D(2025, 5, 13), end__gte=D(2025, 5, 13))
    assert client.get(reverse("reporting:report", args=[other.muong_nhe.pk, period.pk])).status_code == 404
    assert client.get(reverse("reporting:synthesis_xlsx"), {"campaign": other.campaign.pk}).status_code == 404
    # Their own province is still theirs, under the confederation.
    own = client.get(reverse("reporting:dashboard"), {"as_of": TOMORROW.strftime("%d/%m/%Y")})
    assert own.status_code == 200 and "LĐLĐ huyện Tam Đường" in own.content.decode()


def test_the_national_synthesis_table_holds_each_province_and_their_total(client, nation):
    client.force_login(nation.national_staff)
    response = client.get(reverse("reporting:national_xlsx"), {"as_of": TOMORROW.strftime("%d/%m/%Y")})
    assert response.status_code == 200
    import io

    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row for row in ws.iter_rows(values_only=True) if row and row[1]}
    # Per row: STT, name, reports in (%), then new members: target, achieved, women, %.
    assert rows["Liên đoàn Lao động tỉnh Điện Biên"][3:7] == (50, 9, 2, 18.0)
    assert rows["Liên đoàn Lao động tỉnh Lai Châu"][3:7] == (260, 37, 12, 14.2)
    assert rows["TỔNG CỘNG TOÀN QUỐC"][3:7] == (310, 46, 14, 14.8)


def test_the_national_table_made_by_the_worker_is_the_one_downloaded(client, nation):
    from tests.jobs.conftest import run_worker

    client.force_login(nation.national_staff)
    day = TOMORROW.strftime("%d/%m/%Y")
    asked = client.post(reverse("jobs:national_request"), {"national": nation.national.pk, "as_of": day})
    assert asked.status_code == 302
    run_worker()
    made = client.get(asked.url + "tai-ve/")
    direct = client.get(reverse("reporting:national_xlsx"), {"as_of": day})
    assert made.status_code == 200 and made["Content-Disposition"] == direct["Content-Disposition"]
    import io

    def cells(content):
        return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))

    assert cells(made.content) == cells(direct.content)


def test_a_campaign_joins_only_a_national_campaign_of_its_confederation_and_year(nation):
    from django.core.exceptions import ValidationError

    from campaign.models import Campaign

    outside = make_federation(name="Liên đoàn Lao động tỉnh Lào Cai", code="LCAI")  # not under the confederation
    campaign = Campaign(federation=outside, national=nation.national, name="Tháng cao điểm", year=2025,
                        plan_number="1/KH", final_report_due=D(2025, 8, 5))
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "không trực thuộc Tổng Liên đoàn của chiến dịch toàn quốc" in str(error.value)
    campaign.federation, campaign.year = nation.dien_bien.federation, 2026
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "Chiến dịch toàn quốc thuộc năm khác." in str(error.value)


def test_the_confederations_home_page_is_one_provinces_and_its_menu_leads_to_the_nation(client, nation):
    client.force_login(nation.national_staff)
    home = client.get(reverse("home"), {"campaign": nation.dien_bien.campaign.pk})
    assert home.status_code == 200
    html = home.content.decode()
    assert "LĐLĐ huyện Mường Nhé" in html and "LĐLĐ huyện Tam Đường" not in html
    assert f'href="{reverse("reporting:national")}"' in html
    client.force_login(nation.lai_chau.staff)
    assert f'href="{reverse("reporting:national")}"' not in client.get(reverse("home")).content.decode()


def test_the_national_dashboard_shows_each_province_s_outreach_teams(client, nation):
    from activities.models import OutreachTeam, OutreachVisit

    lai_chau, dien_bien = nation.lai_chau, nation.dien_bien
    team = OutreachTeam.objects.create(campaign=lai_chau.campaign, unit=lai_chau.tan_phong, name="Đoàn Tân Phong")
    OutreachTeam.objects.create(campaign=lai_chau.campaign, unit=lai_chau.federation, name="Đoàn tỉnh")
    OutreachVisit.objects.create(team=team, visited_on=D(2025, 7, 8), place="Chợ", workers_reached=30, members_recruited=5)
    OutreachVisit.objects.create(team=OutreachTeam.objects.create(campaign=dien_bien.campaign, unit=dien_bien.muong_nhe,
                                                                  name="Đoàn Mường Nhé"),
                                 visited_on=D(2025, 5, 14), place="Bản Nậm Kè", workers_reached=12, members_recruited=4)
    client.force_login(nation.national_staff)
    response = client.get(reverse("reporting:national"), {"as_of": TOMORROW.strftime("%d/%m/%Y")})
    section = response.content.decode().split('id="van-dong"')[1].split("</section>")[0]
    assert "3 đoàn, 2 buổi; 9 đoàn viên kết nạp trong các buổi; 0 công đoàn cơ sở thành lập, 0 đã được tính." in section
    # Each province beside the new members it reported (Lai Châu 37, Điện Biên 9).
    rows = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in section.split("<tbody>")[1].split("<tr>")[1:]]
    assert rows == [  # in the provinces' (Vietnamese) order
        ["Liên đoàn Lao động tỉnh Điện Biên", "1", "1", "12", "4", "9", "0 (0)"],
        ["Liên đoàn Lao động tỉnh Lai Châu", "2", "1", "30", "5", "37", "0 (0)"],
    ]
