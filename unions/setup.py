"""Setting up from nothing: the board's admin group, the first province with its first board
member, and a unit tree read from a file (Excel or CSV: code, name, kind, parent code, sector,
active from/to) — all or nothing, with history, refused in Vietnamese by row and column."""

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workbooks.archive import UploadRejected
from workbooks.cells import code_text, is_blank, norm, open_workbook, pasted_rows, rows_of

from .models import RoleKind, Sector, Unit, UnitKind
from .services import role_assign, unit_create

BOARD_GROUP = "Ban Thường vụ — quản trị dữ liệu gốc"
MAX_UNITS = 200_000  # a tree file: the whole confederation has about 130,000 grassroots unions


def board_group() -> tuple[Group, bool]:
    """The admin group of the board (master data: units, campaigns, targets; reports read only),
    made or brought up to date; and whether anything changed."""
    group, changed = Group.objects.get_or_create(name=BOARD_GROUP)
    permissions = set(
        Permission.objects.filter(content_type__app_label__in=["unions", "campaign"]).values_list("pk", flat=True)
    )
    permissions |= set(
        Permission.objects.filter(content_type__app_label="auth", codename="view_user").values_list("pk", flat=True)
    )
    # Reports are read in the admin; they change only through the workflow.
    permissions |= set(
        Permission.objects.filter(content_type__app_label="reporting", codename__startswith="view_").values_list(
            "pk", flat=True
        )
    )
    if set(group.permissions.values_list("pk", flat=True)) != permissions:
        group.permissions.set(permissions)
        changed = True
    return group, changed


@transaction.atomic
def province_setup(*, code: str, name: str, username: str, email: str, password: str, first_name: str = "",
                   last_name: str = "", parent_code: str = "", active_from: datetime.date | None = None):
    """The provincial federation (under the confederation ``parent_code`` when given) and its first
    board member (staff of the admin, in the board's group). Refused, nothing written, when the code
    or the user name is taken or the password is too weak."""
    code, name = unicodedata.normalize("NFC", code.strip()), unicodedata.normalize("NFC", name.strip())
    if Unit.objects.filter(code=code).exists():
        raise ValidationError(_("Đã có đơn vị mã %(code)s.") % {"code": code})
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationError(_("Đã có người dùng %(username)s.") % {"username": username})
    parent = None
    if parent_code:
        parent = Unit.objects.filter(code=parent_code, kind=UnitKind.CONFEDERATION).first()
        if parent is None:
            raise ValidationError(_("Không có Tổng Liên đoàn mã %(code)s.") % {"code": parent_code})
    user = User(username=username, email=email, first_name=first_name, last_name=last_name, is_staff=True)
    validate_password(password, user)
    federation = unit_create(code=code, name=name, kind=UnitKind.FEDERATION, parent=parent,
                             active_from=active_from or datetime.date(2000, 1, 1))
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(board_group()[0])
    role_assign(user=user, unit=federation, role=RoleKind.BOARD)
    return federation, user


# ---------------------------------------------------------------------------
# The unit tree from a file


COLUMNS = ("code", "name", "kind", "parent", "sector", "active_from", "active_to")


def tree_headers() -> dict[str, str]:
    return {
        "code": _("Mã đơn vị"), "name": _("Tên đơn vị"), "kind": _("Loại đơn vị"), "parent": _("Mã đơn vị cấp trên"),
        "sector": _("Khu vực"), "active_from": _("Hoạt động từ ngày"), "active_to": _("Hoạt động đến ngày"),
    }


@dataclass
class TreeRow:
    number: int
    code: str
    name: str
    kind: str
    parent: str
    sector: str
    active_from: datetime.date | None
    active_to: datetime.date | None


