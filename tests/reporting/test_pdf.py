"""The final report as PDF (province and unit) and its edit form, over HTTP.

A small data set computed by hand (the targets come from tests.personas; Phong
Thổ's wave-1 target is raised to 1.000 to see thousands separators):

  wave 1 (May)  Tam Đường  week 05–11: Chè 30 (12 women, 3 introduced, 1 admitted), Trường 12 (7 women)
                           week 12–18: a new union recognised 14/05 (9 founders), direct 4 (2 women)
                           → 55 new members (21 women), target 120 → 45,8 %; 1 new union of 2 → 50 %
                Phong Thổ  week 05–11: Thủy điện 50 (20 women, 2 introduced) → 50 of 1.000
  wave 2 (July) Tân Phong  week 07–13: Chè 20 (9 women, 4 introduced, 2 admitted) → 20 of 60 → 33,3 %
                           week 14–20: a draft of 100, not counted
  whole         125 new members (50 women) of 1.180 → 10,6 %; 9 introduced; 3 admitted

The PDF is read back with poppler (pdftotext, pdfinfo, pdffonts).
"""

import datetime
import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from campaign.models import Measure, Period, PeriodKind
from campaign.services import target_set
from reporting.exports.pdf import _fetcher_class, place_and_date
from reporting.models import FinalReportDocument, Report, ReportStatus
from reporting.selectors import DIRECT_KEY
from unions.models import Unit

from .conftest import open_for_entry

COMMENT = "Đợt ra quân tại doanh nghiệp trong Tháng Công nhân."


def week(province, day: int, month: int) -> Period:
    return open_for_entry(
        Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, month, day))
    )


def submit(client, unit, period, *, action="submit", **rows):
    """Save and submit a weekly report as the logged-in user (a comment answers any warning)."""
    report = Report.objects.filter(unit=unit, period=period).first()
    data = {"version": report.version if report else 0, "action": action, "warning_comment": COMMENT}
    for key, values in rows.items():
        for figure, value in values.items():
            data[f"f-{key}-{figure}"] = str(value)
    response = client.post(reverse("reporting:report", args=[unit.pk, period.pk]), data)
    assert response.status_code == 302
    status = Report.objects.get(unit=unit, period=period).status
    assert status == (ReportStatus.SUBMITTED if action == "submit" else ReportStatus.DRAFT)


@pytest.fixture
def figures(client, province):
    """The data set of the module docstring, entered by staff over HTTP."""
    wave1 = province.campaign.waves.get(number=1)
    target_set(campaign=province.campaign, unit=province.phong_tho, measure=Measure.NEW_MEMBERS, value=1000, wave=wave1)
    client.force_login(province.staff)
    submit(
        client, province.tam_duong, week(province, 5, 5),
        CS0001={"new_members": 30, "new_members_women": 12, "party_introduced": 3, "party_admitted": 1},
        CS0002={"new_members": 12, "new_members_women": 7},
    )
    second = week(province, 12, 5)
    response = client.post(reverse("reporting:grassroots_new", args=[province.tam_duong.pk, second.pk]), {
        "name": "CĐCS Chè Sơn Bình",
        "sector": "non_state",
        "enterprise_tax_code": "6200777666",
        "enterprise_name": "Công ty TNHH Chè Sơn Bình",
        "recognition_decision": "25/QĐ-LĐLĐ",
        "recognition_date": "14/05/2025",
        "founding_members": "9",
    })
    assert response.status_code == 302
    new_union = Unit.objects.get(name="CĐCS Chè Sơn Bình")
    submit(
        client, province.tam_duong, second,
        **{new_union.code: {"new_members": 9}, DIRECT_KEY: {"new_members": 4, "new_members_women": 2}},
    )
    submit(client, province.phong_tho, week(province, 5, 5), CS0003={"new_members": 50, "new_members_women": 20, "party_introduced": 2})
    submit(
        client, province.tan_phong, week(province, 7, 7),
        CS0001={"new_members": 20, "new_members_women": 9, "party_introduced": 4, "party_admitted": 2},
    )
    submit(client, province.tan_phong, week(province, 14, 7), action="save", CS0002={"new_members": 100})
    client.logout()
    return province


