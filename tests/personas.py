"""A small province in code, with a persona for each role.

LC (federation) ─┬─ Tam Đường (district, until 30/06/2025) ─ CĐCS Chè, CĐCS Trường
                 ├─ Phong Thổ (district, until 30/06/2025) ─ CĐCS Thủy điện
                 ├─ phường Tân Phong (from 01/07/2025) ← CĐCS Chè, CĐCS Trường (moved 01/07/2025)
                 └─ (directly under LC from 01/07/2025) ← CĐCS Thủy điện
"""

import datetime
from dataclasses import dataclass

from campaign.models import Measure
from campaign.services import target_set
from unions.models import Enterprise, RoleKind, Sector, Unit
from unions.services import unit_dissolve, unit_move

from .factories import make_campaign_2025, make_federation, make_grassroots, make_superior, make_user

RESTRUCTURING = datetime.date(2025, 7, 1)
LAST_DISTRICT_DAY = datetime.date(2025, 6, 30)


@dataclass
class Province:
    federation: Unit
    tam_duong: Unit
    phong_tho: Unit
    tan_phong: Unit
    tea: Unit
    school: Unit
    hydro: Unit
    campaign: object
    board: object
    staff: object
    reporter_tam_duong: object
    reporter_tan_phong: object
    viewer: object
    outsider: object


def build_province() -> Province:
    lc = make_federation(name="Liên đoàn Lao động tỉnh Lai Châu", code="LC")
    tam_duong = make_superior(lc, name="LĐLĐ huyện Tam Đường", code="LC-TDUONG", active_from=datetime.date(2010, 1, 1))
    phong_tho = make_superior(lc, name="LĐLĐ huyện Phong Thổ", code="LC-PTHO", active_from=datetime.date(2010, 1, 1))
    tan_phong = make_superior(lc, name="Công đoàn phường Tân Phong", code="LC-X-TPHONG", active_from=RESTRUCTURING)
    tea = make_grassroots(tam_duong, name="CĐCS Công ty Chè Tam Đường", code="CS0001", sector=Sector.NON_STATE)
    school = make_grassroots(tam_duong, name="CĐCS Trường THCS Bình Lư", code="CS0002", sector=Sector.PUBLIC_UNIT)
    hydro_company = Enterprise.objects.create(
        tax_code="6200100001", name="Công ty Thủy điện Nậm Na", sector=Sector.STATE, commune="Phong Thổ", employees=120,
        unit=lc,
    )
    hydro = make_grassroots(
        phong_tho, name="CĐCS Công ty Thủy điện Nậm Na", code="CS0003", sector=Sector.STATE, enterprise=hydro_company
    )
    for unit in (tea, school):
        unit_move(unit=unit, new_parent=tan_phong, on=RESTRUCTURING)
    unit_move(unit=hydro, new_parent=lc, on=RESTRUCTURING)
    unit_dissolve(unit=tam_duong, on=LAST_DISTRICT_DAY, successor=tan_phong)
    unit_dissolve(unit=phong_tho, on=LAST_DISTRICT_DAY, successor=lc)
    campaign = make_campaign_2025(lc)
    wave1, wave2 = campaign.waves.order_by("number")
    target_set(campaign=campaign, unit=tam_duong, measure=Measure.NEW_MEMBERS, value=120, wave=wave1)
    target_set(campaign=campaign, unit=phong_tho, measure=Measure.NEW_MEMBERS, value=80, wave=wave1)
    target_set(campaign=campaign, unit=tan_phong, measure=Measure.NEW_MEMBERS, value=60, wave=wave2)
    target_set(campaign=campaign, unit=tam_duong, measure=Measure.NEW_GRASSROOTS, value=2, wave=wave1)
    return Province(
        federation=lc,
        tam_duong=tam_duong,
        phong_tho=phong_tho,
        tan_phong=tan_phong,
        tea=tea,
        school=school,
        hydro=hydro,
        campaign=campaign,
        board=make_user("alice", unit=lc, role=RoleKind.BOARD, last_name="Hoàng", first_name="Thọ Trung", is_staff=True),
        staff=make_user("bob", unit=lc, role=RoleKind.STAFF, is_staff=True),
        reporter_tam_duong=make_user("charlie", unit=tam_duong, role=RoleKind.REPORTER),
        reporter_tan_phong=make_user("dung", unit=tan_phong, role=RoleKind.REPORTER),
        viewer=make_user("em", unit=lc, role=RoleKind.VIEWER),
        outsider=make_user("giang"),
    )
