"""A campaign's targets on one page and in one sheet (``campaign.grid``): typed like the weekly
grid, a wave's cell open only to a unit active during it, totals per column beside the province's
own target, the same grid downloaded, filled (in Excel or LibreOffice) and uploaded — shown before
it is saved —, and nothing written while anything is wrong.

The province of ``tests.personas`` (waves: May and July 2025): Tam Đường 120 new members and 2 new
unions in wave 1, Phong Thổ 80 in wave 1 (both ended on 30/06), Tân Phong 60 in wave 2 (from 01/07).
"""

import datetime
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from campaign.models import Measure, Target, TargetScope
from reporting.stats import campaign_stats
from tests.conftest import module_data
from tests.reporting.builders import hand_computed_province

D = datetime.date
FIXTURES = Path(__file__).parent / "fixtures"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_province_data = module_data(hand_computed_province, "_province_data")


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def name(unit, measure, wave: int, scope=TargetScope.TOTAL) -> str:
    return f"t-{unit.pk}-{scope}-{measure}-{wave}"


def saved(province) -> set[tuple]:
    return {
        (t.unit.code, t.scope, t.measure, t.wave.number if t.wave else 0, t.value)
        for t in Target.objects.filter(campaign=province.campaign).select_related("unit", "wave")
    }


BEFORE = {
    ("LC-TDUONG", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 120),
    ("LC-PTHO", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 80),
    ("LC-X-TPHONG", TargetScope.TOTAL, Measure.NEW_MEMBERS, 2, 60),
    ("LC-TDUONG", TargetScope.TOTAL, Measure.NEW_GRASSROOTS, 1, 2),
}


def url(province, view="campaign:targets") -> str:
    return reverse(view, args=[province.campaign.pk])


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_grid_shows_every_units_targets_with_the_totals(province):
    page = client_of(province.staff).get(url(province))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="{name(province.tam_duong, Measure.NEW_MEMBERS, 1)}" value="120"' in html
    assert f'name="{name(province.phong_tho, Measure.NEW_MEMBERS, 1)}" value="80"' in html
    assert f'name="{name(province.tan_phong, Measure.NEW_MEMBERS, 2)}" value="60"' in html
    # Each box has its name for a screen reader; a wave outside a unit's life has no box.
    assert 'aria-label="Kết nạp đoàn viên mới — Đợt 2 — Công đoàn phường Tân Phong"' in html
    assert name(province.tan_phong, Measure.NEW_MEMBERS, 1) not in html
    assert name(province.tam_duong, Measure.NEW_MEMBERS, 2) not in html
    # The rows: the province's target, the federation's own row, then the units in Vietnamese order.
    rows = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<th scope="row">(.*?)</th>', html)]
    assert rows[:5] == [
        "Liên đoàn Lao động tỉnh Lai Châu — chỉ tiêu toàn tỉnh",
        "Liên đoàn Lao động tỉnh Lai Châu — các công đoàn cơ sở trực thuộc trực tiếp",
        "Công đoàn phường Tân Phong", "LĐLĐ huyện Phong Thổ", "LĐLĐ huyện Tam Đường",
    ]
    foot = html.split("<tfoot>")[1]
    units_total = re.findall(r'<td class="num">([^<]*)</td>', foot.split("</tr>")[0])
    assert units_total[:3] == ["—", "200", "60"]  # new members: the whole campaign, wave 1, wave 2


def test_typed_targets_are_saved_with_history_and_read_by_the_dashboard(province):
    staff = client_of(province.staff)
    response = staff.post(url(province), {
        name(province.federation, Measure.NEW_MEMBERS, 0): "1.000",  # the province's target
        name(province.tan_phong, Measure.NEW_MEMBERS, 2): " 75 ",
        name(province.tam_duong, Measure.NEW_GRASSROOTS, 1): "",  # removed
        name(province.tam_duong, Measure.NEW_MEMBERS, 1): "120",  # unchanged: no write
    })
    assert response.status_code == 302
    assert saved(province) == {
        ("LC", TargetScope.TOTAL, Measure.NEW_MEMBERS, 0, 1000),
        ("LC-TDUONG", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 120),
        ("LC-PTHO", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 80),
        ("LC-X-TPHONG", TargetScope.TOTAL, Measure.NEW_MEMBERS, 2, 75),
    }
    history = Target.history.filter(campaign_id=province.campaign.pk)
    assert history.filter(history_type="+", value=1000).count() == 1
    assert history.filter(history_type="~", value=75).count() == 1
    assert history.filter(history_type="-", measure=Measure.NEW_GRASSROOTS).count() == 1
    assert history.filter(value=120).count() == 1  # only its creation
    stats = campaign_stats(province.campaign, province.federation, as_of=D(2025, 8, 31))
    assert stats.figure(Measure.NEW_MEMBERS).target == 1000
    assert stats.figure(Measure.NEW_MEMBERS, province.campaign.waves.get(number=2)).target == 75
    assert stats.figure(Measure.NEW_GRASSROOTS).target is None
    message = text(staff.get(url(province)))
    assert "Đã lưu chỉ tiêu: 1 mới, 1 thay đổi, 1 bỏ." in message


