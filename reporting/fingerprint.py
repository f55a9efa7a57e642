"""A short fingerprint of the counted figures, printed on every PDF and Excel
output, and the check that tells whether a printed copy still holds.

The fingerprint is a hash over what the figures are made of, read by the same
rule as ``reporting.stats`` (``stats._read``): the weekly lines of the reports
that count, the new grassroots unions that count, and the targets of the scope.
It does not depend on the day it was computed for, nor on anything that does not
change a figure (a narrative, an approval, a draft, an empty report): it changes
when, and only when, a counted figure changes. Two copies with the same
fingerprint show the same figures against the same targets. (Reporting
discipline is not covered: it changes with the day by nature, as periods fall
due.)

Nothing is stored: a copy is checked by recomputing the fingerprint as of its
cut-off (from the history) and as of now, and by comparing the parts.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, F, Sum, Value
from django.db.models.functions import Cast, Coalesce, Mod
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Campaign, Measure, Period, PeriodKind
from unions.models import Unit

from .models import Report
from .selectors import COUNTED_STATUSES, FIGURES
from .stats import OUTSIDE_WAVES, CampaignStats, Reading, _lines_as_of, _read, end_of_day

CODE_LENGTH = 12
_CODE = re.compile(r"^[0-9A-F]{12}$")


def _period_key(period: Period) -> str:
    return f"{period.kind}:{period.start:%Y-%m-%d}:{period.end:%Y-%m-%d}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Part:
    """One thing the figures are made of, with what identifies it for a person."""

    digest: str
    kind: str  # "report", "union" or "target"
    ref: tuple


# A prime below 2**26: every step below stays under 2**53, exact in SQLite's floating MOD too.
_PRIME = 67_108_859


def _line_number():
    """A number in [0, _PRIME) made from a line's union and its four figures by the database,
    squaring at each step (a sum of these numbers must change when a member moves from one
    line or figure to another, which a linear mix would not see). A report's lines are folded
    into their count and the sum of their numbers: its part changes when any of its figures
    does, but for a chance in some 67 million, without its lines being read one by one."""
    number = Mod(Cast(Coalesce(F("grassroots_id"), Value(0)), BigIntegerField()), Value(_PRIME))  # 64-bit steps
    for name in FIGURES:
        number = Mod(number * number + F(name) * Value(7919) + Value(1), Value(_PRIME))
    return number


def figure_parts(reading: Reading) -> dict[str, Part]:
    """The parts of the counted figures of ``reading``: one per counted report with
    figures, per counted new grassroots union and per target. One query (the lines, folded
    per report)."""
    period_by_id = reading.period_by_id
    units = {u.pk: u for u in reading.units}
    counted = {s["id"]: s for s in reading.states if s["status"] in COUNTED_STATUSES}
    folded = (
        _lines_as_of(list(counted), reading.moment)
        .filter(report__period__kind=PeriodKind.WEEK)
        .values("report_id")
        .annotate(lines=Count("history_id"), folded=Sum(_line_number()))
        .order_by()
    )
    parts: dict[str, Part] = {}
    for row in folded:  # a report with no line (a month's narrative, an empty week) changes no figure
        state = counted[row["report_id"]]
        period = period_by_id[state["period_id"]]
        unit = units[state["unit_id"]]
        parts[f"R|{unit.code}|{_period_key(period)}"] = Part(
            _digest(f"{row['lines']}:{int(row['folded'])}"), "report", (unit.pk, period.pk)
        )
    wave_numbers = {w.pk: w.number for w in reading.waves}
    for g in reading.foundings:
        via = f"report:{g.founding_report_id}" if g.founding_report_id else "confirmed"
        wave = "-" if g.counted_wave_id is OUTSIDE_WAVES else wave_numbers[g.counted_wave_id]
        body = f"{g.reported_by.code};{wave};{via};{g.founding_members}"
        parts[f"G|{g.code}"] = Part(_digest(body), "union", (g.pk,))
    codes = {u.pk: u.code for u in (reading.root, *reading.units)}
    for (unit_id, measure, wave_id, scope), value in reading.book.values.items():
        if unit_id not in codes:
            continue
        wave = "-" if wave_id is None else wave_numbers.get(wave_id, wave_id)
        parts[f"T|{codes[unit_id]}|{measure}|{wave}|{scope}"] = Part(
            _digest(str(value)), "target", (unit_id, measure, wave_id, scope)
        )
    return parts


def code_of(reading: Reading, parts: dict[str, Part]) -> str:
    """The fingerprint: 12 hexadecimal digits over the scope and the parts."""
    scope = f"campaign={reading.campaign.pk};root={reading.root.code};own={int(reading.own_row)}"
    body = scope + "\n" + "\n".join(f"{key}={part.digest}" for key, part in sorted(parts.items()))
    return _digest(body)[:CODE_LENGTH].upper()


def shown(code: str) -> str:
    """"3F9A12C07B4E" → "3F9A-12C0-7B4E", as printed."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalised(text: str) -> str | None:
    """A fingerprint as someone types it back (spaces, dashes, lower case), or None."""
    code = re.sub(r"[\s\-–.·]", "", text or "").upper()
    return code if _CODE.match(code) else None


