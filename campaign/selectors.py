"""Reads of campaigns, waves, periods and targets."""


from django.db.models import Sum

from unions.models import Unit

from .models import Campaign, Measure


def campaign_current(federation: Unit | None = None) -> Campaign | None:
    """The most recent campaign (of ``federation`` if given)."""
    qs = Campaign.objects.select_related("federation")
    if federation is not None:
        qs = qs.filter(federation=federation)
    return qs.order_by("-year", "-pk").first()


def periods_of(campaign: Campaign, *, kind: str | None = None):
    qs = campaign.periods.select_related("wave").order_by("start", "end", "kind")
    return qs.filter(kind=kind) if kind else qs


def target_totals(campaign: Campaign, units) -> dict:
    """Targets summed over ``units`` by measure and wave: {(measure, wave_id|None): value}.

    One query whatever the number of units.
    """
    rows = (
        campaign.targets.filter(unit__in=units)
        .values("measure", "wave_id")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return {(row["measure"], row["wave_id"]): row["total"] for row in rows}


def target_table(campaign: Campaign, units) -> list[dict]:
    """One row per measure: its label, the whole-campaign target and each wave's."""
    totals = target_totals(campaign, units)
    waves = list(campaign.waves.all())
    table = []
    for measure in Measure:
        per_wave = [totals.get((measure.value, wave.pk)) for wave in waves]
        whole = totals.get((measure.value, None))
        if whole is None and any(v is not None for v in per_wave):
            whole = sum(v or 0 for v in per_wave)
        if whole is None:
            continue
        table.append({"measure": measure, "label": measure.label, "whole": whole, "per_wave": per_wave})
    return table
