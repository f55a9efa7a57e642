"""A campaign's targets on one page and in one sheet: a row per reporting unit (the province's
own target first, then the federation's own reporting row, then each direct-superior union
active during the campaign), a column per measure for the whole campaign and for each wave.
Typed as the weekly grid is ("1.234", blank = no target); a wave's cell is open only to a unit
active during that wave. The page, the Excel template and the upload read and write the same
cells (``cell_name``), and every change is saved by ``targets_save``: all or nothing, with
history. ``TargetBook`` says how the dashboard reads them."""

import datetime
from dataclasses import dataclass, field

import openpyxl
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from unions.models import Unit, UnitKind
from unions.selectors import children_during
from workbooks.archive import UploadRejected, check_archive
from workbooks.cells import FigureError, code_text, count_cell, is_blank, norm, open_workbook, parse_count, rows_of
from workbooks.safe_xlsx import put_headers, put_text, workbook_bytes

from .models import Campaign, Measure, Target, TargetScope, Wave

MAX_TARGET = 10_000_000
HEADER_ROW = 5
MAX_ROWS = 5000  # units in one sheet: a province has tens to a few hundred


@dataclass(frozen=True)
class Column:
    measure: str
    wave: Wave | None  # None: the whole campaign

    @property
    def key(self) -> str:
        return f"{self.measure}-{self.wave.number if self.wave else 0}"

    @property
    def label(self) -> str:
        return str(Measure(self.measure).label)

    @property
    def span(self) -> str:
        return _("Cả chiến dịch") if self.wave is None else _("Đợt %(number)s") % {"number": self.wave.number}

    @property
    def header(self) -> str:
        return f"{self.label} — {self.span}"


@dataclass
class Cell:
    column: Column
    name: str
    value: int | None  # saved now
    typed: str = ""  # what the form or the file gave (shown back when it is not saved yet)
    error: str = ""
    enabled: bool = True

    @property
    def changed(self) -> bool:
        """Given (by the form or the file), right, and not what is saved."""
        return self.typed is not None and not self.error and _number(self) != self.value

    @property
    def shown(self) -> str:
        if self.typed is not None and (self.typed != "" or self.error):
            return self.typed
        return "" if self.value is None else f"{self.value:,}".replace(",", ".")


@dataclass
class Row:
    unit: Unit
    scope: str
    cells: list[Cell]
    head: bool = False  # a unit's own targets above its grassroots unions' split (read only)

    @property
    def label(self) -> str:
        if self.head:
            return _("%(unit)s — chỉ tiêu của đơn vị") % {"unit": self.unit.name}
        if self.unit.kind == UnitKind.FEDERATION and self.scope == TargetScope.TOTAL:
            return _("%(unit)s — chỉ tiêu toàn tỉnh") % {"unit": self.unit.name}
        if self.scope == TargetScope.OWN:
            return _("%(unit)s — các công đoàn cơ sở trực thuộc trực tiếp") % {"unit": self.unit.name}
        return self.unit.name

    @property
    def province(self) -> bool:
        return self.head or (self.unit.kind == UnitKind.FEDERATION and self.scope == TargetScope.TOTAL)


@dataclass
class Grid:
    campaign: Campaign
    columns: list[Column]
    rows: list[Row]
    unit: Unit | None = None  # a unit's split down to its grassroots unions
    errors: list[str] = field(default_factory=list)  # of the file as a whole, or of a cell by its name

    @property
    def province_row(self) -> Row:
        return self.rows[0]

    @property
    def unit_rows(self) -> list[Row]:
        return self.rows[1:]

    def totals(self) -> list[dict]:
        """Per column: the sum of the units' targets (saved or typed) and the province's own."""
        result = []
        for index, column in enumerate(self.columns):
            values = [_number(r.cells[index]) for r in self.unit_rows]
            values = [v for v in values if v is not None]
            result.append({"column": column, "units": sum(values) if values else None,
                           "province": _number(self.province_row.cells[index])})
        return result

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(c.error for r in self.rows for c in r.cells)

    def changes(self) -> list[tuple[Row, Cell, int | None]]:
        """(row, cell, new value) of every cell whose typed value differs from the saved one."""
        found = []
        for row in self.rows:
            for cell in row.cells:
                if cell.enabled and cell.changed:
                    found.append((row, cell, _number(cell)))
        return found


def _number(cell: Cell) -> int | None:
    if cell.error:
        return None
    if cell.typed is None or cell.typed == "":
        return cell.value if cell.typed is None else None
    return parse_count(cell.typed, maximum=MAX_TARGET)


def cell_name(unit: Unit, scope: str, column: Column) -> str:
    return f"t-{unit.pk}-{scope}-{column.key}"


def _active(unit: Unit, start: datetime.date, end: datetime.date) -> bool:
    return unit.active_from <= end and (unit.active_to is None or unit.active_to >= start)


