"""The weekly report as an Excel file: the template we hand out and the reader
for what units send back (including files saved by LibreOffice)."""

import datetime
import io
import pathlib
import unicodedata
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from campaign.models import PeriodKind
from reporting.exports.template import period_key, template_workbook
from reporting.imports import CellError, UploadResult, read_upload
from reporting.models import ReportLine
from reporting.selectors import DIRECT_KEY, FIGURES, report_rows
from tests.factories import make_grassroots
from workbooks.archive import UploadRejected

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
HEADERS = [
    "STT",
    "Mã CĐCS",
    "Tên công đoàn cơ sở",
    "Khu vực",
    "Đoàn viên mới",
    "Trong đó nữ",
    "Giới thiệu cho Đảng",
    "Được kết nạp Đảng",
]
HEADER_ROW = 8
FIRST_DATA_ROW = 9
FIGURE_COLUMNS = dict(zip(FIGURES, "EFGH", strict=True))
ZERO = dict.fromkeys(FIGURES, 0)


def week(province, day=datetime.date(2025, 7, 7)):
    return province.campaign.periods.get(kind=PeriodKind.WEEK, start=day)


def grid(province, period=None, unit=None):
    return report_rows(unit or province.tan_phong, period or week(province), None)


def filled(rows, values: dict[str, dict[str, int]]):
    for row in rows:
        row.values = {**ZERO, **values.get(row.key, {})}
    return rows


def template(province, rows=None, *, unit=None, period=None):
    unit = unit or province.tan_phong
    period = period or week(province)
    return template_workbook(unit=unit, period=period, rows=rows if rows is not None else grid(province, period, unit))


