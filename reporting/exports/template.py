"""The report grid as an Excel template: the file a unit downloads, fills in
(in Excel, LibreOffice or on a phone) and uploads back (``reporting.imports``).

The template carries the unit's code and the period's key twice: in a hidden
sheet "_meta" (read first) and in labelled cells above the table (read when
the hidden sheet was lost, e.g. a file that went through CSV). Everything a
user typed is written as text, never as a formula (``safe_xlsx``). The layout
constants below are the contract with the reader.
"""

import openpyxl
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from campaign.models import Period
from unions.models import Unit
from workbooks.safe_xlsx import put_text, workbook_bytes

from ..models import ReportLine
from ..numbers import number
from ..selectors import DIRECT_KEY, FIGURES, GridRow
from ..validation import MAX_FIGURE
from . import XLSX, Export

META_SHEET = "_meta"
META_UNIT = "unit_code"
META_PERIOD = "period_key"
META_VERSION = "template_version"
TEMPLATE_VERSION = 1

FIRST_INFO_ROW = 3  # labels in column B, values in column C
HEADER_ROW = 8
FIRST_DATA_ROW = HEADER_ROW + 1
COL_NO, COL_CODE, COL_NAME, COL_SECTOR = 1, 2, 3, 4
FIRST_FIGURE_COL = 5
NUMBER_FORMAT = "#,##0"

_BOLD = Font(bold=True)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


def period_key(period: Period) -> str:
    """A period's identity that does not depend on database ids."""
    return f"{period.kind}:{period.start:%Y-%m-%d}:{period.end:%Y-%m-%d}"


def template_labels() -> dict[str, str]:
    """The template's fixed texts in the active language (the file is an official form: written in Vietnamese)."""
    return {
        "no": _("STT"),
        "code": _("Mã CĐCS"),
        "name": _("Tên công đoàn cơ sở"),
        "sector": _("Khu vực"),
        **{name: capfirst(str(ReportLine._meta.get_field(name).verbose_name)) for name in FIGURES},
        "unit_code": _("Mã đơn vị"),
        "unit_name": _("Tên đơn vị"),
        "period_label": _("Kỳ báo cáo"),
        "period_key": _("Mã kỳ báo cáo"),
        "total": _("Tổng cộng"),
    }


def _sheet_title(period: Period) -> str:
    return (_("Báo cáo") + " " + str(period.get_kind_display()).lower())[:31]


def template_workbook(*, unit: Unit, period: Period, rows: list[GridRow]) -> bytes:
    """The report grid of ``unit`` for ``period`` as an .xlsx file, pre-filled with ``rows``."""
    with translation.override("vi"):
        labels = template_labels()
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = _sheet_title(period)
        _write_heading(ws, unit, period, labels)
        ordered = [r for r in rows if r.key != DIRECT_KEY] + [r for r in rows if r.key == DIRECT_KEY]
        last_data_row = _write_grid(ws, ordered, labels)
        _write_total(ws, ordered, labels, row=last_data_row + 1)
        if last_data_row >= FIRST_DATA_ROW:
            _add_validation(ws, last_data_row)
        _page_layout(ws)
        _write_meta(wb, unit, period)
        return workbook_bytes(wb)


def template_export(*, unit: Unit, period: Period, rows: list[GridRow]) -> Export:
    return Export(
        filename=f"bao-cao-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx",
        content_type=XLSX,
        content=template_workbook(unit=unit, period=period, rows=rows),
    )


def _headers(labels) -> list[str]:
    return [labels["no"], labels["code"], labels["name"], labels["sector"], *(labels[name] for name in FIGURES)]


