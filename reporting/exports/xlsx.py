"""The campaign's figures as Excel files: the province's synthesis table (one row
per reporting unit) and a reporting unit's table (one row per grassroots union).

Every number comes from ``reporting.stats`` (``campaign_stats``): unit rows are
its ``waves[].units`` and ``campaign_units``, the province total is
``stats.whole`` and ``stats.waves[].figures`` as they are, and a group's
subtotal is the sum of its unit rows (with ``stats.percent``). Nothing is left
to formulas: a formula written by openpyxl has no value until a spreadsheet
program saves the file.

Written in openpyxl's write-only mode. A write-only sheet has no
``merge_cells()``, but it writes the ranges its ``merged_cells`` holds, so the
merged headers are added there; column widths, frozen panes and sheet
properties are set before the first row is appended. Text a user typed (unit,
union and campaign names) goes through ``reporting.excel._put_text``: always a
string cell, never a formula.
"""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass

import openpyxl
from django.utils import formats, translation
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from campaign.models import Measure, Wave
from unions.collation import vi_sort_key
from unions.models import Unit, UnitKind
from unions.selectors import children_during

from ..excel import _put_text
from ..numbers import PERCENT_XLSX_FORMAT
from ..stats import MEASURES, OUTSIDE_WAVES, CampaignStats, Figure, GrassrootsRow, UnitRow, grassroots_figures, percent

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INTEGER_FORMAT = "#,##0"
PERCENT_FORMAT = PERCENT_XLSX_FORMAT  # stats gives percentages as 0–100, rounded half up to one decimal
FONT_NAME = "Times New Roman"
SYNTHESIS_SHEET = "Tổng hợp"
UNIT_SHEET = "Chi tiết CĐCS"

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _font(*, bold=False, italic=False, size=11) -> Font:
    return Font(name=FONT_NAME, bold=bold, italic=italic, size=size)


def _measure_headers() -> dict[str, str]:
    """Short Vietnamese headers of the measures (the model's labels are too long for a column group)."""
    return {
        Measure.NEW_MEMBERS: _("Kết nạp đoàn viên mới"),
        Measure.NEW_GRASSROOTS: _("Thành lập CĐCS"),
        Measure.PARTY_INTRODUCED: _("Giới thiệu cho Đảng"),
        Measure.PARTY_ADMITTED: _("Được kết nạp Đảng"),
    }


def _wave_header(wave: Wave | None) -> str:
    if wave is None:
        return _("Ngoài các đợt")
    return _("Đợt %(number)s") % {"number": wave.number}


