"""The confederation's national dashboard: the national campaign's figures, each
province's beside them, drill-down to a province's own dashboard (and from there to
its units and reports), and the national synthesis table. The figures part is
cached like a province's dashboard (``dashboard.figures_key``)."""

import hashlib
import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from activities.selectors import OutreachTotals, outreach_by_campaign
from campaign.models import Measure
from reporting.access import BadDate, as_of_param, national_scope
from reporting.exports.national import national_export
from reporting.freshness import code_digest, figures_stamp, stamped
from reporting.national import national_stats
from reporting.views.common import bad_date, download
from reporting.views.dashboard import FIGURES_TIMEOUT, as_of_from

logger = logging.getLogger(__name__)


def _figures_html(national, as_of) -> str:
    stamp = figures_stamp()
    key = "reporting:national:" + hashlib.sha256(repr((
        code_digest(), national.pk, as_of.isoformat(), translation.get_language(),
        timezone.get_current_timezone_name(), stamp,
    )).encode()).hexdigest()
    try:
        kept = cache.get(key)
    except Exception:  # the cache only saves time
        logger.warning("national dashboard cache unavailable", exc_info=True)
        kept = None
    if kept is not None:
        return mark_safe(kept)
    with stamped(stamp):
        stats = national_stats(national, as_of=as_of)
    html = render_to_string("reporting/includes/national_figures.html", {
        "stats": stats, "as_of": as_of, "members": stats.figure(Measure.NEW_MEMBERS),
        "outreach": _outreach(stats, as_of),
    })
    try:
        cache.set(key, html, FIGURES_TIMEOUT)
    except Exception:
        logger.warning("national dashboard cache unavailable", exc_info=True)
    return mark_safe(html)


def _outreach(stats, as_of) -> dict:
    """Each province's outreach teams beside its new members reported, and how many of the unions
    its teams founded count (the province's own ``new_grassroots``)."""
    by_campaign = outreach_by_campaign([s.campaign.pk for s in stats.provinces], as_of=as_of)
    rows, whole = [], OutreachTotals()
    for province in stats.provinces:
        totals = by_campaign.get(province.campaign.pk)
        if totals is None:
            continue
        counted = {g.pk for g in province.new_grassroots}
        rows.append({"name": province.root.name, "totals": totals, "counted": len(counted.intersection(totals.founded_ids)),
                     "reported": province.figure(Measure.NEW_MEMBERS).achieved})
        whole.add(totals)
    return {"rows": rows, "whole": whole, "counted": sum(r["counted"] for r in rows)}


@login_required
@require_safe
def national_dashboard(request):
    scope = national_scope(request)
    form, as_of = as_of_from(request)
    return render(request, "reporting/national.html", {
        "scope": scope,
        "national": scope.national,
        "form": form,
        "as_of": as_of,
        "figures": _figures_html(scope.national, as_of),
    })


@login_required
@require_safe
def national_xlsx(request):
    """The national synthesis table, as of a day."""
    scope = national_scope(request)
    try:
        as_of = as_of_param(request)
    except BadDate:
        return bad_date()
    return download(national_export(national_stats(scope.national, as_of=as_of)))
