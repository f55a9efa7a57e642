"""The enterprise list as a workbook: the template a unit downloads (its enterprises filled in)
and the reader of what comes back — from Excel or LibreOffice, columns found by their
headers, every problem named by its cell, nothing saved unless every row is right."""

import unicodedata
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from unions.models import MAX_EMPLOYEES, Enterprise, Sector, Unit, UnitKind
from workbooks.archive import UploadRejected, check_archive
from workbooks.cells import FigureError, code_text, count_cell, is_blank, norm, open_workbook, rows_of
from workbooks.safe_xlsx import put_headers, put_text, safe_text, workbook_bytes

MAX_ROWS = 5000  # enterprises in one file: a commune has tens, a province a few thousand
HEADER_ROW = 5
UNIT_LABEL_ROW = 2
SECTOR_SHEET = "Khu vuc"
FIELDS = ("tax_code", "name", "sector", "commune", "employees", "union")


def headers() -> dict[str, str]:
    return {
        "tax_code": _("Mã số thuế"),
        "name": _("Tên doanh nghiệp"),
        "sector": _("Khu vực"),
        "commune": _("Xã, phường"),
        "employees": _("Số lao động"),
        "union": _("Mã công đoàn cơ sở (nếu đã có)"),
    }


def unit_label() -> str:
    return _("Mã đơn vị phụ trách")


def template_workbook(*, unit: Unit, enterprises: list[Enterprise]) -> bytes:
    """The unit's list as a workbook to fill in: a row per enterprise (its union's code when
    it has one), the sector chosen from a list, the unit's code above the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Doanh nghiep"
    put_text(ws, 1, 1, _("Danh sách doanh nghiệp — %(unit)s") % {"unit": unit.name})
    ws.cell(1, 1).font = Font(bold=True, size=13)
    put_text(ws, UNIT_LABEL_ROW, 1, unit_label())
    put_text(ws, UNIT_LABEL_ROW, 2, unit.code)
    put_text(ws, 3, 1, _("Mỗi dòng một doanh nghiệp; dòng có mã số thuế đã có trong danh sách sẽ được cập nhật. "
                         "Khu vực chọn trong danh sách."))
    ws.cell(3, 1).font = Font(italic=True)
    titles = [_("STT"), *headers().values()]
    put_headers(ws, HEADER_ROW, titles)
    labels = dict(Sector.choices)
    unions = {}
    for union in Unit.objects.filter(enterprise__in=enterprises, kind=UnitKind.GRASSROOTS).order_by("pk"):
        unions.setdefault(union.enterprise_id, union.code)
    for index, enterprise in enumerate(enterprises, start=1):
        row = HEADER_ROW + index
        ws.cell(row, 1, index)
        for column, value in enumerate((enterprise.tax_code, enterprise.name, labels.get(enterprise.sector, ""),
                                        enterprise.commune), start=2):
            put_text(ws, row, column, value)
        ws.cell(row, 6, enterprise.employees).number_format = "#,##0"
        put_text(ws, row, 7, unions.get(enterprise.pk, ""))
    last = HEADER_ROW + max(len(enterprises), 1) + 200
    for row in range(HEADER_ROW + 1, last + 1):
        ws.cell(row, 2).number_format = "@"  # a tax code stays text (its leading digits, its branch)
    choices = wb.create_sheet(SECTOR_SHEET)
    for index, label in enumerate(labels.values(), start=1):
        put_text(choices, index, 1, str(label))
    choices.sheet_state = "hidden"
    validation = DataValidation(type="list", formula1=f"'{SECTOR_SHEET}'!$A$1:$A${len(labels)}", allow_blank=True)
    validation.error = _("Hãy chọn khu vực trong danh sách.")
    ws.add_data_validation(validation)
    validation.add(f"D{HEADER_ROW + 1}:D{last}")
    for column, width in enumerate((6, 18, 42, 34, 22, 12, 20), start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    return workbook_bytes(wb)


@dataclass
class CellError:
    cell: str  # "C7", or the row ("dòng 7") when no single cell is at fault
    message: str


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)


def _sector(value) -> str | None:
    wanted = norm(value)
    for code, label in Sector.choices:
        if wanted in (norm(label), code):
            return code
    return None


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", safe_text(str(value))).strip()


def read_enterprises(uploaded_file, *, unit: Unit) -> ImportResult:
    """The rows of an uploaded list for ``unit``, each checked as the form checks it; raises
    ``UploadRejected`` when the file as a whole cannot be read or is another unit's."""
    data = check_archive(uploaded_file)
    wb = open_workbook(data)
    try:
        sheet = wb.worksheets[0]
        rows = rows_of(sheet, MAX_ROWS + 50)
    finally:
        wb.close()
    wanted = {norm(label): name for name, label in headers().items()}
    header_at, columns = None, {}
    for index, (_number, values) in enumerate(rows[:50]):
        found = {wanted[norm(v)]: position for position, v in enumerate(values) if norm(v) in wanted}
        if "tax_code" in found and "name" in found:
            header_at, columns = index, found
            break
    if header_at is None:
        raise UploadRejected(_("Không tìm thấy dòng tiêu đề có cột “Mã số thuế” và “Tên doanh nghiệp”: "
                               "hãy dùng mẫu tải từ trang Doanh nghiệp."))
    for _number, values in rows[:header_at]:
        labels = [norm(v) for v in values]
        if norm(unit_label()) in labels:
            after = [v for v in values[labels.index(norm(unit_label())) + 1:] if not is_blank(v)]
            code = code_text(after[0]) if after else ""
            if code and code != unit.code:
                raise UploadRejected(_("Tệp là danh sách của đơn vị mã %(code)s, không phải của %(unit)s (mã %(own)s).")
                                     % {"code": code[:40], "unit": unit.name, "own": unit.code})
    body = rows[header_at + 1:]
    if len(body) > MAX_ROWS:
        raise UploadRejected(_("Tệp có quá %(max)s dòng doanh nghiệp.") % {"max": f"{MAX_ROWS:,}".replace(",", ".")})
    return _checked(body, columns, unit)