def poppler(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def row(text: str, *cells: str) -> bool:
    """A line of the layout text holds these cells, in this order, apart from each other."""
    pattern = re.compile(r"(^|\s)" + r"\s+".join(re.escape(cell) for cell in cells) + r"(\s|$)", re.M)
    return bool(pattern.search(text))


def flat(text: str) -> str:
    """The text with its line breaks and justification spaces collapsed."""
    return " ".join(text.split())


@pytest.fixture
def read_pdf(tmp_path):
    """Write a PDF response to disk; return a reader of its text (all pages, one page or a region)."""

    def read(response):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        path = tmp_path / "report.pdf"
        path.write_bytes(b"".join(response.streaming_content) if response.streaming else response.content)
        return path

    return read


def text_of(path, *options: str) -> str:
    return poppler("pdftotext", "-layout", *options, str(path), "-")


def pages_of(path) -> int:
    info = poppler("pdfinfo", str(path))
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def top_margin(path, page: int) -> str:
    """Text in the top 20 mm of a page (where the page number goes)."""
    return flat(text_of(path, "-f", str(page), "-l", str(page), "-x", "0", "-y", "0", "-W", "595", "-H", "56"))


def test_the_province_report_is_an_official_a4_document_with_the_figures_worded_from_the_data(
    client, figures, read_pdf
):
    client.force_login(figures.board)
    # The reports were entered today: the board picks today as the cut-off.
    today = timezone.localdate()
    response = client.get(reverse("reporting:final_pdf"), {"as_of": today.strftime("%d/%m/%Y")})
    disposition = response["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="bao-cao-ket-qua-thang-cao-diem-2025-den-{today:%d-%m-%Y}-')
    path = read_pdf(response)
    text = text_of(path)
    body = flat(text)

    # The official blocks, every diacritic right.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Lai Châu, ngày 05 tháng 8 năm 2025" in text  # issued on the final report's due date by default
    assert "BÁO CÁO" in text
    assert (
        "Kết quả triển khai Tháng cao điểm phát triển đoàn viên, thành lập công đoàn cấp cơ sở; "
        "giới thiệu đoàn viên công đoàn ưu tú cho Đảng năm 2025" in body
    )
    # Issuer top left (the superior over the federation, set on two lines), national name top right.
    top_left = flat(text_of(path, "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "270", "-H", "140"))
    assert top_left.startswith("TỔNG LĐLĐ VIỆT NAM LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU")
    assert "Số:" in top_left and "/BC-LĐLĐ" in top_left
    top_right = flat(text_of(path, "-f", "1", "-l", "1", "-x", "270", "-y", "0", "-W", "325", "-H", "140"))
    assert top_right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc")

    # Sentences generated from the figures, in Vietnamese number format.
    assert "- Kết nạp 125 đoàn viên mới (trong đó 50 nữ), đạt 10,6% chỉ tiêu (1.180 đoàn viên)." in body
    assert "- Thành lập 1 công đoàn cơ sở, đạt 50,0% chỉ tiêu (2 công đoàn cơ sở)." in body
    assert "- Giới thiệu 9 đoàn viên công đoàn ưu tú cho Đảng bồi dưỡng, kết nạp." in body
    assert "- Có 3 đoàn viên công đoàn được kết nạp vào Đảng." in body
    assert "Đợt 1 (từ ngày 01/05/2025 đến ngày 31/05/2025; Tháng Công nhân)" in body
    assert "- Kết nạp 105 đoàn viên mới (trong đó 41 nữ), đạt 9,4% chỉ tiêu (1.120 đoàn viên)." in body
    assert "- Kết nạp 20 đoàn viên mới (trong đó 9 nữ), đạt 33,3% chỉ tiêu (60 đoàn viên)." in body
    # The tables: by unit (target, achieved, women, %), and the new union with its decision.
    assert row(text, "2", "LĐLĐ huyện Tam Đường", "120", "55", "21", "45,8", "2", "1", "50,0", "3", "1")
    assert row(text, "1", "LĐLĐ huyện Phong Thổ", "1.000", "50", "20", "5,0", "–", "0", "–", "2", "0")
    assert row(text, "Tổng cộng", "1.120", "105", "41", "9,4", "2", "1", "50,0", "5", "1")
    assert row(text, "1", "Công đoàn phường Tân Phong", "60", "20", "9", "33,3", "0", "4", "2")
    assert row(text, "Kết nạp trực tiếp tại công", "4", "2", "0", "0", "0")  # by sector
    assert row(text, "1", "CĐCS Chè Sơn Bình") and row(text, "25/QĐ-LĐLĐ", "14/05/2025", "9")
    assert "100" not in body.replace("1.000", "")  # the July draft is not counted

    # The distribution list and the signature block.
    assert "Nơi nhận:" in text
    assert "- Ban Tổ chức Tổng LĐLĐ Việt Nam (để b/c);" in text
    assert "- Lưu: VT, Ban TC-KT." in text
    assert "TM. BAN THƯỜNG VỤ" in text and "CHỦ TỊCH" in text
    assert "Hoàng Thọ Trung" in text

    # Pages: numbered from page 2, top centre; the first page carries no number.
    assert pages_of(path) >= 3
    assert top_margin(path, 1) == ""
    assert top_margin(path, 2) == "2"
    assert text_of(path, "-f", "2", "-l", "2").strip().splitlines()[0].strip() == "2"

    # Set in Liberation Serif (Times New Roman's metric twin), with no fallback font.
    fonts = poppler("pdffonts", str(path)).splitlines()[2:]
    assert fonts and all(re.search(r"\+(Liberation-?Serif|Tinos)", line) for line in fonts), fonts
    assert not any("DejaVu" in line for line in fonts)


def test_staff_edit_the_document_and_the_pdf_prints_it_with_the_narrative_escaped(client, figures, read_pdf):
    client.force_login(figures.staff)
    page = client.get(reverse("reporting:final_edit"))
    assert page.status_code == 200
    # Opening the form writes nothing: its defaults are shown, saved on the first POST.
    assert not FinalReportDocument.objects.exists()
    assert 'value="05/08/2025"' in page.content.decode()
    assert "Hoàng Thọ Trung" in page.content.decode()
    assert reverse("reporting:final_pdf") in page.content.decode()

    response = client.post(reverse("reporting:final_edit"), {
        "superior_body": "TỔNG LĐLĐ VIỆT NAM",
        "issuer": "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU",
        "number": "215/BC-LĐLĐ",
        "place": "Lai Châu",
        "issued_on": "15/02/2026",
        "results": "Các cấp công đoàn vào cuộc quyết liệt.\nNhiều doanh nghiệp ngoài nhà nước thành lập công đoàn.",
        "shortcomings": "Một số đơn vị <b>chưa đạt</b> chỉ tiêu & báo cáo chậm.",
        "causes": "Lao động phân tán, thời vụ.",
        "proposals": "Đề nghị Tổng Liên đoàn hỗ trợ kinh phí tuyên truyền.",
        "recipients": "Ban Tổ chức Tổng LĐLĐ Việt Nam (để b/c);\n- Ban Tổ chức Tỉnh ủy (để b/c);\nLưu: VT, Ban TC-KT.",
        "signer_capacity": "KT. CHỦ TỊCH",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Lò Văn Minh",
    })
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('reporting:final_edit')}?campaign={figures.campaign.pk}"
    document = FinalReportDocument.objects.get(campaign=figures.campaign)
    assert (document.issued_on, document.signer_name) == (datetime.date(2026, 2, 15), "Lò Văn Minh")
    assert "Đã lưu báo cáo kết quả." in client.get(response["Location"]).content.decode()

    path = read_pdf(client.get(reverse("reporting:final_pdf"), {"as_of": "31/07/2025"}))
    text = text_of(path)
    body = flat(text)
    assert "Số: 215/BC-LĐLĐ" in text
    assert "Lai Châu, ngày 15 tháng 02 năm 2026" in text
    assert "tính đến hết ngày 31/07/2025" in body
    assert "Các cấp công đoàn vào cuộc quyết liệt." in body
    assert "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in body and "III. ĐỀ XUẤT, KIẾN NGHỊ" in body
    assert "Một số đơn vị <b>chưa đạt</b> chỉ tiêu & báo cáo chậm." in body  # printed as typed, not as HTML
    assert "- Ban Tổ chức Tỉnh ủy (để b/c);" in text and "- - Ban" not in text
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "Lò Văn Minh" in text


def test_a_date_the_form_cannot_read_is_refused_in_vietnamese(client, figures):
    client.force_login(figures.staff)
    client.get(reverse("reporting:final_edit"))
    response = client.post(reverse("reporting:final_edit"), {"issued_on": "31/02/2025", "place": "Lai Châu"})
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()


def test_a_unit_prints_its_final_report_with_its_own_figures_and_new_unions(client, figures, read_pdf, settings):
    final = Period.objects.get(campaign=figures.campaign, kind=PeriodKind.FINAL)
    client.force_login(figures.reporter_tam_duong)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the interface in English, the document still Vietnamese
    response = client.get(reverse("reporting:unit_pdf", args=[figures.tam_duong.pk, final.pk]))
    path = read_pdf(response)
    text = text_of(path)
    body = flat(text)
    top_left = flat(text_of(path, "-f", "1", "-l", "1", "-x", "0", "-y", "0", "-W", "270", "-H", "140"))
    assert top_left.startswith("LĐLĐ TỈNH LAI CHÂU LĐLĐ HUYỆN TAM ĐƯỜNG")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "- Kết nạp 55 đoàn viên mới (trong đó 21 nữ), đạt 45,8% chỉ tiêu (120 đoàn viên)." in body
    assert "- Thành lập 1 công đoàn cơ sở, đạt 50,0% chỉ tiêu (2 công đoàn cơ sở)." in body
    assert row(text, "1", "Tuần 1 (01/05 – 04/05/2025)", "–", "–", "–", "–")
    assert row(text, "2", "Tuần 2 (05/05 – 11/05/2025)", "42", "19", "3", "1")
    assert row(text, "3", "Tuần 3 (12/05 – 18/05/2025)", "13", "2", "0", "0")
    assert row(text, "Tổng cộng", "55", "21", "3", "1")
    assert row(text, "1", "CĐCS Chè Sơn Bình") and row(text, "25/QĐ-LĐLĐ", "14/05/2025", "9")
    assert "Doanh nghiệp ngoài" in text and "Non-state" not in text
    assert "(Tổng kết từ ngày 01/05/2025 đến ngày 31/07/2025)" in text
    assert "Nơi nhận:" in text and "TM. BAN THƯỜNG VỤ" in text


def test_only_the_board_and_staff_reach_the_province_report(client, province):
    client.force_login(province.reporter_tan_phong)
    assert client.get(reverse("reporting:final_edit")).status_code == 403
    assert client.get(reverse("reporting:final_pdf")).status_code == 403
    assert not FinalReportDocument.objects.exists()


def test_a_unit_report_of_another_unit_is_not_found(client, province):
    final = Period.objects.get(campaign=province.campaign, kind=PeriodKind.FINAL)
    client.force_login(province.reporter_tam_duong)
    assert client.get(reverse("reporting:unit_pdf", args=[province.tan_phong.pk, final.pk])).status_code == 404


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2025, 8, 5), "Lai Châu, ngày 05 tháng 8 năm 2025"),
        (datetime.date(2026, 2, 15), "Lai Châu, ngày 15 tháng 02 năm 2026"),
        (datetime.date(2025, 12, 1), "Lai Châu, ngày 01 tháng 12 năm 2025"),
    ],
)
def test_the_date_line_has_leading_zeros_on_days_below_10_and_on_january_and_february(day, expected):
    assert place_and_date("Lai Châu", day, day.year) == expected


