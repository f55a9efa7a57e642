"""The login page and the home page for each role (HTTP)."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


def test_the_login_page_is_in_vietnamese(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page and "Mật khẩu" in page
    assert '<html lang="vi">' in page


def test_a_wrong_password_gets_a_vietnamese_error_and_no_session(client, province):
    response = client.post(reverse("login"), {"username": "alice", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập và mật khẩu chính xác" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logging_in_lands_on_the_home_page(client, province):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Tháng cao điểm phát triển đoàn viên năm 2025" in response.content.decode()


def test_the_home_page_needs_a_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["board", "staff", "viewer"])
def test_board_staff_and_viewers_see_the_province_campaign_at_a_glance(client, province, persona):
    client.force_login(getattr(province, persona))
    page = client.get(reverse("home")).content.decode()
    assert "Tháng cao điểm phát triển đoàn viên năm 2025" in page
    assert "143/KH-LĐLĐ" in page
    assert "Hạn nộp báo cáo tổng kết" in page and "05/08/2025" in page
    # Both waves, their weeks with due and closing times.
    assert "Đợt 1 (01/05/2025 – 31/05/2025)" in page and "Đợt 2 (01/07/2025 – 31/07/2025)" in page
    assert "Tuần 1 đợt 1 (01/05/2025 – 04/05/2025)" in page
    assert "05/05/2025 17:00" in page and "12/05/2025 17:00" in page
    # May is reported by the districts, July by the wards and the province itself.
    assert "LĐLĐ huyện Tam Đường" in page and "Công đoàn phường Tân Phong" in page
    # The targets, summed for the province: 120 + 80 in May, 60 in July.
    assert "260" in page and "200" in page


def test_the_overview_lists_the_right_units_for_each_wave(client, province):
    client.force_login(province.board)
    response = client.get(reverse("home"))
    wave1, wave2 = response.context["waves"]
    assert [u.name for u in wave1.units] == ["LĐLĐ huyện Phong Thổ", "LĐLĐ huyện Tam Đường"]
    assert [(u.name, u.grassroots_count) for u in wave2.units] == [
        ("Công đoàn phường Tân Phong", 2),
        ("Liên đoàn Lao động tỉnh Lai Châu", 1),
    ]
    assert (wave1.grassroots_total, wave2.grassroots_total) == (3, 3)


def test_a_reporter_sees_their_own_unit_and_its_grassroots_unions(client, province):
    client.force_login(province.reporter_tan_phong)
    page = client.get(reverse("home")).content.decode()
    assert "Công đoàn phường Tân Phong" in page
    assert "CĐCS Công ty Chè Tam Đường" in page and "CĐCS Trường THCS Bình Lư" in page
    assert "CĐCS Công ty Thủy điện Nậm Na" not in page
    assert "LĐLĐ huyện Phong Thổ" not in page
    # Only the periods the ward exists for: July, not May.
    assert "Tuần 1 đợt 2" in page and "Tuần 1 đợt 1" not in page


def test_a_district_reporter_sees_its_grassroots_unions_as_of_its_last_day(client, province):
    client.force_login(province.reporter_tam_duong)
    page = client.get(reverse("home")).content.decode()
    assert "Tính đến ngày 30/06/2025" in page
    assert "CĐCS Công ty Chè Tam Đường" in page
    assert "Tuần 1 đợt 1" in page and "Tuần 1 đợt 2" not in page


def test_a_user_without_a_role_is_told_so(client, province):
    client.force_login(province.outsider)
    assert "Chưa được phân quyền" in client.get(reverse("home")).content.decode()


def test_every_page_says_the_demo_data_is_illustrative(client, province):
    province.campaign.is_illustrative = True
    province.campaign.save()
    client.force_login(province.board)
    assert "Dữ liệu minh họa" in client.get(reverse("home")).content.decode()


def test_real_data_carries_no_demo_banner(client, province):
    client.force_login(province.board)
    assert "Dữ liệu minh họa" not in client.get(reverse("home")).content.decode()


def test_the_home_page_query_count_does_not_grow_with_the_units(client, province, django_assert_max_num_queries):
    from tests.factories import make_grassroots, make_superior

    client.force_login(province.board)
    client.get(reverse("home"))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for i in range(10):
        district = make_superior(province.federation, name=f"LĐLĐ huyện thử {i}")
        make_grassroots(district, name=f"CĐCS thử {i}")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("home"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_english_is_available(client, province):
    client.force_login(province.board)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in page
    assert "Final report due" in page


def test_a_browser_asking_for_english_still_gets_vietnamese_until_the_user_switches(client, province):
    client.force_login(province.board)
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page and "Hạn nộp báo cáo tổng kết" in page


def test_each_wave_lists_its_weeks_in_order_then_its_month(client, province):
    client.force_login(province.board)
    wave1 = client.get(reverse("home")).context["waves"][0]
    assert [p.label for p in wave1.periods] == [
        "Tuần 1 đợt 1 (01/05/2025 – 04/05/2025)",
        "Tuần 2 đợt 1 (05/05/2025 – 11/05/2025)",
        "Tuần 3 đợt 1 (12/05/2025 – 18/05/2025)",
        "Tuần 4 đợt 1 (19/05/2025 – 25/05/2025)",
        "Tuần 5 đợt 1 (26/05/2025 – 31/05/2025)",
        "Tháng 05/2025",
    ]


def test_the_signed_in_user_is_named_family_name_first(client, province):
    client.force_login(province.board)
    assert "Hoàng Thọ Trung" in client.get(reverse("home")).content.decode()


def test_the_login_page_says_the_demo_data_is_illustrative(client, province):
    province.campaign.is_illustrative = True
    province.campaign.save()
    assert "Dữ liệu minh họa" in client.get(reverse("login")).content.decode()


def test_a_reporters_periods_are_those_it_owes_in_the_order_they_fall_due(client, province):
    """Tam Đường ended on 30/06/2025: it owes May and the half-year, not the year nor the final report."""
    from django.urls import reverse

    client.force_login(province.reporter_tam_duong)
    (block,) = client.get(reverse("reporting:list")).context["blocks"]
    periods = [p for p, _report in block["items"]]
    assert [p.due_at for p in periods] == sorted(p.due_at for p in periods)
    labels = [p.label for p in periods]
    assert labels[0] == "Tuần 1 đợt 1 (01/05/2025 – 04/05/2025)"
    assert "Tháng 05/2025" in labels and "6 tháng đầu năm 2025" in labels
    assert "Năm 2025" not in labels and not any(label.startswith("Tổng kết") for label in labels)
    assert labels.index("Tuần 5 đợt 1 (26/05/2025 – 31/05/2025)") < labels.index("Tháng 05/2025")
    home = client.get(reverse("home")).context["units"][0]["periods"]
    assert [p.label for p in home] == labels

    client.force_login(province.reporter_tan_phong)
    (block,) = client.get(reverse("reporting:list")).context["blocks"]
    labels = [p.label for p, _report in block["items"]]
    assert "Năm 2025" in labels and any(label.startswith("Tổng kết") for label in labels)
    assert not any("đợt 1" in label for label in labels) and "6 tháng đầu năm 2025" not in labels
