"""The province's synthesis table as an Excel file: one row per reporting unit,
grouped by the waves the units reported in, a subtotal per group and the
province's total.

Every number comes from ``reporting.stats`` (``campaign_stats``): unit rows are
its ``waves[].units`` and ``campaign_units``, the province total is
``stats.whole`` and ``stats.waves[].figures`` as they are, and a group's
subtotal is the sum of its unit rows (with ``stats.percent``).
"""

import datetime
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from activities.selectors import campaign_media, media_summary
from campaign.models import Measure, Wave
from workbooks.safe_xlsx import workbook_bytes

from ..stats import MEASURES, OUTSIDE_WAVES, CampaignStats, UnitRow, percent
from . import XLSX, Export
from .sheets import (
    CENTER,
    GROUP_FILL,
    HEADER_FILL,
    PERCENT_FORMAT,
    ROMAN,
    TOTAL_FILL,
    Sheet,
    buckets,
    cell_font,
    cut_off_rows,
    day_text,
    measure_headers,
    new_sheet,
    print_setup,
    title_rows,
    wave_header,
)

SYNTHESIS_SHEET = "Tổng hợp"
MEDIA_SHEET = "Truyền thông"


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
            return _("Các đơn vị báo cáo đến %(day)s") % {"day": day_text(following.start - datetime.timedelta(days=1))}
        if wave.number == waves[-1].number:
            return _("Các đơn vị báo cáo từ %(day)s") % {"day": day_text(wave.start)}
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


def synthesis_export(stats: CampaignStats, *, fingerprint: str) -> Export:
    """The synthesis table with its cut-off and fingerprint in the file name."""
    return Export(
        filename=f"tong-hop-thang-cao-diem-{stats.campaign.year}-den-{stats.as_of:%d-%m-%Y}-{fingerprint}.xlsx",
        content_type=XLSX,
        content=synthesis_workbook(stats, fingerprint=fingerprint),
    )


# Columns: STT, unit, then per measure: target, each wave, total, (women), % achieved.
Column = tuple[str, str, int | None]  # (measure, kind, wave id)


def _columns(wave_ids: list[int]) -> tuple[list[Column], list[tuple[str, int, int]]]:
    """The figure columns and, per measure, its first and last column."""
    columns: list[Column] = []
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
    return columns, groups_at


def _synthesis_workbook(stats: CampaignStats, fingerprint: str) -> bytes:
    waves = [block.wave for block in stats.waves]
    wave_ids = buckets(stats)
    columns, groups_at = _columns(wave_ids)
    width = 2 + len(columns)
    widths = [6, 42] + [8.5 if kind == "percent" else 9.5 for _m, kind, _w in columns]
    header_top = 5
    wb, sheet = new_sheet(SYNTHESIS_SHEET, widths, freeze=f"C{header_top + 2}")
    sheet.ws.row_dimensions[header_top].height = 32
    sheet.ws.row_dimensions[header_top + 1].height = 30
    print_setup(sheet.ws, title_rows=(header_top, header_top + 1))
    title_rows(
        sheet,
        [
            (stats.campaign.name.upper(), cell_font(bold=True, size=14)),
            *((line, cell_font(italic=True, size=12)) for line in cut_off_rows(stats, fingerprint)),
            (_("Chỉ tính báo cáo đã nộp và đã duyệt"), cell_font(italic=True)),
        ],
        width,
    )
    _write_header(sheet, columns, groups_at, waves)
    _write_groups(sheet, stats, columns, wave_ids)
    _figures_row(sheet, columns, None, _("TỔNG CỘNG TOÀN TỈNH"), _whole_cells(stats),
                 font=cell_font(bold=True), fill=TOTAL_FILL)
    sheet.append([])
    _write_notes(sheet, waves)
    _write_media(wb, stats, fingerprint)
    return workbook_bytes(wb)


