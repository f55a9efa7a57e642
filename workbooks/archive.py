"""An uploaded .xlsx checked as a zip archive before openpyxl opens it: its
extension, size, number of entries, uncompressed size and compression ratio
(zip bombs), macros and XML entity declarations (billion laughs). openpyxl
without defusedxml stops none of these, and a user must be told clearly why an
old .xls, a macro file or a renamed file is refused."""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
MAX_ENTRIES = 1000
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR = 100 * 1024  # entries smaller than this cannot hurt, whatever their ratio

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_CONTENT_TYPE = b"macroenabled"
_ENTITY_MARKS = (b"<!entity", "<!entity".encode("utf-16-le"), "<!entity".encode("utf-16-be"))


class UploadRejected(Exception):
    """The whole file is refused; ``str(exc)`` says why, in Vietnamese."""


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


def csv_text(uploaded_file) -> str:
    """An uploaded CSV's text, within the upload limit, as UTF-8 (with or without its BOM)."""
    data = _read_bytes(uploaded_file, upload_max_bytes())
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(_("Tệp CSV phải lưu với bảng mã UTF-8.")) from None


def check_archive(uploaded_file) -> bytes:
    """The upload's bytes once it looks like a harmless .xlsx; raises UploadRejected otherwise."""
    _check_extension((getattr(uploaded_file, "name", "") or "").strip().lower())
    data = _read_bytes(uploaded_file, upload_max_bytes())
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
        _check_entries(entries)
        _check_xml(archive, entries)
    return data


def _check_extension(name: str) -> None:
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


def _check_entries(entries: list[zipfile.ZipInfo]) -> None:
    """The archive's table of contents: how many parts, how big once unpacked, a workbook, no macros."""
    if len(entries) > MAX_ENTRIES:
        raise UploadRejected(_("Tệp nén bất thường (quá nhiều thành phần) — không đọc."))
    if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED or any(
        entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1) for entry in entries
    ):
        raise UploadRejected(_("Tệp nén bất thường (giải nén quá lớn) — không đọc."))
    names = {entry.filename.lower() for entry in entries}
    if any("vbaproject" in n for n in names):
        raise UploadRejected(_("Tệp có macro — không nhận."))
    if "xl/workbook.xml" not in names:
        raise UploadRejected(_("Tệp .xlsx không có bảng tính (thiếu xl/workbook.xml) — không phải tệp Excel hợp lệ."))


def _check_xml(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """The XML parts (already known to be of a sane size): no macro content type, no entity declaration."""
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