def _write_heading(ws, unit: Unit, period: Period, labels) -> None:
    """The title, the instruction, the unit and period cells, the table's header row."""
    title = put_text(ws, 1, 1, (_sheet_title(period) + " — " + _("kết quả phát triển đoàn viên")).upper())
    title.font = Font(bold=True, size=14)
    instruction = _(
        "Điền số liệu vào các cột số (để trống là 0). Không sửa mã CĐCS, mã đơn vị, mã kỳ báo cáo. "
        "Dòng Tổng cộng được tính lại khi tải lên."
    )
    put_text(ws, 2, 1, instruction).font = Font(italic=True, color="595959")
    info = [
        (labels["unit_code"], unit.code),
        (labels["unit_name"], unit.name),
        (labels["period_label"], period.label),
        (labels["period_key"], period_key(period)),
    ]
    for offset, (label, value) in enumerate(info):
        put_text(ws, FIRST_INFO_ROW + offset, COL_CODE, label).font = _BOLD
        put_text(ws, FIRST_INFO_ROW + offset, COL_NAME, value)
    for column, text in enumerate(_headers(labels), start=1):
        cell = put_text(ws, HEADER_ROW, column, text)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _write_grid(ws, ordered: list[GridRow], labels) -> int:
    """One row per grassroots union (the direct row last); returns the last row written."""
    width = len(_headers(labels))
    row_number = FIRST_DATA_ROW
    for index, grid_row in enumerate(ordered, start=1):
        if grid_row.key != DIRECT_KEY:
            ws.cell(row=row_number, column=COL_NO, value=index)
        put_text(ws, row_number, COL_CODE, grid_row.key)
        put_text(ws, row_number, COL_NAME, grid_row.name)
        put_text(ws, row_number, COL_SECTOR, grid_row.sector_label)
        for offset, name in enumerate(FIGURES):
            cell = ws.cell(row=row_number, column=FIRST_FIGURE_COL + offset)
            cell.value = grid_row.values.get(name) or None  # 0 shown as an empty cell
            cell.number_format = NUMBER_FORMAT
        for column in range(1, width + 1):
            ws.cell(row=row_number, column=column).border = _BORDER
        row_number += 1
    return row_number - 1


def _write_total(ws, ordered: list[GridRow], labels, *, row: int) -> None:
    """Totals computed here: a formula would have no cached value until a spreadsheet saves the file."""
    put_text(ws, row, COL_NAME, labels["total"])
    for offset, name in enumerate(FIGURES):
        cell = ws.cell(row=row, column=FIRST_FIGURE_COL + offset)
        cell.value = sum(r.values.get(name) or 0 for r in ordered)
        cell.number_format = NUMBER_FORMAT
    for column in range(1, len(_headers(labels)) + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = _BOLD
        cell.fill = _TOTAL_FILL
        cell.border = _BORDER


def _add_validation(ws, last_data_row: int) -> None:
    """Whole numbers from 0 to the maximum in the figure cells, with a Vietnamese message."""
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2=str(MAX_FIGURE),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Số liệu không hợp lệ"),
        error=_("Nhập số nguyên từ 0 đến %(max)s.") % {"max": number(MAX_FIGURE)},
    )
    first = get_column_letter(FIRST_FIGURE_COL)
    last = get_column_letter(FIRST_FIGURE_COL + len(FIGURES) - 1)
    validation.add(f"{first}{FIRST_DATA_ROW}:{last}{last_data_row}")
    ws.add_data_validation(validation)


def _page_layout(ws) -> None:
    widths = {COL_NO: 6, COL_CODE: 16, COL_NAME: 46, COL_SECTOR: 30}
    for column in range(1, FIRST_FIGURE_COL + len(FIGURES)):
        ws.column_dimensions[get_column_letter(column)].width = widths.get(column, 14)
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _write_meta(wb, unit: Unit, period: Period) -> None:
    """The hidden sheet the reader looks at first."""
    meta = wb.create_sheet(META_SHEET)
    values = [(META_UNIT, unit.code), (META_PERIOD, period_key(period)), (META_VERSION, str(TEMPLATE_VERSION))]
    for row_index, (key, value) in enumerate(values, start=1):
        put_text(meta, row_index, 1, key)
        put_text(meta, row_index, 2, value)
    meta.sheet_state = "hidden"
