"""Text in decomposed Unicode (NFD, as phones and spreadsheets send it) is stored in NFC and
compared in NFC: the same visible name is the same name."""

import datetime
import unicodedata

from django.test import Client
from django.urls import reverse

from campaign.models import Campaign
from tests.conftest import module_data
from tests.personas import build_province
from unions.models import Unit, UnitKind
from unions.services import unit_create

_province_data = module_data(build_province, "_province_data")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_unit_named_in_nfd_is_stored_in_nfc_and_found_by_its_visible_name(province):
    name = "Công đoàn xã Bản Giang"
    assert nfd(name) != name
    unit = unit_create(code="LC-X-BGIANG", name=nfd(name), kind=UnitKind.SUPERIOR, parent=province.federation,
                       active_from=datetime.date(2025, 7, 1))
    unit.refresh_from_db()
    assert unit.name == name and Unit.objects.filter(name=name).count() == 1
    assert unit.history.first().name == name


def test_a_campaign_named_in_nfd_through_a_form_is_stored_in_nfc(province):
    client = Client()
    client.force_login(province.staff)
    response = client.post(reverse("campaign:copy", args=[province.campaign.pk]), {
        "name": nfd("Tháng cao điểm năm 2026"), "year": "2026", "plan_number": nfd("143/KH-LĐLĐ"),
        "plan_date": "", "legal_basis": nfd("Căn cứ Kế hoạch 136"), "final_report_due": "05/08/2026", "targets": "empty",
        "factor": "", "waves-TOTAL_FORMS": "1", "waves-INITIAL_FORMS": "1", "waves-MIN_NUM_FORMS": "0",
        "waves-MAX_NUM_FORMS": "1000", "waves-0-number": "1", "waves-0-theme": nfd("Tháng Công nhân"),
        "waves-0-start": "01/05/2026", "waves-0-end": "31/05/2026", "waves-0-keep": "on",
    })
    assert response.status_code == 302
    campaign = Campaign.objects.get(year=2026)
    assert (campaign.name, campaign.plan_number, campaign.legal_basis) == (
        "Tháng cao điểm năm 2026", "143/KH-LĐLĐ", "Căn cứ Kế hoạch 136")
    assert campaign.waves.get().theme == "Tháng Công nhân"
    assert Campaign.objects.filter(plan_number="143/KH-LĐLĐ").count() == 2


def test_a_users_name_is_stored_in_nfc(province):
    user = province.reporter_tan_phong
    user.first_name = nfd("Dũng")
    user.save()
    user.refresh_from_db()
    assert user.first_name == "Dũng"
