"""The board's dashboard: every measure against its target, per wave and unit,
as of any day, with drill-down province → unit → grassroots union → the report
lines behind each figure → the report and its history."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import formats, timezone

from campaign.models import Measure
from reporting.access import BadDate, FiguresScope, NoCampaign, as_of_param, figures_scope
from reporting.charts import cumulative_chart
from reporting.forms import AsOfForm
from reporting.models import Report
from reporting.stats import Standing, campaign_stats, grassroots_figures
from unions.access import get_visible_unit_or_404
from unions.models import UnitKind


def as_of_from(request) -> tuple[AsOfForm, datetime.date]:
    """The dashboard's "as of" form and its day (``as_of_param``'s reading; today,
    with the form's error shown, when the date is not one)."""
    form = AsOfForm(request.GET or None)
    try:
        day = as_of_param(request)
    except BadDate:
        day = timezone.localdate()
    return form, day


def drilled_unit(request, scope: FiguresScope, form: AsOfForm):
    """The reporting unit asked for by ``?unit=`` inside the scope (404 outside it), or None."""
    if not (form.is_valid() and form.cleaned_data.get("unit")):
        return None
    return get_visible_unit_or_404(
        request.user,
        pk=form.cleaned_data["unit"],
        path__startswith=scope.root.path,
        kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION],
    )


@login_required
def dashboard(request):
    try:
        scope = figures_scope(request)
    except NoCampaign:
        return render(request, "reporting/dashboard.html", {"campaign": None})
    campaign = scope.campaign
    form, as_of = as_of_from(request)
    unit = drilled_unit(request, scope, form)
    # A unit's drill-down shows its own row: for the federation, the grassroots unions
    # standing directly under it, not the whole province.
    stats = campaign_stats(campaign, unit or scope.root, as_of=as_of, own_row=unit is not None)
    members = stats.figure(Measure.NEW_MEMBERS)
    chart = cumulative_chart(
        [formats.date_format(w.period.start, "d/m") for w in stats.weeks],
        [w.cumulative["new_members"] for w in stats.weeks],
        members.target,
    )
    context = {
        "campaign": campaign,
        "scope": scope,
        "stats": stats,
        "form": form,
        "as_of": as_of,
        "is_today": as_of == timezone.localdate(),
        "unit": unit,
        "chart": chart,
        "members": members,
        "discipline_total": stats.discipline_total,
        "matrix": [(d, [(p, d.cells.get(p.pk)) for p in stats.discipline_periods]) for d in stats.discipline],
        "standings": list(Standing),
    }
    if unit is not None:
        waves = [b.wave for b in stats.waves]
        # Each union's new members in each wave, in the columns' order.
        context["grassroots"] = [
            (row, [row.by_wave[w.pk]["new_members"] if w.pk in row.by_wave else None for w in waves])
            for row in grassroots_figures(campaign, unit, as_of=as_of)
        ]
        context["waves"] = waves
        context["unit_reports"] = (
            Report.objects.filter(unit=unit, period__campaign=campaign)
            .select_related("period", "period__wave")
            .order_by("period__due_at", "period__start")
        )
    return render(request, "reporting/dashboard.html", context)
