"""A user's own account page: name, the e-mail address reminders go to, the
roles they hold, and changing their password (HTTP)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.reminders import missing_reports, send_reminders
from tests.factories import PASSWORD


def test_the_account_page_needs_a_login(client, db):
    response = client.get(reverse("account"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_header_links_to_the_account_page(client, province):
    client.force_login(province.reporter_tan_phong)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("account")}"' in page


def test_a_reporter_sees_their_roles_and_units(client, province):
    client.force_login(province.reporter_tan_phong)
    page = client.get(reverse("account")).content.decode()
    assert "Cán bộ báo cáo của đơn vị" in page
    assert "Công đoàn phường Tân Phong" in page
    assert "LĐLĐ huyện Tam Đường" not in page


def test_a_reporter_sets_the_address_their_reminders_go_to(client, province, mailoutbox):
    client.force_login(province.reporter_tan_phong)
    response = client.post(
        reverse("account"),
        {"last_name": "Lò Thị", "first_name": "Dung", "email": "  dung@tanphong.example.vn "},
        follow=True,
    )
    assert "Đã lưu thông tin tài khoản." in response.content.decode()
    user = province.reporter_tan_phong
    user.refresh_from_db()
    assert (user.last_name, user.first_name, user.email) == ("Lò Thị", "Dung", "dung@tanphong.example.vn")
    # The address is the one the reminders use.
    send_reminders(missing_reports(province.campaign, province.federation, now=timezone.now()))
    assert any("dung@tanphong.example.vn" in mail.to for mail in mailoutbox)


def test_a_bad_address_is_refused_in_vietnamese_and_nothing_is_saved(client, province):
    user = province.reporter_tan_phong
    before = (user.last_name, user.first_name, user.email)
    client.force_login(user)
    response = client.post(reverse("account"), {"last_name": "Khác", "first_name": "Tên", "email": "dung@"})
    assert response.status_code == 200
    assert "Nhập một địa chỉ email hợp lệ." in response.content.decode()
    user.refresh_from_db()
    assert (user.last_name, user.first_name, user.email) == before


def test_a_user_cannot_change_anyone_else_through_the_form(client, province):
    client.force_login(province.reporter_tan_phong)
    client.post(
        reverse("account"),
        {"last_name": "A", "first_name": "B", "email": "b@example.vn", "username": "alice", "is_staff": "on"},
    )
    province.reporter_tan_phong.refresh_from_db()
    assert province.reporter_tan_phong.username == "dung"
    assert not province.reporter_tan_phong.is_staff


def test_changing_the_password(client, province):
    client.force_login(province.reporter_tan_phong)
    new = "Sin-Ho-2025-mat-khau-moi"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("account")
    assert "Đã đổi mật khẩu." in response.content.decode()
    province.reporter_tan_phong.refresh_from_db()
    assert province.reporter_tan_phong.check_password(new)
    # Still logged in after the change.
    assert client.get(reverse("account")).status_code == 200


@pytest.mark.parametrize(
    ("old", "new1", "new2", "message"),
    [
        ("sai", "Sin-Ho-2025-mat-khau-moi", "Sin-Ho-2025-mat-khau-moi", "Mật khẩu cũ không chính xác"),
        (PASSWORD, "Sin-Ho-2025-mat-khau-moi", "Sin-Ho-2025-khac", "Hai trường mật khẩu không giống nhau."),
        (PASSWORD, "12345678901", "12345678901", "Mật khẩu này hoàn toàn là số."),
    ],
)
def test_a_refused_password_change_says_why_and_keeps_the_old_password(client, province, old, new1, new2, message):
    client.force_login(province.reporter_tan_phong)
    response = client.post(
        reverse("password_change"), {"old_password": old, "new_password1": new1, "new_password2": new2}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    province.reporter_tan_phong.refresh_from_db()
    assert province.reporter_tan_phong.check_password(PASSWORD)
