"""The report grid as an Excel file: the template a unit downloads, and the
reader for the file it uploads back.

The template carries the unit's code and the period's key twice: in a hidden
sheet "_meta" (read first) and in labelled cells above the table (read when
the hidden sheet was lost, e.g. a file that went through CSV). Uploaded files
are checked as zip archives before openpyxl opens them (size, entries,
uncompressed size, compression ratio, macros, XML entity declarations), then
read in read-only, values-only mode. Everything a user typed is written back
as text, never as a formula.
"""

import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import openpyxl
from django.conf import settings
from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from campaign.models import Period, PeriodKind
from unions.models import Unit

from .models import ReportLine
from .selectors import DIRECT_KEY, FIGURES, GridRow
from .validation import MAX_FIGURE, FigureError, check_rows, parse_count

# --- limits on uploads --------------------------------------------------------
DEFAULT_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 100 * 1024  # entries smaller than this cannot hurt, whatever their ratio
MAX_DATA_ROWS = 5000  # rows read below the header; a unit has a few hundred grassroots unions at most
HEADER_SEARCH_ROWS = 50  # non-empty rows above the table's header, at most
MAX_SCANNED_ROWS = 200_000  # rows looked at, empty ones included

META_SHEET = "_meta"
META_UNIT = "unit_code"
META_PERIOD = "period_key"
META_VERSION = "template_version"
TEMPLATE_VERSION = 1

# --- layout of the template -----------------------------------------------------
FIRST_INFO_ROW = 3  # labels in column B, values in column C
HEADER_ROW = 8
FIRST_DATA_ROW = HEADER_ROW + 1
COL_NO, COL_CODE, COL_NAME, COL_SECTOR = 1, 2, 3, 4
FIRST_FIGURE_COL = 5
FORMULA_STARTS = ("=", "+", "-", "@")
NUMBER_FORMAT = "#,##0"


def period_key(period: Period) -> str:
    """A period's identity that does not depend on database ids."""
    return f"{period.kind}:{period.start:%Y-%m-%d}:{period.end:%Y-%m-%d}"


# Fixed Vietnamese texts of the template (the file is an official form: always Vietnamese).
def _labels() -> dict[str, str]:
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


# =============================================================================
# The template


