"""Reading an uploaded report template back (``reporting.exports.template``):
the file is checked as an archive first (``workbooks.archive``), then read in
read-only, values-only mode. The file replaces the grid: every row gets
figures, a row missing from the file is all zeros. Cell-level problems come
back as errors with the cell's name; problems with the whole file raise
``UploadRejected``. Headers and labels are found wherever they are (a user may
insert rows or columns) in Vietnamese or the current language.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from campaign.models import Period, PeriodKind
from unions.models import MAX_FIGURE, Unit
from workbooks.archive import UploadRejected, check_archive
from workbooks.cells import WHITESPACE, code_text, count_cell, is_blank, norm, open_workbook, rows_of
from workbooks.safe_xlsx import safe_text

from .exports.template import META_PERIOD, META_SHEET, META_UNIT, period_key, template_labels
from .selectors import FIGURES, GridRow
from .validation import FigureError, check_rows

MAX_DATA_ROWS = 5000  # rows read below the header; a unit has a few hundred grassroots unions, most often
SPARE_ROWS = 100  # beyond a unit's own rows and the template's total: blank and note rows
HEADER_SEARCH_ROWS = 50  # non-empty rows above the table's header, at most


@dataclass
class CellError:
    cell: str  # "E7"; "" for a row the file does not have
    row_label: str  # grassroots union's name, or the code the file gave
    column_label: str  # Vietnamese header of the column
    message: str


@dataclass
class UploadResult:
    figures: dict[str, dict[str, int]]  # every row key of the grid → {figure: int}
    errors: list[CellError] = field(default_factory=list)
    row_count: int = 0  # data rows read from the file (blank and totals rows not counted)


def _cell_name(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _period_description(key: str) -> str:
    """A period key as people read it: "tuần 07/07/2025 – 13/07/2025"."""
    try:
        kind, start, end = key.split(":")
        kind_label = str(PeriodKind(kind).label).lower()
        start_text = formats.date_format(datetime.date.fromisoformat(start), "SHORT_DATE_FORMAT")
        end_text = formats.date_format(datetime.date.fromisoformat(end), "SHORT_DATE_FORMAT")
    except ValueError:
        return f"“{key[:60]}”"
    return f"{kind_label} {start_text} – {end_text}"


def _meta_from_sheet(wb) -> tuple[str, str] | None:
    if META_SHEET not in wb.sheetnames:
        return None
    values = {}
    for _number, row in rows_of(wb[META_SHEET], 20):
        if len(row) >= 2 and row[0] is not None:
            values[norm(row[0])] = row[1]
    unit_code, key = code_text(values.get(META_UNIT)), values.get(META_PERIOD)
    if not unit_code or key is None:
        return None
    return unit_code, WHITESPACE.sub("", str(key))


def _meta_from_cells(rows: list[tuple[int, tuple]], header_index: int, labels) -> tuple[str, str] | None:
    """The unit code and period key from the labelled cells above the header."""
    found: dict[str, object] = {}
    for _number, row in rows[:header_index]:
        for position, value in enumerate(row):
            normalised = norm(value)
            for what in ("unit_code", "period_key"):
                if what not in found and normalised in labels[what]:
                    following = next((v for v in row[position + 1 :] if not is_blank(v)), None)
                    if following is not None:
                        found[what] = following
    if "unit_code" not in found or "period_key" not in found:
        return None
    return code_text(found["unit_code"]), WHITESPACE.sub("", str(found["period_key"]))


def _acceptedtemplate_labels() -> dict[str, set[str]]:
    """Each header or label as it may appear: Vietnamese, and the current language."""
    accepted: dict[str, set[str]] = {}
    for language in {"vi", translation.get_language() or "vi"}:
        with translation.override(language):
            for key, text in template_labels().items():
                accepted.setdefault(key, set()).add(norm(text))
    return accepted


def _find_header(rows: list[tuple[int, tuple]], labels) -> tuple[int, dict[str, int]] | None:
    """(index in ``rows``, {column key: column index}) of the table's header row."""
    wanted = ("no", "code", "name", "sector", *FIGURES)
    for index, (_number, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, value in enumerate(row):
            normalised = norm(value)
            for key in wanted:
                if key not in columns and normalised in labels[key]:
                    columns[key] = position
                    break
        if "code" in columns and any(name in columns for name in FIGURES):
            return index, columns
    return None


def _is_total(row: tuple, columns: dict[str, int], total_labels: set[str]) -> bool:
    for key in ("no", "code", "name"):
        position = columns.get(key)
        if position is not None and position < len(row) and norm(row[position]) in total_labels:
            return True
    return False


def read_upload(uploaded_file, *, unit: Unit, period: Period, rows: list[GridRow]) -> UploadResult:
    """The figures of an uploaded template for ``unit`` and ``period``.

    Every row of ``rows`` gets figures: the file replaces the grid, so a row
    missing from the file is all zeros. Cell-level problems come back as
    ``errors``; problems with the whole file raise UploadRejected.
    """
    data = check_archive(uploaded_file)
    labels = _acceptedtemplate_labels()
    wb = open_workbook(data)
    try:
        return _read_workbook(wb, unit=unit, period=period, grid=rows, labels=labels)
    finally:
        wb.close()


def _read_workbook(wb, *, unit: Unit, period: Period, grid: list[GridRow], labels) -> UploadResult:
    sheet_rows, header_index, columns = _find_table(wb, labels, row_limit(grid))
    _check_identity(wb, sheet_rows, header_index, labels, unit=unit, period=period)
    reading = _Reading(grid, columns, labels)
    for row_number, row in sheet_rows[header_index + 1 :]:
        reading.read_row(row_number, row)
    reading.check_across_figures()
    reading.errors.sort(key=_error_order)
    return UploadResult(figures=reading.figures, errors=reading.errors, row_count=reading.row_count)


def row_limit(grid: list[GridRow]) -> int:
    """The most rows read below the header: 5,000, or more for a unit whose own template
    (its rows and the total row) would not fit."""
    return max(MAX_DATA_ROWS, len(grid) + 1 + SPARE_ROWS)


def _find_table(wb, labels, limit: int) -> tuple[list[tuple[int, tuple]], int, dict[str, int]]:
    """The first visible sheet with the table's header: its rows, the header's index, the columns."""
    for ws in wb.worksheets:
        if ws.title == META_SHEET or getattr(ws, "sheet_state", "visible") != "visible":
            continue
        candidate = rows_of(ws, limit + HEADER_SEARCH_ROWS + 1)
        header = _find_header(candidate, labels)
        if header is not None:
            break
    else:
        raise UploadRejected(
            _(
                "Không tìm thấy dòng tiêu đề của bảng số liệu (các cột “Mã CĐCS”, “Đoàn viên mới”…). "
                "Hãy dùng tệp mẫu tải từ trang báo cáo."
            )
        )
    header_index, columns = header
    if len(candidate) - header_index - 1 > limit:
        raise UploadRejected(
            _("Bảng có quá nhiều dòng (tối đa %(max)s).") % {"max": formats.number_format(limit, force_grouping=True)}
        )
    vi_labels = template_labels()
    missing = [vi_labels[name] for name in FIGURES if name not in columns]
    if missing:
        raise UploadRejected(_("Bảng số liệu thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)})
    return candidate, header_index, columns


def _check_identity(wb, sheet_rows, header_index: int, labels, *, unit: Unit, period: Period) -> None:
    """The file is this unit's template for this period (its hidden sheet, else its labelled cells)."""
    meta = _meta_from_sheet(wb) or _meta_from_cells(sheet_rows, header_index, labels)
    if meta is None:
        raise UploadRejected(
            _(
                "Tệp không có mã đơn vị và mã kỳ báo cáo của tệp mẫu, nên không biết số liệu thuộc báo cáo nào. "
                "Hãy tải tệp mẫu từ trang báo cáo và điền vào đó."
            )
        )
    file_unit, file_key = meta
    if file_unit != unit.code.upper():
        raise UploadRejected(
            _("Tệp là mẫu báo cáo của đơn vị mã %(file)s, nhưng trang này nhập báo cáo của %(unit)s (mã %(code)s).")
            % {"file": file_unit[:40], "unit": unit.name, "code": unit.code}
        )
    if file_key != period_key(period):
        raise UploadRejected(
            _("Tệp là mẫu báo cáo kỳ %(file)s, nhưng trang này nhập báo cáo kỳ %(period)s.")
            % {"file": _period_description(file_key), "period": period.label}
        )


class _Reading:
    """The table's rows read one by one into the grid's figures, with the errors found."""

    def __init__(self, grid: list[GridRow], columns: dict[str, int], labels):
        self.grid = grid
        self.columns = columns
        self.total_labels = labels["total"]
        self.vi_labels = template_labels()
        self.by_code = {row.key.upper(): row for row in grid}
        self.figures: dict[str, dict[str, int]] = {row.key: dict.fromkeys(FIGURES, 0) for row in grid}
        self.cells: dict[str, dict[str, str]] = {}  # row key → {figure or "code": cell name}
        self.seen: dict[str, int] = {}  # row key → spreadsheet row number
        self.bad_figures: set[str] = set()  # "<key>:<figure>" that did not parse
        self.errors: list[CellError] = []
        self.row_count = 0
        self.figure_positions = [(name, columns[name]) for name in FIGURES]
        self.used_positions = [p for k, p in columns.items() if k in ("code", "name", *FIGURES)]

    @staticmethod
    def value_at(row: tuple, position: int | None):
        return row[position] if position is not None and position < len(row) else None

    def read_row(self, row_number: int, row: tuple) -> None:
        if all(is_blank(self.value_at(row, p)) for p in self.used_positions) or _is_total(
            row, self.columns, self.total_labels
        ):
            return
        code = code_text(self.value_at(row, self.columns["code"]))
        if not code and all(is_blank(self.value_at(row, p)) for _n, p in self.figure_positions):
            return  # a note below the table, not a data row
        self.row_count += 1
        grid_row = self._grid_row(row_number, row, code)
        if grid_row is None:
            return
        self.seen[grid_row.key] = row_number
        self.cells[grid_row.key] = {"code": _cell_name(row_number, self.columns["code"] + 1)}
        for name, position in self.figure_positions:
            cell = _cell_name(row_number, position + 1)
            self.cells[grid_row.key][name] = cell
            try:
                self.figures[grid_row.key][name] = count_cell(self.value_at(row, position), maximum=MAX_FIGURE)
            except FigureError as exc:
                self.errors.append(CellError(cell, grid_row.name, self.vi_labels[name], str(exc)))
                self.bad_figures.add(f"{grid_row.key}:{name}")

    def _grid_row(self, row_number: int, row: tuple, code: str) -> GridRow | None:
        """The grid row a file row is about, or None with the error said (no code, a code
        not of this unit, a code given twice)."""
        code_cell = _cell_name(row_number, self.columns["code"] + 1)
        code_label = self.vi_labels["code"]
        if not code:
            name_in_file = self.value_at(row, self.columns.get("name"))
            label = safe_text(name_in_file).strip() if not is_blank(name_in_file) else _("Dòng %(n)s") % {"n": row_number}
            message = _("Thiếu mã CĐCS: không biết số liệu của dòng này thuộc công đoàn cơ sở nào.")
            self.errors.append(CellError(code_cell, label, code_label, message))
            return None
        grid_row = self.by_code.get(code)
        if grid_row is None:
            message = _("Mã CĐCS %(code)s không thuộc đơn vị trong kỳ này.") % {"code": code[:40]}
            self.errors.append(CellError(code_cell, code[:40], code_label, message))
            return None
        if grid_row.key in self.seen:
            message = _("Mã CĐCS %(code)s có hai lần trong tệp (dòng %(first)s và dòng %(second)s).") % {
                "code": grid_row.key, "first": self.seen[grid_row.key], "second": row_number,
            }
            self.errors.append(CellError(code_cell, grid_row.name, code_label, message))
            return None
        return grid_row

    def check_across_figures(self) -> None:
        """Rules across figures, on rows whose figures all parsed (a bad cell is already reported)."""
        clean = [row for row in self.grid if not any(f"{row.key}:{name}" in self.bad_figures for name in FIGURES)]
        by_key = {row.key: row for row in self.grid}
        for key, messages in check_rows(clean, {row.key: self.figures[row.key] for row in clean}).items():
            row_key, _sep, name = key.partition(":")
            where = self.cells.get(row_key, {})
            column = self.vi_labels[name] if name in FIGURES else self.vi_labels["code"]
            for message in messages:
                if row_key not in self.seen:
                    message = _("Dòng này không có trong tệp (tính là 0): %(message)s") % {"message": message}
                self.errors.append(CellError(where.get(name or "code", ""), by_key[row_key].name, column, message))

def _error_order(error: CellError):
    match = re.match(r"^([A-Z]+)([0-9]+)$", error.cell)
    if not match:
        return (10**9, 0, "")  # rows missing from the file: after the cells
    return (int(match.group(2)), len(match.group(1)), match.group(1))
