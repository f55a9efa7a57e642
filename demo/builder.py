"""Illustrative data for the 2025 peak-month campaign of Lai Châu (plan 143/KH-LĐLĐ).

``build_demo()`` describes the province in plain Python (no database): the
provincial federation; the city and district federations and the UBND tỉnh
union that report until 30/06/2025; the 38 commune and ward unions that
report from 01/07/2025; about 220 grassroots unions and the enterprises
behind them; the campaign, its waves and targets; the demo users.

``load_demo()`` brings the database in line with that description through the
services. It looks every row up by its natural key and writes only what is
missing or different, so a second run changes nothing (and adds no history).

The names of the province, its districts and its communes and wards are real;
every grassroots union, enterprise, tax code, figure and person is invented.
Everything generated comes from ``random.Random(2025)``, so the data is the
same on every run and every machine.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group, Permission

from campaign.models import Campaign, Measure, TargetScope
from campaign.services import campaign_create, periods_generate, target_set, wave_create
from unions.models import Enterprise, Placement, Role, RoleKind, Sector, Unit, UnitKind
from unions.services import role_assign, unit_create, unit_dissolve, unit_move

D = datetime.date

PASSWORD = "laichau2025"  # development only: every demo user has it
SEED = 2025
LAST_DISTRICT_DAY = D(2025, 6, 30)
RESTRUCTURING_DAY = D(2025, 7, 1)
DISTRICTS_FROM = D(2010, 1, 1)
BOARD_GROUP = "Ban Thường vụ — quản trị dữ liệu gốc"

FEDERATION_CODE = "LC"
FEDERATION_NAME = "Liên đoàn Lao động tỉnh Lai Châu"
UBND_CODE = "LC-UBND"

CAMPAIGN_NAME = (
    "Tháng cao điểm phát triển đoàn viên, thành lập công đoàn cấp cơ sở; "
    "giới thiệu đoàn viên công đoàn ưu tú cho Đảng năm 2025"
)
PLAN_NUMBER = "143/KH-LĐLĐ"
PLAN_DATE = D(2025, 4, 9)
FINAL_REPORT_DUE = D(2025, 8, 5)
# The plan's "Căn cứ …" paragraph, without the leading "Căn cứ" and the final full stop.
LEGAL_BASIS = (
    "Kế hoạch số 136/KH-LĐLĐ, ngày 14/3/2025 của Ban Thường vụ Liên đoàn Lao động tỉnh về phát triển "
    "đoàn viên, thành lập công đoàn cấp cơ sở năm 2025; Công văn số 3710/TLĐ-ToC, ngày 28/3/2025 của "
    "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam về việc triển khai \"Tháng cao điểm phát triển đoàn "
    "viên, thành lập công đoàn cấp cơ sở; giới thiệu đoàn viên công đoàn ưu tú cho Đảng\""
)
WAVES = (
    (1, D(2025, 5, 1), D(2025, 5, 31), "Tháng Công nhân năm 2025"),
    (2, D(2025, 7, 1), D(2025, 7, 31), "Kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2025)"),
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def ascii_upper(text: str) -> str:
    """"Sì Lở Lầu" → "SILOLAU": the letters of a name without marks, for unit codes."""
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in bare if ch.isascii() and ch.isalnum()).upper()


# ---------------------------------------------------------------------------
# The province: districts before 01/07/2025 and the communes and wards in each.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Commune:
    name: str  # "Tân Phong"
    is_ward: bool = False

    @property
    def full_name(self) -> str:  # "phường Tân Phong"
        return f"{'phường' if self.is_ward else 'xã'} {self.name}"

    @property
    def code(self) -> str:
        return f"LC-X-{ascii_upper(self.name)}"

    @property
    def union_name(self) -> str:
        return nfc(f"Công đoàn {self.full_name}")

    @property
    def label(self) -> str:  # for Enterprise.commune: "Phường Tân Phong"
        return nfc(self.full_name[:1].upper() + self.full_name[1:])


@dataclass(frozen=True)
class District:
    code: str
    area: str  # "huyện Tam Đường"
    communes: tuple[Commune, ...]  # the first one holds the former seat
    old_unions: int  # grassroots unions founded before the campaign

    @property
    def name(self) -> str:
        return nfc(f"LĐLĐ {self.area}")

    @property
    def short(self) -> str:  # "Tam Đường"
        return self.area.split(" ", 1)[1]

    @property
    def seat(self) -> Commune:
        return self.communes[0]


def _communes(*names: str) -> tuple[Commune, ...]:
    return tuple(Commune(nfc(n)) for n in names)


# Communes and wards from 01/07/2025, each in the former district it lies in;
# the first of each district holds its former seat (and becomes its successor).
DISTRICTS: tuple[District, ...] = (
    District("LC-TPLC", nfc("thành phố Lai Châu"), (Commune(nfc("Tân Phong"), True), Commune(nfc("Đoàn Kết"), True)), 31),
    District("LC-TDUONG", nfc("huyện Tam Đường"), _communes("Bình Lư", "Tả Lèng", "Khun Há", "Bản Bo"), 22),
    District(
        "LC-PTHO",
        nfc("huyện Phong Thổ"),
        _communes("Phong Thổ", "Sin Suối Hồ", "Dào San", "Sì Lở Lầu", "Khổng Lào", "Bản Lang"),
        20,
    ),
    District(
        "LC-SHO",
        nfc("huyện Sìn Hồ"),
        _communes("Sìn Hồ", "Tủa Sín Chải", "Hồng Thu", "Nậm Tăm", "Pu Sam Cáp", "Nậm Cuổi", "Pa Tần"),
        18,
    ),
    District("LC-MTE", nfc("huyện Mường Tè"), _communes("Mường Tè", "Pa Ủ", "Bum Nưa", "Bum Tở", "Thu Lũm", "Mù Cả"), 15),
    District("LC-NNHUN", nfc("huyện Nậm Nhùn"), _communes("Nậm Hàng", "Lê Lợi", "Mường Mô", "Hua Bum"), 12),
    District(
        "LC-THANUYEN",
        nfc("huyện Than Uyên"),
        _communes("Than Uyên", "Mường Than", "Khoen On", "Mường Kim", "Tà Hừa"),
        24,
    ),
    District("LC-TANUYEN", nfc("huyện Tân Uyên"), _communes("Tân Uyên", "Mường Khoa", "Pắc Ta", "Nậm Sỏ"), 20),
)
UBND_NAME = nfc("Công đoàn Cơ quan Ủy ban nhân dân tỉnh")

# Grassroots unions under the UBND tỉnh union until 30/06/2025, directly under LC afterwards.
UBND_UNITS: tuple[tuple[str, str], ...] = tuple(
    (nfc(name), sector)
    for name, sector in (
        ("CĐCS Văn phòng Ủy ban nhân dân tỉnh", Sector.OTHER),
        ("CĐCS Sở Nội vụ", Sector.OTHER),
        ("CĐCS Sở Tài chính", Sector.OTHER),
        ("CĐCS Sở Tư pháp", Sector.OTHER),
        ("CĐCS Sở Công Thương", Sector.OTHER),
        ("CĐCS Sở Xây dựng", Sector.OTHER),
        ("CĐCS Sở Nông nghiệp và Môi trường", Sector.OTHER),
        ("CĐCS Sở Khoa học và Công nghệ", Sector.OTHER),
        ("CĐCS Sở Giáo dục và Đào tạo", Sector.OTHER),
        ("CĐCS Sở Y tế", Sector.OTHER),
        ("CĐCS Sở Văn hóa, Thể thao và Du lịch", Sector.OTHER),
        ("CĐCS Sở Dân tộc và Tôn giáo", Sector.OTHER),
        ("CĐCS Thanh tra tỉnh", Sector.OTHER),
        ("CĐCS Ban Quản lý Khu kinh tế tỉnh", Sector.OTHER),
        ("CĐCS Bệnh viện Đa khoa tỉnh", Sector.PUBLIC_UNIT),
        ("CĐCS Bệnh viện Y dược cổ truyền tỉnh", Sector.PUBLIC_UNIT),
        ("CĐCS Trung tâm Kiểm soát bệnh tật tỉnh", Sector.PUBLIC_UNIT),
        ("CĐCS Trường Cao đẳng Cộng đồng Lai Châu", Sector.PUBLIC_UNIT),
        ("CĐCS Trường THPT Chuyên Lê Quý Đôn", Sector.PUBLIC_UNIT),
        ("CĐCS Trường THPT Thành phố Lai Châu", Sector.PUBLIC_UNIT),
        ("CĐCS Báo và Phát thanh, Truyền hình Lai Châu", Sector.PUBLIC_UNIT),
        ("CĐCS Trung tâm Phục vụ hành chính công tỉnh", Sector.PUBLIC_UNIT),
        ("CĐCS Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh", Sector.PUBLIC_UNIT),
        ("CĐCS Quỹ Đầu tư phát triển tỉnh", Sector.PUBLIC_UNIT),
    )
)

# Large enterprises under the city federation that move directly under LC on 01/07/2025.
LARGE_UNITS: tuple[tuple[str, str, int], ...] = tuple(
    (nfc(name), sector, employees)
    for name, sector, employees in (
        ("Công ty Điện lực Lai Châu", Sector.STATE, 340),
        ("Viễn thông Lai Châu", Sector.STATE, 160),
        ("Bưu điện tỉnh Lai Châu", Sector.STATE, 120),
        ("Công ty Cổ phần Cấp nước Lai Châu", Sector.STATE, 110),
    )
)

# A few foreign-invested enterprises (district code, name, employees).
FDI_UNITS: tuple[tuple[str, str, int], ...] = tuple(
    (district, nfc(name), employees)
    for district, name, employees in (
        ("LC-TPLC", "Công ty TNHH Dệt may Tân Hưng Việt Nam", 420),
        ("LC-TDUONG", "Công ty TNHH Nông nghiệp Hoa Việt Lai Châu", 95),
        ("LC-PTHO", "Công ty TNHH Khoáng sản Đông Á Lai Châu", 130),
        ("LC-THANUYEN", "Công ty TNHH Năng lượng Hồng Nam", 75),
    )
)

# Public units in state agencies whose unions were dissolved by 15/06/2025.
DISSOLVED_TEMPLATES = (
    "CĐCS Trung tâm Văn hóa, Thể thao và Truyền thông {area}",
    "CĐCS Ban Quản lý dự án đầu tư xây dựng {area}",
    "CĐCS Trung tâm Dịch vụ nông nghiệp {area}",
)
DISSOLVED_IN = ("LC-TDUONG", "LC-PTHO", "LC-SHO", "LC-MTE", "LC-THANUYEN", "LC-TANUYEN")

# Grassroots unions recognised during wave 1 (under a district) and wave 2 (under a commune union).
WAVE1_DISTRICTS = (
    "LC-TDUONG", "LC-PTHO", "LC-SHO", "LC-MTE", "LC-NNHUN", "LC-THANUYEN", "LC-TANUYEN", "LC-TPLC", "LC-TDUONG",
    "LC-THANUYEN",
)
WAVE2_COMMUNES = tuple(
    nfc(n) for n in ("Tân Phong", "Đoàn Kết", "Bình Lư", "Phong Thổ", "Sìn Hồ", "Mường Tè", "Nậm Hàng",
                     "Than Uyên", "Tân Uyên", "Mường Khoa")
)

# Name parts for invented enterprises.
BRANDS = tuple(
    nfc(b)
    for b in (
        "Hưng Thịnh", "Phúc Lộc", "Minh Anh", "Tây Bắc", "Sơn Hà", "Hoàng Liên", "Thành Đạt", "Bảo Long",
        "Trường Sơn", "Đại Phát", "An Phú", "Việt Tiến", "Hải Đăng", "Tuấn Linh", "Quang Minh", "Nam Tiến",
        "Hồng Hà", "Kim Long", "Thiên Phú", "Ngọc Sơn", "Phú Thành", "Hoàng Gia", "Tân Việt", "Nhật Minh",
        "Anh Quân", "Gia Bảo", "Tiến Đạt", "Hợp Nhất", "Đức Thắng", "Hà Phương", "Thảo Nguyên", "Vĩnh Phát",
        "Khánh An", "Pu Ta Leng", "Sông Đà", "Nậm Na", "Mường Then", "Lâm Phát", "Hưng Long", "Bình Minh",
    )
)
BUSINESS_LINES = tuple(
    nfc(b)
    for b in (
        "Xây dựng", "Xây dựng và Thương mại", "Thủy điện", "Chè", "Vận tải", "Khai thác đá", "Thương mại và Dịch vụ",
        "Xăng dầu", "Vật liệu xây dựng", "Du lịch", "Nông lâm nghiệp", "Tư vấn xây dựng", "Chế biến gỗ",
        "Đầu tư và Phát triển", "Môi trường", "Cơ khí", "Khoáng sản", "Dược liệu", "Nước sạch", "Khách sạn",
    )
)
COMPANY_FORMS = tuple(nfc(f) for f in ("Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần", "Doanh nghiệp tư nhân"))
COOPERATIVE_LINES = tuple(
    nfc(c)
    for c in (
        "Chè", "Nông nghiệp", "Dịch vụ tổng hợp", "Thảo dược", "Chăn nuôi", "Sâm Lai Châu", "Du lịch cộng đồng",
        "Dong riềng", "Vận tải", "Mây tre đan", "Rau an toàn", "Cây ăn quả",
    )
)
INFORMAL_TRADES = tuple(
    nfc(t) for t in ("Xe ôm", "Lao động tự do", "Thợ xây", "Tiểu thương chợ", "Bốc xếp", "Vận tải hàng hóa")
)
# {c}: commune name, {kc}: "xã …"/"phường …", {area}: "huyện …", {short}: "Tam Đường"; {n}: "" or " số 2".
PUBLIC_TEMPLATES = tuple(
    nfc(t)
    for t in (
        "Trường Mầm non{n} {c}", "Trường Tiểu học{n} {c}", "Trường THCS{n} {c}", "Trường PTDTBT Tiểu học{n} {c}",
        "Trường PTDTBT THCS{n} {c}", "Trường Mầm non{n} {c}", "Trường Tiểu học{n} {c}", "Trường THPT{n} {c}",
        "Trạm Y tế {kc}", "Trung tâm Y tế {area}", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {area}",
        "Trường PTDTNT THCS {area}",
    )
)
FDI_LINES = tuple(nfc(x) for x in ("Nông nghiệp", "Khoáng sản", "Năng lượng", "Dệt may", "Chế biến nông sản"))
FDI_BRANDS = tuple(nfc(x) for x in ("Hoa Việt", "Đông Á", "Hồng Nam", "Tân Hưng Việt Nam", "Kim Hải", "Á Châu Lai Châu"))
STATE_TEMPLATES = tuple(
    nfc(t)
    for t in (
        "Điện lực {short}", "Bưu điện {area}", "Chi nhánh Ngân hàng Nông nghiệp và Phát triển nông thôn {area}",
        "Trung tâm Viễn thông {short}", "Công ty TNHH MTV Quản lý thủy nông {short}",
    )
)
OTHER_TEMPLATES = tuple(
    nfc(t)
    for t in (
        "Quỹ tín dụng nhân dân {c}", "Hội Chữ thập đỏ {area}", "Văn phòng Công chứng {brand}",
        "Văn phòng Luật sư {brand}", "Hội Đông y {area}",
    )
)
SURVEY_NOTES = tuple(
    nfc(n)
    for n in (
        "Chưa có tổ chức công đoàn; chưa đủ 5 người lao động đồng ý gia nhập.",
        "Chủ doanh nghiệp đồng ý tạo điều kiện; hẹn tuyên truyền, vận động trong tháng 7.",
        "Doanh nghiệp mùa vụ, lao động thay đổi thường xuyên.",
        "Đã phát tờ rơi, hướng dẫn thủ tục thành lập công đoàn cơ sở.",
        "Doanh nghiệp tạm ngừng hoạt động từ quý I/2025.",
        "Người lao động quan tâm, đề nghị được giải đáp về quyền lợi đoàn viên.",
    )
)

# Sector mix of the older grassroots unions in the districts (FDI ones are listed above).
OLD_SECTOR_WEIGHTS = (
    (Sector.NON_STATE, 42),
    (Sector.PUBLIC_UNIT, 32),
    (Sector.COOPERATIVE, 8),
    (Sector.INFORMAL, 5),
    (Sector.OTHER, 7),
    (Sector.STATE, 5),
)
NEW_SECTOR_WEIGHTS = ((Sector.NON_STATE, 6), (Sector.COOPERATIVE, 2), (Sector.INFORMAL, 1))
ENTERPRISE_SECTORS = {Sector.STATE, Sector.NON_STATE, Sector.FDI, Sector.COOPERATIVE}


# ---------------------------------------------------------------------------
# The description: plain data, no database.
# ---------------------------------------------------------------------------


@dataclass
class EnterpriseSpec:
    tax_code: str
    name: str
    sector: str
    commune: str
    employees: int
    surveyed_on: datetime.date | None = None
    survey_notes: str = ""


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    active_from: datetime.date
    parent: str | None  # code of the first parent
    moves_to: str | None = None  # code of the parent from 01/07/2025, when it moves
    active_to: datetime.date | None = None
    successor: str | None = None
    sector: str = ""
    enterprise: str | None = None  # tax code
    recognition_decision: str = ""
    recognition_date: datetime.date | None = None
    founding_members: int | None = None


@dataclass
class TargetSpec:
    wave: int
    unit: str
    measure: str
    value: int
    scope: str = TargetScope.TOTAL


@dataclass
class UserSpec:
    username: str
    last_name: str
    first_name: str
    role: str | None = None
    unit: str | None = None
    is_staff: bool = False
    is_superuser: bool = False
    in_board_group: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@example.invalid"


@dataclass
class Demo:
    federation: UnitSpec
    superiors: list[UnitSpec]  # the 9 that report until 30/06/2025
    communes: list[UnitSpec]  # the 38 that report from 01/07/2025
    grassroots: list[UnitSpec]
    enterprises: list[EnterpriseSpec]
    targets: list[TargetSpec]
    users: list[UserSpec]


USERS = (
    UserSpec("admin", nfc("Trần Quốc"), nfc("Bảo"), is_staff=True, is_superuser=True),
    UserSpec("lanhdao", nfc("Lò Văn"), nfc("Thắng"), RoleKind.BOARD, FEDERATION_CODE, is_staff=True, in_board_group=True),
    UserSpec("tckt", nfc("Vàng Thị"), nfc("Mai"), RoleKind.STAFF, FEDERATION_CODE, is_staff=True, in_board_group=True),
    UserSpec("baocao.tamduong", nfc("Lò Thị"), nfc("Hương"), RoleKind.REPORTER, "LC-TDUONG"),
    UserSpec("baocao.tanphong", nfc("Nguyễn Thị Thu"), nfc("Hà"), RoleKind.REPORTER, Commune(nfc("Tân Phong"), True).code),
    UserSpec("xem", nfc("Phạm Văn"), nfc("Đức"), RoleKind.VIEWER, FEDERATION_CODE),
)


class _Builder:
    """Generates the grassroots unions and enterprises, deterministically."""

    def __init__(self):
        self.rng = random.Random(SEED)
        self.names: set[str] = set()
        self.tax_codes: set[str] = set()
        self.enterprises: list[EnterpriseSpec] = []
        self.grassroots: list[UnitSpec] = []

    # -- small helpers ---------------------------------------------------
    def day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def tax_code(self) -> str:
        while True:
            code = f"62{self.rng.randrange(10**8):08d}"
            if code not in self.tax_codes:
                self.tax_codes.add(code)
                return code

    def commune_of(self, district: District) -> Commune:
        weights = [4] + [1] * (len(district.communes) - 1)
        return self.rng.choices(district.communes, weights)[0]

    def claim(self, name: str) -> bool:
        name = nfc(name)
        if name in self.names:
            return False
        self.names.add(name)
        return True

    def enterprise(self, name, sector, commune: Commune, employees, surveyed_on=None, notes="") -> str:
        spec = EnterpriseSpec(self.tax_code(), nfc(name), sector, commune.label, employees, surveyed_on, nfc(notes))
        self.enterprises.append(spec)
        return spec.tax_code

    def company_name(self, sector: str, district: District, commune: Commune) -> tuple[str, Commune]:
        """A fresh workplace name (without "CĐCS ") for the sector, and the commune it names.

        When every name for ``commune`` is taken, another commune of the district is tried.
        """
        fmt = {"c": commune.name, "kc": commune.full_name, "area": district.area, "short": district.short}
        for _ in range(200):
            if sector == Sector.NON_STATE:
                line = self.rng.choice(BUSINESS_LINES)
                name = f"{self.rng.choice(COMPANY_FORMS)} {line} {self.rng.choice(BRANDS)}"
            elif sector == Sector.COOPERATIVE:
                name = f"Hợp tác xã {self.rng.choice(COOPERATIVE_LINES)} {commune.name}"
            elif sector == Sector.INFORMAL:
                name = f"Nghiệp đoàn {self.rng.choice(INFORMAL_TRADES)} {commune.name}"
            elif sector == Sector.STATE:
                name = self.rng.choice(STATE_TEMPLATES).format(**fmt)
            elif sector == Sector.OTHER:
                name = self.rng.choice(OTHER_TEMPLATES).format(brand=self.rng.choice(BRANDS), **fmt)
            elif sector == Sector.FDI:
                name = f"Công ty TNHH {self.rng.choice(FDI_LINES)} {self.rng.choice(FDI_BRANDS)}"
            else:  # public unit: schools get "số 2", "số 3" when the plain name is taken
                # No ethnic boarding schools (PTDTBT, PTDTNT) in the city's wards.
                templates = [t for t in PUBLIC_TEMPLATES if not (commune.is_ward and "PTDT" in t)]
                template = self.rng.choice(templates)
                for n in ("", " số 2", " số 3"):
                    name = template.format(n=n, **fmt)
                    if "{n}" not in template or nfc(f"CĐCS {name}") not in self.names:
                        break
            if self.claim(name if sector == Sector.INFORMAL else f"CĐCS {name}"):
                return nfc(name), commune
            commune = self.commune_of(district)
            fmt["c"], fmt["kc"] = commune.name, commune.full_name
        raise RuntimeError(f"no fresh name left for {sector} in {district.area}")

    def employees(self, sector: str) -> int:
        low, high, mode = {
            Sector.STATE: (40, 350, 80),
            Sector.NON_STATE: (8, 200, 25),
            Sector.FDI: (60, 450, 150),
            Sector.COOPERATIVE: (7, 45, 12),
        }[sector]
        return int(self.rng.triangular(low, high, mode))

    def add(self, *, name, parent, active_from, sector, moves_to=None, enterprise=None, **fields) -> UnitSpec:
        spec = UnitSpec(
            code=f"CS{len(self.grassroots) + 1:04d}",
            name=nfc(name),
            kind=UnitKind.GRASSROOTS,
            active_from=active_from,
            parent=parent,
            moves_to=moves_to,
            sector=sector,
            enterprise=enterprise,
            **fields,
        )
        self.grassroots.append(spec)
        return spec

    def old_recognition(self) -> dict:
        """An older union: recognised years ago, no founding figure kept."""
        day = self.day(D(2010, 3, 1), D(2024, 12, 20))
        return {
            "active_from": day,
            "recognition_date": day,
            "recognition_decision": f"{self.rng.randint(12, 180)}/QĐ-LĐLĐ",
        }

    def workplace(self, sector, district, commune, *, surveyed_on=None, employees=None, notes=""):
        """(union name, enterprise tax code or None, commune) for a fresh workplace."""
        name, commune = self.company_name(sector, district, commune)
        if sector == Sector.INFORMAL:
            return name, None, commune
        tax = None
        if sector in ENTERPRISE_SECTORS:
            tax = self.enterprise(name, sector, commune, employees or self.employees(sector), surveyed_on, notes)
        return f"CĐCS {name}", tax, commune

    # -- the parts of the province ---------------------------------------
    def build(self) -> Demo:
        rng = self.rng
        districts = {d.code: d for d in DISTRICTS}
        lc = UnitSpec(FEDERATION_CODE, FEDERATION_NAME, UnitKind.FEDERATION, D(2004, 1, 1), None)
        superiors = [
            UnitSpec(d.code, d.name, UnitKind.SUPERIOR, DISTRICTS_FROM, FEDERATION_CODE,
                     active_to=LAST_DISTRICT_DAY, successor=d.seat.code)
            for d in DISTRICTS
        ]
        superiors.append(
            UnitSpec(UBND_CODE, UBND_NAME, UnitKind.SUPERIOR, DISTRICTS_FROM, FEDERATION_CODE,
                     active_to=LAST_DISTRICT_DAY, successor=FEDERATION_CODE)
        )
        communes = [
            UnitSpec(c.code, c.union_name, UnitKind.SUPERIOR, RESTRUCTURING_DAY, FEDERATION_CODE)
            for d in DISTRICTS
            for c in d.communes
        ]

        # Provincial agencies under the UBND tỉnh union, then directly under LC.
        for name, sector in UBND_UNITS:
            self.claim(name)
            self.add(name=name, parent=UBND_CODE, moves_to=FEDERATION_CODE, sector=sector, **self.old_recognition())

        # Large enterprises in the city, directly under LC from 01/07/2025.
        city = districts["LC-TPLC"]
        for name, sector, employees in LARGE_UNITS:
            self.claim(f"CĐCS {name}")
            tax = self.enterprise(name, sector, city.seat, employees)
            self.add(name=f"CĐCS {name}", parent=city.code, moves_to=FEDERATION_CODE, sector=sector,
                     enterprise=tax, **self.old_recognition())

        # Older unions in each district, moving to the commune union of their area.
        sectors, weights = zip(*OLD_SECTOR_WEIGHTS, strict=True)
        fdi_by_district = {}
        for code, name, employees in FDI_UNITS:
            fdi_by_district.setdefault(code, []).append((name, employees))
        for district in DISTRICTS:
            for name, employees in fdi_by_district.get(district.code, []):
                commune = self.commune_of(district)
                self.claim(f"CĐCS {name}")
                tax = self.enterprise(name, Sector.FDI, commune, employees)
                self.add(name=f"CĐCS {name}", parent=district.code, moves_to=commune.code, sector=Sector.FDI,
                         enterprise=tax, **self.old_recognition())
            for _ in range(district.old_unions):
                sector = rng.choices(sectors, weights)[0]
                commune = self.commune_of(district)
                name, tax, commune = self.workplace(sector, district, commune)
                self.add(name=name, parent=district.code, moves_to=commune.code, sector=sector, enterprise=tax,
                         **self.old_recognition())

        # Public units in state agencies, dissolved in the first half of June 2025 (they do not move).
        for i, code in enumerate(DISSOLVED_IN):
            district = districts[code]
            name = nfc(DISSOLVED_TEMPLATES[i % len(DISSOLVED_TEMPLATES)].format(area=district.area))
            self.claim(name)
            self.add(name=name, parent=code, sector=Sector.PUBLIC_UNIT, active_to=self.day(D(2025, 6, 2), D(2025, 6, 15)),
                     **self.old_recognition())

        # Wave 1 (May 2025): recognised by the district federation, moving on 01/07/2025.
        for code in WAVE1_DISTRICTS:
            district = districts[code]
            sector = rng.choices(*zip(*NEW_SECTOR_WEIGHTS, strict=True))[0]
            commune = self.commune_of(district)
            self.new_union(district, commune, sector, wave=1,
                           window=(D(2025, 5, 5), D(2025, 5, 30)), surveyed=(D(2025, 4, 10), D(2025, 4, 30)),
                           decision="QĐ-LĐLĐ", notes="Đã vận động thành lập công đoàn cơ sở trong đợt 1.")

        # Wave 2 (July 2025): recognised by the commune or ward union, under it from the start.
        by_name = {c.name: (d, c) for d in DISTRICTS for c in d.communes}
        for commune_name in WAVE2_COMMUNES:
            district, commune = by_name[commune_name]
            sector = rng.choices(*zip(*NEW_SECTOR_WEIGHTS, strict=True))[0]
            self.new_union(district, commune, sector, wave=2,
                           window=(D(2025, 7, 3), D(2025, 7, 29)), surveyed=(D(2025, 6, 5), D(2025, 6, 30)),
                           decision="QĐ-CĐ", notes="Đã vận động thành lập công đoàn cơ sở trong đợt 2.")

        # Enterprises surveyed with no union yet.
        for _ in range(30):
            district = rng.choice(DISTRICTS)
            commune = rng.choice(district.communes)
            sector = rng.choices((Sector.NON_STATE, Sector.COOPERATIVE, Sector.FDI), (25, 4, 1))[0]
            name, commune = self.company_name(sector, district, commune)
            self.enterprise(name, sector, commune, max(3, self.employees(sector) // 2),
                            self.day(D(2025, 4, 10), D(2025, 7, 25)), rng.choice(SURVEY_NOTES))

        targets = self.targets(superiors, communes)
        return Demo(lc, superiors, communes, self.grassroots, self.enterprises, targets, list(USERS))

    def new_union(self, district, commune, sector, *, wave, window, surveyed, decision, notes):
        """A union recognised during a wave: under the district then its commune (wave 1), or the commune (wave 2)."""
        day = self.day(*window)
        employees = None
        if sector in ENTERPRISE_SECTORS:
            employees = self.employees(sector)
        name, tax, commune = self.workplace(
            sector, district, commune, surveyed_on=self.day(*surveyed), employees=employees, notes=notes
        )
        parent, moves_to = (district.code, commune.code) if wave == 1 else (commune.code, None)
        founding = self.rng.randint(5, min(40, employees or 40))
        self.add(name=name, parent=parent, moves_to=moves_to, sector=sector, enterprise=tax, active_from=day,
                 recognition_date=day, recognition_decision=f"{self.rng.randint(20, 95)}/{decision}",
                 founding_members=max(5, founding))

    def targets(self, superiors: list[UnitSpec], communes: list[UnitSpec]) -> list[TargetSpec]:
        rng = self.rng
        in_may = Counter(g.parent for g in self.grassroots if g.active_to is None)
        in_july = Counter((g.moves_to or g.parent) for g in self.grassroots if g.active_to is None)
        seats = {d.seat.code for d in DISTRICTS}
        targets = []

        def add(wave, unit, members, grassroots, introduced, scope=TargetScope.TOTAL):
            admitted = max(1, introduced // 3 + rng.randint(-1, 1))
            for measure, value in (
                (Measure.NEW_MEMBERS, members),
                (Measure.NEW_GRASSROOTS, grassroots),
                (Measure.PARTY_INTRODUCED, introduced),
                (Measure.PARTY_ADMITTED, admitted),
            ):
                targets.append(TargetSpec(wave, unit, measure, value, scope))

        for unit in superiors:
            n = in_may[unit.code]
            members = min(150, max(40, 2 * n + rng.randint(10, 50)))
            add(1, unit.code, members, 1 if unit.code == UBND_CODE else rng.randint(1, 3), rng.randint(3, 10))
        for unit in communes:
            n = in_july[unit.code]
            members = min(120, 8 + 2 * n + rng.randint(0, 15))
            add(2, unit.code, members, 2 if unit.code in seats else 1, rng.randint(1, 4))
        # The federation's own row (the grassroots unions directly under it from 01/07/2025),
        # not the province's target: the province's is the sum of its units'.
        n = in_july[FEDERATION_CODE]
        add(2, FEDERATION_CODE, 20 + n + rng.randint(0, 20), 1, rng.randint(5, 10), scope=TargetScope.OWN)
        return targets


def build_demo() -> Demo:
    """The demo province, campaign and users, the same on every call."""
    return _Builder().build()


# ---------------------------------------------------------------------------
# Loading: look up by natural key, write only what is missing or different.
# ---------------------------------------------------------------------------


class DemoConflict(Exception):
    """The database holds a history the demo cannot reconcile without rewriting it."""


@dataclass
class LoadResult:
    demo: Demo
    changes: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return sum(self.changes.values()) > 0

    def summary(self) -> str:
        demo = self.demo
        counts = (
            f"1 liên đoàn, {len(demo.superiors)} + {len(demo.communes)} công đoàn cấp trên, "
            f"{len(demo.grassroots)} công đoàn cơ sở, {len(demo.enterprises)} doanh nghiệp, "
            f"1 chiến dịch ({len(WAVES)} đợt, {len(demo.targets)} chỉ tiêu), {len(demo.users)} người dùng"
        )
        if not self.changed:
            return f"Dữ liệu minh họa đã có đủ ({counts}): không thay đổi gì."
        return f"Đã nạp dữ liệu minh họa: {counts}. Số bản ghi thêm mới hoặc cập nhật: {sum(self.changes.values())}."


ENTERPRISE_FIELDS = ("name", "sector", "commune", "employees", "surveyed_on", "survey_notes")


class _Loader:
    def __init__(self, demo: Demo):
        self.demo = demo
        self.result = LoadResult(demo)
        self.changes = self.result.changes
        self.units = {u.code: u for u in Unit.objects.order_by()}
        self.enterprises = {e.tax_code: e for e in Enterprise.objects.order_by()}
        self.placements: dict[int, list[tuple[int, datetime.date]]] = {}
        for unit_id, parent_id, valid_from in Placement.objects.order_by("unit_id", "valid_from").values_list(
            "unit_id", "parent_id", "valid_from"
        ):
            self.placements.setdefault(unit_id, []).append((parent_id, valid_from))

    # -- organisation tree -----------------------------------------------
    def enterprise(self, spec: EnterpriseSpec) -> Enterprise:
        wanted = {f: getattr(spec, f) for f in ENTERPRISE_FIELDS}
        obj = self.enterprises.get(spec.tax_code)
        if obj is None:
            obj = Enterprise(tax_code=spec.tax_code, **wanted)
        elif all(getattr(obj, f) == v for f, v in wanted.items()):
            return obj
        else:
            for f, v in wanted.items():
                setattr(obj, f, v)
        # No enterprise service exists: validate as the services do.
        obj.full_clean()
        obj.save()
        self.enterprises[spec.tax_code] = obj
        self.changes["enterprise"] += 1
        return obj

    def unit(self, spec: UnitSpec) -> Unit:
        """Create the unit under its first parent, or bring its own fields in line."""
        wanted = {
            "name": spec.name,
            "kind": spec.kind,
            "active_from": spec.active_from,
            "sector": spec.sector,
            "enterprise_id": self.enterprises[spec.enterprise].pk if spec.enterprise else None,
            "recognition_decision": spec.recognition_decision,
            "recognition_date": spec.recognition_date,
            "founding_members": spec.founding_members,
        }
        unit = self.units.get(spec.code)
        parent = self.units[spec.parent] if spec.parent else None
        if unit is None:
            unit = unit_create(code=spec.code, parent=parent, **wanted)
            self.units[spec.code] = unit
            if parent is not None:
                self.placements[unit.pk] = [(parent.pk, spec.active_from)]
            self.changes["unit"] += 1
        elif any(getattr(unit, f) != v for f, v in wanted.items()):
            # No update service exists: validate as the services do.
            for f, v in wanted.items():
                setattr(unit, f, v)
            unit.full_clean()
            unit.save()
            self.changes["unit"] += 1
        return unit

    def placements_match(self, spec: UnitSpec) -> None:
        """Make the unit's dated parents those of the demo: first parent, then the move of 01/07/2025."""
        unit = self.units[spec.code]
        wanted = []
        if spec.parent:
            wanted.append((self.units[spec.parent], spec.active_from))
        if spec.moves_to:
            wanted.append((self.units[spec.moves_to], RESTRUCTURING_DAY))
        keys = [(parent.pk, day) for parent, day in wanted]
        current = self.placements.get(unit.pk, [])
        if current == keys:
            return
        if not current or current != keys[: len(current)]:
            raise DemoConflict(
                f"Quá trình trực thuộc của đơn vị {spec.code} khác với dữ liệu minh họa; "
                "hãy sửa lại trong trang quản trị hoặc nạp vào một cơ sở dữ liệu trống."
            )
        for parent, day in wanted[len(current):]:
            unit = unit_move(unit=unit, new_parent=parent, on=day)
            self.changes["placement"] += 1
        self.units[spec.code] = unit
        self.placements[unit.pk] = keys

    def end_match(self, spec: UnitSpec) -> None:
        """Dissolve (or reactivate) the unit as the demo says."""
        unit = self.units[spec.code]
        successor = self.units[spec.successor] if spec.successor else None
        if unit.active_to == spec.active_to and unit.successor_id == (successor.pk if successor else None):
            return
        if spec.active_to is not None:
            self.units[spec.code] = unit_dissolve(unit=unit, on=spec.active_to, successor=successor)
        else:
            # No service reactivates a unit: validate as the services do.
            unit.active_to = None
            unit.successor = None
            unit.full_clean()
            unit.save()
        self.changes["unit"] += 1

    def tree(self) -> None:
        demo = self.demo
        for spec in demo.enterprises:
            self.enterprise(spec)
        self.unit(demo.federation)
        for spec in (*demo.superiors, *demo.communes):
            self.unit(spec)
            self.placements_match(spec)
        for spec in demo.grassroots:
            self.unit(spec)
            self.end_match(spec)
        # Moves need the old parents' placements and the new parents active on 01/07/2025;
        # the districts are dissolved only after their unions have left them.
        for spec in demo.grassroots:
            self.placements_match(spec)
        for spec in (*demo.superiors, *demo.communes):
            self.end_match(spec)

    # -- campaign ----------------------------------------------------------
    def campaign(self) -> Campaign:
        lc = self.units[FEDERATION_CODE]
        wanted = {
            "name": nfc(CAMPAIGN_NAME),
            "plan_date": PLAN_DATE,
            "legal_basis": nfc(LEGAL_BASIS),
            "final_report_due": FINAL_REPORT_DUE,
            "is_illustrative": True,
        }
        campaign = Campaign.objects.filter(federation=lc, plan_number=nfc(PLAN_NUMBER), year=2025).first()
        if campaign is None:
            campaign = campaign_create(federation=lc, year=2025, plan_number=nfc(PLAN_NUMBER), **wanted)
            self.changes["campaign"] += 1
        elif any(getattr(campaign, f) != v for f, v in wanted.items()):
            # No update service exists: validate as the services do, then regenerate the periods.
            for f, v in wanted.items():
                setattr(campaign, f, v)
            campaign.full_clean()
            campaign.save()
            periods_generate(campaign=campaign)
            self.changes["campaign"] += 1

        waves = {w.number: w for w in campaign.waves.all()}
        for number, start, end, theme in WAVES:
            wave = waves.get(number)
            theme = nfc(theme)
            if wave is None:
                waves[number] = wave_create(campaign=campaign, number=number, start=start, end=end, theme=theme)
                self.changes["wave"] += 1
            elif (wave.start, wave.end, wave.theme) != (start, end, theme):
                wave.start, wave.end, wave.theme = start, end, theme
                wave.full_clean()
                wave.save()
                periods_generate(campaign=campaign)
                self.changes["wave"] += 1

        existing = {(t.unit_id, t.measure, t.wave_id, t.scope): t for t in campaign.targets.all()}
        wanted_keys = set()
        for spec in self.demo.targets:
            unit, wave = self.units[spec.unit], waves[spec.wave]
            wanted_keys.add((unit.pk, spec.measure, wave.pk, spec.scope))
            current = existing.get((unit.pk, spec.measure, wave.pk, spec.scope))
            if current is None or current.value != spec.value:
                target_set(
                    campaign=campaign, unit=unit, measure=spec.measure, value=spec.value, wave=wave, scope=spec.scope
                )
                self.changes["target"] += 1
        # A demo loaded before targets had a scope put the federation's own target in the province's.
        for key, target in existing.items():
            if key not in wanted_keys and target.unit_id == lc.pk:
                target.delete()
                self.changes["target"] += 1
        return campaign

    # -- users ---------------------------------------------------------------
    def users(self) -> None:
        User = get_user_model()
        specs = self.demo.users
        users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in specs])}
        # Hashing is slow on purpose: hash once per run and check each stored hash once.
        hashed: list[str] = []
        checked: dict[str, bool] = {}

        def password_ok(encoded: str) -> bool:
            if encoded not in checked:
                checked[encoded] = check_password(PASSWORD, encoded)
            return checked[encoded]

        def new_hash() -> str:
            if not hashed:
                hashed.append(make_password(PASSWORD))
            return hashed[0]

        group = self.board_group()
        for spec in specs:
            wanted = {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": spec.email,
                "is_staff": spec.is_staff,
                "is_superuser": spec.is_superuser,
                "is_active": True,
            }
            user = users.get(spec.username)
            if user is None:
                user = User(username=spec.username, password=new_hash(), **wanted)
                user.full_clean()
                user.save()
                users[spec.username] = user
                self.changes["user"] += 1
            else:
                fields = [f for f, v in wanted.items() if getattr(user, f) != v]
                for f in fields:
                    setattr(user, f, wanted[f])
                if not password_ok(user.password):
                    user.password = new_hash()
                    fields.append("password")
                if fields:
                    user.save(update_fields=fields)
                    self.changes["user"] += 1
            if spec.in_board_group and not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                self.changes["group membership"] += 1

        wanted_roles = [(users[s.username], self.units[s.unit], s.role) for s in specs if s.role]
        held = set(
            Role.objects.filter(user__in=[u for u, _, _ in wanted_roles]).values_list("user_id", "unit_id", "role")
        )
        for user, unit, role in wanted_roles:
            if (user.pk, unit.pk, role) not in held:
                role_assign(user=user, unit=unit, role=role)
                self.changes["role"] += 1

    def board_group(self) -> Group:
        group = Group.objects.filter(name=BOARD_GROUP).first()
        if group is None:
            group = Group.objects.create(name=BOARD_GROUP)
            self.changes["group"] += 1
        permissions = set(
            Permission.objects.filter(content_type__app_label__in=["unions", "campaign"]).values_list("pk", flat=True)
        )
        permissions |= set(
            Permission.objects.filter(content_type__app_label="auth", codename="view_user").values_list("pk", flat=True)
        )
        # Reports are read in the admin; they change only through the workflow.
        permissions |= set(
            Permission.objects.filter(content_type__app_label="reporting", codename__startswith="view_").values_list(
                "pk", flat=True
            )
        )
        if set(group.permissions.values_list("pk", flat=True)) != permissions:
            group.permissions.set(permissions)
            self.changes["group permissions"] += 1
        return group


def load_demo() -> LoadResult:
    """Bring the database in line with the demo; call it inside ``transaction.atomic``."""
    loader = _Loader(build_demo())
    loader.tree()
    loader.campaign()
    loader.users()
    return loader.result
