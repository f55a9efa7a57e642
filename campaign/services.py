"""Writes for campaigns, waves, targets and the periods derived from them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.models import Unit

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