def _safe_text(value) -> str:
    """User text as a cell string: control characters Excel refuses are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", unicodedata.normalize("NFC", str(value)))[:32767]


def _put_text(ws, row: int, column: int, value):
    """Write text that must stay text: never a formula, an error code or a number."""
    cell = ws.cell(row=row, column=column)
    text = _safe_text(value)
    cell.value = text
    cell.data_type = "s"  # "=…" would otherwise be stored as a live formula, "#N/A" as an error
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # Excel keeps it text even when the user edits the cell
    return cell


def template_workbook(*, unit: Unit, period: Period, rows: list[GridRow]) -> bytes:
    """The report grid of ``unit`` for ``period`` as an .xlsx file, pre-filled with ``rows``."""
    with translation.override("vi"):
        return _template_workbook(unit=unit, period=period, rows=rows)


def _template_workbook(*, unit: Unit, period: Period, rows: list[GridRow]) -> bytes:
    labels = _labels()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _sheet_title(period)

    bold = Font(bold=True)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    total_fill = PatternFill("solid", fgColor="F2F2F2")

    title = _put_text(ws, 1, 1, (_sheet_title(period) + " — " + _("kết quả phát triển đoàn viên")).upper())
    title.font = Font(bold=True, size=14)
    _put_text(
        ws,
        2,
        1,
        _(
            "Điền số liệu vào các cột số (để trống là 0). Không sửa mã CĐCS, mã đơn vị, mã kỳ báo cáo. "
            "Dòng Tổng cộng được tính lại khi tải lên."
        ),
    ).font = Font(italic=True, color="595959")

    info = [
        (labels["unit_code"], unit.code),
        (labels["unit_name"], unit.name),
        (labels["period_label"], period.label),
        (labels["period_key"], period_key(period)),
    ]
    for offset, (label, value) in enumerate(info):
        _put_text(ws, FIRST_INFO_ROW + offset, COL_CODE, label).font = bold
        _put_text(ws, FIRST_INFO_ROW + offset, COL_NAME, value)

    headers = [labels["no"], labels["code"], labels["name"], labels["sector"], *(labels[name] for name in FIGURES)]
    for column, text in enumerate(headers, start=1):
        cell = _put_text(ws, HEADER_ROW, column, text)
        cell.font = bold
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ordered = [r for r in rows if r.key != DIRECT_KEY] + [r for r in rows if r.key == DIRECT_KEY]
    row_number = FIRST_DATA_ROW
    for number, grid_row in enumerate(ordered, start=1):
        if grid_row.key != DIRECT_KEY:
            ws.cell(row=row_number, column=COL_NO, value=number)
        _put_text(ws, row_number, COL_CODE, grid_row.key)
        _put_text(ws, row_number, COL_NAME, grid_row.name)
        _put_text(ws, row_number, COL_SECTOR, grid_row.sector_label)
        for offset, name in enumerate(FIGURES):
            cell = ws.cell(row=row_number, column=FIRST_FIGURE_COL + offset)
            value = grid_row.values.get(name) or 0
            cell.value = value or None  # 0 shown as an empty cell
            cell.number_format = NUMBER_FORMAT
        for column in range(1, len(headers) + 1):
            ws.cell(row=row_number, column=column).border = border
        row_number += 1
    last_data_row = row_number - 1

    # Totals computed here: a formula would have no cached value until a spreadsheet saves the file.
    _put_text(ws, row_number, COL_NAME, labels["total"])
    for offset, name in enumerate(FIGURES):
        cell = ws.cell(row=row_number, column=FIRST_FIGURE_COL + offset)
        cell.value = sum(r.values.get(name) or 0 for r in ordered)
        cell.number_format = NUMBER_FORMAT
    for column in range(1, len(headers) + 1):
        cell = ws.cell(row=row_number, column=column)
        cell.font = bold
        cell.fill = total_fill
        cell.border = border

    if last_data_row >= FIRST_DATA_ROW:
        validation = DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2=str(MAX_FIGURE),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Số liệu không hợp lệ"),
            error=_("Nhập số nguyên từ 0 đến %(max)s.") % {"max": f"{MAX_FIGURE:,}".replace(",", ".")},
        )
        first = get_column_letter(FIRST_FIGURE_COL)
        last = get_column_letter(FIRST_FIGURE_COL + len(FIGURES) - 1)
        validation.add(f"{first}{FIRST_DATA_ROW}:{last}{last_data_row}")
        ws.add_data_validation(validation)

    widths = {COL_NO: 6, COL_CODE: 16, COL_NAME: 46, COL_SECTOR: 30}
    for column in range(1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(column)].width = widths.get(column, 14)
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    meta = wb.create_sheet(META_SHEET)
    for row_index, (key, value) in enumerate(
        [(META_UNIT, unit.code), (META_PERIOD, period_key(period)), (META_VERSION, str(TEMPLATE_VERSION))], start=1
    ):
        _put_text(meta, row_index, 1, key)
        _put_text(meta, row_index, 2, value)
    meta.sheet_state = "hidden"

    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# =============================================================================
# Reading an upload


class UploadRejected(Exception):
    """The whole file is refused; ``str(exc)`` says why, in Vietnamese."""


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


def upload_max_bytes() -> int:
    return getattr(settings, "REPORT_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _read_bytes(uploaded_file, limit: int) -> bytes:
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise UploadRejected(_("Tệp lớn hơn giới hạn %(size)s MB.") % {"size": _megabytes(limit)})
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(_("Tệp lớn hơn giới hạn %(size)s MB.") % {"size": _megabytes(limit)})
    return data


_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_CONTENT_TYPE = b"macroenabled"
_ENTITY_MARKS = (b"<!entity", "<!entity".encode("utf-16-le"), "<!entity".encode("utf-16-be"))


def check_archive(uploaded_file) -> bytes:
    """The upload's bytes once it looks like a harmless .xlsx; raises UploadRejected otherwise.

    Runs before openpyxl sees the file: openpyxl (without defusedxml) does not
    stop zip bombs, and macros or an old .xls must be refused with a clear message.
    """
    name = (getattr(uploaded_file, "name", "") or "").strip().lower()
    extension = name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ""
    if extension == "xls":
        raise UploadRejected(
            _("Tệp .xls (Excel 97–2003) không được nhận: hãy mở tệp và lưu lại dưới dạng .xlsx (Excel Workbook).")
        )
    if extension in ("xlsm", "xltm", "xlsb"):
        raise UploadRejected(_("Tệp có macro — không nhận. Hãy dùng tệp mẫu .xlsx tải từ trang báo cáo."))
    if extension == "csv":
        raise UploadRejected(_("Tệp .csv không được nhận: hãy dùng tệp mẫu .xlsx tải từ trang báo cáo."))
    if extension != "xlsx":
        raise UploadRejected(
            _("Tệp không phải định dạng .xlsx (Excel 2007 trở lên). Hãy tải tệp mẫu .xlsx từ trang báo cáo.")
        )

    limit = upload_max_bytes()
    data = _read_bytes(uploaded_file, limit)
    if not data:
        raise UploadRejected(_("Tệp rỗng."))
    if data.startswith(_OLE2_MAGIC):
        raise UploadRejected(
            _(
                "Tệp không phải định dạng .xlsx: đây là tệp .xls cũ đã đổi tên hoặc tệp có đặt mật khẩu. "
                "Hãy mở tệp, bỏ mật khẩu và lưu lại dưới dạng .xlsx."
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise UploadRejected(
            _("Tệp không phải định dạng .xlsx (có thể là tệp khác đã đổi đuôi) hoặc đã bị hỏng.")
        ) from None
    with archive:
        if len(entries) > MAX_ENTRIES:
            raise UploadRejected(_("Tệp nén bất thường (quá nhiều thành phần) — không đọc."))
        if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED or any(
            entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
            for entry in entries
        ):
            raise UploadRejected(_("Tệp nén bất thường (giải nén quá lớn) — không đọc."))
        names = {entry.filename.lower(): entry for entry in entries}
        if any("vbaproject" in n for n in names):
            raise UploadRejected(_("Tệp có macro — không nhận."))
        if "xl/workbook.xml" not in names:
            raise UploadRejected(
                _("Tệp .xlsx không có bảng tính (thiếu xl/workbook.xml) — không phải tệp Excel hợp lệ.")
            )
        try:
            for entry in entries:
                lower = entry.filename.lower()
                if not (lower.endswith(".xml") or lower.endswith(".rels")):
                    continue
                content = archive.read(entry).lower()
                if lower == "[content_types].xml" and _MACRO_CONTENT_TYPE in content:
                    raise UploadRejected(_("Tệp có macro — không nhận."))
                # A valid workbook never declares XML entities; a declaration is a billion-laughs attempt.
                if any(mark in content for mark in _ENTITY_MARKS):
                    raise UploadRejected(_("Tệp có khai báo XML không được phép — không đọc."))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
            raise UploadRejected(_("Tệp .xlsx bị hỏng, không đọc được.")) from None
    return data


# --- helpers for reading cells -----------------------------------------------------

_WS = re.compile(r"[\s\u00a0\u202f\u200b]+")


def _norm(value) -> str:
    """A header or label as compared: NFC, case-folded, single spaces, no trailing colon."""
    if value is None:
        return ""
    text = _WS.sub(" ", unicodedata.normalize("NFC", str(value))).strip().rstrip(":").strip()
    return text.casefold()


def _code(value) -> str:
    """A code cell as text: numbers written by a spreadsheet (12.0) become "12"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _WS.sub("", unicodedata.normalize("NFC", str(value))).upper()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not _WS.sub("", value))