def fingerprint_of(stats: CampaignStats) -> str:
    """The printed fingerprint of the figures in ``stats``."""
    return shown(code_of(stats.reading, figure_parts(stats.reading)))


def unit_fingerprint(campaign, unit, moment: datetime.datetime) -> str:
    """The printed fingerprint of ``unit``'s own row as of ``moment`` (a unit's PDF, cut to the minute)."""
    reading = _read(campaign, unit, own_row=True, moment=moment)
    return shown(code_of(reading, figure_parts(reading)))


@dataclass
class Change:
    kind: str  # "report", "union", "target"
    how: str  # "added", "removed", "changed"
    ref: tuple


@dataclass
class ChangeRow:
    """A change as a person reads it: what, of which unit, where to look."""

    what: str
    unit: str
    url: str
    how: str


@dataclass
class Check:
    """The answer to "are the figures of this copy still the same?"."""

    code: str
    as_of: datetime.date
    matches_cut_off: bool  # the code is that of the figures as of the copy's cut-off
    current_code: str
    changes: list[Change]
    reports: dict[tuple[int, int], Report | None]
    units: dict[int, Unit]
    periods: dict[int, Period]

    @property
    def unchanged(self) -> bool:
        return self.code == self.current_code

    @property
    def shown(self) -> str:
        return shown(self.code)

    @property
    def current_shown(self) -> str:
        return shown(self.current_code)

    @property
    def rows(self) -> list[ChangeRow]:
        hows = {"added": _("mới được tính"), "removed": _("không còn được tính"), "changed": _("số liệu đã sửa")}
        rows = []
        for change in self.changes:
            how = str(hows[change.how])
            if change.kind == "report":
                unit, period = self.units.get(change.ref[0]), self.periods.get(change.ref[1])
                rows.append(ChangeRow(
                    what=str(_("Báo cáo %(period)s") % {"period": period.label}) if period else "",
                    unit=unit.name if unit else "",
                    url=reverse("reporting:history", args=change.ref),
                    how=how,
                ))
            elif change.kind == "union":
                union = self.units.get(change.ref[0])
                rows.append(ChangeRow(
                    what=str(_("Công đoàn cơ sở thành lập mới: %(name)s") % {"name": union.name if union else ""}),
                    unit=union.parent.name if union and union.parent_id else "",
                    url=reverse("unions:unit_detail", args=change.ref) if union else "",
                    how=how,
                ))
            else:
                unit_id, measure, wave_id, _scope = change.ref
                unit = self.units.get(unit_id)
                wave = next((p.wave for p in self.periods.values() if p.wave_id == wave_id), None)
                what = _("Chỉ tiêu: %(measure)s") % {"measure": Measure(measure).label}
                if wave is not None:
                    what = f"{what} ({_('Đợt %(number)s') % {'number': wave.number}})"
                rows.append(ChangeRow(what=str(what), unit=unit.name if unit else "", url="", how=how))
        return rows


def check(campaign: Campaign, root: Unit, *, own_row: bool, code: str, as_of: datetime.date) -> Check:
    """Compare a copy's fingerprint (``code``, figures as of the end of ``as_of``) with
    the figures then and now, and list what changed since its cut-off."""
    then = _read(campaign, root, own_row=own_row, moment=end_of_day(as_of))
    now = _read(campaign, root, own_row=own_row, moment=timezone.now())
    then_parts, now_parts = figure_parts(then), figure_parts(now)
    changes = []
    for key in sorted(set(then_parts) | set(now_parts)):
        before, after = then_parts.get(key), now_parts.get(key)
        if before == after:
            continue
        how = "added" if before is None else "removed" if after is None else "changed"
        part = after or before
        changes.append(Change(kind=part.kind, how=how, ref=part.ref))
    unit_ids = {c.ref[0] for c in changes if c.kind in ("report", "target")}
    report_keys = [c.ref for c in changes if c.kind == "report"]
    units = Unit.objects.select_related("parent").in_bulk(unit_ids | {c.ref[0] for c in changes if c.kind == "union"})
    periods = {p.pk: p for p in now.periods}
    reports = {
        (r.unit_id, r.period_id): r
        for r in Report.objects.filter(unit_id__in={k[0] for k in report_keys}, period_id__in={k[1] for k in report_keys})
    }
    return Check(
        code=code,
        as_of=as_of,
        matches_cut_off=code_of(then, then_parts) == code,
        current_code=code_of(now, now_parts),
        changes=changes,
        reports={key: reports.get(key) for key in report_keys},
        units=units,
        periods=periods,
    )