def upload(content: bytes, name="bao-cao-tuan.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def read(province, content: bytes, *, name="bao-cao-tuan.xlsx", rows=None, unit=None, period=None) -> UploadResult:
    period = period or week(province)
    unit = unit or province.tan_phong
    return read_upload(
        upload(content, name), unit=unit, period=period, rows=rows if rows is not None else grid(province, period, unit)
    )


def edit(content: bytes, change) -> bytes:
    """The file after a user opened it (openpyxl standing in for Excel), ran ``change(sheet, book)`` and saved."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    change(book.worksheets[0], book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def set_cells(**cells):
    def change(sheet, _book):
        for reference, value in cells.items():
            sheet[reference] = value

    return change


def row_of(content: bytes, code: str) -> int:
    """The spreadsheet row of a grassroots union in a template (rows follow Vietnamese name order)."""
    return next(i for i, row in enumerate(sheet_values(content), start=1) if row[1] == code)


def sheet_values(content: bytes, sheet=0):
    book = openpyxl.load_workbook(io.BytesIO(content))
    ws = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def rejection(province, content: bytes, **kwargs) -> str:
    with pytest.raises(UploadRejected) as caught:
        read(province, content, **kwargs)
    return str(caught.value)


def zip_of(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def rezip(content: bytes, *, add=None, drop=(), replace=None) -> bytes:
    """The same .xlsx archive with parts added, dropped or rewritten."""
    entries = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name in drop:
                continue
            data = archive.read(name)
            if replace and name in replace:
                data = replace[name](data)
            entries[name] = data
    entries.update(add or {})
    return zip_of(entries)


# ---------------------------------------------------------------------------
# period_key


def test_the_period_key_is_the_kind_and_the_dates(province):
    assert period_key(week(province)) == "week:2025-07-07:2025-07-13"
    month = province.campaign.periods.get(kind=PeriodKind.MONTH, start=datetime.date(2025, 7, 1))
    assert period_key(month) == "month:2025-07-01:2025-07-31"


# ---------------------------------------------------------------------------
# The template


def test_the_template_has_a_report_sheet_named_after_the_period_kind_and_a_hidden_meta_sheet(province):
    book = openpyxl.load_workbook(io.BytesIO(template(province)))
    assert book.sheetnames == ["Báo cáo tuần", "_meta"]
    assert book["Báo cáo tuần"].sheet_state == "visible"
    assert book["_meta"].sheet_state == "hidden"
    meta = {row[0]: row[1] for row in sheet_values(template(province), "_meta")}
    assert meta["unit_code"] == "LC-X-TPHONG"
    assert meta["period_key"] == "week:2025-07-07:2025-07-13"


def test_the_template_names_the_unit_and_the_period_in_labelled_cells(province):
    values = sheet_values(template(province))
    assert "BÁO CÁO TUẦN" in values[0][0]
    labelled = {row[1]: row[2] for row in values[2:6]}
    assert labelled == {
        "Mã đơn vị": "LC-X-TPHONG",
        "Tên đơn vị": "Công đoàn phường Tân Phong",
        "Kỳ báo cáo": week(province).label,
        "Mã kỳ báo cáo": "week:2025-07-07:2025-07-13",
    }
    assert "07/07/2025" in week(province).label


def test_the_template_header_uses_the_vietnamese_names_of_the_report_fields(province):
    values = sheet_values(template(province))
    assert values[HEADER_ROW - 1] == HEADERS
    for name, header in zip(FIGURES, HEADERS[4:], strict=True):
        assert header.lower() == str(ReportLine._meta.get_field(name).verbose_name).lower()


def test_the_template_lists_the_grassroots_unions_then_the_direct_row_then_the_totals(province):
    rows = filled(
        grid(province),
        {"CS0001": {"new_members": 12, "new_members_women": 5}, DIRECT_KEY: {"new_members": 4, "party_introduced": 1}},
    )
    values = sheet_values(template(province, rows))
    data = values[FIRST_DATA_ROW - 1 :]
    assert data == [
        [1, "CS0001", "CĐCS Công ty Chè Tam Đường", "Doanh nghiệp ngoài nhà nước", 12, 5, None, None],
        [2, "CS0002", "CĐCS Trường THCS Bình Lư", "Đơn vị sự nghiệp công lập", None, None, None, None],
        [None, DIRECT_KEY, "Kết nạp trực tiếp tại công đoàn cấp trên", None, 4, None, 1, None],
        [None, None, "Tổng cộng", None, 16, 5, 1, 0],
    ]


def test_the_template_totals_are_numbers_and_the_file_has_no_formula_at_all(province):
    rows = filled(grid(province), {"CS0002": {"new_members": 3}})
    content = template(province, rows)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and all(b"<f>" not in xml and b"<f " not in xml for xml in sheets)
    assert sheet_values(content)[-1][4:] == [3, 0, 0, 0]


def test_the_template_is_laid_out_for_people(province):
    ws = openpyxl.load_workbook(io.BytesIO(template(province))).worksheets[0]
    assert ws.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert ws[f"E{FIRST_DATA_ROW}"].number_format == "#,##0"
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width
    assert ws[f"A{HEADER_ROW}"].font.b


def test_the_template_stays_vietnamese_when_the_user_reads_the_site_in_english(province):
    with translation.override("en"):
        content = template(province)
        result = read(province, content)
    assert sheet_values(content)[HEADER_ROW - 1] == HEADERS
    assert not result.errors


# ---------------------------------------------------------------------------
# Round trip


def test_a_template_read_back_gives_the_figures_it_was_made_with(province):
    values = {
        "CS0001": {"new_members": 12, "new_members_women": 5, "party_introduced": 2, "party_admitted": 1},
        "CS0002": {"new_members": 8, "new_members_women": 3},
        DIRECT_KEY: {"new_members": 4},
    }
    result = read(province, template(province, filled(grid(province), values)))
    assert result.errors == []
    assert result.row_count == 3
    assert result.figures == {key: {**ZERO, **figures} for key, figures in values.items()}


def test_an_empty_template_read_back_is_all_zeros(province):
    result = read(province, template(province))
    assert result.errors == []
    assert result.figures == {"CS0001": ZERO, "CS0002": ZERO, DIRECT_KEY: ZERO}


def test_rows_missing_from_the_file_count_as_zero_because_the_file_replaces_the_grid(province):
    rows = filled(grid(province), {"CS0001": {"new_members": 9}, "CS0002": {"new_members": 6}})
    content = edit(template(province, rows), lambda ws, _book: ws.delete_rows(FIRST_DATA_ROW + 1))  # CS0002
    result = read(province, content, rows=rows)
    assert result.errors == []
    assert result.row_count == 2
    assert result.figures["CS0001"]["new_members"] == 9
    assert result.figures["CS0002"] == ZERO


def test_what_excel_and_libreoffice_write_in_figure_cells_is_accepted(province):
    content = edit(
        template(province),
        set_cells(E9=12.0, F9=" 7 ", G9="1.234", H9="", E10="12", F10=None, G10="0", E11="1 234", F11=3),
    )
    result = read(province, content)
    assert result.errors == []
    assert result.figures["CS0001"] == {
        "new_members": 12,
        "new_members_women": 7,
        "party_introduced": 1234,
        "party_admitted": 0,
    }
    assert result.figures["CS0002"] == {**ZERO, "new_members": 12}
    assert result.figures[DIRECT_KEY] == {**ZERO, "new_members": 1234, "new_members_women": 3}


def test_the_totals_row_is_never_read_even_when_the_user_left_it_wrong(province):
    content = edit(template(province), set_cells(E9=2, E12=999, F12="abc"))
    result = read(province, content)
    assert result.errors == []
    assert result.figures["CS0001"]["new_members"] == 2


def test_blank_rows_and_notes_below_the_table_are_skipped(province):
    def change(ws, _book):
        ws.insert_rows(FIRST_DATA_ROW + 1)  # a blank row between two unions
        ws["E9"] = 1
        ws["E11"] = 2  # CS0002 moved down one row
        ws["C15"] = "Người lập biểu: Nguyễn Thị Hoa"

    result = read(province, edit(template(province), change))
    assert result.errors == []
    assert result.row_count == 3
    assert result.figures["CS0001"]["new_members"] == 1
    assert result.figures["CS0002"]["new_members"] == 2


def test_thousands_of_formatted_empty_rows_do_not_matter(province):
    def change(ws, _book):
        ws["E9"] = 1
        for row in range(20, 8020):
            ws.cell(row=row, column=5).number_format = "#,##0"  # styled, no value: stored as an empty cell

    result = read(province, edit(template(province), change))
    assert result.errors == [] and result.figures["CS0001"]["new_members"] == 1


def test_a_table_with_more_rows_than_any_unit_has_is_refused(province):
    def change(ws, _book):
        for row in range(20, 5030):
            ws.cell(row=row, column=2, value=f"X{row}")

    assert rejection(province, edit(template(province), change)) == "Bảng có quá nhiều dòng (tối đa 5.000)."


def test_a_unit_too_large_for_5000_rows_may_upload_its_own_template_and_a_hundred_rows_more():
    from reporting.imports import row_limit

    assert row_limit([object()] * 300) == 5000
    assert row_limit([object()] * 5000) == 5000 + 1 + 100  # its rows, the total row, a hundred spare


def test_codes_are_matched_after_trimming_and_whatever_the_case(province):
    content = edit(template(province), set_cells(B9="  cs0001 ", E9=5, B11="truc-tiep", E11=1))
    result = read(province, content)
    assert result.errors == []
    assert result.figures["CS0001"]["new_members"] == 5
    assert result.figures[DIRECT_KEY]["new_members"] == 1


def test_a_numeric_code_that_the_spreadsheet_turned_into_a_number_is_still_found(province):
    make_grassroots(
        province.tan_phong, name="CĐCS Nghiệp đoàn xe ôm", code="12345", active_from=datetime.date(2025, 7, 1)
    )
    rows = grid(province)
    assert "12345" in [row.key for row in rows]
    content = template(province, rows)
    position = row_of(content, "12345")
    result = read(province, edit(content, set_cells(**{f"B{position}": 12345.0, f"E{position}": 6})), rows=rows)
    assert result.errors == []
    assert result.figures["12345"]["new_members"] == 6


def test_headers_decomposed_by_macos_or_libreoffice_with_odd_case_and_spaces_are_recognised(province):
    def change(ws, _book):
        for cell in ws[HEADER_ROW]:
            cell.value = "  " + unicodedata.normalize("NFD", cell.value).upper().replace(" ", "   ") + " "
        ws["E9"] = 3

    result = read(province, edit(template(province), change))
    assert result.errors == []
    assert result.figures["CS0001"]["new_members"] == 3


def test_columns_in_another_order_and_extra_columns_are_fine(province):
    def change(ws, _book):
        ws.move_range("E8:E12", cols=5)  # "Đoàn viên mới" moved to column J
        ws["E8"] = "Ghi chú"
        ws["J9"] = 4
        ws["E9"] = "mới thành lập"

    result = read(province, edit(template(province), change))
    assert result.errors == []
    assert result.figures["CS0001"]["new_members"] == 4


def test_without_the_hidden_sheet_the_visible_unit_and_period_cells_are_used(province):
    def change(_ws, book):
        del book["_meta"]
        book.worksheets[0]["E10"] = 7

    content = edit(template(province), change)
    assert "_meta" not in openpyxl.load_workbook(io.BytesIO(content)).sheetnames
    assert read(province, content).figures["CS0002"]["new_members"] == 7


def test_the_hidden_sheet_wins_over_the_visible_cells(province):
    content = edit(template(province), set_cells(C3="LC-PTHO", C6="week:2025-07-14:2025-07-20", E9=1))
    assert read(province, content).figures["CS0001"]["new_members"] == 1


# ---------------------------------------------------------------------------
# Files saved by LibreOffice (committed fixtures; see fixtures/README.md)

EXPECTED_FROM_FIXTURES = {
    "CS0001": {"new_members": 12, "new_members_women": 5, "party_introduced": 2, "party_admitted": 0},
    "CS0002": {"new_members": 8, "new_members_women": 3, "party_introduced": 0, "party_admitted": 0},
    DIRECT_KEY: {"new_members": 4, "new_members_women": 0, "party_introduced": 0, "party_admitted": 0},
}


def test_a_template_saved_again_by_libreoffice_is_read_exactly(province):
    content = (FIXTURES / "tan-phong-week-2025-07-07-libreoffice.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"LibreOffice" in archive.read("docProps/app.xml")
    result = read(province, content)
    assert result.errors == []
    assert result.row_count == 3
    assert result.figures == EXPECTED_FROM_FIXTURES


def test_a_file_made_from_a_vietnamese_csv_by_libreoffice_is_read_from_its_visible_cells(province):
    content = (FIXTURES / "tan-phong-week-2025-07-07-via-csv.xlsx").read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert "_meta" not in book.sheetnames
    ws = book.worksheets[0]
    assert not unicodedata.is_normalized("NFC", ws["E8"].value)  # decomposed accents, as written
    assert ws["E10"].value == "8" and ws["F10"].value == " 3 "  # numbers stored as text
    result = read(province, content)
    assert result.errors == []
    assert result.row_count == 3
    assert result.figures == EXPECTED_FROM_FIXTURES


def test_a_libreoffice_file_for_another_week_is_refused(province):
    content = (FIXTURES / "tan-phong-week-2025-07-07-via-csv.xlsx").read_bytes()
    message = rejection(province, content, period=week(province, datetime.date(2025, 7, 14)))
    assert "tuần 07/07/2025 – 13/07/2025" in message and "14/07/2025" in message


# ---------------------------------------------------------------------------
# Files refused before openpyxl opens them


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bao-cao.xls", "Tệp .xls (Excel 97–2003) không được nhận"),
        ("bao-cao.xlsm", "Tệp có macro — không nhận"),
        ("bao-cao.csv", "Tệp .csv không được nhận"),
        ("bao-cao", "Tệp không phải định dạng .xlsx"),
        ("bao-cao.txt", "Tệp không phải định dạng .xlsx"),
        ("bao-cao.xlsx.exe", "Tệp không phải định dạng .xlsx"),
    ],
)
def test_anything_but_an_xlsx_name_is_refused(province, name, expected):
    assert expected in rejection(province, template(province), name=name)


def test_an_uppercase_xlsx_extension_is_fine(province):
    assert read(province, template(province), name="BAO-CAO.XLSX").errors == []


def test_a_file_over_the_default_limit_is_refused(province):
    assert rejection(province, b"PK" + b"\0" * (2 * 1024 * 1024)) == "Tệp lớn hơn giới hạn 2 MB."


def test_the_limit_follows_the_setting(province, settings):
    settings.REPORT_UPLOAD_MAX_BYTES = 1024 * 1024 + 512 * 1024
    assert rejection(province, b"\0" * (1024 * 1024 + 512 * 1024 + 1)) == "Tệp lớn hơn giới hạn 1,5 MB."
    settings.REPORT_UPLOAD_MAX_BYTES = 1000
    assert "Tệp lớn hơn giới hạn" in rejection(province, template(province))


def test_an_empty_file_is_refused(province):
    assert rejection(province, b"") == "Tệp rỗng."


def test_a_text_file_renamed_to_xlsx_is_refused(province):
    message = rejection(province, "Mã CĐCS,Đoàn viên mới\nCS0001,12\n".encode())
    assert message.startswith("Tệp không phải định dạng .xlsx")


def test_an_old_xls_or_a_password_protected_file_renamed_to_xlsx_is_refused(province):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000
    message = rejection(province, ole2)
    assert message.startswith("Tệp không phải định dạng .xlsx") and ".xls cũ" in message and "mật khẩu" in message


def test_a_zip_with_too_many_parts_is_refused(province):
    content = zip_of({"xl/workbook.xml": b"<workbook/>", **{f"xl/media/{i}.xml": b"<a/>" for i in range(1001)}})
    assert rejection(province, content) == "Tệp nén bất thường (quá nhiều thành phần) — không đọc."


def test_a_zip_bomb_is_refused_before_anything_is_decompressed(province):
    content = zip_of({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"\0" * (5 * 1024 * 1024)})
    assert len(content) < 20_000
    assert rejection(province, content) == "Tệp nén bất thường (giải nén quá lớn) — không đọc."


def test_a_zip_that_unpacks_beyond_the_total_limit_is_refused(province, monkeypatch):
    from workbooks import archive

    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED", 1024 * 1024)
    barely_compressible = bytes(range(256)) * (5 * 1024)  # 1.25 MB
    content = zip_of(
        {"xl/workbook.xml": b"<workbook/>", "xl/media/image1.bin": barely_compressible}, zipfile.ZIP_STORED
    )
    assert rejection(province, content) == "Tệp nén bất thường (giải nén quá lớn) — không đọc."


def test_a_workbook_with_a_macro_part_is_refused(province):
    content = rezip(template(province), add={"xl/vbaProject.bin": b"\0" * 512})
    assert rejection(province, content) == "Tệp có macro — không nhận."


def test_a_workbook_declared_macro_enabled_is_refused(province):
    def macro_enabled(xml: bytes) -> bytes:
        return xml.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )

    content = rezip(template(province), replace={"[Content_Types].xml": macro_enabled})
    assert b"macroEnabled" in zipfile.ZipFile(io.BytesIO(content)).read("[Content_Types].xml")
    assert rejection(province, content) == "Tệp có macro — không nhận."


def test_a_zip_without_a_workbook_part_is_refused(province):
    message = rejection(province, zip_of({"word/document.xml": b"<document/>"}))
    assert message.startswith("Tệp .xlsx không có bảng tính")


def test_xml_entity_declarations_are_refused(province):
    def laughs(xml: bytes) -> bytes:
        doctype = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        if xml.startswith(b"<?xml"):
            head, _sep, rest = xml.partition(b"?>")
            return head + b"?>" + doctype + rest
        return doctype + xml

    content = rezip(template(province), replace={"xl/workbook.xml": laughs})
    assert rejection(province, content) == "Tệp có khai báo XML không được phép — không đọc."


def test_a_broken_workbook_is_refused_with_a_message_not_a_crash(province):
    content = rezip(template(province), replace={"xl/workbook.xml": lambda _xml: b"<not-a-workbook"})
    assert "tệp bị hỏng" in rejection(province, content)


def test_a_broken_sheet_is_refused_with_a_message_not_a_crash(province):
    content = rezip(template(province), replace={"xl/worksheets/sheet1.xml": lambda xml: xml[: len(xml) // 2]})
    assert "tệp bị hỏng" in rejection(province, content)


# ---------------------------------------------------------------------------
# Files refused after opening


def test_the_template_of_another_unit_is_refused_naming_both(province):
    content = template(province, unit=province.federation, rows=grid(province, unit=province.federation))
    message = rejection(province, content)
    assert "mã LC," in message
    assert "Công đoàn phường Tân Phong (mã LC-X-TPHONG)" in message


def test_the_template_of_another_week_is_refused_naming_both(province):
    next_week = week(province, datetime.date(2025, 7, 14))
    message = rejection(province, template(province, period=next_week))
    assert "kỳ tuần 14/07/2025 – 20/07/2025" in message
    assert week(province).label in message


def test_another_week_is_refused_from_the_visible_cells_too(province):
    next_week = week(province, datetime.date(2025, 7, 14))
    content = edit(template(province, period=next_week), lambda _ws, book: book.remove(book["_meta"]))
    assert "14/07/2025" in rejection(province, content)


def test_a_file_with_no_unit_or_period_is_refused(province):
    def change(ws, book):
        book.remove(book["_meta"])
        ws.delete_rows(3, 4)

    message = rejection(province, edit(template(province), change))
    assert message.startswith("Tệp không có mã đơn vị và mã kỳ báo cáo")


def test_a_spreadsheet_without_the_header_row_is_refused(province):
    book = openpyxl.Workbook()
    book.active.append(["Họ tên", "Số điện thoại"])
    book.active.append(["Nguyễn Văn A", "0912345678"])
    out = io.BytesIO()
    book.save(out)
    assert rejection(province, out.getvalue()).startswith("Không tìm thấy dòng tiêu đề của bảng số liệu")


def test_a_table_missing_a_figure_column_is_refused(province):
    content = edit(template(province), lambda ws, _book: ws.delete_cols(7))  # "Giới thiệu cho Đảng"
    assert rejection(province, content) == "Bảng số liệu thiếu cột: Giới thiệu cho Đảng."


# ---------------------------------------------------------------------------
# Cell-level errors


def only_error(result) -> CellError:
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def test_a_code_that_is_not_under_the_unit_in_the_period_is_an_error_at_its_cell(province):
    content = edit(template(province), set_cells(B10="CS0003", E10=2))  # the hydro union, under LC
    error = only_error(read(province, content))
    assert error == CellError(
        cell="B10",
        row_label="CS0003",
        column_label="Mã CĐCS",
        message="Mã CĐCS CS0003 không thuộc đơn vị trong kỳ này.",
    )


def test_a_code_given_twice_is_an_error_at_the_second_one(province):
    content = edit(template(province), set_cells(B10="CS0001", E9=1, E10=2))
    result = read(province, content)
    error = only_error(result)
    assert (error.cell, error.row_label, error.column_label) == ("B10", "CĐCS Công ty Chè Tam Đường", "Mã CĐCS")
    assert "dòng 9 và dòng 10" in error.message
    assert result.figures["CS0001"]["new_members"] == 1


def test_figures_on_a_row_without_a_code_are_an_error(province):
    content = edit(template(province), set_cells(B10=None, E10=5))
    error = only_error(read(province, content))
    assert (error.cell, error.row_label) == ("B10", "CĐCS Trường THCS Bình Lư")
    assert error.message.startswith("Thiếu mã CĐCS")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mười", "“mười” không phải là số."),
        (-3, "Không được là số âm."),
        ("2,5", "Phải là số nguyên (không có phần thập phân)."),
        (2.5, "Phải là số nguyên (không có phần thập phân)."),
        (200000, "Số quá lớn (tối đa 100.000)."),
        (True, "Không phải là số."),
        (datetime.datetime(2025, 7, 8), "Ô đang ở dạng ngày tháng, không phải số: hãy định dạng ô là số rồi nhập lại."),
    ],
)
def test_a_figure_that_is_not_a_count_is_an_error_at_its_cell(province, value, message):
    content = edit(template(province), set_cells(G10=value))
    error = only_error(read(province, content))
    assert error == CellError(
        cell="G10", row_label="CĐCS Trường THCS Bình Lư", column_label="Giới thiệu cho Đảng", message=message
    )


def test_more_women_than_new_members_is_an_error_at_the_women_cell(province):
    content = edit(template(province), set_cells(E11=2, F11=3))
    error = only_error(read(province, content))
    assert error == CellError(
        cell="F11",
        row_label="Kết nạp trực tiếp tại công đoàn cấp trên",
        column_label="Trong đó nữ",
        message="Số nữ (3) lớn hơn số đoàn viên mới (2).",
    )


def test_a_bad_new_members_cell_does_not_also_raise_the_women_rule(province):
    content = edit(template(province), set_cells(E9="nhiều", F9=3))
    error = only_error(read(province, content))
    assert error.cell == "E9"


def founded_this_week(province):
    """A union registered from Tân Phong's report of the week: its row carries its 7 founders."""
    from reporting.foundings import grassroots_register
    from reporting.models import Report

    from .conftest import open_for_entry

    period = open_for_entry(week(province))
    union = grassroots_register(
        unit=province.tan_phong, period=period, user=province.reporter_tan_phong,
        name="CĐCS Công ty Cao su Lai Châu", sector="non_state", recognition_decision="12/QĐ-CĐP",
        recognition_date=datetime.date(2025, 7, 8), founding_members=7,
    )
    report = Report.objects.get(unit=province.tan_phong, period=period)
    return union, report_rows(province.tan_phong, period, report)


def test_fewer_new_members_than_the_founding_members_is_an_error_at_the_new_members_cell(province):
    union, rows = founded_this_week(province)
    content = template(province, rows)
    position = row_of(content, union.code)
    error = only_error(read(province, edit(content, set_cells(**{f"E{position}": 3})), rows=rows))
    assert (error.cell, error.row_label, error.column_label) == (
        f"E{position}",
        "CĐCS Công ty Cao su Lai Châu",
        "Đoàn viên mới",
    )
    assert "7 đoàn viên" in error.message


def test_a_union_founded_in_the_period_but_left_out_of_the_file_is_an_error_without_a_cell(province):
    union, rows = founded_this_week(province)
    content = template(province, rows)
    position = row_of(content, union.code)
    result = read(province, edit(content, lambda ws, _book: ws.delete_rows(position)), rows=rows)
    error = only_error(result)
    assert (error.cell, error.row_label) == ("", "CĐCS Công ty Cao su Lai Châu")
    assert error.message.startswith("Dòng này không có trong tệp (tính là 0)")
    assert result.figures[union.code] == ZERO


def test_errors_come_in_the_order_of_the_sheet_and_good_cells_are_still_read(province):
    content = edit(template(province), set_cells(E9="x", G9=4, E10=1, F10=2, B11="CS9999"))
    result = read(province, content)
    assert [e.cell for e in result.errors] == ["E9", "F10", "B11"]
    assert result.figures["CS0001"]["party_introduced"] == 4


# ---------------------------------------------------------------------------
# Text people typed never becomes a formula

INJECTION = '=HYPERLINK("http://x","y")'


def test_a_grassroots_name_that_looks_like_a_formula_is_written_and_read_back_as_text(province):
    province.school.name = INJECTION
    province.school.save()
    rows = grid(province)
    content = template(province, rows)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    assert b"HYPERLINK" in sheet
    ws = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    position = row_of(content, "CS0002")
    name_cell = ws[f"C{position}"]
    assert name_cell.value == INJECTION and name_cell.data_type == "s"
    assert name_cell.quotePrefix
    result = read(province, edit(content, set_cells(**{f"E{position}": 2})), rows=rows)
    assert result.errors == []
    assert result.figures["CS0002"]["new_members"] == 2


@pytest.mark.parametrize("name", ["+84 912 345 678", "-CĐCS", "@SUM(A1)", "#N/A", "=1+1"])
def test_names_starting_like_formulas_or_errors_stay_strings(province, name):
    province.tea.name = name
    province.tea.save()
    province.tan_phong.name = name
    province.tan_phong.save()
    content = template(province)
    ws = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    name_cell = ws[f"C{row_of(content, 'CS0001')}"]
    assert (name_cell.value, name_cell.data_type) == (name, "s")
    assert (ws["C4"].value, ws["C4"].data_type) == (name, "s")


def test_control_characters_in_a_name_do_not_break_the_template(province):
    province.tea.name = "CĐCS Chè\x07 Tam Đường"
    province.tea.save()
    content = template(province)
    ws = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    assert ws[f"C{row_of(content, 'CS0001')}"].value == "CĐCS Chè Tam Đường"
