"""Writes for campaigns, waves, targets and the periods derived from them."""

import datetime
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from simple_history.utils import bulk_create_with_history

from unions.models import Unit, UnitKind

from .models import Campaign, Measure, Period, PeriodKind, Target, TargetScope, Wave


def _weeks(start: datetime.date, end: datetime.date):
    """Monday–Sunday weeks between ``start`` and ``end``, clipped to them."""
    day = start
    while day <= end:
        week_end = min(day + datetime.timedelta(days=6 - day.weekday()), end)
        yield day, week_end
        day = week_end + datetime.timedelta(days=1)


def _months(start: datetime.date, end: datetime.date):
    """Calendar months between ``start`` and ``end``, clipped to them."""
    day = start
    while day <= end:
        next_month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        month_end = min(next_month - datetime.timedelta(days=1), end)
        yield day, month_end
        day = month_end + datetime.timedelta(days=1)


def period_plan(campaign: Campaign, waves: list[Wave]) -> list[dict]:
    """The periods a campaign should have: what ``periods_generate`` makes.

    Weeks and months per wave; the first half-year and the year; the final
    report, due on the campaign's final date.
    """

    def at(day: datetime.date) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, campaign.report_due_time))

    def timing(due: datetime.datetime) -> dict:
        return {"due_at": due, "closes_at": due + datetime.timedelta(days=campaign.closing_days)}

    def after(end: datetime.date) -> dict:
        return timing(at(end + datetime.timedelta(days=campaign.report_due_days)))

    plan = []
    for wave in sorted(waves, key=lambda w: w.start):
        for number, (start, end) in enumerate(_weeks(wave.start, wave.end), start=1):
            plan.append(dict(kind=PeriodKind.WEEK, wave=wave, number=number, start=start, end=end, **after(end)))
        for start, end in _months(wave.start, wave.end):
            plan.append(dict(kind=PeriodKind.MONTH, wave=wave, number=start.month, start=start, end=end, **after(end)))
    year = campaign.year
    half_end = datetime.date(year, 6, 30)
    plan.append(dict(kind=PeriodKind.HALF_YEAR, wave=None, number=1, start=datetime.date(year, 1, 1), end=half_end, **after(half_end)))
    year_end = datetime.date(year, 12, 31)
    plan.append(dict(kind=PeriodKind.YEAR, wave=None, number=1, start=datetime.date(year, 1, 1), end=year_end, **after(year_end)))
    if waves:
        first = min(w.start for w in waves)
        last = max(w.end for w in waves)
        plan.append(dict(kind=PeriodKind.FINAL, wave=None, number=1, start=first, end=last, **timing(at(campaign.final_report_due))))
    return plan


@transaction.atomic
def periods_generate(*, campaign: Campaign) -> list[Period]:
    """Bring the campaign's periods in line with its waves and deadlines.

    Idempotent: existing periods are updated in place, missing ones created,
    and periods no longer implied by the waves removed (refused if reports
    already hang on them).
    """
    waves = list(campaign.waves.all())
    existing = {(p.kind, p.start, p.end): p for p in campaign.periods.all()}
    kept = []
    for spec in period_plan(campaign, waves):
        key = (spec["kind"], spec["start"], spec["end"])
        period = existing.pop(key, None) or Period(campaign=campaign)
        changed = period.pk is None
        for field, value in spec.items():
            if getattr(period, field) != value:
                setattr(period, field, value)
                changed = True
        if changed:
            period.full_clean()
            period.save()
        kept.append(period)
    for stale in existing.values():
        try:
            stale.delete()
        except ProtectedError as exc:
            raise ValidationError(
                _("Không thể bỏ kỳ báo cáo %(period)s vì đã có báo cáo.") % {"period": stale.label}
            ) from exc
    return kept


@transaction.atomic
def campaign_create(*, federation: Unit, name: str, year: int, plan_number: str, final_report_due: datetime.date, **fields) -> Campaign:
    campaign = Campaign(
        federation=federation, name=name, year=year, plan_number=plan_number, final_report_due=final_report_due, **fields
    )
    campaign.full_clean()
    campaign.save()
    periods_generate(campaign=campaign)
    return campaign


@transaction.atomic
def wave_create(*, campaign: Campaign, number: int, start: datetime.date, end: datetime.date, theme: str = "") -> Wave:
    wave = Wave(campaign=campaign, number=number, start=start, end=end, theme=theme)
    wave.full_clean()
    wave.save()
    periods_generate(campaign=campaign)
    return wave


@transaction.atomic
def target_set(
    *,
    campaign: Campaign,
    unit: Unit,
    measure: str,
    value: int,
    wave: Wave | None = None,
    scope: str = TargetScope.TOTAL,
) -> Target:
    """Create or update a unit's target for a measure (and wave). ``scope`` OWN sets
    the federation's target for its own reporting row (see ``TargetScope``)."""
    target = Target.objects.filter(campaign=campaign, unit=unit, measure=measure, wave=wave, scope=scope).first()
    if target is None:
        target = Target(campaign=campaign, unit=unit, measure=Measure(measure), wave=wave, scope=TargetScope(scope))
    elif target.value == value:
        return target  # unchanged: no write, no history row
    target.value = value
    target.full_clean()
    target.save()
    return target