def _count(value) -> int:
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        # LibreOffice under a Vietnamese locale turns "8/7" or "8.7" typed in a cell into a date.
        raise FigureError(_("Ô đang ở dạng ngày tháng, không phải số: hãy định dạng ô là số rồi nhập lại."))
    return parse_count(value)


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


def _open(data: bytes):
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadRejected:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, XML errors…) on broken files
        raise UploadRejected(_("Không mở được tệp Excel: tệp bị hỏng hoặc không đúng cấu trúc bảng tính.")) from None


def _rows_of(ws, limit: int) -> list[tuple[int, tuple]]:
    """(row number, values) of the sheet's non-empty rows, the first ``limit`` of them.

    Read-only sheets parse their XML only now, so a broken sheet is refused here.
    Empty rows (a spreadsheet may store thousands of formatted ones) are skipped.
    """
    rows = []
    try:
        ws.reset_dimensions()  # some writers store a wrong sheet size; read what is really there
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if number > MAX_SCANNED_ROWS:
                break
            if all(_blank(v) for v in values):
                continue
            rows.append((number, tuple(values)))
            if len(rows) >= limit:
                break
    except Exception:  # XML ParseError, KeyError on a missing part, ValueError on a bad cell…
        raise UploadRejected(_("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng cấu trúc bảng tính.")) from None
    return rows


