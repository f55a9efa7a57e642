"""The board's dashboard over HTTP: numbers, as-of date, drill-down, scoping."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import module_data

from .builders import hand_computed_province

# Every test here reads the hand-computed reports: built once for the module.
_province_data = module_data(hand_computed_province, "_province_data")

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")


@pytest.fixture
def board(client, province):
    client.force_login(province.board)
    return client


def get(client, **params):
    return client.get(reverse("reporting:dashboard"), params)


def text(response) -> str:
    """The page's text as a person reads it: tags dropped, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_each_measure_is_shown_against_its_target_with_a_progress_bar(board):
    response = get(board, as_of=TOMORROW)
    assert response.status_code == 200
    page = response.content.decode()
    words = text(response)
    assert "Kết nạp đoàn viên mới" in page
    assert "37 / 260 · 14,2%" in words
    assert 'aria-valuenow="14"' in page
    assert "trong đó nữ: 12" in page
    # Wave 1: 24 of 200; wave 2: 13 of 60.
    assert "24 / 200" in words and "13 / 60" in words


def test_the_page_says_only_submitted_reports_count_and_how_many_drafts_wait(board):
    page = get(board, as_of=TOMORROW).content.decode()
    assert "Chỉ tính các báo cáo đã nộp và đã duyệt. 1 báo cáo đang soạn chưa được tính." in page


def test_units_dissolved_and_created_in_the_restructuring_both_appear_with_ranks(board):
    response = get(board, as_of=TOMORROW)
    may, july = response.context["stats"].waves
    assert [(r.rank, r.unit.name) for r in sorted(may.units, key=lambda r: r.rank)] == [
        (1, "LĐLĐ huyện Tam Đường"), (2, "LĐLĐ huyện Phong Thổ"),
    ]
    page = response.content.decode()
    assert "đến 30/06/2025" in page and "từ 01/07/2025" in page
    # Both waves are over: whether the target was reached, not a forecast.
    assert "không đạt chỉ tiêu" in page and "dự kiến" not in page


def test_an_earlier_as_of_date_shows_that_days_state_and_the_countdown(board):
    response = get(board, as_of="20/07/2025")
    page = response.content.decode()
    assert "Còn 16 ngày đến hạn báo cáo tổng kết (05/08/2025)." in page
    assert "0 / 260" in text(response)  # nothing had been submitted by then
    later = get(board, as_of=TOMORROW).content.decode()
    assert "Đã qua hạn báo cáo tổng kết (05/08/2025): đây là số liệu cuối cùng." in later


def test_a_bad_as_of_date_is_explained_and_today_is_shown(board):
    response = get(board, as_of="31/02/2025")
    assert response.status_code == 200
    assert "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy." in response.content.decode()
    assert response.context["as_of"] == timezone.localdate()


def test_drilling_down_to_a_unit_shows_its_grassroots_unions_and_reports(board, province):
    page = get(board, unit=province.tam_duong.pk, as_of=TOMORROW).content.decode()
    assert "LĐLĐ huyện Tam Đường" in page
    assert "CĐCS Công ty Chè Tam Đường" in page and "CĐCS Trường THCS Bình Lư" in page
    # Each union leads to the report lines behind its figures.
    assert reverse("reporting:figure_lines") in page and "grassroots=CS0001" in page
    assert "/lich-su/" in page  # each report links to its history


def test_the_chart_is_drawn_on_the_server(board):
    page = get(board, as_of=TOMORROW).content.decode()
    assert "<svg" in page and "<polyline" in page
    assert "Chỉ tiêu 260" in page


def test_reporters_cannot_open_the_dashboard_and_viewers_read_it_without_the_boards_actions(client, province):
    client.force_login(province.reporter_tam_duong)
    assert get(client).status_code == 403
    client.force_login(province.viewer)
    response = get(client, as_of=TOMORROW)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tải báo cáo kết quả (PDF)" in page and "Tải bảng tổng hợp (Excel)" in page
    assert f'href="{reverse("reporting:final_edit")}?' not in page
    assert f'href="{reverse("reporting:missing")}?' not in page


def test_a_unit_outside_the_users_scope_is_404(board, province):
    from tests.factories import make_federation, make_superior

    other = make_superior(make_federation(name="LĐLĐ tỉnh Điện Biên"), name="LĐLĐ huyện Mường Nhé")
    assert get(board, unit=other.pk).status_code == 404


def test_the_dashboard_takes_the_same_number_of_queries_for_10_and_70_units(board, province):
    from campaign.models import Measure
    from campaign.services import target_set
    from tests.factories import make_grassroots, make_superior

    wave1 = province.campaign.waves.get(number=1)

    def grow(n, tag):
        for i in range(n):
            unit = make_superior(province.federation, name=f"LĐLĐ thử {tag}{i:03d}")
            make_grassroots(unit, name=f"CĐCS thử {tag}{i:03d}")
            target_set(campaign=province.campaign, unit=unit, measure=Measure.NEW_MEMBERS, value=10, wave=wave1)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert get(board, as_of=TOMORROW).status_code == 200
        return len(ctx.captured_queries)

    get(board, as_of=TOMORROW)  # what every page keeps in the cache (the demo-data banner) is kept
    grow(6, "a")  # and the figures change: they are computed again at each count
    small = count()
    grow(60, "b")
    assert count() == small
    assert small <= 15  # the budget of the national dashboard (bench/)


def test_the_chart_coordinates_are_plain_numbers_whatever_the_language(board):
    import re

    page = get(board, as_of=TOMORROW).content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    for attribute in re.findall(r'\b(?:x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"', svg):
        assert re.fullmatch(r"-?\d+(\.\d+)?", attribute), attribute
    points = re.search(r'points="([^"]*)"', svg).group(1)
    assert all(re.fullmatch(r"\d+\.\d,\d+\.\d", p) for p in points.split())


def test_discipline_is_shown_for_each_unit_and_period_it_owed(board, province):
    response = get(board, as_of=TOMORROW)
    matrix = {d.unit.name: {p.short_label: s for p, s in cells} for d, cells in response.context["matrix"]}
    assert matrix["LĐLĐ huyện Tam Đường"]["T1·Đ1"] == "on_time"
    assert matrix["LĐLĐ huyện Phong Thổ"]["T4·Đ1"] == "late"
    assert matrix["LĐLĐ huyện Phong Thổ"]["T3·Đ1"] == "missing"  # a draft is still missing
    assert matrix["LĐLĐ huyện Tam Đường"]["T1·Đ2"] is None  # dissolved before July: owes nothing
    assert matrix["Công đoàn phường Tân Phong"]["T1·Đ1"] is None  # did not exist in May
    assert "Từng đơn vị, từng kỳ" in response.content.decode()
