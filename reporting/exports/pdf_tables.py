"""The tables printed in the PDF documents, as rows of ready-made strings."""

from dataclasses import dataclass, field

from campaign.models import Measure

from ..numbers import number, percent_text
from ..stats import CampaignStats, Figure
from .pdf import (
    short_date,
)

# Short headings of the measures in tables.
SHORT_HEADINGS = {
    Measure.NEW_MEMBERS: "Kết nạp đoàn viên mới",
    Measure.NEW_GRASSROOTS: "Thành lập CĐCS",
    Measure.PARTY_INTRODUCED: "Giới thiệu cho Đảng",
    Measure.PARTY_ADMITTED: "Được kết nạp Đảng",
}

@dataclass
class Column:
    label: str
    css: str = "num"  # the cells' class: "num" (right-aligned), "text", "name" (the wide one), "nowrap"


@dataclass
class Group:
    label: str
    columns: list[Column]


@dataclass
class Table:
    """A print table: grouped headings (a group of one column spans both heading
    rows), body rows and an optional total row, every cell already formatted."""

    groups: list[Group]
    rows: list[list[str]] = field(default_factory=list)
    total: list[str] | None = None
    css: str = ""

    @property
    def two_rows(self) -> bool:
        return any(len(g.columns) > 1 for g in self.groups)

    @property
    def classes(self) -> list[str]:
        return [c.css for g in self.groups for c in g.columns]

    def body(self):
        return [list(zip(row, self.classes, strict=True)) for row in self.rows]

    def foot(self):
        return list(zip(self.total, self.classes, strict=True)) if self.total else None


def _measure_columns(with_target: bool, *, women: bool) -> list[Column]:
    """Short headings: the unit table has up to 14 columns on a portrait page."""
    columns = [Column("Chỉ tiêu")] if with_target else []
    columns.append(Column("Thực hiện"))
    if women:
        columns.append(Column("Nữ"))
    if with_target:
        columns.append(Column("%"))
    return columns


def _measure_cells(figure: Figure, with_target: bool, *, women: bool) -> list[str]:
    cells = [number(figure.target)] if with_target else []
    cells.append(number(figure.achieved))
    if women:
        cells.append(number(figure.women or 0))
    if with_target:
        cells.append(percent_text(figure.percent))
    return cells


def unit_table(rows: list, totals: list[Figure]) -> Table:
    """Reporting units of a wave: for each measure its target, achievement and
    percentage (target and percentage only for measures with a target)."""
    by_measure = {f.measure: f for f in totals}
    with_target = {m: by_measure[m].target is not None for m in Measure}
    groups = [Group("TT", [Column("TT", "tt")]), Group("Đơn vị", [Column("Đơn vị", "name")])]
    for measure in Measure:
        women = measure == Measure.NEW_MEMBERS
        groups.append(Group(SHORT_HEADINGS[measure], _measure_columns(with_target[measure], women=women)))
    table = Table(groups=groups, css="units")
    for index, row in enumerate(rows, start=1):
        cells = [str(index), row.unit.name]
        for measure in Measure:
            cells += _measure_cells(row.figures[measure], with_target[measure], women=measure == Measure.NEW_MEMBERS)
        table.rows.append(cells)
    total = ["", "Tổng cộng"]
    for measure in Measure:
        total += _measure_cells(by_measure[measure], with_target[measure], women=measure == Measure.NEW_MEMBERS)
    table.total = total
    return table


def wave_table(stats: CampaignStats) -> Table:
    """One row per measure; for each wave and for the whole campaign the target,
    achievement and percentage."""
    groups = [Group("Nội dung", [Column("Nội dung", "name")])]
    spans = [(f"Đợt {block.wave.number}", block.figures) for block in stats.waves]
    spans.append(("Cả tháng cao điểm", stats.whole))
    for label, _figures in spans:
        groups.append(Group(label, [Column("Chỉ tiêu"), Column("Thực hiện"), Column("Tỷ lệ (%)")]))
    table = Table(groups=groups, css="waves")
    for measure in Measure:
        cells = [measure.label]
        for _label, figures in spans:
            figure = next(f for f in figures if f.measure == measure)
            cells += [number(figure.target), number(figure.achieved), percent_text(figure.percent)]
        table.rows.append(cells)
    return table


def sector_table(stats: CampaignStats) -> Table:
    groups = [
        Group("Khu vực", [Column("Khu vực", "name")]),
        Group("Đoàn viên mới", [Column("Đoàn viên mới")]),
        Group("Trong đó nữ", [Column("Trong đó nữ")]),
        Group("Giới thiệu cho Đảng", [Column("Giới thiệu cho Đảng")]),
        Group("Được kết nạp Đảng", [Column("Được kết nạp Đảng")]),
        Group("CĐCS thành lập mới", [Column("CĐCS thành lập mới")]),
    ]
    table = Table(groups=groups, css="sectors")
    for row in stats.sectors:
        values = row.values
        if not any(values.values()) and not row.new_grassroots:
            continue
        table.rows.append(
            [
                str(row.label),
                number(values["new_members"]),
                number(values["new_members_women"]),
                number(values["party_introduced"]),
                number(values["party_admitted"]),
                number(row.new_grassroots),
            ]
        )
    return table


def grassroots_table(unions, *, with_superior: bool) -> Table:
    """New grassroots unions with their recognition decisions."""
    groups = [Group("TT", [Column("TT", "tt")]), Group("Tên công đoàn cơ sở", [Column("Tên", "name")])]
    groups.append(Group("Khu vực", [Column("Khu vực", "text")]))
    if with_superior:
        groups.append(Group("Công đoàn cấp trên", [Column("Công đoàn cấp trên", "text")]))
    groups += [
        Group("Quyết định công nhận", [Column("Số", "nowrap"), Column("Ngày", "nowrap")]),
        Group("Đoàn viên khi thành lập", [Column("Đoàn viên khi thành lập")]),
    ]
    table = Table(groups=groups, css="grassroots")
    for index, union in enumerate(unions, start=1):
        cells = [str(index), union.name, union.get_sector_display() if union.sector else ""]
        if with_superior:
            cells.append(union.reported_by.name)
        cells += [
            union.recognition_decision or "",
            short_date(union.recognition_date) if union.recognition_date else "",
            number(union.founding_members),
        ]
        table.rows.append(cells)
    return table
