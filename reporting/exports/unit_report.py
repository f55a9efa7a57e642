"""A reporting unit's monthly or final report as PDF."""

import datetime

from django.utils import formats, timezone

from campaign.models import Measure, Period, PeriodKind
from unions.models import Unit, UnitKind

from ..models import FinalReportDocument, Report
from ..numbers import number
from ..stats import Figure
from . import PDF, Export
from .pdf import (
    CAMPAIGN_TITLE,
    balanced_lines,
    figure_sentences,
    in_vietnamese,
    narrative_sections,
    paragraphs,
    place_and_date,
    plan_reference,
    recipient_lines,
    render_pdf,
    short_date,
    short_superior_name,
    upper,
)
from .pdf_tables import Column, Group, Table, grassroots_table


def _week_label(week: Period) -> str:
    return f"Tuần {week.number} ({formats.date_format(week.start, 'd/m')} – {short_date(week.end)})"


def _figures(summed: dict, targets: dict[str, int | None], founded: list[Unit]) -> list[Figure]:
    """The unit's own figures (summed weeks) against its row's targets (``TargetBook.row``)."""
    total = summed["total"]
    achieved = {
        Measure.NEW_MEMBERS: total["new_members"],
        Measure.NEW_GRASSROOTS: len(founded),
        Measure.PARTY_INTRODUCED: total["party_introduced"],
        Measure.PARTY_ADMITTED: total["party_admitted"],
    }
    return [
        Figure(
            measure=m,
            target=targets[m],
            achieved=achieved[m],
            women=total["new_members_women"] if m == Measure.NEW_MEMBERS else None,
        )
        for m in Measure
    ]


def week_table(summed: dict) -> Table:
    """The unit's weeks, a dash for a week without a counted report, then the total."""
    total = summed["total"]
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
    return weeks


def _heading(unit: Unit, period: Period, report: Report | None) -> dict:
    """The document's heading: the superior body, the issuer, the place and date, the subtitle, who signs."""
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
    federation_like = unit.kind == UnitKind.FEDERATION or upper(unit.name).startswith(("LIÊN ĐOÀN LAO ĐỘNG", "LĐLĐ"))
    return {
        "superior_lines": superior_lines,
        "issuer_lines": balanced_lines(upper(unit.name)),
        "place_date": place_and_date(FinalReportDocument._meta.get_field("place").default, issued_on, issued_on.year),
        "subtitle": subtitle,
        "signer_capacity": "TM. BAN THƯỜNG VỤ" if federation_like else "TM. BAN CHẤP HÀNH",
    }


@in_vietnamese
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
    local = timezone.localtime(cut_off)
    moment = f"{formats.date_format(local, 'H:i')} ngày {short_date(local.date())}"
    return {
        **_heading(unit, period, report),
        "title": f"Báo cáo {unit.name} – {period.label}",
        "number": "",
        "number_suffix": "/BC",
        "summary": f"Kết quả triển khai {CAMPAIGN_TITLE} năm {campaign.year}",
        "introduction": (
            f"Thực hiện {plan_reference(campaign)} của Ban Thường vụ Liên đoàn Lao động tỉnh về triển khai "
            f"“{CAMPAIGN_TITLE}”, {unit.name} báo cáo kết quả như sau:"
        ),
        "as_of_note": f"(Số liệu cộng từ các báo cáo tuần đã gửi của đơn vị, tính đến {moment}; "
        f"mã kiểm tra số liệu: {fingerprint}.)",
        "footer": f"Số liệu tính đến {moment} · Mã kiểm tra số liệu: {fingerprint}",
        "whole_sentences": figure_sentences(_figures(summed, targets, founded)),
        "week_table": week_table(summed),
        "weeks_missing": any(values is None for _week, values in summed["weeks"]),
        "grassroots_table": grassroots_table(founded, with_superior=False) if founded else None,
        "results": paragraphs(report.results if report else ""),
        "sections": narrative_sections(report),
        "closing": f"Trên đây là báo cáo kết quả triển khai “{CAMPAIGN_TITLE}” năm {campaign.year} của {unit.name}./.",
        "recipients": recipient_lines("LĐLĐ tỉnh (qua Ban Tổ chức - Kiểm tra) (để b/c);\nLưu: VT."),
        "signer_title": "CHỦ TỊCH",
        "signer_name": "",
    }


def unit_report_pdf(**kwargs) -> bytes:
    """A reporting unit's monthly or final report: its summed weekly figures
    (``reporting.selectors.summed_figures``), its new grassroots unions and its
    narrative, against its row's targets, with the cut-off and fingerprint."""
    return render_pdf("reporting/pdf/unit_report.html", unit_context(**kwargs))


def unit_report_export(*, unit: Unit, period: Period, fingerprint: str, **kwargs) -> Export:
    """The unit's report with its period and fingerprint in the file name."""
    return Export(
        filename=f"bao-cao-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}-{fingerprint}.pdf",
        content_type=PDF,
        content=unit_report_pdf(unit=unit, period=period, fingerprint=fingerprint, **kwargs),
    )