@dataclass
class TreeResult:
    rows: list[TreeRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _choice(value, choices) -> str | None:
    wanted = norm(value)
    for key, label in choices:
        if wanted in (norm(label), key):
            return key
    return None


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for form in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(text)


def _table(data: bytes, filename: str) -> list[tuple[int, list]]:
    if filename.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UploadRejected(_("Tệp CSV phải lưu với bảng mã UTF-8.")) from None
        return pasted_rows(text)
    wb = open_workbook(data)
    try:
        return rows_of(wb.worksheets[0], MAX_UNITS + 50)
    finally:
        wb.close()


def read_tree(data: bytes, filename: str) -> TreeResult:
    """The rows of a unit tree file, each checked (kinds, sectors, dates, codes, parents, cycles)
    against the file and the units already there; the rows in an order where each parent comes
    before its units."""
    rows = _table(data, filename)
    wanted = {norm(label): key for key, label in tree_headers().items()} | {key: key for key in COLUMNS}
    header_at, columns = None, {}
    for index, (_number, values) in enumerate(rows[:50]):
        found = {wanted[norm(v)]: position for position, v in enumerate(values) if norm(v) in wanted}
        if {"code", "name", "kind"} <= found.keys():
            header_at, columns = index, found
            break
    result = TreeResult()
    if header_at is None:
        result.errors.append(_("Không tìm thấy dòng tiêu đề có các cột “Mã đơn vị”, “Tên đơn vị”, “Loại đơn vị”."))
        return result
    body = rows[header_at + 1:]
    if len(body) > MAX_UNITS:
        result.errors.append(_("Tệp có quá %(max)s đơn vị.") % {"max": f"{MAX_UNITS:,}".replace(",", ".")})
        return result
    seen: dict[str, int] = {}
    for number, values in body:
        def value(name, values=values):
            position = columns.get(name)
            return values[position] if position is not None and position < len(values) else None

        def error(name, message, number=number):
            result.errors.append(_("Dòng %(row)s, cột “%(column)s”: %(message)s")
                                 % {"row": number, "column": tree_headers()[name], "message": message})

        code = unicodedata.normalize("NFC", code_text(value("code")))
        if not code:
            if any(not is_blank(v) for v in values):
                error("code", _("thiếu mã đơn vị."))
            continue
        if code in seen:
            error("code", _("mã %(code)s trùng với dòng %(row)s.") % {"code": code, "row": seen[code]})
            continue
        seen[code] = number
        kind = _choice(value("kind"), UnitKind.choices)
        if kind is None:
            error("kind", _("loại đơn vị không hợp lệ."))
        sector = ""
        if not is_blank(value("sector")):
            sector = _choice(value("sector"), Sector.choices) or ""
            if not sector:
                error("sector", _("khu vực không hợp lệ."))
        dates = {}
        for name in ("active_from", "active_to"):
            raw = value(name)
            dates[name] = None
            if not is_blank(raw):
                try:
                    dates[name] = _date(raw)
                except ValueError:
                    error(name, _("“%(text)s” không phải là ngày (dd/mm/yyyy).") % {"text": str(raw)[:30]})
        if kind == UnitKind.GRASSROOTS and not sector and is_blank(value("sector")):
            error("sector", _("công đoàn cơ sở cần khu vực."))
        if is_blank(value("active_from")):
            error("active_from", _("thiếu ngày bắt đầu hoạt động."))
        if dates["active_from"] and dates["active_to"] and dates["active_to"] < dates["active_from"]:
            error("active_to", _("ngày kết thúc trước ngày bắt đầu."))
        name = unicodedata.normalize("NFC", str(value("name") or "").strip())
        if not name:
            error("name", _("thiếu tên đơn vị."))
        result.rows.append(TreeRow(number=number, code=code, name=name, kind=kind or "", parent=code_text(value("parent")),
                                   sector=sector, active_from=dates["active_from"], active_to=dates["active_to"]))
    _check_tree(result)
    return result


def _check_tree(result: TreeResult) -> None:
    by_code = {r.code: r for r in result.rows}
    existing = {u.code: u for u in Unit.objects.filter(code__in=[*by_code, *(r.parent for r in result.rows)])}
    for row in result.rows:
        if row.code in existing:
            result.errors.append(_("Dòng %(row)s: đã có đơn vị mã %(code)s.") % {"row": row.number, "code": row.code})
        if not row.parent:
            if row.kind in (UnitKind.SUPERIOR, UnitKind.GRASSROOTS):
                result.errors.append(_("Dòng %(row)s: công đoàn cấp trên trực tiếp và công đoàn cơ sở cần mã đơn vị cấp trên.")
                                     % {"row": row.number})
            continue
        parent = by_code.get(row.parent)
        parent_kind = parent.kind if parent else existing[row.parent].kind if row.parent in existing else None
        if parent_kind is None:
            result.errors.append(_("Dòng %(row)s: không có đơn vị cấp trên mã %(code)s.")
                                 % {"row": row.number, "code": row.parent[:40]})
        elif parent_kind == UnitKind.GRASSROOTS:
            result.errors.append(_("Dòng %(row)s: công đoàn cơ sở %(code)s không thể có đơn vị trực thuộc.")
                                 % {"row": row.number, "code": row.parent[:40]})
    # A cycle: following the parents within the file comes back to the row.
    for row in result.rows:
        seen, code = set(), row.code
        while code in by_code and code not in seen:
            seen.add(code)
            code = by_code[code].parent
        if code in seen:
            result.errors.append(_("Dòng %(row)s: mã đơn vị cấp trên tạo thành vòng (%(code)s).")
                                 % {"row": row.number, "code": row.code})
    if not result.errors:
        result.rows = _parents_first(result.rows)


def _parents_first(rows: list[TreeRow]) -> list[TreeRow]:
    by_code = {r.code: r for r in rows}
    depth: dict[str, int] = {}

    def level(code: str) -> int:
        if code not in depth:
            parent = by_code[code].parent
            depth[code] = 0 if parent not in by_code else 1 + level(parent)
        return depth[code]

    for row in rows:
        level(row.code)
    return sorted(rows, key=lambda r: (depth[r.code], r.number))


@transaction.atomic
def tree_import(rows: list[TreeRow]) -> int:
    """The checked rows written, parents first, each unit with its first placement and history.
    A unit refused by its own rules (a date outside its parent's life…) refuses the whole file."""
    made: dict[str, Unit] = {}
    errors = []
    parents = {u.code: u for u in Unit.objects.filter(code__in={r.parent for r in rows if r.parent})}
    for row in rows:
        parent = made.get(row.parent) or parents.get(row.parent) if row.parent else None
        try:
            made[row.code] = unit_create(code=row.code, name=row.name, kind=row.kind, parent=parent,
                                         active_from=row.active_from, active_to=row.active_to, sector=row.sector)
        except ValidationError as exc:
            errors.append(_("Dòng %(row)s: %(message)s") % {"row": row.number, "message": " ".join(exc.messages)})
            if len(errors) >= 50:
                break
    if errors:
        raise ValidationError(errors)
    return len(made)
