"""Reading spreadsheet cells as people fill them, for every upload of the project: head-counts
typed as Excel and LibreOffice really write them, labels and codes compared as people mean
them, a workbook opened (read-only) and its non-empty rows read, with Vietnamese messages."""

import csv
import datetime
import io
import re
import unicodedata

import openpyxl
from django.utils.translation import gettext as _

from .archive import UploadRejected

MAX_SCANNED_ROWS = 200_000  # rows looked at, empty ones included


class FigureError(ValueError):
    pass


_INT = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")  # 1.234 or 12.345.678
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_count(value, *, maximum: int) -> int:
    """A head-count typed in a form or a spreadsheet cell, as an int.

    Accepts what Excel and LibreOffice really write: ints, whole floats, text
    such as " 12 ", "1.234" (Vietnamese grouping) or "1 234"; empty means 0.
    Raises FigureError with a Vietnamese message otherwise.
    """
    if value is None:
        return 0
    if isinstance(value, bool):
        raise FigureError(_("Không phải là số."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise FigureError(_("Không phải là số."))
        if not value.is_integer():
            raise FigureError(_("Phải là số nguyên (không có phần thập phân)."))
        number = int(value)
    else:
        text = _SPACES.sub("", unicodedata.normalize("NFKC", str(value)))
        if text == "":
            return 0
        negative = text.startswith("-")
        digits = text[1:] if negative else text
        if _INT.match(digits):
            number = int(digits)
        elif _GROUPED.match(digits):
            number = int(digits.replace(".", ""))
        elif re.match(r"^[0-9]*[.,][0-9]+$", digits):
            raise FigureError(_("Phải là số nguyên (không có phần thập phân)."))
        else:
            raise FigureError(_("“%(text)s” không phải là số.") % {"text": str(value).strip()[:30]})
        number = -number if negative else number
    if number < 0:
        raise FigureError(_("Không được là số âm."))
    if number > maximum:
        raise FigureError(_("Số quá lớn (tối đa %(max)s).") % {"max": f"{maximum:,}".replace(",", ".")})
    return number


WHITESPACE = re.compile(r"[\s\u00a0\u202f\u200b]+")


def norm(value) -> str:
    """A header or label as compared: NFC, case-folded, single spaces, no trailing colon."""
    if value is None:
        return ""
    text = WHITESPACE.sub(" ", unicodedata.normalize("NFC", str(value))).strip().rstrip(":").strip()
    return text.casefold()


def code_text(value) -> str:
    """A code cell as text: numbers written by a spreadsheet (12.0) become "12"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return WHITESPACE.sub("", unicodedata.normalize("NFC", str(value))).upper()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not WHITESPACE.sub("", value))


def count_cell(value, *, maximum: int) -> int:
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        # LibreOffice under a Vietnamese locale turns "8/7" or "8.7" typed in a cell into a date.
        raise FigureError(_("Ô đang ở dạng ngày tháng, không phải số: hãy định dạng ô là số rồi nhập lại."))
    return parse_count(value, maximum=maximum)


def open_workbook(data: bytes):
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except UploadRejected:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, XML errors…) on broken files
        raise UploadRejected(_("Không mở được tệp Excel: tệp bị hỏng hoặc không đúng cấu trúc bảng tính.")) from None


def rows_of(ws, limit: int) -> list[tuple[int, tuple]]:
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
            if all(is_blank(v) for v in values):
                continue
            rows.append((number, tuple(values)))
            if len(rows) >= limit:
                break
    except Exception:  # XML ParseError, KeyError on a missing part, ValueError on a bad cell…
        raise UploadRejected(_("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng cấu trúc bảng tính.")) from None
    return rows


def pasted_rows(text: str) -> list[tuple[int, list]]:
    """Lines pasted in a box (or a CSV's text), numbered from 1, blank ones left out: cells split
    at ";" when the text has one, else at tabs (pasted from a spreadsheet), else at ","."""
    text = unicodedata.normalize("NFC", text)
    sample = text[:4096]
    delimiter = ";" if ";" in sample else ("\t" if "\t" in sample else ",")
    return [(n, row) for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1) if any(row)]


def uploaded_rows(uploaded_file, max_rows: int) -> list[tuple[int, list]]:
    """An uploaded sheet's rows: a UTF-8 ``.csv``, or the first sheet of an ``.xlsx`` (checked and
    read only), within the upload limits; raises ``UploadRejected`` in Vietnamese."""
    from .archive import check_archive, csv_text

    if (getattr(uploaded_file, "name", "") or "").lower().endswith(".csv"):
        return pasted_rows(csv_text(uploaded_file))
    wb = open_workbook(check_archive(uploaded_file))
    try:
        return rows_of(wb.worksheets[0], max_rows + 50)
    finally:
        wb.close()


def submitted_rows(request, max_rows: int, *, max_text: int = 1_000_000) -> list[tuple[int, list]]:
    """The rows a form sent: its uploaded ``file`` if any, else the lines pasted in ``lines``."""
    if request.FILES.get("file"):
        return uploaded_rows(request.FILES["file"], max_rows)
    return pasted_rows(request.POST.get("lines", "")[:max_text])