def test_the_pdf_renderer_fetches_our_static_files_and_nothing_else():
    fetch = _fetcher_class()()
    assert b"font" in fetch("https://pdf.invalid/static/css/app.css").read()
    for url in (
        "https://example.com/logo.png",
        "file:///etc/passwd",
        "https://pdf.invalid/static/../config/settings.py",
        "https://pdf.invalid/static/%2e%2e/config/settings.py",
        "https://pdf.invalid/etc/passwd",
        "data:text/plain,hello",
    ):
        with pytest.raises(ValueError):
            fetch(url)


def test_the_pdf_is_as_of_the_documents_date_never_silently_today(client, figures, read_pdf):
    """The reports were entered today; the document is dated 05/08/2025 (the final due date):
    its figures are those counted by the end of that day, and it says so."""
    client.force_login(figures.board)
    response = client.get(reverse("reporting:final_pdf"))
    assert 'filename="bao-cao-ket-qua-thang-cao-diem-2025-den-05-08-2025-' in response["Content-Disposition"]
    body = flat(text_of(read_pdf(response)))
    assert "tính đến hết ngày 05/08/2025" in body
    assert "Chưa kết nạp được đoàn viên mới (chỉ tiêu: 1.180 đoàn viên)." in body
    # A document issued on another day takes that day.
    client.post(reverse("reporting:final_edit"), {
        "superior_body": "TỔNG LĐLĐ VIỆT NAM", "issuer": "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU", "place": "Lai Châu",
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"), "recipients": "Lưu: VT.",
        "signer_capacity": "TM. BAN THƯỜNG VỤ", "signer_title": "CHỦ TỊCH",
    })
    body = flat(text_of(read_pdf(client.get(reverse("reporting:final_pdf")))))
    assert "- Kết nạp 125 đoàn viên mới (trong đó 50 nữ)" in body


def test_the_default_distribution_list_is_the_plans_without_the_signing_body(client, figures, read_pdf):
    client.force_login(figures.board)
    text = text_of(read_pdf(client.get(reverse("reporting:final_pdf"))))
    recipients = [line.strip() for line in text.splitlines() if line.strip().startswith("- ")]
    for expected in (
        "- Ban Tổ chức Tổng LĐLĐ Việt Nam (để b/c);",
        "- Ban Tổ chức Tỉnh ủy (để b/c);",
        "- Ban Tuyên giáo và Dân vận Tỉnh ủy (để b/c);",
        "- Ban Chỉ đạo PTĐV LĐLĐ tỉnh;",
        "- Lưu: VT, Ban TC-KT.",
    ):
        assert any(line.startswith(expected) or expected in line for line in recipients), expected
    # The Standing Committee signs the report: it is not among those it reports to.
    assert "Ban Thường vụ" not in " ".join(line for line in text.splitlines() if "(để b/c)" in line)
    assert "Ban Thường vụ LĐLĐ tỉnh;" not in text
