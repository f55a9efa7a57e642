"""Write-only sheets for the campaign's Excel tables (``synthesis``, ``unit_xlsx``):
their styles, title rows, headers' wording, page setup.

Written in openpyxl's write-only mode. A write-only sheet has no
``merge_cells()``, but it writes the ranges its ``merged_cells`` holds, so the
merged headers are added there; column widths, frozen panes and sheet
properties are set before the first row is appended. Nothing is left to
formulas: a formula written by openpyxl has no value until a spreadsheet
program saves the file.
"""

import copy
import datetime
import functools

import openpyxl
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from campaign.models import Measure, Wave
from workbooks.safe_xlsx import make_text

from ..numbers import PERCENT_XLSX_FORMAT
from ..stats import OUTSIDE_WAVES, CampaignStats

INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = PERCENT_XLSX_FORMAT  # stats gives percentages as 0–100, rounded half up to one decimal
FONT_NAME = "Times New Roman"

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@functools.cache
def cell_font(*, bold=False, italic=False, size=11) -> Font:
    """One Font object per kind (``Sheet`` recognises a style it has already set by its objects)."""
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size)


def measure_headers() -> dict[str, str]:
    """Short Vietnamese headers of the measures (the model's labels are too long for a column group)."""
    return {
        Measure.NEW_MEMBERS: _("Kết nạp đoàn viên mới"),
        Measure.NEW_GRASSROOTS: _("Thành lập CĐCS"),
        Measure.PARTY_INTRODUCED: _("Giới thiệu cho Đảng"),
        Measure.PARTY_ADMITTED: _("Được kết nạp Đảng"),
    }


def wave_header(wave: Wave | None) -> str:
    if wave is None:
        return _("Ngoài các đợt")
    return _("Đợt %(number)s") % {"number": wave.number}


def day_text(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def buckets(stats: CampaignStats) -> list[int | None]:
    """The columns of achievements: each wave, then "outside the waves" when a
    union the board confirmed counts between them."""
    return [block.wave.pk for block in stats.waves] + ([OUTSIDE_WAVES] if stats.outside else [])


def cut_off_rows(stats: CampaignStats, fingerprint: str) -> list[str]:
    return [
        _("Số liệu tính đến hết ngày %(day)s · Mã kiểm tra số liệu: %(code)s")
        % {"day": day_text(stats.as_of), "code": fingerprint},
    ]


# =============================================================================
# Writing rows in write-only mode


class Sheet:
    """A write-only sheet written row by row, remembering the row number.

    Text goes through ``safe_xlsx.make_text`` (a string cell, never a formula);
    a cell is placed when its row is appended.
    """

    def __init__(self, ws):
        self.ws = ws
        self.row = 0  # the last row written
        # openpyxl hashes every style object each time one is set on a cell: most of a long
        # table's time. A combination already set is copied from the first cell that had it.
        self._styles = {}

    def _styled(self, cell, *, font, fill, border, alignment, fmt=None):
        key = (id(font), id(fill), id(border), id(alignment), fmt, bool(cell.quotePrefix))
        known = self._styles.get(key)
        if known is not None:
            cell._style = copy.copy(known[0])
            return cell
        if fmt is not None:
            cell.number_format = fmt
        styled(cell, font=font, fill=fill, border=border, alignment=alignment)
        # The objects are kept with it, so that their ids stay theirs while the sheet is written.
        self._styles[key] = (copy.copy(cell._style), font, fill, border, alignment)
        return cell

    def text(self, value, *, font=None, fill=None, border=BORDER, alignment=LEFT):
        cell = make_text(WriteOnlyCell(self.ws), "" if value is None else value)
        return self._styled(cell, font=font or cell_font(), fill=fill, border=border, alignment=alignment)

    def number(self, value, *, fmt=INTEGER_FORMAT, font=None, fill=None, alignment=None):
        cell = WriteOnlyCell(self.ws, value=value)  # None: an empty cell, still bordered
        return self._styled(cell, font=font or cell_font(), fill=fill, border=BORDER, alignment=alignment, fmt=fmt)

    def blank(self, *, fill=None, border=BORDER):
        return self._styled(WriteOnlyCell(self.ws), font=cell_font(), fill=fill, border=border, alignment=None)

    def append(self, cells: list) -> int:
        self.ws.append(cells)
        self.row += 1
        return self.row

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if (first_row, first_col) != (last_row, last_col):
            self.ws.merged_cells.add(
                f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
            )


def styled(cell, *, font, fill, border, alignment):
    cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    return cell


def new_sheet(title: str, widths: list[float], *, freeze: str) -> tuple[openpyxl.Workbook, Sheet]:
    """A write-only workbook with one sheet, its columns and panes set (before any row)."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = freeze
    return wb, Sheet(ws)


def print_setup(ws, *, title_rows: tuple[int, int]) -> None:
    """A4 landscape, all columns on one page width, the header repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = _("Trang &P/&N")


def title_rows(sheet: Sheet, lines: list[tuple[str, Font]], width: int) -> None:
    """Title lines, each merged across the table's width, then an empty row."""
    for text, font in lines:
        row = sheet.append([sheet.text(text, font=font, border=None, alignment=CENTER)])
        sheet.merge(row, 1, row, width)
    sheet.append([])
