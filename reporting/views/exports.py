"""Excel downloads of the campaign's figures: the province's synthesis table
(board, staff and viewers) and a reporting unit's table by grassroots union
(anyone who may see the unit, its reporters included). Both carry their data
cut-off and the fingerprint of their figures, in the file and its name."""


from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_safe

from reporting.access import BadDate, as_of_param, campaign_of_unit, figures_scope
from reporting.exports.synthesis import synthesis_export
from reporting.exports.unit_xlsx import unit_export
from reporting.fingerprint import fingerprint_of
from reporting.stats import campaign_stats
from reporting.views.common import bad_date, download
from unions.access import get_visible_unit_or_404
from unions.models import UnitKind


@login_required
@require_safe
def synthesis_xlsx(request):
    """The synthesis table of the province, as of a day."""
    scope = figures_scope(request)
    try:
        as_of = as_of_param(request)
    except BadDate:
        return bad_date()
    stats = campaign_stats(scope.campaign, scope.root, as_of=as_of)
    return download(synthesis_export(stats, fingerprint=fingerprint_of(stats)))


@login_required
@require_safe
def unit_synthesis_xlsx(request, unit_id: int):
    """A reporting unit's own figures by grassroots union, as of a day (404 for a unit
    the user may not see)."""
    unit = get_visible_unit_or_404(request.user, pk=unit_id, kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION])
    try:
        as_of = as_of_param(request)
    except BadDate:
        return bad_date()
    campaign, _campaigns = campaign_of_unit(request, unit)
    stats = campaign_stats(campaign, unit, as_of=as_of, own_row=True)
    return download(unit_export(unit=unit, stats=stats, fingerprint=fingerprint_of(stats)))
