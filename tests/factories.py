"""Test data built in code, through the same services the app uses."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from campaign.models import Campaign
from campaign.services import campaign_create, wave_create
from unions.models import Sector, Unit, UnitKind
from unions.services import role_assign, unit_create

_codes = itertools.count(1)
PASSWORD = "mat-khau-thu-nghiem-2025"


def _code(prefix: str) -> str:
    return f"{prefix}{next(_codes):04d}"


def make_confederation(*, name: str = "Tổng Liên đoàn Lao động Việt Nam", code: str | None = None) -> Unit:
    return unit_create(
        code=code or _code("TLD"),
        name=name,
        kind=UnitKind.CONFEDERATION,
        parent=None,
        active_from=datetime.date(1929, 7, 28),
    )


def make_federation(*, name: str = "LĐLĐ tỉnh Lai Châu", code: str | None = None, parent: Unit | None = None) -> Unit:
    return unit_create(
        code=code or _code("T"),
        name=name,
        kind=UnitKind.FEDERATION,
        parent=parent,
        active_from=datetime.date(2000, 1, 1),
    )


def make_superior(parent: Unit, *, name: str = "LĐLĐ huyện Tam Đường", code: str | None = None,
                  active_from=datetime.date(2000, 1, 1), **fields) -> Unit:
    return unit_create(
        code=code or _code("S"), name=name, kind=UnitKind.SUPERIOR, parent=parent, active_from=active_from, **fields
    )


def make_grassroots(parent: Unit, *, name: str = "CĐCS Công ty Chè Tam Đường", code: str | None = None,
                    sector: str = Sector.NON_STATE, active_from=datetime.date(2010, 1, 1), **fields) -> Unit:
    return unit_create(
        code=code or _code("G"),
        name=name,
        kind=UnitKind.GRASSROOTS,
        parent=parent,
        active_from=active_from,
        sector=sector,
        **fields,
    )


def make_user(username: str, *, unit: Unit | None = None, role: str | None = None, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    if unit is not None and role is not None:
        role_assign(user=user, unit=unit, role=role)
    return user


def make_campaign_2025(federation: Unit, **fields) -> Campaign:
    """The 2025 peak-month campaign with its two waves (May and July)."""
    campaign = campaign_create(
        federation=federation,
        name="Tháng cao điểm phát triển đoàn viên năm 2025",
        year=2025,
        plan_number="143/KH-LĐLĐ",
        final_report_due=datetime.date(2025, 8, 5),
        **fields,
    )
    wave_create(campaign=campaign, number=1, start=datetime.date(2025, 5, 1), end=datetime.date(2025, 5, 31),
                theme="Tháng Công nhân")
    wave_create(campaign=campaign, number=2, start=datetime.date(2025, 7, 1), end=datetime.date(2025, 7, 31),
                theme="Kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam")
    return campaign
