"""The campaign's official documents as PDF: the province's final report and a
reporting unit's monthly or final report, laid out as the union's document
rules (QĐ 933/QĐ-TLĐ, Decree 30/2020/NĐ-CP) ask.

Every number comes from ``reporting.stats`` (the province) or from
``reporting.selectors`` (a unit's summed weeks); this module only words and
formats them, in Vietnamese whatever the user's language: an official document
is written in Vietnamese. WeasyPrint renders the Django templates in
``templates/reporting/pdf/``; its URL fetcher serves our static files and
refuses everything else, so text typed by users can never make the server
fetch a URL.
"""

import datetime
import functools
import math
import mimetypes
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from campaign.models import Measure, Period, PeriodKind
from unions.models import Unit, UnitKind

from ..models import FinalReportDocument, Report
from ..numbers import number, percent_text
from ..stats import CampaignStats, Figure

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


def _in_vietnamese(build):
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
# Short headings of the measures in tables.
_SHORT = {
    Measure.NEW_MEMBERS: "Kết nạp đoàn viên mới",
    Measure.NEW_GRASSROOTS: "Thành lập CĐCS",
    Measure.PARTY_INTRODUCED: "Giới thiệu cho Đảng",
    Measure.PARTY_ADMITTED: "Được kết nạp Đảng",
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


# ---------------------------------------------------------------------------
# Tables, as rows of ready-made strings


@dataclass
class Column:
    label: str
    css: str = "num"  # the cells' class: "num" (right-aligned), "text", "name" (the wide one), "nowrap"


@dataclass
class Group:
    label: str
    columns: list[Column]


@dataclass
class Table:
    """A print table: grouped headings (a group of one column spans both heading
    rows), body rows and an optional total row, every cell already formatted."""

    groups: list[Group]
    rows: list[list[str]] = field(default_factory=list)
    total: list[str] | None = None
    css: str = ""

    @property
    def two_rows(self) -> bool:
        return any(len(g.columns) > 1 for g in self.groups)

    @property
    def classes(self) -> list[str]:
        return [c.css for g in self.groups for c in g.columns]

    def body(self):
        return [list(zip(row, self.classes, strict=True)) for row in self.rows]

    def foot(self):
        return list(zip(self.total, self.classes, strict=True)) if self.total else None


def _measure_columns(with_target: bool, *, women: bool) -> list[Column]:
    """Short headings: the unit table has up to 14 columns on a portrait page."""
    columns = [Column("Chỉ tiêu")] if with_target else []
    columns.append(Column("Thực hiện"))
    if women:
        columns.append(Column("Nữ"))
    if with_target:
        columns.append(Column("%"))
    return columns


def _measure_cells(figure: Figure, with_target: bool, *, women: bool) -> list[str]:
    cells = [number(figure.target)] if with_target else []
    cells.append(number(figure.achieved))
    if women:
        cells.append(number(figure.women or 0))
    if with_target:
        cells.append(percent_text(figure.percent))
    return cells


def unit_table(rows: list, totals: list[Figure]) -> Table:
    """Reporting units of a wave: for each measure its target, achievement and
    percentage (target and percentage only for measures with a target)."""
    by_measure = {f.measure: f for f in totals}
    with_target = {m: by_measure[m].target is not None for m in Measure}
    groups = [Group("TT", [Column("TT", "tt")]), Group("Đơn vị", [Column("Đơn vị", "name")])]
    for measure in Measure:
        women = measure == Measure.NEW_MEMBERS
        groups.append(Group(_SHORT[measure], _measure_columns(with_target[measure], women=women)))
    table = Table(groups=groups, css="units")
    for index, row in enumerate(rows, start=1):
        cells = [str(index), row.unit.name]
        for measure in Measure:
            cells += _measure_cells(row.figures[measure], with_target[measure], women=measure == Measure.NEW_MEMBERS)
        table.rows.append(cells)
    total = ["", "Tổng cộng"]
    for measure in Measure:
        total += _measure_cells(by_measure[measure], with_target[measure], women=measure == Measure.NEW_MEMBERS)
    table.total = total
    return table


def wave_table(stats: CampaignStats) -> Table:
    """One row per measure; for each wave and for the whole campaign the target,
    achievement and percentage."""
    groups = [Group("Nội dung", [Column("Nội dung", "name")])]
    spans = [(f"Đợt {block.wave.number}", block.figures) for block in stats.waves]
    spans.append(("Cả tháng cao điểm", stats.whole))
    for label, _figures in spans:
        groups.append(Group(label, [Column("Chỉ tiêu"), Column("Thực hiện"), Column("Tỷ lệ (%)")]))
    table = Table(groups=groups, css="waves")
    for measure in Measure:
        cells = [measure.label]
        for _label, figures in spans:
            figure = next(f for f in figures if f.measure == measure)
            cells += [number(figure.target), number(figure.achieved), percent_text(figure.percent)]
        table.rows.append(cells)
    return table


def sector_table(stats: CampaignStats) -> Table:
    groups = [
        Group("Khu vực", [Column("Khu vực", "name")]),
        Group("Đoàn viên mới", [Column("Đoàn viên mới")]),
        Group("Trong đó nữ", [Column("Trong đó nữ")]),
        Group("Giới thiệu cho Đảng", [Column("Giới thiệu cho Đảng")]),
        Group("Được kết nạp Đảng", [Column("Được kết nạp Đảng")]),
        Group("CĐCS thành lập mới", [Column("CĐCS thành lập mới")]),
    ]
    table = Table(groups=groups, css="sectors")
    for row in stats.sectors:
        values = row.values
        if not any(values.values()) and not row.new_grassroots:
            continue
        table.rows.append(
            [
                str(row.label),
                number(values["new_members"]),
                number(values["new_members_women"]),
                number(values["party_introduced"]),
                number(values["party_admitted"]),
                number(row.new_grassroots),
            ]
        )
    return table


def grassroots_table(unions, *, with_superior: bool) -> Table:
    """New grassroots unions with their recognition decisions."""
    groups = [Group("TT", [Column("TT", "tt")]), Group("Tên công đoàn cơ sở", [Column("Tên", "name")])]
    groups.append(Group("Khu vực", [Column("Khu vực", "text")]))
    if with_superior:
        groups.append(Group("Công đoàn cấp trên", [Column("Công đoàn cấp trên", "text")]))
    groups += [
        Group("Quyết định công nhận", [Column("Số", "nowrap"), Column("Ngày", "nowrap")]),
        Group("Đoàn viên khi thành lập", [Column("Đoàn viên khi thành lập")]),
    ]
    table = Table(groups=groups, css="grassroots")
    for index, union in enumerate(unions, start=1):
        cells = [str(index), union.name, union.get_sector_display() if union.sector else ""]
        if with_superior:
            cells.append(union.reported_by.name)
        cells += [
            union.recognition_decision or "",
            short_date(union.recognition_date) if union.recognition_date else "",
            number(union.founding_members),
        ]
        table.rows.append(cells)
    return table


# ---------------------------------------------------------------------------
# The province's final report


def _wave_heading(block) -> str:
    wave = block.wave
    text = f"Đợt {wave.number} (từ ngày {short_date(wave.start)} đến ngày {short_date(wave.end)}"
    if wave.theme:
        text += f"; {wave.theme}"
    return text + ")"


def _discipline_sentence(stats: CampaignStats) -> str | None:
    total = stats.discipline_total
    if not total.expected:
        return None
    text = (
        f"Tính đến hết ngày {short_date(stats.as_of)}, các công đoàn cấp trên trực tiếp cơ sở phải gửi "
        f"{number(total.expected)} báo cáo; "
    )
    if total.submitted:
        text += (
            f"đã gửi {number(total.submitted)} báo cáo ({number(total.on_time)} đúng hạn, "
            f"{number(total.late)} chậm hạn), đạt {percent_text(total.rate)}%"
        )
    else:
        text += "chưa có báo cáo nào được gửi"
    if total.missing:
        text += f"; còn {number(total.missing)} báo cáo chưa gửi"
    if total.returned:
        text += f"; {number(total.returned)} báo cáo bị trả lại hoặc mở lại chưa gửi lại"
    return text + "."


def _plan_reference(campaign) -> str:
    plan = f"Kế hoạch số {campaign.plan_number}"
    if campaign.plan_date:
        dd, mm = day_and_month(campaign.plan_date)
        plan += f", ngày {dd}/{mm}/{campaign.plan_date.year}"
    return plan


def cut_off_line(as_of: datetime.date, fingerprint: str) -> str:
    """The line every page of an output carries: its data cut-off and fingerprint."""
    return f"Số liệu tính đến hết ngày {short_date(as_of)} · Mã kiểm tra số liệu: {fingerprint}"


@_in_vietnamese
def province_context(stats: CampaignStats, document: FinalReportDocument, fingerprint: str) -> dict:
    campaign = stats.campaign
    waves = []
    for block in stats.waves:
        waves.append(
            {
                "heading": _wave_heading(block),
                "started": block.started,
                "sentences": figure_sentences(block.figures) if block.started else [],
                "table": unit_table(block.units, block.figures) if block.units else None,
                "number": block.wave.number,
                "caption": f"Bảng 2.{block.wave.number}. Kết quả đợt {block.wave.number} theo đơn vị",
            }
        )
    sectors = sector_table(stats)
    return {
        "title": "Báo cáo kết quả triển khai " + CAMPAIGN_TITLE + f" năm {campaign.year}",
        "superior_lines": balanced_lines(upper(document.superior_body)),
        "issuer_lines": balanced_lines(upper(document.issuer)),
        "number": document.number,
        "number_suffix": "/BC-LĐLĐ",
        "place_date": place_and_date(document.place, document.issued_on, campaign.year),
        "summary": f"Kết quả triển khai {CAMPAIGN_TITLE} năm {campaign.year}",
        "subtitle": "",
        "introduction": (
            f"Thực hiện {_plan_reference(campaign)} của Ban Thường vụ Liên đoàn Lao động tỉnh về triển khai "
            f"“{CAMPAIGN_TITLE}”, Ban Thường vụ Liên đoàn Lao động tỉnh báo cáo kết quả như sau:"
        ),
        "as_of_note": (
            "(Số liệu tổng hợp từ các báo cáo đã gửi của các công đoàn cấp trên trực tiếp cơ sở, "
            f"tính đến hết ngày {short_date(stats.as_of)}; mã kiểm tra số liệu: {fingerprint}.)"
        ),
        "footer": cut_off_line(stats.as_of, fingerprint),
        "outside_sentences": [figure_sentence(f) for f in stats.outside or [] if f.achieved],
        "whole_sentences": figure_sentences(stats.whole),
        "waves": waves,
        "wave_table": wave_table(stats),
        "sector_table": sectors if sectors.rows else None,
        "grassroots_table": grassroots_table(stats.new_grassroots, with_superior=True) if stats.new_grassroots else None,
        "discipline": _discipline_sentence(stats),
        "results": paragraphs(document.results),
        "sections": narrative_sections(document),
        "closing": f"Trên đây là báo cáo kết quả triển khai “{CAMPAIGN_TITLE}” năm {campaign.year} "
        "của Ban Thường vụ Liên đoàn Lao động tỉnh./.",
        "recipients": recipient_lines(document.recipients),
        "signer_capacity": upper(document.signer_capacity),
        "signer_title": upper(document.signer_title),
        "signer_name": " ".join(document.signer_name.split()),
    }


def province_report_pdf(stats: CampaignStats, document: FinalReportDocument, fingerprint: str) -> bytes:
    """The board's final report of the campaign, as of ``stats.as_of``, with its
    fingerprint (``reporting.fingerprint``) on every page."""
    return render_pdf("reporting/pdf/province_report.html", province_context(stats, document, fingerprint))


# ---------------------------------------------------------------------------
# A reporting unit's monthly or final report


def _week_label(week: Period) -> str:
    return f"Tuần {week.number} ({week.start:%d/%m} – {short_date(week.end)})"


@_in_vietnamese
def unit_context(
    *,
    unit: Unit,
    period: Period,
    report: Report | None,
    summed: dict,
    targets: dict[str, int | None],
    founded: list[Unit],
    cut_off: datetime.datetime,
    fingerprint: str,
) -> dict:
    campaign = period.campaign
    total = summed["total"]
    local = timezone.localtime(cut_off)
    moment = f"{formats.date_format(local, 'H:i')} ngày {short_date(local.date())}"
    achieved = {
        Measure.NEW_MEMBERS: total["new_members"],
        Measure.NEW_GRASSROOTS: len(founded),
        Measure.PARTY_INTRODUCED: total["party_introduced"],
        Measure.PARTY_ADMITTED: total["party_admitted"],
    }
    # The unit's own figures (summed weeks) against its row's targets (``TargetBook.row``).
    figures = [
        Figure(
            measure=m,
            target=targets[m],
            achieved=achieved[m],
            women=total["new_members_women"] if m == Measure.NEW_MEMBERS else None,
        )
        for m in Measure
    ]
    weeks = Table(
        groups=[
            Group("TT", [Column("TT", "tt")]),
            Group("Tuần", [Column("Tuần", "name")]),
            Group("Đoàn viên mới", [Column("Đoàn viên mới")]),
            Group("Trong đó nữ", [Column("Trong đó nữ")]),
            Group("Giới thiệu cho Đảng", [Column("Giới thiệu cho Đảng")]),
            Group("Được kết nạp Đảng", [Column("Được kết nạp Đảng")]),
        ],
        css="weeks",
    )
    for index, (week, values) in enumerate(summed["weeks"], start=1):
        if values is None:
            weeks.rows.append([str(index), _week_label(week), "–", "–", "–", "–"])
        else:
            weeks.rows.append([str(index), _week_label(week), *(number(values[name]) for name in total)])
    if summed.get("confirmed_founders"):
        weeks.rows.append(
            ["", "Đoàn viên khi thành lập của CĐCS do Ban Tổ chức - Kiểm tra xác nhận",
             number(summed["confirmed_founders"]), "–", "–", "–"]
        )
    weeks.total = ["", "Tổng cộng", *(number(total[name]) for name in total)]

    superior = unit.parent
    if superior is not None:
        superior_lines = balanced_lines(short_superior_name(superior))
    else:
        superior_lines = balanced_lines(upper(FinalReportDocument._meta.get_field("superior_body").default))
    issued = report.submitted_at if report and report.submitted_at else None
    issued_on = timezone.localdate(issued) if issued else timezone.localdate()
    if period.kind == PeriodKind.FINAL:
        subtitle = f"(Tổng kết từ ngày {short_date(period.start)} đến ngày {short_date(period.end)})"
    else:
        subtitle = f"({period.label})"
    capacity = "TM. BAN THƯỜNG VỤ" if unit.kind == UnitKind.FEDERATION or upper(unit.name).startswith(
        ("LIÊN ĐOÀN LAO ĐỘNG", "LĐLĐ")
    ) else "TM. BAN CHẤP HÀNH"
    return {
        "title": f"Báo cáo {unit.name} – {period.label}",
        "superior_lines": superior_lines,
        "issuer_lines": balanced_lines(upper(unit.name)),
        "number": "",
        "number_suffix": "/BC",
        "place_date": place_and_date(FinalReportDocument._meta.get_field("place").default, issued_on, issued_on.year),
        "summary": f"Kết quả triển khai {CAMPAIGN_TITLE} năm {campaign.year}",
        "subtitle": subtitle,
        "introduction": (
            f"Thực hiện {_plan_reference(campaign)} của Ban Thường vụ Liên đoàn Lao động tỉnh về triển khai "
            f"“{CAMPAIGN_TITLE}”, {unit.name} báo cáo kết quả như sau:"
        ),
        "as_of_note": f"(Số liệu cộng từ các báo cáo tuần đã gửi của đơn vị, tính đến {moment}; "
        f"mã kiểm tra số liệu: {fingerprint}.)",
        "footer": f"Số liệu tính đến {moment} · Mã kiểm tra số liệu: {fingerprint}",
        "whole_sentences": figure_sentences(figures),
        "week_table": weeks,
        "weeks_missing": any(values is None for _week, values in summed["weeks"]),
        "grassroots_table": grassroots_table(founded, with_superior=False) if founded else None,
        "results": paragraphs(report.results if report else ""),
        "sections": narrative_sections(report),
        "closing": f"Trên đây là báo cáo kết quả triển khai “{CAMPAIGN_TITLE}” năm {campaign.year} của {unit.name}./.",
        "recipients": recipient_lines("LĐLĐ tỉnh (qua Ban Tổ chức - Kiểm tra) (để b/c);\nLưu: VT."),
        "signer_capacity": capacity,
        "signer_title": "CHỦ TỊCH",
        "signer_name": "",
    }


def unit_report_pdf(**kwargs) -> bytes:
    """A reporting unit's monthly or final report: its summed weekly figures
    (``reporting.selectors.summed_figures``), its new grassroots unions and its
    narrative, against its row's targets, with the cut-off and fingerprint."""
    return render_pdf("reporting/pdf/unit_report.html", unit_context(**kwargs))
