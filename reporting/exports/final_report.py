"""The province's final report of the campaign as PDF (the board's document, signed by the Standing Committee)."""

from activities.selectors import MediaSummary, campaign_media, media_summary

from ..commendations import commendations_of
from ..models import CommendationKind, CommendationStatus, FinalReportDocument
from ..numbers import number, percent_text
from ..stats import CampaignStats
from . import PDF, Export
from .pdf import (
    CAMPAIGN_TITLE,
    balanced_lines,
    cut_off_line,
    figure_sentence,
    figure_sentences,
    in_vietnamese,
    narrative_sections,
    paragraphs,
    place_and_date,
    plan_reference,
    recipient_lines,
    render_pdf,
    short_date,
    upper,
)
from .pdf_tables import grassroots_table, sector_table, unit_table, wave_table


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






def media_sentences(summary: MediaSummary) -> list[str]:
    """The media work in the report's words: the total, then each channel used, then each wave."""
    if not summary.items:
        return []
    used = [f"{label.lower()}: {number(n)}" for _value, label, n, _people in summary.channels if n]
    sentences = [
        f"Thực hiện {number(summary.items)} tin, bài, hoạt động tuyên truyền ({'; '.join(used)}), "
        f"tiếp cận khoảng {number(summary.audience)} lượt người."
    ]
    waves = [f"đợt {n}: {number(count)}" if n else f"ngoài các đợt: {number(count)}" for n, count in summary.waves.items()]
    sentences.append("Theo đợt: " + "; ".join(waves) + ".")
    return sentences


def commendation_sentences(stats: CampaignStats) -> list[str]:
    """The commendations the board approved by the cut-off: how many, then each with its decision."""
    approved = [c for c in commendations_of(stats.campaign, stats.root, status=CommendationStatus.APPROVED)
                if c.decision_date <= stats.as_of]
    if not approved:
        return []
    people = sum(1 for c in approved if c.kind == CommendationKind.PERSON)
    sentences = [f"Khen thưởng {number(len(approved) - people)} tập thể và {number(people)} cá nhân có thành tích xuất sắc:"]
    for c in approved:
        who = f"{c.person_name}{', ' + c.position if c.position else ''} ({c.unit.name})" if c.person_name else c.unit.name
        sentences.append(f"{who} — Quyết định số {c.decision_number} ngày {short_date(c.decision_date)}.")
    return sentences


@in_vietnamese
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
            f"Thực hiện {plan_reference(campaign)} của Ban Thường vụ Liên đoàn Lao động tỉnh về triển khai "
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
        "commendations": commendation_sentences(stats),
        "media": media_sentences(media_summary(campaign_media(campaign, stats.root, as_of=stats.as_of))),
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


def province_report_export(stats: CampaignStats, document: FinalReportDocument, fingerprint: str) -> Export:
    """The final report with its cut-off and fingerprint in the file name."""
    return Export(
        filename=f"bao-cao-ket-qua-thang-cao-diem-{stats.campaign.year}-den-{stats.as_of:%d-%m-%Y}-{fingerprint}.pdf",
        content_type=PDF,
        content=province_report_pdf(stats, document, fingerprint),
    )