def grid_units(campaign: Campaign, waves: list[Wave]) -> list[Unit]:
    """The direct-superior unions under the campaign's federation active during one of its waves,
    in Vietnamese order."""
    if not waves:
        return []
    start, end = min(w.start for w in waves), max(w.end for w in waves)
    return list(Unit.objects.under(campaign.federation, include_self=False)
                .filter(kind=UnitKind.SUPERIOR).active_during(start, end).vi_ordered())


def target_grid(campaign: Campaign, *, unit: Unit | None = None) -> Grid:
    """The grid as saved: the province's (three queries), or with ``unit`` a direct-superior
    union's split of its targets down to its grassroots unions — the unit's own targets on the
    first row, read only (set in the province's grid), then a row per grassroots union standing
    under it during the campaign. The split is the unit's own planning: the dashboard reads the
    reporting units' targets (``TargetBook``), never the grassroots unions'."""
    waves = list(campaign.waves.order_by("number"))
    columns = [Column(measure, wave) for measure in Measure.values for wave in (None, *waves)]
    saved = {
        (t.unit_id, t.scope, t.measure, t.wave_id): t.value
        for t in Target.objects.filter(campaign=campaign).only("unit_id", "scope", "measure", "wave_id", "value")
    }
    if unit is None:
        federation = campaign.federation
        specs = [(federation, TargetScope.TOTAL), (federation, TargetScope.OWN),
                 *((u, TargetScope.TOTAL) for u in grid_units(campaign, waves))]
    else:
        specs = [(unit, TargetScope.TOTAL), *((g, TargetScope.TOTAL) for g in split_units(unit, waves))]
    rows = []
    for position, (row_unit, scope) in enumerate(specs):
        cells = []
        for column in columns:
            enabled = column.wave is None or _active(row_unit, column.wave.start, column.wave.end)
            if unit is not None and position == 0:
                enabled = False  # the unit's own targets: shown, set in the province's grid
            cells.append(Cell(column=column, name=cell_name(row_unit, scope, column), enabled=enabled,
                              value=saved.get((row_unit.pk, scope, column.measure, column.wave.pk if column.wave else None)),
                              typed=None))
        rows.append(Row(unit=row_unit, scope=scope, cells=cells, head=unit is not None and position == 0))
    return Grid(campaign=campaign, columns=columns, rows=rows, unit=unit)


def split_units(unit: Unit, waves: list[Wave]) -> list[Unit]:
    """The grassroots unions standing under ``unit`` at some time during the waves, in Vietnamese order."""
    if not waves:
        return []
    start, end = min(w.start for w in waves), max(w.end for w in waves)
    return list(children_during(unit, start, end, kind=UnitKind.GRASSROOTS))


def _typed(cell: Cell, value) -> None:
    """``value`` (a form's text or a sheet's cell) put in ``cell``, checked."""
    if not cell.enabled:
        if not is_blank(value):
            cell.error = _("Đơn vị không hoạt động trong đợt này: không đặt chỉ tiêu.")
            cell.typed = str(value)
        return
    cell.typed = "" if is_blank(value) else str(value).strip()
    if cell.typed == "":
        return
    try:
        number = count_cell(value, maximum=MAX_TARGET)
    except FigureError as exc:
        cell.error = str(exc)
        return
    cell.typed = str(number)


def grid_from_form(campaign: Campaign, data, *, unit: Unit | None = None) -> Grid:
    """The grid with what the page's form posted (a cell left out of the post stays as saved)."""
    grid = target_grid(campaign, unit=unit)
    for row in grid.rows:
        if row.head:
            continue  # the unit's own targets are set in the province's grid, not here
        for cell in row.cells:
            if cell.name in data:
                _typed(cell, data.get(cell.name))
    return grid