@pytest.mark.parametrize("typed, error", [
    ("-5", "Không được là số âm."),
    ("abc", "“abc” không phải là số."),
    ("1,5", "Phải là số nguyên (không có phần thập phân)."),
    ("99999999999", "Số quá lớn (tối đa 10.000.000)."),
])
def test_a_wrong_value_is_refused_shown_back_and_nothing_is_written(province, typed, error):
    response = client_of(province.staff).post(url(province), {
        name(province.federation, Measure.NEW_MEMBERS, 0): "1000",
        name(province.tan_phong, Measure.NEW_MEMBERS, 2): typed,
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html and "Chưa lưu gì" in html
    assert f'name="{name(province.tan_phong, Measure.NEW_MEMBERS, 2)}" value="{typed}"' in html
    assert f'name="{name(province.federation, Measure.NEW_MEMBERS, 0)}" value="1000"' in html  # kept as typed
    assert saved(province) == BEFORE


def test_a_target_for_a_wave_outside_the_units_life_is_refused(province):
    response = client_of(province.staff).post(url(province), {name(province.tan_phong, Measure.NEW_MEMBERS, 1): "10"})
    assert response.status_code == 400
    assert "Đơn vị không hoạt động trong đợt này: không đặt chỉ tiêu." in response.content.decode()
    assert saved(province) == BEFORE


def _template(province) -> openpyxl.Workbook:
    response = client_of(province.staff).get(url(province, "campaign:targets_template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _upload(province, content: bytes, filename="chi-tieu.xlsx"):
    return client_of(province.staff).post(url(province, "campaign:targets_upload"), {
        "file": SimpleUploadedFile(filename, content, content_type=XLSX),
    })


def _bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _column(sheet, header: str) -> int:
    return next(c.column for c in sheet[5] if c.value == header)


def _row(sheet, code: str, scope_label: str = "Toàn đơn vị (gồm các đơn vị trực thuộc)") -> int:
    return next(r for r in range(6, sheet.max_row + 1) if sheet.cell(r, 1).value == code
                and sheet.cell(r, 3).value == scope_label)


def test_the_template_holds_the_grid_and_an_upload_is_shown_before_it_is_saved(province):
    sheet = _template(province).active
    members_w1 = _column(sheet, "Kết nạp đoàn viên mới — Đợt 1")
    assert sheet.cell(_row(sheet, "LC-TDUONG"), members_w1).value == 120
    assert sheet.cell(_row(sheet, "LC-PTHO"), members_w1).value == 80
    assert sheet.cell(_row(sheet, "LC-X-TPHONG"), members_w1).value is None  # greyed: not active in May
    sheet.cell(_row(sheet, "LC-PTHO"), members_w1).value = "95"
    sheet.cell(_row(sheet, "LC"), _column(sheet, "Kết nạp đoàn viên mới — Cả chiến dịch")).value = "1.200"
    preview = _upload(province, _bytes(sheet.parent))
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Tệp có 2 chỉ tiêu khác với đã lưu" in html
    assert f'class="num changed"><input type="text" inputmode="numeric" autocomplete="off" ' \
           f'name="{name(province.phong_tho, Measure.NEW_MEMBERS, 1)}" value="95"' in html
    assert saved(province) == BEFORE  # shown, not saved
    # Saved as the page's grid is, with what the preview holds.
    fields = dict(re.findall(r'name="(t-[^"]+)" value="([^"]*)"', html))
    assert client_of(province.staff).post(url(province), fields).status_code == 302
    assert saved(province) == (BEFORE - {("LC-PTHO", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 80)}) | {
        ("LC-PTHO", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 95), ("LC", TargetScope.TOTAL, Measure.NEW_MEMBERS, 0, 1200),
    }


def test_a_sheet_saved_by_libreoffice_is_read(province):
    response = _upload(province, (FIXTURES / "targets-libreoffice.xlsx").read_bytes())
    assert response.status_code == 200, text(response)[:1500]
    fields = dict(re.findall(r'name="(t-[^"]+)" value="([^"]*)"', response.content.decode()))
    assert fields[name(province.federation, Measure.NEW_MEMBERS, 0)] == "1250"  # typed "1.250" as text
    assert fields[name(province.tan_phong, Measure.PARTY_INTRODUCED, 2)] == "12"
    assert "Tệp có 2 chỉ tiêu khác với đã lưu" in response.content.decode()


def test_an_upload_with_anything_wrong_names_each_cell_and_writes_nothing(province):
    workbook = _template(province)
    sheet = workbook.active
    members_w1 = _column(sheet, "Kết nạp đoàn viên mới — Đợt 1")
    members_w2 = _column(sheet, "Kết nạp đoàn viên mới — Đợt 2")
    sheet.cell(_row(sheet, "LC-PTHO"), members_w1).value = -3
    sheet.cell(_row(sheet, "LC-X-TPHONG"), members_w1).value = 7  # Tân Phong did not exist in May
    last = sheet.max_row + 1
    sheet.cell(last, 1).value = "KHONG-CO"
    sheet.cell(last + 1, 1).value = "LC-TDUONG"
    sheet.cell(last + 1, 3).value = "Toàn đơn vị (gồm các đơn vị trực thuộc)"
    sheet.cell(last + 1, members_w2).value = 1
    response = _upload(province, _bytes(workbook))
    assert response.status_code == 400
    page = text(response)
    letter = openpyxl.utils.get_column_letter(members_w1)
    assert f"Ô {letter}{_row(sheet, 'LC-PTHO')}: Không được là số âm." in page
    assert f"Ô {letter}{_row(sheet, 'LC-X-TPHONG')}: Đơn vị không hoạt động trong đợt này" in page
    assert f"Ô A{last}: không có đơn vị báo cáo mã KHONG-CO trong chiến dịch." in page
    assert f"Ô A{last + 1}: đơn vị LC-TDUONG đã có ở dòng {_row(sheet, 'LC-TDUONG')}." in page
    assert saved(province) == BEFORE


@pytest.mark.parametrize("content, message", [
    (b"not a workbook", "không phải"),
    (None, "Không tìm thấy dòng tiêu đề có cột “Mã đơn vị”"),
])
def test_a_file_that_is_not_the_grid_is_refused(province, content, message):
    if content is None:
        other = openpyxl.Workbook()
        other.active["A1"] = "Danh sách khác"
        content = _bytes(other)
    response = _upload(province, content)
    assert response.status_code == 400
    assert message in text(response)
    assert saved(province) == BEFORE


# --- a unit's targets split down to its grassroots unions ------------------------------------------------


def split_url(province, unit) -> str:
    return reverse("campaign:unit_targets", args=[province.campaign.pk, unit.pk])


def test_a_unit_splits_its_targets_down_to_its_grassroots_unions(province):
    reporter = client_of(province.reporter_tam_duong)
    page = reporter.get(split_url(province, province.tam_duong))
    assert page.status_code == 200
    html = page.content.decode()
    rows = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'<th scope="row">(.*?)</th>', html)]
    assert rows[:3] == ["LĐLĐ huyện Tam Đường — chỉ tiêu của đơn vị", "CĐCS Công ty Chè Tam Đường",
                        "CĐCS Trường THCS Bình Lư"]
    assert name(province.tam_duong, Measure.NEW_MEMBERS, 1) not in html  # the unit's own: read only
    response = reporter.post(split_url(province, province.tam_duong), {
        name(province.tea, Measure.NEW_MEMBERS, 1): "70", name(province.school, Measure.NEW_MEMBERS, 1): "50",
        name(province.tam_duong, Measure.NEW_MEMBERS, 1): "999",  # not a box of this page: ignored
    })
    assert response.status_code == 302
    assert saved(province) == BEFORE | {("CS0001", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 70),
                                        ("CS0002", TargetScope.TOTAL, Measure.NEW_MEMBERS, 1, 50)}
    foot = reporter.get(split_url(province, province.tam_duong)).content.decode().split("<tfoot>")[1]
    split, own = (re.findall(r'<td class="num">([^<]*)</td>', row) for row in foot.split("</tr>")[:2])
    assert (split[1], own[1]) == ("120", "120")  # the split adds up to the unit's May target
    # The dashboard still reads the unit's own target.
    stats = campaign_stats(province.campaign, province.federation, as_of=D(2025, 8, 31))
    assert stats.figure(Measure.NEW_MEMBERS, province.campaign.waves.get(number=1)).target == 200


def test_the_split_is_the_units_own_and_its_page_links_to_it(province):
    assert client_of(province.reporter_tan_phong).get(split_url(province, province.tam_duong)).status_code == 404
    assert client_of(province.outsider).get(split_url(province, province.tam_duong)).status_code == 404
    assert client_of(province.staff).get(split_url(province, province.tam_duong)).status_code == 200
    unit_page = client_of(province.reporter_tam_duong).get(reverse("unions:unit_detail", args=[province.tam_duong.pk]))
    current = reverse("campaign:unit_targets_current", args=[province.tam_duong.pk])
    assert current in unit_page.content.decode()
    assert client_of(province.reporter_tam_duong).get(current).url == split_url(province, province.tam_duong)
