"""The campaign's official documents as PDF: the province's final report and a
reporting unit's monthly or final report, laid out as the union's document
rules (QĐ 933/QĐ-TLĐ, Decree 30/2020/NĐ-CP) ask.

This module holds the rendering and the Vietnamese wording both documents
share; ``pdf_tables`` their tables, ``final_report`` and ``unit_report`` the
documents. Every number comes from ``reporting.stats`` (the province) or from
``reporting.selectors`` (a unit's summed weeks); these modules only word and
format them, in Vietnamese whatever the user's language: an official document
is written in Vietnamese. WeasyPrint renders the Django templates in
``templates/reporting/pdf/``; its URL fetcher serves our static files and
refuses everything else, so text typed by users can never make the server
fetch a URL.
"""

import datetime
import functools
import math
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, translation

from campaign.models import Measure
from unions.models import Unit

from ..numbers import number, percent_text
from ..stats import Figure

# Relative URLs in the print templates resolve against this made-up origin; the
# fetcher answers only for its static path.
PDF_ORIGIN = "https://pdf.invalid"
BASE_URL = f"{PDF_ORIGIN}/"

# What the summary line (trích yếu) of both reports says.
CAMPAIGN_TITLE = (
    "Tháng cao điểm phát triển đoàn viên, thành lập công đoàn cấp cơ sở; "
    "giới thiệu đoàn viên công đoàn ưu tú cho Đảng"
)
# An issuer line longer than this (in characters) is set on balanced lines, as
# typists do ("LIÊN ĐOÀN LAO ĐỘNG / TỈNH LAI CHÂU") to leave room for the motto.
ISSUER_LINE_CHARS = 24


# ---------------------------------------------------------------------------
# WeasyPrint


def static_file_response(url: str) -> tuple[bytes, str]:
    """The content and type of one of our static files named by ``url`` (under
    ``STATIC_URL`` of ``PDF_ORIGIN``); ValueError for any other URL."""
    parts = urlsplit(url)
    static_path = "/" + urlsplit(settings.STATIC_URL).path.strip("/") + "/"
    if f"{parts.scheme}://{parts.netloc}" != PDF_ORIGIN or not parts.path.startswith(static_path):
        raise ValueError(f"Refused to fetch {url!r}: only our static files are served to the PDF renderer")
    relative = unquote(parts.path[len(static_path):])
    if not relative or any(piece in ("", ".", "..") for piece in relative.split("/")):
        raise ValueError(f"Refused to fetch {url!r}")
    found = finders.find(relative)
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    if not found:
        raise ValueError(f"No static file {relative!r}")
    return Path(found).read_bytes(), mimetypes.guess_type(found)[0] or "application/octet-stream"


@functools.cache
def _fetcher_class():
    # WeasyPrint is imported on first use, not when the URLconf loads (it is slow
    # to import and logs its user-agent stylesheet at INFO).
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves our static files; refuses any other URL (network, ``file:``,
        ``data:``), which WeasyPrint then skips with a warning."""

        def fetch(self, url, headers=None):
            content, content_type = static_file_response(url)
            return URLFetcherResponse(url, content, {"Content-Type": content_type})

    return StaticOnlyFetcher


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a print template in Vietnamese and make it a PDF."""
    from weasyprint import HTML

    with translation.override("vi"):
        html = render_to_string(template_name, context)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher_class()()).write_pdf()