def template_workbook(grid: Grid) -> bytes:
    """The grid as a sheet to fill in: a row per unit (its code, name and what the row covers),
    a column per measure and span, the saved targets filled in; a closed cell greyed."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chi tieu"
    put_text(ws, 1, 1, _("Chỉ tiêu — %(campaign)s") % {"campaign": grid.campaign.name})
    ws.cell(1, 1).font = Font(bold=True, size=13)
    put_text(ws, 2, 1, _("Nhập số nguyên (1.234), để trống là không đặt chỉ tiêu. Ô xám: đơn vị không hoạt động trong đợt."))
    ws.cell(2, 1).font = Font(italic=True)
    titles = [_("Mã đơn vị"), _("Tên đơn vị"), _("Phạm vi"), *(c.header for c in grid.columns)]
    put_headers(ws, HEADER_ROW, titles)
    grey = PatternFill("solid", fgColor="D9D9D9")
    scopes = dict(TargetScope.choices)
    for index, row in enumerate(grid.rows, start=HEADER_ROW + 1):
        put_text(ws, index, 1, row.unit.code)
        put_text(ws, index, 2, row.unit.name)
        put_text(ws, index, 3, str(scopes[row.scope]))
        for offset, cell in enumerate(row.cells, start=4):
            target = ws.cell(index, offset)
            if not cell.enabled:
                target.fill = grey
            elif cell.value is not None:
                target.value = cell.value
            target.number_format = "#,##0"
    for column, width in enumerate((14, 40, 24, *([16] * len(grid.columns))), start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 4)
    return workbook_bytes(wb)


def grid_from_workbook(campaign: Campaign, uploaded_file) -> Grid:
    """The grid with what an uploaded sheet gives, checked cell by cell (nothing saved); raises
    ``UploadRejected`` when the file cannot be read as this grid. Columns are found by their
    headers, rows by the unit's code and what the row covers."""
    grid = target_grid(campaign)
    data = check_archive(uploaded_file)
    wb = open_workbook(data)
    try:
        rows = rows_of(wb.worksheets[0], MAX_ROWS + 50)
    finally:
        wb.close()
    wanted = {norm(c.header): index for index, c in enumerate(grid.columns)}
    code_label, scope_label = norm(_("Mã đơn vị")), norm(_("Phạm vi"))
    header_at = None
    for position, (_number, values) in enumerate(rows[:50]):
        labels = [norm(v) for v in values]
        if code_label in labels:
            header_at, header = position, labels
            break
    if header_at is None:
        raise UploadRejected(_("Không tìm thấy dòng tiêu đề có cột “Mã đơn vị”: hãy dùng mẫu tải từ trang Chỉ tiêu."))
    columns = {wanted[label]: position for position, label in enumerate(header) if label in wanted}
    if not columns:
        raise UploadRejected(_("Tệp không có cột chỉ tiêu nào của chiến dịch này (ví dụ “%(header)s”).")
                             % {"header": grid.columns[0].header})
    code_at, scope_at = header.index(code_label), header.index(scope_label) if scope_label in header else None
    scopes = {norm(label): value for value, label in TargetScope.choices} | {value: value for value in TargetScope.values}
    by_key = {(r.unit.code, r.scope): r for r in grid.rows}
    seen: dict[tuple, int] = {}
    body = rows[header_at + 1:]
    if len(body) > MAX_ROWS:
        raise UploadRejected(_("Tệp có quá %(max)s dòng.") % {"max": f"{MAX_ROWS:,}".replace(",", ".")})
    for number, values in body:
        code = code_text(values[code_at]) if code_at < len(values) else ""
        if not code:
            continue
        scope_text = norm(values[scope_at]) if scope_at is not None and scope_at < len(values) else ""
        scope = scopes.get(scope_text, TargetScope.TOTAL if scope_text == "" else None)
        where = f"{get_column_letter(code_at + 1)}{number}"
        if scope is None:
            grid.errors.append(_("Ô %(cell)s: phạm vi “%(text)s” không hợp lệ.") % {
                "cell": f"{get_column_letter(scope_at + 1)}{number}", "text": str(values[scope_at])[:40]})
            continue
        row = by_key.get((code, scope))
        if row is None:
            grid.errors.append(_("Ô %(cell)s: không có đơn vị báo cáo mã %(code)s trong chiến dịch.")
                               % {"cell": where, "code": code[:40]})
            continue
        if (code, scope) in seen:
            grid.errors.append(_("Ô %(cell)s: đơn vị %(code)s đã có ở dòng %(row)s.")
                               % {"cell": where, "code": code[:40], "row": seen[(code, scope)]})
            continue
        seen[(code, scope)] = number
        for index, position in columns.items():
            cell = row.cells[index]
            _typed(cell, values[position] if position < len(values) else None)
            if cell.error:
                cell.error = _("Ô %(cell)s: %(error)s") % {"cell": f"{get_column_letter(position + 1)}{number}",
                                                            "error": cell.error}
    return grid


@transaction.atomic
def targets_save(grid: Grid) -> tuple[int, int, int]:
    """Every change ``grid`` holds saved, with history: (created, changed, removed). Refused
    (nothing written) while a cell is in error."""
    if grid.has_errors:
        raise ValueError("a grid with errors is not saved")
    campaign = grid.campaign
    existing = {
        (t.unit_id, t.scope, t.measure, t.wave_id): t
        for t in Target.objects.select_for_update(of=("self",)).filter(campaign=campaign).order_by()
    }
    created, changed, removed = [], [], []
    for row, cell, value in grid.changes():
        key = (row.unit.pk, row.scope, cell.column.measure, cell.column.wave.pk if cell.column.wave else None)
        target = existing.get(key)
        if value is None:
            if target is not None:
                removed.append(target.pk)
        elif target is None:
            created.append(Target(campaign=campaign, unit=row.unit, scope=row.scope, measure=cell.column.measure,
                                  wave=cell.column.wave, value=value))
        elif target.value != value:
            target.value = value
            changed.append(target)
    if created:
        bulk_create_with_history(created, Target)
    if changed:
        bulk_update_with_history(changed, Target, ["value"])
    if removed:
        for target in Target.objects.filter(pk__in=removed):
            target.delete()  # one by one: each leaves its history record
    return len(created), len(changed), len(removed)
