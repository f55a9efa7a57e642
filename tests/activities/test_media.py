"""Media work over HTTP: the Professional Affairs Board logs items, the list filters and adds
them up per channel and per wave, bad input is refused, and the final report's text and the
synthesis table carry the same totals."""

import datetime
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from activities.models import MediaChannel, MediaItem
from tests.factories import make_user
from tests.reporting.test_pdf import flat, text_of
from unions.models import RoleKind


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def affairs(province):
    return make_user("nghiepvu", unit=province.federation, role=RoleKind.AFFAIRS)


def form(province, **changes):
    return {"campaign": province.campaign.pk, "unit": province.federation.pk, "wave": "", "channel": MediaChannel.RADIO_TV,
            "title": "Phóng sự: công nhân mỏ đá vào công đoàn", "published_on": "03/07/2025",
            "link": "https://laichau.example.vn/phong-su", "audience": "12.000"} | changes


@pytest.fixture
def items(province):
    wave1, wave2 = province.campaign.waves.order_by("number")
    made = [
        (MediaChannel.NEWSPAPER, wave1, datetime.date(2025, 5, 6), 5000, province.federation),
        (MediaChannel.NEWSPAPER, wave2, datetime.date(2025, 7, 2), 3000, province.tan_phong),
        (MediaChannel.SOCIAL, wave2, datetime.date(2025, 7, 3), 800, province.tan_phong),
        (MediaChannel.BANNER, None, datetime.date(2025, 6, 10), 0, province.federation),
    ]
    return [MediaItem.objects.create(campaign=province.campaign, unit=unit, wave=wave, channel=channel,
                                     title=f"Tin {n}", published_on=day, audience=people)
            for n, (channel, wave, day, people, unit) in enumerate(made, start=1)]


def test_the_affairs_board_logs_an_item_and_it_is_in_the_history(province, affairs):
    response = client_of(affairs).post(reverse("activities:media_new"), form(province))
    assert response.status_code == 302
    item = MediaItem.objects.get()
    assert (item.channel, item.audience, item.recorded_by) == (MediaChannel.RADIO_TV, 12000, affairs)
    assert item.history.get().history_user == affairs


def test_reporters_and_viewers_may_read_but_not_log(province, items):
    for user in (province.reporter_tan_phong, province.viewer):
        client = client_of(user)
        assert client.get(reverse("activities:media_new")).status_code == 403
        assert client.post(reverse("activities:media_new"), form(province)).status_code == 403
        assert client.get(reverse("activities:media_edit", args=[items[1].pk])).status_code == 403
    assert MediaItem.objects.count() == 4
    # A reporter sees the items of the units they see: the ward's own, not the province's.
    page = client_of(province.reporter_tan_phong).get(reverse("activities:media")).content.decode()
    assert "Tin 2" in page and "Tin 1" not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"published_on": "01/01/2099"}, "published_on", "Ngày không được sau hôm nay."),
        ({"link": "javascript:alert(1)"}, "link", "Nhập một URL hợp lệ."),
        ({"audience": "-5"}, "audience", "Số người tiếp cận phải từ 0 đến 100.000.000."),
        ({"title": ""}, "title", "Trường này là bắt buộc."),
        ({"channel": "tiktok"}, "channel", "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_bad_input_is_refused_next_to_the_field(province, affairs, changes, field, message):
    response = client_of(affairs).post(reverse("activities:media_new"), form(province, **changes))
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert not MediaItem.objects.exists()


def test_the_list_adds_up_per_channel_and_wave_and_filters(province, items):
    staff = client_of(province.staff)
    response = staff.get(reverse("activities:media"))
    summary = response.context["summary"]
    assert {c[0]: (c[2], c[3]) for c in summary.channels if c[2]} == {
        "newspaper": (2, 8000), "social": (1, 800), "banner": (1, 0)}
    assert (summary.items, summary.audience, summary.waves) == (4, 8800, {1: 1, 2: 2, None: 1})
    assert "Đợt 1: 1 · Đợt 2: 2 · Ngoài các đợt: 1" in response.content.decode()
    filtered = staff.get(reverse("activities:media"), {"channel": "newspaper", "wave": "2"})
    assert [i.title for i in filtered.context["page"]] == ["Tin 2"]
    assert filtered.context["summary"].audience == 3000


def test_the_affairs_board_edits_an_item(province, affairs, items):
    response = client_of(affairs).post(reverse("activities:media_edit", args=[items[0].pk]),
                                       form(province, title="Tin 1 (sửa)", audience="5500"))
    assert response.status_code == 302
    items[0].refresh_from_db()
    assert (items[0].title, items[0].audience) == ("Tin 1 (sửa)", 5500)


def test_the_final_report_and_the_synthesis_carry_the_media_work(client, province, items, tmp_path):
    client.force_login(province.board)
    today = timezone.localdate().strftime("%d/%m/%Y")
    response = client.get(reverse("reporting:final_pdf"), {"as_of": today})
    path = tmp_path / "report.pdf"
    path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
    body = flat(text_of(path))
    assert "7. Công tác tuyên truyền" in body
    assert ("Thực hiện 4 tin, bài, hoạt động tuyên truyền (báo in, báo điện tử: 2; mạng xã hội: 1; "
            "băng rôn, khẩu hiệu, áp phích: 1), tiếp cận khoảng 8.800 lượt người.") in body
    assert "Theo đợt: đợt 1: 1; đợt 2: 2; ngoài các đợt: 1." in body

    workbook = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": today})
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content))["Truyền thông"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    assert rows["Báo in, báo điện tử"] == (1, 1, 0, 2, 8000)
    assert rows["Băng rôn, khẩu hiệu, áp phích"] == (0, 0, 1, 1, 0)
    assert rows["Tổng cộng"] == (1, 2, 1, 4, 8800)
    # A cut-off before the July items leaves them out of both.
    early = client.get(reverse("reporting:synthesis_xlsx"), {"as_of": "30/06/2025"})
    rows = {row[0]: row[1:] for row in openpyxl.load_workbook(io.BytesIO(early.content))["Truyền thông"]
            .iter_rows(min_row=4, values_only=True) if row[0]}
    assert rows["Tổng cộng"] == (1, 0, 1, 2, 5000)