def _day(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _buckets(stats: CampaignStats) -> list[int | None]:
    """The columns of achievements: each wave, then "outside the waves" when a
    union the board confirmed counts between them."""
    return [block.wave.pk for block in stats.waves] + ([OUTSIDE_WAVES] if stats.outside else [])


def _cut_off_rows(stats: CampaignStats, fingerprint: str) -> list[str]:
    return [
        _("Số liệu tính đến hết ngày %(day)s · Mã kiểm tra số liệu: %(code)s")
        % {"day": _day(stats.as_of), "code": fingerprint},
    ]


# =============================================================================
# Writing rows in write-only mode


class _Sheet:
    """A write-only sheet written row by row, remembering the row number.

    Also the ``ws`` that ``excel._put_text`` expects: it asks for
    ``ws.cell(row=…, column=…)``, gets a fresh write-only cell, and makes it a
    safe string cell; the cell is placed when its row is appended.
    """

    def __init__(self, ws):
        self.ws = ws
        self.row = 0  # the last row written

    def cell(self, row=None, column=None):
        return WriteOnlyCell(self.ws)

    def text(self, value, *, font=None, fill=None, border=_BORDER, alignment=_LEFT):
        cell = _put_text(self, 0, 0, "" if value is None else value)
        return _style(cell, font=font or _font(), fill=fill, border=border, alignment=alignment)

    def number(self, value, *, fmt=INTEGER_FORMAT, font=None, fill=None, alignment=None):
        cell = WriteOnlyCell(self.ws, value=value)  # None: an empty cell, still bordered
        cell.number_format = fmt
        return _style(cell, font=font or _font(), fill=fill, border=_BORDER, alignment=alignment)

    def blank(self, *, fill=None, border=_BORDER):
        return _style(WriteOnlyCell(self.ws), font=_font(), fill=fill, border=border, alignment=None)

    def append(self, cells: list) -> int:
        self.ws.append(cells)
        self.row += 1
        return self.row

    def merge(self, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        if (first_row, first_col) != (last_row, last_col):
            self.ws.merged_cells.add(
                f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
            )


def _style(cell, *, font, fill, border, alignment):
    cell.font = font
    if fill is not None:
        cell.fill = fill
    if border is not None:
        cell.border = border
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _new_sheet(title: str, widths: list[float], *, freeze: str) -> tuple[openpyxl.Workbook, _Sheet]:
    """A write-only workbook with one sheet, its columns and panes set (before any row)."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = freeze
    return wb, _Sheet(ws)


def _print_setup(ws, *, title_rows: tuple[int, int]) -> None:
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


def _title_rows(sheet: _Sheet, lines: list[tuple[str, Font]], width: int) -> None:
    """Title lines, each merged across the table's width, then an empty row."""
    for text, font in lines:
        row = sheet.append([sheet.text(text, font=font, border=None, alignment=_CENTER)])
        sheet.merge(row, 1, row, width)
    sheet.append([])


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# =============================================================================
# The synthesis table


@dataclass
class _Cells:
    """One measure's cells in a row of the synthesis table."""

    target: int | None
    waves: dict[int, int | None]  # wave id → achieved; None: the row's units did not report in that wave
    total: int
    women: int | None
    percent: float | None


@dataclass
class _Group:
    label: str
    units: list[UnitRow]  # rows of stats.campaign_units


def _unit_cells(row: UnitRow, wave_rows: dict[int, dict[int, UnitRow]], *, outside: bool) -> dict[str, _Cells]:
    """A unit's cells: per wave from its wave rows, target/total/% from its campaign
    row (its target is the row's own, ``TargetBook.row``); outside the waves, what
    its campaign row holds beyond its waves."""
    cells = {}
    for measure in MEASURES:
        whole = row.figures[measure]
        waves = {
            wave_id: rows[row.unit.pk].figures[measure].achieved if row.unit.pk in rows else None
            for wave_id, rows in wave_rows.items()
        }
        if outside:
            waves[OUTSIDE_WAVES] = whole.achieved - sum(v for v in waves.values() if v is not None)
        cells[measure] = _Cells(
            target=whole.target,
            waves=waves,
            total=whole.achieved,
            women=whole.women,
            percent=whole.percent,
        )
    return cells


def _subtotal_cells(rows: list[dict[str, _Cells]], wave_ids: list[int]) -> dict[str, _Cells]:
    """A group's cells: sums of its units' cells (a target only where some unit has one)."""
    cells = {}
    for measure in MEASURES:
        parts = [r[measure] for r in rows]
        targets = [p.target for p in parts if p.target is not None]
        target = sum(targets) if targets else None
        waves = {}
        for wave_id in wave_ids:
            values = [p.waves[wave_id] for p in parts if p.waves[wave_id] is not None]
            waves[wave_id] = sum(values) if values else None
        total = sum(p.total for p in parts)
        women = sum(p.women or 0 for p in parts) if measure == Measure.NEW_MEMBERS else None
        cells[measure] = _Cells(target=target, waves=waves, total=total, women=women, percent=percent(total, target))
    return cells


def _whole_cells(stats: CampaignStats) -> dict[str, _Cells]:
    """The province total, exactly ``stats.whole`` and ``stats.waves[].figures`` (its
    target is the province's, ``TargetBook.total``)."""
    by_wave = {block.wave.pk: {f.measure: f for f in block.figures} for block in stats.waves}
    if stats.outside:
        by_wave[OUTSIDE_WAVES] = {f.measure: f for f in stats.outside}
    cells = {}
    for figure in stats.whole:
        cells[figure.measure] = _Cells(
            target=figure.target,
            waves={wave_id: figures[figure.measure].achieved for wave_id, figures in by_wave.items()},
            total=figure.achieved,
            women=figure.women,
            percent=figure.percent,
        )
    return cells


def _group_label(numbers: tuple[int, ...], waves: list[Wave]) -> str:
    """What a group of units has in common: the waves they reported in.

    With the 2025 campaign: units of wave 1 only are those that reported "until
    30/06/2025" (the day before wave 2; the district federations dissolved then),
    units of wave 2 only those that report "from 01/07/2025".
    """
    if not numbers:
        return _("Các đơn vị khác")
    if len(waves) == 1:
        return _("Các đơn vị báo cáo")
    by_number = {w.number: w for w in waves}
    if len(numbers) == 1:
        wave = by_number[numbers[0]]
        if wave.number == waves[0].number:
            following = waves[1]
            return _("Các đơn vị báo cáo đến %(day)s") % {"day": _day(following.start - datetime.timedelta(days=1))}
        if wave.number == waves[-1].number:
            return _("Các đơn vị báo cáo từ %(day)s") % {"day": _day(wave.start)}
        return _("Các đơn vị chỉ báo cáo đợt %(number)s") % {"number": wave.number}
    if len(numbers) == len(waves):
        return _("Các đơn vị báo cáo cả hai đợt") if len(waves) == 2 else _("Các đơn vị báo cáo tất cả các đợt")
    return _("Các đơn vị báo cáo đợt %(numbers)s") % {"numbers": ", ".join(str(n) for n in numbers)}


def synthesis_groups(stats: CampaignStats) -> list[_Group]:
    """The reporting units grouped by the waves they reported in.

    Units of one wave only first, in wave order (2025: the districts until
    30/06, then the communes, wards and the federation from 01/07), then units
    that reported in several waves (e.g. the federation if grassroots unions
    stood directly under it in both waves), then any unit with no wave (it owed
    only campaign-wide reports). Every unit of ``stats.campaign_units`` is in
    exactly one group, so the groups add up to ``stats.whole``.
    """
    in_wave = {block.wave.number: {r.unit.pk for r in block.units} for block in stats.waves}
    reported: dict[int, tuple[int, ...]] = {
        row.unit.pk: tuple(number for number, ids in in_wave.items() if row.unit.pk in ids) for row in stats.campaign_units
    }
    waves = [block.wave for block in stats.waves]
    keys = sorted(set(reported.values()), key=lambda k: (len(k) == 0, len(k) > 1, k))
    return [
        _Group(label=_group_label(key, waves), units=[row for row in stats.campaign_units if reported[row.unit.pk] == key])
        for key in keys
    ]


def synthesis_workbook(stats: CampaignStats, *, fingerprint: str) -> bytes:
    """The province's synthesis table as an .xlsx file (always in Vietnamese: an official table)."""
    with translation.override("vi"):
        return _synthesis_workbook(stats, fingerprint)


def _synthesis_workbook(stats: CampaignStats, fingerprint: str) -> bytes:
    waves = [block.wave for block in stats.waves]
    wave_ids = _buckets(stats)
    headers = _measure_headers()

    # Columns: STT, unit, then per measure: target, each wave, total, (women), % achieved.
    columns: list[tuple[str, str, int | None]] = []  # (measure, kind, wave id)
    groups_at: list[tuple[str, int, int]] = []  # (measure, first column, last column)
    for measure in MEASURES:
        first = 3 + len(columns)
        columns.append((measure, "target", None))
        columns += [(measure, "wave", wave_id) for wave_id in wave_ids]
        columns.append((measure, "total", None))
        if measure == Measure.NEW_MEMBERS:
            columns.append((measure, "women", None))
        columns.append((measure, "percent", None))
        groups_at.append((measure, first, 2 + len(columns)))
    width = 2 + len(columns)
    widths = [6, 42] + [8.5 if kind == "percent" else 9.5 for _m, kind, _w in columns]
    header_top = 5
    wb, sheet = _new_sheet(SYNTHESIS_SHEET, widths, freeze=f"C{header_top + 2}")
    ws = sheet.ws
    ws.row_dimensions[header_top].height = 32
    ws.row_dimensions[header_top + 1].height = 30
    _print_setup(ws, title_rows=(header_top, header_top + 1))

    _title_rows(
        sheet,
        [
            (stats.campaign.name.upper(), _font(bold=True, size=14)),
            *((line, _font(italic=True, size=12)) for line in _cut_off_rows(stats, fingerprint)),
            (_("Chỉ tính báo cáo đã nộp và đã duyệt"), _font(italic=True)),
        ],
        width,
    )

    # The two-level header.
    bold = _font(bold=True)
    head = {"font": bold, "fill": _HEADER_FILL, "alignment": _CENTER}
    top = [sheet.text(_("STT"), **head), sheet.text(_("Đơn vị"), **head)]
    for measure, first, last in groups_at:
        top.append(sheet.text(headers[measure], **head))
        top += [sheet.blank(fill=_HEADER_FILL) for _c in range(first + 1, last + 1)]
    sub_labels = {"target": _("Chỉ tiêu"), "total": _("Tổng"), "women": _("Trong đó nữ"), "percent": _("% đạt")}
    wave_by_id = {w.pk: w for w in waves}
    bottom = [sheet.blank(fill=_HEADER_FILL), sheet.blank(fill=_HEADER_FILL)]
    for _measure, kind, wave_id in columns:
        label = _wave_header(wave_by_id.get(wave_id)) if kind == "wave" else sub_labels[kind]
        bottom.append(sheet.text(label, **head))
    row = sheet.append(top)
    sheet.append(bottom)
    sheet.merge(row, 1, row + 1, 1)
    sheet.merge(row, 2, row + 1, 2)
    for _measure, first, last in groups_at:
        sheet.merge(row, first, row, last)

    def figures_row(number, label, cells: dict[str, _Cells], *, font, fill=None):
        values = []
        for measure, kind, wave_id in columns:
            c = cells[measure]
            if kind == "percent":
                values.append(sheet.number(c.percent, fmt=PERCENT_FORMAT, font=font, fill=fill))
                continue
            value = {"target": c.target, "total": c.total, "women": c.women}.get(kind) if kind != "wave" else c.waves[wave_id]
            values.append(sheet.number(value, font=font, fill=fill))
        first = sheet.number(number, fmt="0", font=font, fill=fill, alignment=_CENTER) if number else sheet.blank(fill=fill)
        sheet.append([first, sheet.text(label, font=font, fill=fill), *values])

    wave_rows = {block.wave.pk: {r.unit.pk: r for r in block.units} for block in stats.waves}
    for index, group in enumerate(synthesis_groups(stats)):
        numeral = _ROMAN[index] if index < len(_ROMAN) else str(index + 1)
        sheet.append(
            [
                sheet.text(numeral, font=bold, fill=_GROUP_FILL, alignment=_CENTER),
                sheet.text(group.label, font=bold, fill=_GROUP_FILL),
                *(sheet.blank(fill=_GROUP_FILL) for _c in columns),
            ]
        )
        unit_cells = []
        for number, unit_row in enumerate(group.units, start=1):
            cells = _unit_cells(unit_row, wave_rows, outside=bool(stats.outside))
            unit_cells.append(cells)
            figures_row(number, unit_row.unit.name, cells, font=_font())
        figures_row(
            None,
            _("Cộng nhóm %(numeral)s") % {"numeral": numeral},
            _subtotal_cells(unit_cells, wave_ids),
            font=bold,
            fill=_GROUP_FILL,
        )
    figures_row(None, _("TỔNG CỘNG TOÀN TỈNH"), _whole_cells(stats), font=bold, fill=_TOTAL_FILL)

    sheet.append([])
    notes = [
        "; ".join(
            _("%(wave)s: %(start)s – %(end)s") % {"wave": _wave_header(w), "start": _day(w.start), "end": _day(w.end)}
            for w in waves
        ),
        _(
            "Chỉ tiêu: dòng đơn vị là chỉ tiêu riêng của đơn vị, dòng cộng nhóm là tổng chỉ tiêu các đơn vị trong nhóm, "
            "dòng toàn tỉnh là chỉ tiêu của tỉnh (nếu chưa giao thì là tổng chỉ tiêu các đơn vị)."
        ),
        _(
            "CĐCS thành lập mới được tính qua báo cáo đã đăng ký (khi báo cáo đã nộp hoặc đã duyệt), "
            "hoặc khi Ban Tổ chức - Kiểm tra xác nhận; số đoàn viên khi thành lập được tính là đoàn viên mới."
        ),
    ]
    for note in notes:
        sheet.append([sheet.blank(border=None), sheet.text(note, font=_font(italic=True), border=None, alignment=None)])
    return _save(wb)


# =============================================================================
# A reporting unit's table, by grassroots union


@dataclass
class _UnionRow:
    grassroots: Unit | None  # None: members the superior union admitted directly
    waves: set[int | None]  # waves in which the union stood under the unit (or has figures); None: between them
    founded: bool  # the union counts as new for the unit
    founded_in: int | None  # the wave it counts in (None: between the waves)


def _unit_row(stats: CampaignStats, unit: Unit) -> UnitRow | None:
    return next((row for row in stats.campaign_units if row.unit.pk == unit.pk), None)


def unit_workbook(
    *, unit: Unit, stats: CampaignStats, fingerprint: str, grassroots: list[GrassrootsRow] | None = None
) -> bytes:
    """``unit``'s table: its grassroots unions × measures per wave and in total.

    Figures by grassroots union from ``stats.grassroots_figures`` (``grassroots``,
    computed for ``stats.as_of`` when not given), the unit's totals, targets and
    % achieved from ``stats`` (a ``campaign_stats`` of ``unit``'s own row).
    Always in Vietnamese.
    """
    if grassroots is None:
        grassroots = grassroots_figures(stats.campaign, unit, as_of=stats.as_of)
    figures = {
        (row.grassroots.pk if row.grassroots else None, wave_id): values
        for row in grassroots
        for wave_id, values in row.by_wave.items()
    }
    known = {row.grassroots.pk: row.grassroots for row in grassroots if row.grassroots}
    with translation.override("vi"):
        return _unit_workbook(unit=unit, stats=stats, figures=figures, known=known, fingerprint=fingerprint)


def _union_rows(unit: Unit, stats: CampaignStats, figures, known: dict[int, Unit]) -> list[_UnionRow]:
    """The grassroots unions that stood under ``unit`` in the waves it reported in
    (Vietnamese order), those with figures anyway, then the direct row."""
    reported = [block.wave for block in stats.waves if any(r.unit.pk == unit.pk for r in block.units)]
    by_id: dict[int, Unit] = {}
    waves_of: dict[int, set[int]] = defaultdict(set)
    for wave in reported:
        for g in children_during(unit, wave.start, wave.end, kind=UnitKind.GRASSROOTS):
            by_id.setdefault(g.pk, g)
            waves_of[g.pk].add(wave.pk)
    for g_id, wave_id in figures:
        if g_id is not None:
            by_id.setdefault(g_id, known[g_id])  # figures for a union no longer placed under the unit
            waves_of[g_id].add(wave_id)
    founded = {}
    for g in stats.new_grassroots:
        if g.reported_by.pk == unit.pk:
            founded[g.pk] = g.counted_wave_id  # None: between the waves
            by_id.setdefault(g.pk, g)
            waves_of[g.pk].add(g.counted_wave_id)
    ordered = sorted(by_id.values(), key=lambda g: (vi_sort_key(g.name), g.code))
    rows = [_UnionRow(grassroots=g, waves=waves_of[g.pk], founded=g.pk in founded, founded_in=founded.get(g.pk))
            for g in ordered]
    direct_waves = {w.pk for w in reported} | {wave_id for g_id, wave_id in figures if g_id is None}
    rows.append(_UnionRow(grassroots=None, waves=direct_waves, founded=False, founded_in=None))
    return rows


def _unit_workbook(*, unit: Unit, stats: CampaignStats, figures, known, fingerprint: str) -> bytes:
    waves = [block.wave for block in stats.waves]
    wave_ids = _buckets(stats)
    headers = _measure_headers()
    # Measure groups: (key, header, figure of a report line or the registry).
    groups = [
        ("new_members", headers[Measure.NEW_MEMBERS], Measure.NEW_MEMBERS),
        ("new_members_women", _("Trong đó nữ"), Measure.NEW_MEMBERS),
        ("new_grassroots", headers[Measure.NEW_GRASSROOTS], Measure.NEW_GRASSROOTS),
        ("party_introduced", headers[Measure.PARTY_INTRODUCED], Measure.PARTY_INTRODUCED),
        ("party_admitted", headers[Measure.PARTY_ADMITTED], Measure.PARTY_ADMITTED),
    ]
    wave_by_id = {w.pk: w for w in waves}
    span = len(wave_ids) + 1
    width = 3 + span * len(groups)
    header_top = 6
    wb, sheet = _new_sheet(UNIT_SHEET, [6, 14, 42] + [9.5] * (width - 3), freeze=f"D{header_top + 2}")
    ws = sheet.ws
    ws.row_dimensions[header_top].height = 32
    _print_setup(ws, title_rows=(header_top, header_top + 1))
    _title_rows(
        sheet,
        [
            (unit.name.upper(), _font(bold=True, size=14)),
            (stats.campaign.name, _font(bold=True, size=12)),
            *((line, _font(italic=True, size=12)) for line in _cut_off_rows(stats, fingerprint)),
            (_("Chỉ tính báo cáo đã nộp và đã duyệt"), _font(italic=True)),
        ],
        width,
    )

    bold = _font(bold=True)
    head = {"font": bold, "fill": _HEADER_FILL, "alignment": _CENTER}
    top = [sheet.text(_("STT"), **head), sheet.text(_("Mã CĐCS"), **head), sheet.text(_("Tên công đoàn cơ sở"), **head)]
    bottom = [sheet.blank(fill=_HEADER_FILL) for _c in range(3)]
    for _key, header, _measure in groups:
        top += [sheet.text(header, **head), *(sheet.blank(fill=_HEADER_FILL) for _c in range(span - 1))]
        bottom += [sheet.text(_wave_header(wave_by_id.get(w)), **head) for w in wave_ids] + [sheet.text(_("Tổng"), **head)]
    row = sheet.append(top)
    sheet.append(bottom)
    for column in (1, 2, 3):
        sheet.merge(row, column, row + 1, column)
    for index in range(len(groups)):
        first = 4 + index * span
        sheet.merge(row, first, row, first + span - 1)

    def values_row(first_cells, per_group: list[tuple[list[int | float | None], int | float | None]], *, font, fill=None, fmt=INTEGER_FORMAT):
        cells = list(first_cells)
        for wave_values, total in per_group:
            cells += [sheet.number(v, fmt=fmt, font=font, fill=fill) for v in wave_values]
            cells.append(sheet.number(total, fmt=fmt, font=font, fill=fill))
        sheet.append(cells)

    number = 0
    for union in _union_rows(unit, stats, figures, known):
        per_group = []
        for key, _header, _measure in groups:
            wave_values = []
            for wave_id in wave_ids:
                if wave_id not in union.waves:
                    wave_values.append(None)
                elif key == "new_grassroots":
                    wave_values.append(1 if union.founded and union.founded_in == wave_id else 0)
                else:
                    wave_values.append(figures.get((union.grassroots.pk if union.grassroots else None, wave_id), {}).get(key, 0))
            present = [v for v in wave_values if v is not None]
            per_group.append((wave_values, sum(present) if present else None))
        if union.grassroots is not None:
            number += 1
            first = [
                sheet.number(number, fmt="0", alignment=_CENTER),
                sheet.text(union.grassroots.code),
                sheet.text(union.grassroots.name),
            ]
        else:
            first = [sheet.blank(), sheet.blank(), sheet.text(_("Kết nạp trực tiếp tại công đoàn cấp trên"))]
        values_row(first, per_group, font=_font())

    # The unit's totals, targets and % achieved: from stats.
    unit_row = _unit_row(stats, unit)
    wave_rows = {block.wave.pk: next((r for r in block.units if r.unit.pk == unit.pk), None) for block in stats.waves}
    outside = OUTSIDE_WAVES in wave_ids

    def figure_of(row: UnitRow | None, measure) -> Figure | None:
        return row.figures[measure] if row is not None else None

    def label_cells(text, fill):
        return [sheet.blank(fill=fill), sheet.blank(fill=fill), sheet.text(text, font=bold, fill=fill)]

    totals, targets, percents = [], [], []
    for key, _header, measure in groups:
        women = key == "new_members_women"

        def achieved(row, measure=measure, women=women):
            figure = figure_of(row, measure)
            if figure is None:
                return None
            return figure.women if women else figure.achieved

        in_waves = [achieved(wave_rows[w]) for w in wave_ids if w is not OUTSIDE_WAVES]
        whole = achieved(unit_row) if unit_row else 0
        if outside:  # what the unit's campaign row holds beyond its waves
            in_waves.append((whole or 0) - sum(v for v in in_waves if v is not None))
        totals.append((in_waves, whole))
        if women:
            targets.append(([None] * len(wave_ids), None))
            percents.append(([None] * len(wave_ids), None))
            continue
        targets.append(
            (
                [getattr(figure_of(wave_rows.get(w), measure), "target", None) for w in wave_ids],
                getattr(figure_of(unit_row, measure), "target", None),
            )
        )
        percents.append(
            (
                [getattr(figure_of(wave_rows.get(w), measure), "percent", None) for w in wave_ids],
                getattr(figure_of(unit_row, measure), "percent", None),
            )
        )
    values_row(label_cells(_("Tổng cộng"), _TOTAL_FILL), totals, font=bold, fill=_TOTAL_FILL)
    values_row(label_cells(_("Chỉ tiêu"), None), targets, font=_font())
    values_row(label_cells(_("% đạt"), None), percents, font=_font(), fmt=PERCENT_FORMAT)
    return _save(wb)
