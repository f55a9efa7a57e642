from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from campaign.selectors import campaign_current
from unions.access import is_manager, reporter_units, roles_of, visible_units
from unions.models import UnitKind

from .selectors import campaign_overview, reporter_overview


@login_required
def home(request):
    """Board, staff and viewers see the campaign at a glance; reporters their unit."""
    user = request.user
    reporting_for = reporter_units(user)
    if reporting_for and not is_manager(user):
        campaign = campaign_current()
        return render(
            request,
            "reporting/home_reporter.html",
            {"campaign": campaign, "units": [reporter_overview(campaign, unit) for unit in reporting_for]},
        )
    # The highest unit the user sees: the federation for board and staff.
    roots = sorted((r.unit for r in roles_of(user)), key=lambda u: u.path.count("/"))
    root = roots[0] if roots else visible_units(user).filter(kind=UnitKind.FEDERATION).first()
    if root is None:
        return render(request, "reporting/home_empty.html", status=200)
    campaign = campaign_current(root if root.kind == UnitKind.FEDERATION else None)
    context = campaign_overview(campaign, root) if campaign else {"root": root}
    return render(request, "reporting/home.html", context)
