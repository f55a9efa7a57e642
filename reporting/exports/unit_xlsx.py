"""A reporting unit's table as an Excel file: one row per grassroots union (its
figures per wave and in total), then the unit's totals, targets and % achieved
from ``reporting.stats``. The rows come from a selector
(``reporting.selectors.unit_union_rows``): this module only lays out cells.
"""


from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from campaign.models import Measure
from unions.models import Unit
from workbooks.safe_xlsx import workbook_bytes

from ..stats import OUTSIDE_WAVES, CampaignStats, Figure, UnitRow
from ..tables import UnionRow, unit_union_rows
from . import XLSX, Export
from .sheets import (
    CENTER,
    HEADER_FILL,
    INTEGER_FORMAT,
    PERCENT_FORMAT,
    TOTAL_FILL,
    Sheet,
    buckets,
    cell_font,
    cut_off_rows,
    measure_headers,
    new_sheet,
    print_setup,
    title_rows,
    wave_header,
)

UNIT_SHEET = "Chi tiết CĐCS"


# Measure groups of the table: (key, header, measure of the figure).
def _groups() -> list[tuple[str, str, str]]:
    headers = measure_headers()
    return [
        ("new_members", headers[Measure.NEW_MEMBERS], Measure.NEW_MEMBERS),
        ("new_members_women", _("Trong đó nữ"), Measure.NEW_MEMBERS),
        ("new_grassroots", headers[Measure.NEW_GRASSROOTS], Measure.NEW_GRASSROOTS),
        ("party_introduced", headers[Measure.PARTY_INTRODUCED], Measure.PARTY_INTRODUCED),
        ("party_admitted", headers[Measure.PARTY_ADMITTED], Measure.PARTY_ADMITTED),
    ]


def unit_workbook(*, unit: Unit, stats: CampaignStats, fingerprint: str, rows: list[UnionRow] | None = None) -> bytes:
    """``unit``'s table: its grassroots unions × measures per wave and in total, then
    the unit's totals, targets and % achieved from ``stats`` (a ``campaign_stats``
    of ``unit``'s own row). ``rows`` from ``unit_union_rows`` (computed when not
    given). Always in Vietnamese."""
    if rows is None:
        rows = unit_union_rows(unit, stats)
    with translation.override("vi"):
        return _unit_workbook(unit=unit, stats=stats, rows=rows, fingerprint=fingerprint)


def unit_export(*, unit: Unit, stats: CampaignStats, fingerprint: str) -> Export:
    """The unit's table with its cut-off and fingerprint in the file name."""
    campaign = stats.campaign
    return Export(
        filename=f"tong-hop-{slugify(unit.code)}-thang-cao-diem-{campaign.year}-den-{stats.as_of:%d-%m-%Y}-{fingerprint}.xlsx",
        content_type=XLSX,
        content=unit_workbook(unit=unit, stats=stats, fingerprint=fingerprint),
    )


def _unit_workbook(*, unit: Unit, stats: CampaignStats, rows: list[UnionRow], fingerprint: str) -> bytes:
    wave_ids = buckets(stats)
    groups = _groups()
    span = len(wave_ids) + 1
    width = 3 + span * len(groups)
    header_top = 6
    wb, sheet = new_sheet(UNIT_SHEET, [6, 14, 42] + [9.5] * (width - 3), freeze=f"D{header_top + 2}")
    sheet.ws.row_dimensions[header_top].height = 32
    print_setup(sheet.ws, title_rows=(header_top, header_top + 1))
    title_rows(
        sheet,
        [
            (unit.name.upper(), cell_font(bold=True, size=14)),
            (stats.campaign.name, cell_font(bold=True, size=12)),
            *((line, cell_font(italic=True, size=12)) for line in cut_off_rows(stats, fingerprint)),
            (_("Chỉ tính báo cáo đã nộp và đã duyệt"), cell_font(italic=True)),
        ],
        width,
    )
    _write_header(sheet, groups, wave_ids, {block.wave.pk: block.wave for block in stats.waves})
    number = 0
    for union in rows:
        if union.grassroots is not None:
            number += 1
            first = [
                sheet.number(number, fmt="0", alignment=CENTER),
                sheet.text(union.grassroots.code),
                sheet.text(union.grassroots.name),
            ]
        else:
            first = [sheet.blank(), sheet.blank(), sheet.text(_("Kết nạp trực tiếp tại công đoàn cấp trên"))]
        _values_row(sheet, first, _union_values(union, groups, wave_ids), font=cell_font())
    _write_unit_rows(sheet, unit, stats, groups, wave_ids)
    return workbook_bytes(wb)


