"""Users and roles in bulk: a sheet or pasted lines of name, e-mail, unit code and role, checked
and shown before anything is written, then the users made with their roles in one transaction and
each new user e-mailed a link to set their own password; the units without a reporter listed."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.conftest import module_data
from tests.personas import build_province
from unions.models import Role, RoleKind

_province_data = module_data(build_province, "_province_data")
URL = reverse("unions:invitations")
NEW_PASSWORD = "Mat-khau-cua-Mai-2026"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


LINES = "Vàng Thị Mai; mai@example.vn; LC-X-TPHONG; Cán bộ báo cáo của đơn vị\nLò Văn Sơn; son@example.vn; LC; viewer\n"


def test_pasted_lines_are_shown_then_confirmed_and_each_new_user_sets_a_password(province):
    staff = client_of(province.staff)
    preview = staff.post(URL, {"lines": LINES})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Vàng Thị Mai" in html and "người dùng mới: gửi thư mời" in html
    assert not get_user_model().objects.filter(email="mai@example.vn").exists()  # shown, not written
    carried = re.search(r'<textarea name="lines" hidden aria-hidden="true">([^<]*)</textarea>', html).group(1)
    done = staff.post(URL, {"lines": carried.replace("&#x27;", "'"), "confirm": "1"})
    assert done.status_code == 302
    mai = get_user_model().objects.get(email="mai@example.vn")
    assert (mai.first_name, mai.last_name, mai.has_usable_password()) == ("Mai", "Vàng Thị", False)
    assert Role.objects.filter(user=mai, unit=province.tan_phong, role=RoleKind.REPORTER).exists()
    assert Role.objects.filter(user__email="son@example.vn", unit=province.federation, role=RoleKind.VIEWER).exists()
    assert len(mail.outbox) == 2
    letter = next(m for m in mail.outbox if m.to == ["mai@example.vn"])
    assert "Cán bộ báo cáo của đơn vị" in letter.body and "Công đoàn phường Tân Phong" in letter.body
    link = re.search(r"http://testserver(/dat-mat-khau/\S+)", letter.body).group(1)
    anonymous = Client()
    form = anonymous.get(link, follow=True)
    assert form.status_code == 200 and "Đặt mật khẩu" in form.content.decode()
    set_url = form.redirect_chain[-1][0] if form.redirect_chain else link
    assert anonymous.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}).status_code == 302
    assert Client().login(username=mai.username, password=NEW_PASSWORD)
    assert anonymous.get(link, follow=True).content.decode().count("Đường dẫn không còn dùng được") == 1  # used once


def test_an_existing_user_gets_the_role_without_a_letter(province):
    province.reporter_tan_phong.email = "dung@example.vn"
    province.reporter_tan_phong.save()
    staff = client_of(province.staff)
    line = "Dũng; dung@example.vn; LC-X-TPHONG; viewer"
    assert "đã có tài khoản: thêm vai trò" in staff.post(URL, {"lines": line}).content.decode()
    assert staff.post(URL, {"lines": line, "confirm": "1"}).status_code == 302
    assert Role.objects.filter(user=province.reporter_tan_phong, role=RoleKind.VIEWER).exists()
    assert mail.outbox == []


def test_a_sheet_is_read_by_its_headers(province):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Danh sách mời"])
    sheet.append(["Mã đơn vị", "Họ và tên", "Thư điện tử", "Vai trò"])
    sheet.append(["LC-X-TPHONG", "Vàng Thị Mai", "Mai@Example.vn", ""])
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("moi.xlsx", out.getvalue())
    preview = client_of(province.staff).post(URL, {"file": upload})
    assert preview.status_code == 200
    assert "mai@example.vn" in preview.content.decode() and "Cán bộ báo cáo của đơn vị" in preview.content.decode()


@pytest.mark.parametrize("line, error", [
    ("; mai@example.vn; LC-X-TPHONG;", "thiếu họ và tên."),
    ("Mai; mai-at-example; LC-X-TPHONG;", "thư điện tử “mai-at-example” không hợp lệ."),
    ("Mai; mai@example.vn; KHONG-CO;", "không có đơn vị mã KHONG-CO."),
    ("Mai; mai@example.vn; LC-TDUONG;", "đơn vị LC-TDUONG đã ngừng hoạt động."),
    ("Mai; mai@example.vn; CS0001;", "công đoàn cơ sở không báo cáo trong ứng dụng"),
    ("Mai; mai@example.vn; LC-X-TPHONG; quản trị", "vai trò không hợp lệ"),
    ("Mai; mai@example.vn; LC-X-TPHONG; board", "vai trò không hợp lệ"),
    ("Mai; mai@example.vn; LC-X-TPHONG; staff", "chỉ lãnh đạo giao vai trò cán bộ Ban Tổ chức - Kiểm tra."),
    ("Mai; mai@example.vn; LC-X-TPHONG;\nMai; mai@example.vn; LC-X-TPHONG;", "trùng với dòng 1."),
])
def test_a_wrong_line_is_named_and_nothing_is_written_even_when_confirmed(province, line, error):
    users, roles = get_user_model().objects.count(), Role.objects.count()
    response = client_of(province.staff).post(URL, {"lines": line + "\nĐúng; dung2@example.vn; LC-X-TPHONG;",
                                                    "confirm": "1"})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert (get_user_model().objects.count(), Role.objects.count(), len(mail.outbox)) == (users, roles, 0)


def test_the_board_gives_the_staff_role(province):
    board = client_of(province.board)
    assert board.post(URL, {"lines": "Mai; mai@example.vn; LC; staff", "confirm": "1"}).status_code == 302
    assert Role.objects.filter(user__email="mai@example.vn", unit=province.federation, role=RoleKind.STAFF).exists()


def test_a_unit_outside_ones_charge_is_refused_and_reporters_cannot_invite(province):
    assert client_of(province.reporter_tan_phong).get(URL).status_code == 403
    assert client_of(province.viewer).post(URL, {"lines": LINES, "confirm": "1"}).status_code == 403
    assert not get_user_model().objects.filter(email="mai@example.vn").exists()


def test_the_units_without_a_reporter_are_listed(province):
    html = client_of(province.staff).get(URL).content.decode()
    assert "0 đơn vị chưa có cán bộ báo cáo" in html  # Tân Phong has its reporter; the districts have ended
    Role.objects.filter(user=province.reporter_tan_phong).delete()
    html = client_of(province.staff).get(URL).content.decode()
    assert "1 đơn vị chưa có cán bộ báo cáo" in html and "Công đoàn phường Tân Phong" in html
