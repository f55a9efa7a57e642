"""Set up from nothing, without a Python shell: the first province and its board member
(``setup_province``), then its unit tree from a file (``import_units``, Excel or CSV), all or
nothing, every problem named by its row."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from unions.models import Placement, Role, RoleKind, Sector, Unit, UnitKind

D = datetime.date
PASSWORD = "Mat-khau-Lai-Chau-2026"


@pytest.fixture
def province(db, monkeypatch):
    monkeypatch.setenv("SETUP_PASSWORD", PASSWORD)
    call_command("setup_province", "--code", "LC", "--name", "Liên đoàn Lao động tỉnh Lai Châu",
                 "--username", "lanhdao", "--email", "lanhdao@example.vn", stdout=io.StringIO())
    return Unit.objects.get(code="LC")


def test_a_fresh_install_gets_its_province_and_first_board_member(province):
    user = get_user_model().objects.get(username="lanhdao")
    assert province.kind == UnitKind.FEDERATION and province.parent is None
    assert user.is_staff and not user.is_superuser and user.groups.filter(name__startswith="Ban Thường vụ").exists()
    assert Role.objects.filter(user=user, unit=province, role=RoleKind.BOARD).exists()
    client = Client()
    assert client.login(username="lanhdao", password=PASSWORD)
    assert client.get(reverse("campaign:list")).status_code == 200
    assert client.get(reverse("admin:unions_unit_changelist")).status_code == 200


@pytest.mark.parametrize("args, env, message", [
    (["--code", "LC"], PASSWORD, "Đã có đơn vị mã LC."),
    (["--username", "lanhdao"], PASSWORD, "Đã có người dùng lanhdao."),
    ([], "123", "Mật khẩu"),  # Django's validators, in Vietnamese
    (["--parent", "VN"], PASSWORD, "Không có Tổng Liên đoàn mã VN."),
])
def test_a_refused_setup_writes_nothing(province, monkeypatch, args, env, message):
    monkeypatch.setenv("SETUP_PASSWORD", env)
    base = {"--code": "DB", "--name": "Liên đoàn Lao động tỉnh Điện Biên", "--username": "dienbien"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    units, users = Unit.objects.count(), get_user_model().objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("setup_province", *[x for pair in base.items() for x in pair], stdout=io.StringIO())
    assert (Unit.objects.count(), get_user_model().objects.count()) == (units, users)


TREE_CSV = """Mã đơn vị;Tên đơn vị;Loại đơn vị;Mã đơn vị cấp trên;Khu vực;Hoạt động từ ngày;Hoạt động đến ngày
CS0001;CĐCS Công ty Chè Tam Đường;Công đoàn cơ sở;LC-TDUONG;Doanh nghiệp ngoài nhà nước;01/01/2015;
LC-TDUONG;LĐLĐ huyện Tam Đường;Công đoàn cấp trên trực tiếp cơ sở;LC;;01/01/2010;30/06/2025
LC-X-TPHONG;Công đoàn phường Tân Phong;superior;LC;;01/07/2025;
CS0002;CĐCS Trường THCS Bình Lư;grassroots;LC-X-TPHONG;public_unit;2025-07-01;
"""


def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def test_a_tree_from_a_csv_file_parents_after_their_units(province, tmp_path):
    out = io.StringIO()
    call_command("import_units", _write(tmp_path, "cay.csv", TREE_CSV), stdout=out)
    assert "Đã nhập 4 đơn vị." in out.getvalue()
    tea = Unit.objects.get(code="CS0001")
    assert (tea.parent.code, tea.kind, tea.sector, tea.active_from) == ("LC-TDUONG", UnitKind.GRASSROOTS,
                                                                        Sector.NON_STATE, D(2015, 1, 1))
    district = Unit.objects.get(code="LC-TDUONG")
    assert (district.parent, district.active_to) == (province, D(2025, 6, 30))
    assert Unit.objects.get(code="CS0002").sector == Sector.PUBLIC_UNIT
    assert Placement.objects.filter(unit=tea, parent=district, valid_from=D(2015, 1, 1)).exists()
    assert tea.history.count() == 1
    assert list(Unit.objects.under(province).values_list("code", flat=True).order_by("path"))[0] == "LC"


def test_a_tree_from_an_excel_file_is_checked_first(province, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in TREE_CSV.strip().splitlines():
        sheet.append(line.split(";"))
    sheet["F3"] = datetime.datetime(2010, 1, 1)  # a date cell, as Excel keeps it
    out = io.BytesIO()
    workbook.save(out)
    path = _write(tmp_path, "cay.xlsx", out.getvalue())
    checked = io.StringIO()
    call_command("import_units", path, "--check", stdout=checked)
    assert "Tệp đúng: 4 đơn vị (chưa ghi)." in checked.getvalue()
    assert Unit.objects.count() == 1
    call_command("import_units", path, stdout=io.StringIO())
    assert Unit.objects.count() == 5


BAD_TREE = """code,name,kind,parent,sector,active_from,active_to
A,Công đoàn A,superior,B,,01/01/2020,
B,Công đoàn B,superior,A,,01/01/2020,
C,Công đoàn C,grassroots,KHONG-CO,,01/01/2020,
D,Công đoàn D,grassroots,C0,,32/01/2020,
C0,CĐCS C0,grassroots,LC,,01/01/2020,
E,Công đoàn E,huyện,LC,,01/01/2020,
E,Công đoàn E lần hai,superior,LC,,01/01/2020,
F,Công đoàn F,superior,LC,,01/01/2020,01/01/2019
LC,Trùng tỉnh,federation,,,01/01/2020,
G,Công đoàn G,grassroots,LC,sao hỏa,01/01/2020,
"""


def test_every_problem_of_a_tree_is_named_by_its_row_and_nothing_is_written(province, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command("import_units", _write(tmp_path, "sai.csv", BAD_TREE), stdout=io.StringIO())
    message = str(refused.value)
    for expected in (
        "Dòng 2: mã đơn vị cấp trên tạo thành vòng (A).",
        "Dòng 3: mã đơn vị cấp trên tạo thành vòng (B).",
        "Dòng 4: không có đơn vị cấp trên mã KHONG-CO.",
        "Dòng 5, cột “Hoạt động từ ngày”: “32/01/2020” không phải là ngày (dd/mm/yyyy).",
        "Dòng 5: công đoàn cơ sở C0 không thể có đơn vị trực thuộc.",
        "Dòng 7, cột “Loại đơn vị”: loại đơn vị không hợp lệ.",
        "Dòng 8, cột “Mã đơn vị”: mã E trùng với dòng 7.",
        "Dòng 9, cột “Hoạt động đến ngày”: ngày kết thúc trước ngày bắt đầu.",
        "Dòng 10: đã có đơn vị mã LC.",
        "Dòng 11, cột “Khu vực”: khu vực không hợp lệ.",
        "Dòng 4, cột “Khu vực”: công đoàn cơ sở cần khu vực.",
    ):
        assert expected in message
    assert Unit.objects.count() == 1


def test_a_unit_refused_by_its_own_rules_refuses_the_whole_file(province, tmp_path):
    tree = ("code,name,kind,parent,sector,active_from,active_to\n"
            "X1,Công đoàn X1,superior,LC,,01/01/2020,\n"
            "X2,CĐCS X2,grassroots,X1,fdi,01/01/2019,\n")  # before its parent existed
    with pytest.raises(CommandError, match="Dòng 3: Đơn vị cấp trên không hoạt động"):
        call_command("import_units", _write(tmp_path, "x.csv", tree), stdout=io.StringIO())
    assert not Unit.objects.filter(code__in=["X1", "X2"]).exists()
