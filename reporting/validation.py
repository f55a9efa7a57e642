"""Rules on the figures of a report, shared by the entry grid, the Excel upload
and the submit step: errors block, warnings ask for a comment."""

from django.utils.translation import gettext as _

from campaign.models import Period, PeriodKind
from unions.models import MAX_FIGURE, Unit
from workbooks import cells
from workbooks.cells import FigureError  # noqa: F401  (raised by parse_count, caught by its callers)

from .models import ReportLine
from .selectors import FIGURES, GridRow, usual_maxima

# A figure is "far above the usual range" when it is more than UNUSUAL_FACTOR
# times the highest value the same grassroots union had in the campaign's earlier
# weeks (whichever unit reported it), and more than UNUSUAL_FLOOR (so small
# numbers never warn).
UNUSUAL_FACTOR = 3
UNUSUAL_FLOOR = 20

def parse_count(value) -> int:
    """A head-count typed in a form or a spreadsheet cell (``workbooks.cells.parse_count``), at most ``MAX_FIGURE``."""
    return cells.parse_count(value, maximum=MAX_FIGURE)


def field_label(name: str) -> str:
    return str(ReportLine._meta.get_field(name).verbose_name)


def check_rows(rows: list[GridRow], figures: dict[str, dict[str, int]]) -> dict[str, list[str]]:
    """Errors by "<row key>:<figure>" (or "<row key>" for the row) for parsed figures."""
    errors: dict[str, list[str]] = {}
    for row in rows:
        values = figures.get(row.key, row.values)
        if values["new_members_women"] > values["new_members"]:
            errors.setdefault(f"{row.key}:new_members_women", []).append(
                _("Số nữ (%(women)s) lớn hơn số đoàn viên mới (%(new)s).")
                % {"women": values["new_members_women"], "new": values["new_members"]}
            )
        if row.founding_members and values["new_members"] < row.founding_members:
            errors.setdefault(f"{row.key}:new_members", []).append(
                _(
                    "Công đoàn cơ sở thành lập trong kỳ với %(founding)s đoàn viên: số đoàn viên mới không được ít hơn."
                )
                % {"founding": row.founding_members}
            )
    return errors


def check_warnings(unit: Unit, period: Period, rows: list[GridRow]) -> list[str]:
    """Warnings: more admitted to the Party than introduced; a weekly figure far
    above the union's usual range (its earlier weeks, whichever unit reported them)."""
    warnings = []
    admitted = sum(row.values["party_admitted"] for row in rows)
    introduced = sum(row.values["party_introduced"] for row in rows)
    if admitted > introduced:
        warnings.append(
            _("Số được kết nạp Đảng (%(admitted)s) lớn hơn số được giới thiệu cho Đảng (%(introduced)s) trong kỳ.")
            % {"admitted": admitted, "introduced": introduced}
        )
    if period.kind == PeriodKind.WEEK:
        usual = usual_maxima(unit, period, rows)
        for row in rows:
            key = row.grassroots.pk if row.grassroots else None
            for name in FIGURES:
                value = row.values[name] - (row.founding_members if name == "new_members" else 0)
                limit = max(UNUSUAL_FLOOR, UNUSUAL_FACTOR * (usual.get((key, name)) or 0))
                if value > limit:
                    warnings.append(
                        _("%(row)s: %(field)s = %(value)s, cao bất thường so với các tuần khác (ngưỡng %(limit)s).")
                        % {"row": row.name, "field": field_label(name), "value": row.values[name], "limit": limit}
                    )
    return warnings