def _meta_from_sheet(wb) -> tuple[str, str] | None:
    if META_SHEET not in wb.sheetnames:
        return None
    values = {}
    for _number, row in _rows_of(wb[META_SHEET], 20):
        if len(row) >= 2 and row[0] is not None:
            values[_norm(row[0])] = row[1]
    unit_code, key = _code(values.get(META_UNIT)), values.get(META_PERIOD)
    if not unit_code or key is None:
        return None
    return unit_code, _WS.sub("", str(key))


def _meta_from_cells(rows: list[tuple[int, tuple]], header_index: int, labels) -> tuple[str, str] | None:
    """The unit code and period key from the labelled cells above the header."""
    found: dict[str, object] = {}
    for _number, row in rows[:header_index]:
        for position, value in enumerate(row):
            normalised = _norm(value)
            for what in ("unit_code", "period_key"):
                if what not in found and normalised in labels[what]:
                    following = next((v for v in row[position + 1 :] if not _blank(v)), None)
                    if following is not None:
                        found[what] = following
    if "unit_code" not in found or "period_key" not in found:
        return None
    return _code(found["unit_code"]), _WS.sub("", str(found["period_key"]))


def _accepted_labels() -> dict[str, set[str]]:
    """Each header or label as it may appear: Vietnamese, and the current language."""
    accepted: dict[str, set[str]] = {}
    for language in {"vi", translation.get_language() or "vi"}:
        with translation.override(language):
            for key, text in _labels().items():
                accepted.setdefault(key, set()).add(_norm(text))
    return accepted


