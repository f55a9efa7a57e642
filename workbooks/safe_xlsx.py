"""Every workbook we write goes through here (as pretix's ``safe_openpyxl.py``):
text a user typed — unit, union and campaign names, labels — is written as a
string cell, never as a formula, an error code or a number, with the control
characters Excel refuses dropped; and a workbook becomes bytes one way."""

import io
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# A cell text starting with one of these would be read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32767


def safe_text(value) -> str:
    """User text as a cell string: NFC, control characters Excel refuses dropped, Excel's length limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", unicodedata.normalize("NFC", str(value)))[:MAX_CELL_TEXT]


def make_text(cell, value):
    """Make ``cell`` (a worksheet's cell or a write-only cell) hold ``value`` as text that stays text."""
    text = safe_text(value)
    cell.value = text
    cell.data_type = "s"  # "=…" would otherwise be stored as a live formula, "#N/A" as an error
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # Excel keeps it text even when the user edits the cell
    return cell


def put_text(ws, row: int, column: int, value):
    """Write text at (row, column) of a normal worksheet; the cell is returned for styling."""
    return make_text(ws.cell(row=row, column=column), value)


def put_headers(ws, row: int, titles) -> None:
    """A template's header row: bold on light blue, wrapped (every upload finds its columns by these)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    for column, title in enumerate(titles, start=1):
        cell = put_text(ws, row, column, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def workbook_bytes(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
