"""The national synthesis table: one row per province, each its own figures (those of
its synthesis table's total row), and the national total — ``national.national_stats``."""

from django.utils import translation
from django.utils.translation import gettext as _

from workbooks.safe_xlsx import workbook_bytes

from ..national import NationalStats
from ..stats import MEASURES, Figure
from . import XLSX, Export
from .sheets import (
    CENTER,
    HEADER_FILL,
    PERCENT_FORMAT,
    TOTAL_FILL,
    cell_font,
    day_text,
    measure_headers,
    new_sheet,
    print_setup,
    title_rows,
)

NATIONAL_SHEET = "Tong hop toan quoc"
# Per measure: target, achieved, (women), % achieved.
KINDS = ("target", "achieved", "women", "percent")


def _columns() -> list[tuple[str, str]]:
    return [(m, k) for m in MEASURES for k in KINDS if k != "women" or m == "new_members"]


def _cells(sheet, figures: list[Figure], *, font=None, fill=None) -> list:
    by_measure = {f.measure: f for f in figures}
    cells = []
    for measure, kind in _columns():
        figure = by_measure[measure]
        if kind == "percent":
            value = figure.percent
            cells.append(sheet.number(float(value), fmt=PERCENT_FORMAT, font=font, fill=fill) if value is not None
                         else sheet.blank(fill=fill))
        else:
            value = {"target": figure.target, "achieved": figure.achieved, "women": figure.women}[kind]
            cells.append(sheet.number(value, font=font, fill=fill) if value is not None else sheet.blank(fill=fill))
    return cells


def _workbook(stats: NationalStats) -> bytes:
    columns = _columns()
    width = 3 + len(columns)
    wb, sheet = new_sheet(NATIONAL_SHEET, [6, 36, 10] + [10] * len(columns), freeze="D7")
    print_setup(sheet.ws, title_rows=(5, 6))
    title_rows(sheet, [
        (stats.national.name.upper(), cell_font(bold=True, size=14)),
        (_("Số liệu tính đến hết ngày %(day)s") % {"day": day_text(stats.as_of)}, cell_font(italic=True, size=12)),
        (_("Chỉ tính báo cáo đã nộp và đã duyệt"), cell_font(italic=True)),
    ], width)
    bold = cell_font(bold=True)
    headers = measure_headers()
    top = [sheet.text(_("STT"), font=bold, fill=HEADER_FILL, alignment=CENTER),
           sheet.text(_("Liên đoàn Lao động tỉnh, thành phố"), font=bold, fill=HEADER_FILL, alignment=CENTER),
           sheet.text(_("Nộp báo cáo (%)"), font=bold, fill=HEADER_FILL, alignment=CENTER)]
    kind_label = {"target": _("Chỉ tiêu"), "achieved": _("Kết quả"), "women": _("Nữ"), "percent": _("% đạt")}
    first = {}
    for index, (measure, _kind) in enumerate(columns, start=4):
        if measure in first:
            top.append(sheet.blank(fill=HEADER_FILL))
        else:
            first[measure] = index
            top.append(sheet.text(headers[measure], font=bold, fill=HEADER_FILL, alignment=CENTER))
    row = sheet.append(top)
    for measure, start in first.items():
        last = start + sum(1 for m, _k in columns if m == measure) - 1
        sheet.merge(row, start, row, last)
    sheet.merge(row, 1, row + 1, 1)
    sheet.merge(row, 2, row + 1, 2)
    sheet.merge(row, 3, row + 1, 3)
    sheet.append([sheet.blank(fill=HEADER_FILL)] * 3
                 + [sheet.text(kind_label[k], font=bold, fill=HEADER_FILL, alignment=CENTER) for _m, k in columns])
    for number, (province, line) in enumerate(zip(stats.provinces, stats.rows, strict=True), start=1):
        rate = province.discipline_total.rate
        sheet.append([sheet.number(number), sheet.text(line.unit.name),
                      sheet.number(float(rate), fmt=PERCENT_FORMAT) if rate is not None else sheet.blank(),
                      *_cells(sheet, province.whole)])
    rate = stats.discipline.rate
    sheet.append([sheet.blank(fill=TOTAL_FILL), sheet.text(_("TỔNG CỘNG TOÀN QUỐC"), font=bold, fill=TOTAL_FILL),
                  sheet.number(float(rate), fmt=PERCENT_FORMAT, font=bold, fill=TOTAL_FILL) if rate is not None
                  else sheet.blank(fill=TOTAL_FILL),
                  *_cells(sheet, stats.whole, font=bold, fill=TOTAL_FILL)])
    return workbook_bytes(wb)


def national_export(stats: NationalStats) -> Export:
    """The national synthesis table (always in Vietnamese: an official table)."""
    with translation.override("vi"):
        content = _workbook(stats)
    return Export(
        filename=f"tong-hop-toan-quoc-{stats.national.year}-den-{stats.as_of:%d-%m-%Y}.xlsx",
        content_type=XLSX,
        content=content,
    )
