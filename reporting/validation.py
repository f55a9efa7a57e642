"""Rules on the figures of a report, shared by the entry grid, the Excel upload
and the submit step: errors block, warnings ask for a comment."""

import re
import unicodedata

from django.utils.translation import gettext as _

from campaign.models import Period, PeriodKind
from unions.models import MAX_FIGURE, Unit

from .models import ReportLine
from .selectors import FIGURES, GridRow, usual_maxima

# A figure is "far above the usual range" when it is more than UNUSUAL_FACTOR
# times the highest value the same grassroots union had in the campaign's earlier
# weeks (whichever unit reported it), and more than UNUSUAL_FLOOR (so small
# numbers never warn).
UNUSUAL_FACTOR = 3
UNUSUAL_FLOOR = 20

_INT = re.compile(r"^[0-9]+$")
_GROUPED = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")  # 1.234 or 12.345.678
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class FigureError(ValueError):
    pass


def parse_count(value) -> int:
    """A head-count typed in a form or a spreadsheet cell, as an int.

    Accepts what Excel and LibreOffice really write: ints, whole floats, text
    such as " 12 ", "1.234" (Vietnamese grouping) or "1 234"; empty means 0.
    Raises FigureError with a Vietnamese message otherwise.
    """
    if value is None:
        return 0
    if isinstance(value, bool):
        raise FigureError(_("Không phải là số."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise FigureError(_("Không phải là số."))
        if not value.is_integer():
            raise FigureError(_("Phải là số nguyên (không có phần thập phân)."))
        number = int(value)
    else:
        text = _SPACES.sub("", unicodedata.normalize("NFKC", str(value)))
        if text == "":
            return 0
        negative = text.startswith("-")
        digits = text[1:] if negative else text
        if _INT.match(digits):
            number = int(digits)
        elif _GROUPED.match(digits):
            number = int(digits.replace(".", ""))
        elif re.match(r"^[0-9]*[.,][0-9]+$", digits):
            raise FigureError(_("Phải là số nguyên (không có phần thập phân)."))
        else:
            raise FigureError(_("“%(text)s” không phải là số.") % {"text": str(value).strip()[:30]})
        number = -number if negative else number
    if number < 0:
        raise FigureError(_("Không được là số âm."))
    if number > MAX_FIGURE:
        raise FigureError(_("Số quá lớn (tối đa %(max)s).") % {"max": f"{MAX_FIGURE:,}".replace(",", ".")})
    return number


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