def _write_media(wb, stats: CampaignStats, fingerprint: str) -> None:
    """The media work of the scope up to the cut-off: items per channel and wave, people reached."""
    items = campaign_media(stats.campaign, stats.root, as_of=stats.as_of)
    summary = media_summary(items)
    waves = [block.wave for block in stats.waves]
    numbers = [w.number for w in waves]
    outside = any(wave is None for wave in summary.waves)
    ws = wb.create_sheet(MEDIA_SHEET)
    for column, width in enumerate([42, *([12] * (len(numbers) + outside)), 12, 16], start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    sheet = Sheet(ws)
    bold = cell_font(bold=True)
    sheet.append([sheet.text(_("CÔNG TÁC TUYÊN TRUYỀN"), font=cell_font(bold=True, size=13), border=None)])
    sheet.append([sheet.text(line, font=cell_font(italic=True), border=None) for line in cut_off_rows(stats, fingerprint)])
    header = [_("Hình thức"), *(wave_header(w) for w in waves)]
    if outside:
        header.append(_("Ngoài các đợt"))
    header += [_("Cộng"), _("Số người tiếp cận")]
    sheet.append([sheet.text(h, font=bold, fill=HEADER_FILL, alignment=CENTER) for h in header])
    for value, label, count, people in summary.channels:
        per_wave = [summary.cells.get((value, n), 0) for n in numbers] + ([summary.cells.get((value, None), 0)] if outside else [])
        sheet.append([sheet.text(str(label)), *(sheet.number(n) for n in per_wave), sheet.number(count), sheet.number(people)])
    totals = [summary.waves.get(n, 0) for n in numbers] + ([summary.waves.get(None, 0)] if outside else [])
    sheet.append([sheet.text(_("Tổng cộng"), font=bold, fill=TOTAL_FILL),
                  *(sheet.number(n, font=bold, fill=TOTAL_FILL) for n in totals),
                  sheet.number(summary.items, font=bold, fill=TOTAL_FILL),
                  sheet.number(summary.audience, font=bold, fill=TOTAL_FILL)])


def _write_header(sheet: Sheet, columns: list[Column], groups_at, waves: list[Wave]) -> None:
    """The two-level header: a measure over its columns (target, waves, total, women, %)."""
    headers = measure_headers()
    head = {"font": cell_font(bold=True), "fill": HEADER_FILL, "alignment": CENTER}
    top = [sheet.text(_("STT"), **head), sheet.text(_("Đơn vị"), **head)]
    for measure, first, last in groups_at:
        top.append(sheet.text(headers[measure], **head))
        top += [sheet.blank(fill=HEADER_FILL) for _c in range(first + 1, last + 1)]
    sub_labels = {"target": _("Chỉ tiêu"), "total": _("Tổng"), "women": _("Trong đó nữ"), "percent": _("% đạt")}
    wave_by_id = {w.pk: w for w in waves}
    bottom = [sheet.blank(fill=HEADER_FILL), sheet.blank(fill=HEADER_FILL)]
    for _measure, kind, wave_id in columns:
        label = wave_header(wave_by_id.get(wave_id)) if kind == "wave" else sub_labels[kind]
        bottom.append(sheet.text(label, **head))
    row = sheet.append(top)
    sheet.append(bottom)
    sheet.merge(row, 1, row + 1, 1)
    sheet.merge(row, 2, row + 1, 2)
    for _measure, first, last in groups_at:
        sheet.merge(row, first, row, last)


def _figures_row(sheet: Sheet, columns: list[Column], number, label, cells: dict[str, _Cells], *, font, fill=None):
    values = []
    for measure, kind, wave_id in columns:
        c = cells[measure]
        if kind == "percent":
            values.append(sheet.number(c.percent, fmt=PERCENT_FORMAT, font=font, fill=fill))
            continue
        value = {"target": c.target, "total": c.total, "women": c.women}.get(kind) if kind != "wave" else c.waves[wave_id]
        values.append(sheet.number(value, font=font, fill=fill))
    first = sheet.number(number, fmt="0", font=font, fill=fill, alignment=CENTER) if number else sheet.blank(fill=fill)
    sheet.append([first, sheet.text(label, font=font, fill=fill), *values])


def _write_groups(sheet: Sheet, stats: CampaignStats, columns: list[Column], wave_ids: list[int]) -> None:
    """Each group: its heading, its units' rows, its subtotal."""
    bold = cell_font(bold=True)
    wave_rows = {block.wave.pk: {r.unit.pk: r for r in block.units} for block in stats.waves}
    for index, group in enumerate(synthesis_groups(stats)):
        numeral = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        sheet.append(
            [
                sheet.text(numeral, font=bold, fill=GROUP_FILL, alignment=CENTER),
                sheet.text(group.label, font=bold, fill=GROUP_FILL),
                *(sheet.blank(fill=GROUP_FILL) for _c in columns),
            ]
        )
        unit_cells = []
        for number, unit_row in enumerate(group.units, start=1):
            cells = _unit_cells(unit_row, wave_rows, outside=bool(stats.outside))
            unit_cells.append(cells)
            _figures_row(sheet, columns, number, unit_row.unit.name, cells, font=cell_font())
        subtotal = _subtotal_cells(unit_cells, wave_ids)
        label = _("Cộng nhóm %(numeral)s") % {"numeral": numeral}
        _figures_row(sheet, columns, None, label, subtotal, font=bold, fill=GROUP_FILL)


def _write_notes(sheet: Sheet, waves: list[Wave]) -> None:
    notes = [
        "; ".join(
            _("%(wave)s: %(start)s – %(end)s") % {"wave": wave_header(w), "start": day_text(w.start), "end": day_text(w.end)}
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
        sheet.append([sheet.blank(border=None), sheet.text(note, font=cell_font(italic=True), border=None, alignment=None)])
