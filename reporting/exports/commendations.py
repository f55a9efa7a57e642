"""The list for the emulation council: every commendation proposal of the scope with its decision
and, for a collective, its emulation score; then the reporting units' ranking with each part."""

from django.utils import translation
from django.utils.translation import gettext as _

from workbooks.safe_xlsx import workbook_bytes

from ..commendations import commendations_of
from ..emulation import Emulation
from ..models import CommendationKind
from . import XLSX, Export
from .sheets import CENTER, HEADER_FILL, Sheet, cell_font, cut_off_rows, new_sheet, title_rows

LIST_SHEET = "Đề nghị khen thưởng"
RANKING_SHEET = "Điểm thi đua"
SCORE_FORMAT = "#,##0.00"


def commendations_workbook(result: Emulation) -> bytes:
    with translation.override("vi"):
        return _workbook(result)


def commendations_export(result: Emulation) -> Export:
    stats = result.stats
    return Export(
        filename=f"khen-thuong-thang-cao-diem-{stats.campaign.year}-den-{stats.as_of:%d-%m-%Y}.xlsx",
        content_type=XLSX,
        content=commendations_workbook(result),
    )


def _header(sheet: Sheet, titles: list[str]) -> None:
    sheet.append([sheet.text(t, font=cell_font(bold=True), fill=HEADER_FILL, alignment=CENTER) for t in titles])


def _workbook(result: Emulation) -> bytes:
    stats = result.stats
    scores = {s.unit.pk: s.total for s in result.units} | {g.union.pk: g.points for g in result.grassroots}
    titles = [_("STT"), _("Đối tượng"), _("Tập thể / họ và tên"), _("Chức vụ"), _("Đơn vị"), _("Thành tích"),
              _("Điểm thi đua"), _("Trạng thái"), _("Số quyết định"), _("Ngày quyết định")]
    wb, sheet = new_sheet(LIST_SHEET, [6, 24, 34, 18, 30, 48, 12, 16, 16, 14], freeze="A6")
    title_rows(sheet, [(_("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG — %(name)s") % {"name": stats.campaign.name.upper()},
                        cell_font(bold=True, size=13)),
                       *((line, cell_font(italic=True)) for line in cut_off_rows(stats, ""))], len(titles))
    sheet.append([])
    _header(sheet, titles)
    for number, c in enumerate(commendations_of(stats.campaign, stats.root), start=1):
        collective = c.kind != CommendationKind.PERSON
        score = scores.get(c.unit_id) if collective else None
        sheet.append([
            sheet.number(number), sheet.text(c.get_kind_display()), sheet.text(c.unit.name if collective else c.person_name),
            sheet.text(c.position), sheet.text(c.unit.name), sheet.text(c.achievement),
            sheet.number(score, fmt=SCORE_FORMAT), sheet.text(c.get_status_display()), sheet.text(c.decision_number),
            sheet.text(c.decision_date.strftime("%d/%m/%Y") if c.decision_date else ""),
        ])
    ranking = wb.create_sheet(RANKING_SHEET)
    parts = [p.label for p in result.units[0].parts] if result.units else []
    for column, width in enumerate([8, 40, *([16] * len(parts)), 12], start=1):
        ranking.column_dimensions[chr(64 + column)].width = width
    rank = Sheet(ranking)
    _header(rank, [_("Xếp hạng"), _("Đơn vị"), *parts, _("Tổng điểm")])
    for s in result.units:
        rank.append([rank.number(s.rank), rank.text(s.unit.name), *(rank.number(p.points, fmt=SCORE_FORMAT) for p in s.parts),
                     rank.number(s.total, fmt=SCORE_FORMAT, font=cell_font(bold=True))])
    return workbook_bytes(wb)