def in_vietnamese(build):
    """An official document is Vietnamese whatever the user's interface language:
    labels (sectors, periods, measures) are worded under ``vi`` too."""

    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return build(*args, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------
# Vietnamese wording and formats


def short_date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def day_and_month(day: datetime.date) -> tuple[str, str]:
    """The day with a leading zero below 10; the month with one only for January
    and February (Decree 30/2020, Appendix I): ("05", "8"), ("15", "02")."""
    return f"{day.day:02d}", (f"{day.month:02d}" if day.month <= 2 else str(day.month))


def place_and_date(place: str, day: datetime.date | None, year: int) -> str:
    """ "Lai Châu, ngày 05 tháng 8 năm 2025"; blanks to fill by hand when there is no date yet."""
    if day is None:
        blank = "\u00a0" * 6
        return f"{place}, ngày{blank}tháng{blank}năm {year}"
    dd, mm = day_and_month(day)
    return f"{place}, ngày {dd} tháng {mm} năm {day.year}"


def balanced_lines(text: str, width: int = ISSUER_LINE_CHARS) -> list[str]:
    """Split ``text`` into as few lines of at most about ``width`` characters as
    needed, breaking at spaces so the lines come out of similar length."""
    text = " ".join(text.split())
    if len(text) <= width:
        return [text] if text else []
    words = text.split(" ")
    count = math.ceil(len(text) / width)
    lines: list[str] = []
    for still_to_come in range(count - 1, 0, -1):
        if len(words) < 2:
            break
        # Break where this line is closest to its share of what is left.
        goal = len(" ".join(words)) / (still_to_come + 1)
        cut = min(range(1, len(words)), key=lambda n: abs(len(" ".join(words[:n])) - goal))
        lines.append(" ".join(words[:cut]))
        words = words[cut:]
    lines.append(" ".join(words))
    return lines


def upper(text: str) -> str:
    return " ".join(text.split()).upper()


def short_superior_name(unit: Unit) -> str:
    """"Liên đoàn Lao động tỉnh Lai Châu" → "LĐLĐ TỈNH LAI CHÂU" (the line above a unit's name)."""
    name = upper(unit.name)
    return name.replace("LIÊN ĐOÀN LAO ĐỘNG", "LĐLĐ", 1)


def paragraphs(text: str) -> list[str]:
    """Staff-typed text as paragraphs: one per non-empty line (escaped by the template)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def recipient_lines(text: str) -> list[str]:
    """Each line of the distribution list, prefixed "- " once."""
    lines = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-–•+* ").strip()
        if line:
            lines.append(f"- {line}")
    return lines


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def narrative_sections(source, *, first: int = 2) -> list[dict]:
    """The staff's text after the results, numbered from section ``first`` (II):
    shortcomings and causes, then proposals. Empty parts are left out, and the
    numbers close up around them."""
    def text(name):
        return paragraphs(getattr(source, name, "") if source is not None else "")

    sections = []
    parts = [(title, text(name)) for title, name in (("Tồn tại, hạn chế", "shortcomings"), ("Nguyên nhân", "causes"))]
    parts = [(title, paras) for title, paras in parts if paras]
    if parts:
        numbered = len(parts) > 1
        sections.append(
            {
                "heading": "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" if numbered else parts[0][0].upper(),
                "parts": [
                    {"heading": f"{index}. {title}" if numbered else "", "paragraphs": paras}
                    for index, (title, paras) in enumerate(parts, start=1)
                ],
            }
        )
    proposals = text("proposals")
    if proposals:
        sections.append({"heading": "ĐỀ XUẤT, KIẾN NGHỊ", "parts": [{"heading": "", "paragraphs": proposals}]})
    for index, section in enumerate(sections, start=first):
        section["heading"] = f"{ROMAN[index - 1]}. {section['heading']}"
    return sections


# How each measure is told in a sentence: (the achievement, what the target counts).
_SENTENCES = {
    Measure.NEW_MEMBERS: ("Kết nạp {n} đoàn viên mới", "đoàn viên"),
    Measure.NEW_GRASSROOTS: ("Thành lập {n} công đoàn cơ sở", "công đoàn cơ sở"),
    Measure.PARTY_INTRODUCED: ("Giới thiệu {n} đoàn viên công đoàn ưu tú cho Đảng bồi dưỡng, kết nạp", "đoàn viên"),
    Measure.PARTY_ADMITTED: ("Có {n} đoàn viên công đoàn được kết nạp vào Đảng", "đoàn viên"),
}
# ... and when nothing was achieved yet.
_NOTHING = {
    Measure.NEW_MEMBERS: "Chưa kết nạp được đoàn viên mới",
    Measure.NEW_GRASSROOTS: "Chưa thành lập được công đoàn cơ sở mới",
    Measure.PARTY_INTRODUCED: "Chưa giới thiệu được đoàn viên công đoàn ưu tú cho Đảng",
    Measure.PARTY_ADMITTED: "Chưa có đoàn viên công đoàn được kết nạp vào Đảng",
}


def figure_sentence(figure: Figure) -> str:
    """"Kết nạp 1.582 đoàn viên mới (trong đó 744 nữ), đạt 96,3% chỉ tiêu (1.642 đoàn viên)."
    The percentage is the one ``reporting.stats`` computes (``Figure.percent``)."""
    measure = Measure(figure.measure)
    wording, counted = _SENTENCES[measure]
    if not figure.achieved:
        text = _NOTHING[measure]
        if figure.target:
            text += f" (chỉ tiêu: {number(figure.target)} {counted})"
        return text + "."
    text = wording.format(n=number(figure.achieved))
    if figure.women:
        text += f" (trong đó {number(figure.women)} nữ)"
    if figure.target:
        text += f", đạt {percent_text(figure.percent)}% chỉ tiêu ({number(figure.target)} {counted})"
    return text + "."


def figure_sentences(figures) -> list[str]:
    return [figure_sentence(f) for f in figures]


def plan_reference(campaign) -> str:
    plan = f"Kế hoạch số {campaign.plan_number}"
    if campaign.plan_date:
        dd, mm = day_and_month(campaign.plan_date)
        plan += f", ngày {dd}/{mm}/{campaign.plan_date.year}"
    return plan


def cut_off_line(as_of: datetime.date, fingerprint: str) -> str:
    """The line every page of an output carries: its data cut-off and fingerprint."""
    return f"Số liệu tính đến hết ngày {short_date(as_of)} · Mã kiểm tra số liệu: {fingerprint}"
