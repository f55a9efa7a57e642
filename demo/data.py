"""The demo's tables: Lai Châu's province, its 2025 peak-month campaign (plan 143/KH-LĐLĐ)
and the demo users, as plain constants (no database).

The names of the province, its districts and its communes and wards are real;
every grassroots union, enterprise, tax code, figure and person is invented.
``demo.builder`` turns these tables into the full description of the demo.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass

from unions.models import RoleKind, Sector
from unions.setup import BOARD_GROUP  # noqa: F401  (the one name of the board's admin group, re-exported)

from .specs import UserSpec

D = datetime.date

PASSWORD = "laichau2025"  # development only: every demo user has it
SEED = 2025
LAST_DISTRICT_DAY = D(2025, 6, 30)
RESTRUCTURING_DAY = D(2025, 7, 1)
DISTRICTS_FROM = D(2010, 1, 1)

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

# The demo users, every one with PASSWORD.
USERS = (
    UserSpec("admin", nfc("Trần Quốc"), nfc("Bảo"), is_staff=True, is_superuser=True),
    UserSpec("lanhdao", nfc("Lò Văn"), nfc("Thắng"), RoleKind.BOARD, FEDERATION_CODE, is_staff=True, in_board_group=True),
    UserSpec("tckt", nfc("Vàng Thị"), nfc("Mai"), RoleKind.STAFF, FEDERATION_CODE, is_staff=True, in_board_group=True),
    UserSpec("baocao.tamduong", nfc("Lò Thị"), nfc("Hương"), RoleKind.REPORTER, "LC-TDUONG"),
    UserSpec("baocao.tanphong", nfc("Nguyễn Thị Thu"), nfc("Hà"), RoleKind.REPORTER, Commune(nfc("Tân Phong"), True).code),
    UserSpec("xem", nfc("Phạm Văn"), nfc("Đức"), RoleKind.VIEWER, FEDERATION_CODE),
)