def _find_header(rows: list[tuple[int, tuple]], labels) -> tuple[int, dict[str, int]] | None:
    """(index in ``rows``, {column key: column index}) of the table's header row."""
    wanted = ("no", "code", "name", "sector", *FIGURES)
    for index, (_number, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, value in enumerate(row):
            normalised = _norm(value)
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
        if position is not None and position < len(row) and _norm(row[position]) in total_labels:
            return True
    return False


def read_upload(uploaded_file, *, unit: Unit, period: Period, rows: list[GridRow]) -> UploadResult:
    """The figures of an uploaded template for ``unit`` and ``period``.

    Every row of ``rows`` gets figures: the file replaces the grid, so a row
    missing from the file is all zeros. Cell-level problems come back as
    ``errors``; problems with the whole file raise UploadRejected.
    """
    data = check_archive(uploaded_file)
    labels = _accepted_labels()
    wb = _open(data)
    try:
        return _read_workbook(wb, unit=unit, period=period, grid=rows, labels=labels)
    finally:
        wb.close()


def _read_workbook(wb, *, unit: Unit, period: Period, grid: list[GridRow], labels) -> UploadResult:
    sheet_rows = None
    header = None
    for ws in wb.worksheets:
        if ws.title == META_SHEET or getattr(ws, "sheet_state", "visible") != "visible":
            continue
        candidate = _rows_of(ws, MAX_DATA_ROWS + HEADER_SEARCH_ROWS + 1)
        header = _find_header(candidate, labels)
        if header is not None:
            sheet_rows = candidate
            break
    if header is None:
        raise UploadRejected(
            _(
                "Không tìm thấy dòng tiêu đề của bảng số liệu (các cột “Mã CĐCS”, “Đoàn viên mới”…). "
                "Hãy dùng tệp mẫu tải từ trang báo cáo."
            )
        )
    header_index, columns = header
    if len(sheet_rows) - header_index - 1 > MAX_DATA_ROWS:
        raise UploadRejected(_("Bảng có quá nhiều dòng (tối đa %(max)s).") % {"max": MAX_DATA_ROWS})
    vi_labels = _labels()
    missing = [vi_labels[name] for name in FIGURES if name not in columns]
    if missing:
        raise UploadRejected(_("Bảng số liệu thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)})

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

    by_code = {row.key.upper(): row for row in grid}
    figures: dict[str, dict[str, int]] = {row.key: dict.fromkeys(FIGURES, 0) for row in grid}
    cells: dict[str, dict[str, str]] = {}  # row key → {figure or "code": cell name}
    seen: dict[str, int] = {}  # row key → spreadsheet row number
    bad_figures: set[str] = set()  # "<key>:<figure>" that did not parse
    errors: list[CellError] = []
    row_count = 0
    code_label = vi_labels["code"]
    figure_positions = [(name, columns[name]) for name in FIGURES]
    used_positions = [p for k, p in columns.items() if k in ("code", "name", *FIGURES)]

    def value_at(row: tuple, position: int | None):
        return row[position] if position is not None and position < len(row) else None

    for row_number, row in sheet_rows[header_index + 1 :]:
        if all(_blank(value_at(row, p)) for p in used_positions) or _is_total(row, columns, labels["total"]):
            continue
        row_count += 1
        code = _code(value_at(row, columns["code"]))
        code_cell = _cell_name(row_number, columns["code"] + 1)
        name_in_file = value_at(row, columns.get("name"))
        if not code:
            if all(_blank(value_at(row, p)) for _n, p in figure_positions):
                row_count -= 1  # a note below the table, not a data row
                continue
            errors.append(
                CellError(
                    code_cell,
                    _safe_text(name_in_file).strip()
                    if not _blank(name_in_file)
                    else _("Dòng %(n)s") % {"n": row_number},
                    code_label,
                    _("Thiếu mã CĐCS: không biết số liệu của dòng này thuộc công đoàn cơ sở nào."),
                )
            )
            continue
        grid_row = by_code.get(code)
        if grid_row is None:
            errors.append(
                CellError(
                    code_cell,
                    code[:40],
                    code_label,
                    _("Mã CĐCS %(code)s không thuộc đơn vị trong kỳ này.") % {"code": code[:40]},
                )
            )
            continue
        if grid_row.key in seen:
            errors.append(
                CellError(
                    code_cell,
                    grid_row.name,
                    code_label,
                    _("Mã CĐCS %(code)s có hai lần trong tệp (dòng %(first)s và dòng %(second)s).")
                    % {"code": grid_row.key, "first": seen[grid_row.key], "second": row_number},
                )
            )
            continue
        seen[grid_row.key] = row_number
        cells[grid_row.key] = {"code": code_cell}
        for name, position in figure_positions:
            cell = _cell_name(row_number, position + 1)
            cells[grid_row.key][name] = cell
            try:
                figures[grid_row.key][name] = _count(value_at(row, position))
            except FigureError as exc:
                errors.append(CellError(cell, grid_row.name, vi_labels[name], str(exc)))
                bad_figures.add(f"{grid_row.key}:{name}")

    # Rules across figures, on rows whose figures all parsed (a bad cell is already reported).
    clean = [row for row in grid if not any(f"{row.key}:{name}" in bad_figures for name in FIGURES)]
    for key, messages in check_rows(clean, {row.key: figures[row.key] for row in clean}).items():
        row_key, _sep, name = key.partition(":")
        grid_row = next(r for r in grid if r.key == row_key)
        where = cells.get(row_key, {})
        for message in messages:
            if row_key not in seen:
                message = _("Dòng này không có trong tệp (tính là 0): %(message)s") % {"message": message}
            errors.append(
                CellError(
                    where.get(name or "code", ""),
                    grid_row.name,
                    vi_labels[name] if name in FIGURES else code_label,
                    message,
                )
            )
    errors.sort(key=_error_order)
    return UploadResult(figures=figures, errors=errors, row_count=row_count)


def _error_order(error: CellError):
    match = re.match(r"^([A-Z]+)([0-9]+)$", error.cell)
    if not match:
        return (10**9, 0, "")  # rows missing from the file: after the cells
    return (int(match.group(2)), len(match.group(1)), match.group(1))


__all__ = [
    "CellError",
    "UploadRejected",
    "UploadResult",
    "check_archive",
    "period_key",
    "read_upload",
    "template_workbook",
]