def _write_header(sheet: Sheet, groups, wave_ids: list[int], wave_by_id: dict) -> None:
    """A measure over its columns: each wave, then the total."""
    span = len(wave_ids) + 1
    head = {"font": cell_font(bold=True), "fill": HEADER_FILL, "alignment": CENTER}
    top = [sheet.text(_("STT"), **head), sheet.text(_("Mã CĐCS"), **head), sheet.text(_("Tên công đoàn cơ sở"), **head)]
    bottom = [sheet.blank(fill=HEADER_FILL) for _c in range(3)]
    for _key, header, _measure in groups:
        top += [sheet.text(header, **head), *(sheet.blank(fill=HEADER_FILL) for _c in range(span - 1))]
        bottom += [sheet.text(wave_header(wave_by_id.get(w)), **head) for w in wave_ids] + [sheet.text(_("Tổng"), **head)]
    row = sheet.append(top)
    sheet.append(bottom)
    for column in (1, 2, 3):
        sheet.merge(row, column, row + 1, column)
    for index in range(len(groups)):
        first = 4 + index * span
        sheet.merge(row, first, row, first + span - 1)


Values = list[tuple[list[int | float | None], int | float | None]]  # per group: (each wave's value, total)


def _values_row(sheet: Sheet, first_cells, per_group: Values, *, font, fill=None, fmt=INTEGER_FORMAT) -> None:
    cells = list(first_cells)
    for wave_values, total in per_group:
        cells += [sheet.number(v, fmt=fmt, font=font, fill=fill) for v in wave_values]
        cells.append(sheet.number(total, fmt=fmt, font=font, fill=fill))
    sheet.append(cells)


def _union_values(union: UnionRow, groups, wave_ids: list[int]) -> Values:
    """A union's values: empty in a wave it did not stand under the unit, 1 new union in the wave it counts in."""
    per_group = []
    for key, _header, _measure in groups:
        wave_values = []
        for wave_id in wave_ids:
            if wave_id not in union.waves:
                wave_values.append(None)
            elif key == "new_grassroots":
                wave_values.append(1 if union.founded and union.founded_in == wave_id else 0)
            else:
                wave_values.append(union.figures.get(wave_id, {}).get(key, 0))
        present = [v for v in wave_values if v is not None]
        per_group.append((wave_values, sum(present) if present else None))
    return per_group


def _write_unit_rows(sheet: Sheet, unit: Unit, stats: CampaignStats, groups, wave_ids: list[int]) -> None:
    """The unit's totals, targets and % achieved: from stats."""
    unit_row = next((row for row in stats.campaign_units if row.unit.pk == unit.pk), None)
    wave_rows = {block.wave.pk: next((r for r in block.units if r.unit.pk == unit.pk), None) for block in stats.waves}
    outside = OUTSIDE_WAVES in wave_ids

    def figure_of(row: UnitRow | None, measure) -> Figure | None:
        return row.figures[measure] if row is not None else None

    def label_cells(text, fill):
        return [sheet.blank(fill=fill), sheet.blank(fill=fill), sheet.text(text, font=cell_font(bold=True), fill=fill)]

    totals, targets, percents = [], [], []
    nothing = ([None] * len(wave_ids), None)
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
            targets.append(nothing)
            percents.append(nothing)
            continue
        for out, attribute in ((targets, "target"), (percents, "percent")):
            out.append(
                (
                    [getattr(figure_of(wave_rows.get(w), measure), attribute, None) for w in wave_ids],
                    getattr(figure_of(unit_row, measure), attribute, None),
                )
            )
    _values_row(sheet, label_cells(_("Tổng cộng"), TOTAL_FILL), totals, font=cell_font(bold=True), fill=TOTAL_FILL)
    _values_row(sheet, label_cells(_("Chỉ tiêu"), None), targets, font=cell_font())
    _values_row(sheet, label_cells(_("% đạt"), None), percents, font=cell_font(), fmt=PERCENT_FORMAT)