def _checked(body, columns: dict[str, int], unit: Unit) -> ImportResult:
    result = ImportResult()
    union_codes = {code_text(values[columns["union"]]) for _n, values in body
                   if "union" in columns and columns["union"] < len(values) and not is_blank(values[columns["union"]])}
    unions = {u.code: u for u in Unit.objects.under(unit).filter(kind=UnitKind.GRASSROOTS, code__in=union_codes)}
    codes = [code_text(values[columns["tax_code"]]) for _n, values in body if columns["tax_code"] < len(values)]
    elsewhere = set(Enterprise.objects.filter(tax_code__in=codes).exclude(unit=unit).values_list("tax_code", flat=True))
    existing = {e.tax_code: e for e in Enterprise.objects.filter(tax_code__in=codes, unit=unit)}
    seen: dict[str, int] = {}

    def cell(number, name):
        return f"{get_column_letter(columns[name] + 1)}{number}"

    for number, values in body:
        def value(name, values=values):
            position = columns.get(name)
            return values[position] if position is not None and position < len(values) else None

        errors = []
        tax_code = code_text(value("tax_code"))
        row = {"tax_code": tax_code, "name": _text(value("name")), "commune": _text(value("commune"))}
        if not tax_code:
            errors.append(CellError(cell(number, "tax_code"), _("Thiếu mã số thuế.")))
        elif tax_code in seen:
            errors.append(CellError(cell(number, "tax_code"),
                                    _("Mã số thuế trùng với dòng %(row)s.") % {"row": seen[tax_code]}))
        elif tax_code in elsewhere:
            errors.append(CellError(cell(number, "tax_code"), _("Mã số thuế đã có trong danh sách của đơn vị khác.")))
        seen.setdefault(tax_code, number)
        sector = _sector(value("sector")) if "sector" in columns else None
        if sector is None:
            errors.append(CellError(cell(number, "sector") if "sector" in columns else _("dòng %(row)s") % {"row": number},
                                    _("Khu vực không hợp lệ: hãy chọn trong danh sách.")))
        row["sector"] = sector or ""
        try:
            row["employees"] = count_cell(value("employees"), maximum=MAX_EMPLOYEES)
        except FigureError as exc:
            errors.append(CellError(cell(number, "employees"), str(exc)))
            row["employees"] = 0
        union_code = code_text(value("union"))
        row["union"] = unions.get(union_code) if union_code else None
        if union_code and row["union"] is None:
            errors.append(CellError(cell(number, "union"),
                                    _("Không có công đoàn cơ sở mã %(code)s trực thuộc đơn vị.") % {"code": union_code[:32]}))
        enterprise = existing.get(tax_code) or Enterprise(unit=unit)
        for name in ("tax_code", "name", "sector", "commune", "employees"):
            setattr(enterprise, name, row[name])
        try:
            enterprise.full_clean(exclude=["unit"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                if name in columns and not any(e.cell == cell(number, name) for e in errors):
                    errors.extend(CellError(cell(number, name), m) for m in messages)
        result.errors.extend(errors)
        result.rows.append(row)
    if not result.rows and not result.errors:
        result.errors.append(CellError("—", _("Tệp không có dòng doanh nghiệp nào.")))
    return result