# ---------------------------------------------------------------------------
# Next year's campaign, made from an earlier one


class TargetCopy(models.TextChoices):
    COPY = "copy", _l("chép nguyên chỉ tiêu")
    SCALE = "scale", _l("nhân chỉ tiêu với một hệ số")
    EMPTY = "empty", _l("để trống chỉ tiêu")


def shift_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` ``years`` later (earlier when negative); 29/02 becomes 28/02 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def scaled(value: int, factor: Decimal) -> int:
    """``value`` × ``factor``, rounded half up to a whole number (120 × 1,1 = 132; 5 × 1,1 = 6)."""
    return int((Decimal(value) * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def receiving_unit(unit: Unit, first: datetime.date, last: datetime.date) -> Unit | None:
    """The unit that holds ``unit``'s targets in a campaign from ``first`` to ``last``: itself
    when active on one of those days, else its successor's (followed until one is), else none."""
    seen = set()
    while unit is not None and unit.pk not in seen:
        if unit.active_from <= last and (unit.active_to is None or unit.active_to >= first):
            return unit
        seen.add(unit.pk)
        unit = unit.successor
    return None


@dataclass
class CopiedTargets:
    copied: int = 0  # target rows written
    passed: int = 0  # of a unit ended since, written on its successor
    skipped_units: list[str] = dataclass_field(default_factory=list)  # ended with no active successor: not copied
    skipped_waves: list[int] = dataclass_field(default_factory=list)  # of a wave the new campaign has not


@transaction.atomic
def campaign_copy(
    *,
    source: Campaign,
    name: str,
    year: int,
    plan_number: str,
    final_report_due: datetime.date,
    waves: list[dict],
    targets: str = TargetCopy.COPY,
    factor: Decimal | None = None,
    plan_date: datetime.date | None = None,
    legal_basis: str = "",
) -> tuple[Campaign, CopiedTargets]:
    """A new campaign of ``source``'s federation made from ``source``: its deadlines and
    settings, ``waves`` (``number``, ``start``, ``end``, ``theme``: usually ``source``'s
    shifted to the new year), their periods, and ``source``'s targets copied, scaled by
    ``factor`` or left empty. The targets of a unit that has ended pass to its successor
    (summed when several pass to one). All or nothing; ``source`` is left as it was.
    The reporting roles are the units' own and stay as they are."""
    campaign = Campaign(
        federation=source.federation, name=name, year=year, plan_number=plan_number, plan_date=plan_date,
        legal_basis=legal_basis, final_report_due=final_report_due, report_due_days=source.report_due_days,
        report_due_time=source.report_due_time, closing_days=source.closing_days,
        recruitment_min_workers=source.recruitment_min_workers, is_illustrative=source.is_illustrative,
    )
    campaign.full_clean()
    campaign.save()
    if not waves:
        raise ValidationError(_("Chiến dịch cần ít nhất một đợt."))
    created = {}
    for spec in sorted(waves, key=lambda w: w["number"]):
        wave = Wave(campaign=campaign, number=spec["number"], start=spec["start"], end=spec["end"],
                    theme=spec.get("theme", ""))
        wave.full_clean()
        wave.save()
        created[wave.number] = wave
    periods_generate(campaign=campaign)
    report = CopiedTargets()
    if targets == TargetCopy.EMPTY:
        return campaign, report
    if targets == TargetCopy.SCALE and (factor is None or not Decimal(0) < factor <= 10):
        raise ValidationError({"factor": _("Hệ số phải lớn hơn 0 và không quá 10.")})
    first = min(w.start for w in created.values())
    last = max(final_report_due, max(w.end for w in created.values()))
    values: dict[tuple, int] = {}
    for target in source.targets.select_related("unit__successor", "wave").order_by("pk"):
        wave = None
        if target.wave_id is not None:
            wave = created.get(target.wave.number)
            if wave is None:
                if target.wave.number not in report.skipped_waves:
                    report.skipped_waves.append(target.wave.number)
                continue
        unit = receiving_unit(target.unit, first, last)
        if unit is None:
            if target.unit.name not in report.skipped_units:
                report.skipped_units.append(target.unit.name)
            continue
        if unit.pk != target.unit_id:
            report.passed += 1
        value = scaled(target.value, factor) if targets == TargetCopy.SCALE else target.value
        scope = target.scope
        if unit.kind == UnitKind.FEDERATION and target.unit.kind != UnitKind.FEDERATION:
            scope = TargetScope.OWN  # a district passed to the province: its row, not the province's target
        key = (unit, target.measure, wave, scope)
        values[key] = values.get(key, 0) + value
    rows = [
        Target(campaign=campaign, unit=unit, measure=measure, wave=wave, scope=scope, value=value)
        for (unit, measure, wave, scope), value in values.items()
    ]
    for row in rows:
        row.full_clean(validate_unique=False, validate_constraints=False)  # a new campaign: nothing to clash with
    bulk_create_with_history(rows, Target)
    report.copied = len(rows)
    return campaign, report
