from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from reporting.access import NoCampaign, campaign_of_unit
from reporting.obligations import periods_owed
from reporting.selectors import campaign_overview, reporter_overview
from unions.access import highest_unit_seen, is_manager, is_within, reporter_units


@login_required
def home(request):
    """Board, staff and viewers see the campaign at a glance; reporters their unit.
    The campaign is the one chosen (``?campaign=``), else the newest."""
    user = request.user
    reporting_for = reporter_units(user)
    if reporting_for and not is_manager(user):
        try:
            campaign, campaigns = campaign_of_unit(request, reporting_for[0])
        except NoCampaign:
            campaign, campaigns = None, []
        units = [u for u in reporting_for if campaign is None or is_within(u, campaign.federation_id)]
        return render(
            request,
            "reporting/home_reporter.html",
            {
                "campaign": campaign,
                "campaigns": campaigns,
                "units": [
                    reporter_overview(campaign, unit, periods_owed(campaign, unit) if campaign else []) for unit in units
                ],
            },
        )
    root = highest_unit_seen(user)
    if root is None:
        return render(request, "reporting/home_empty.html", status=200)
    try:
        campaign, campaigns = campaign_of_unit(request, root)
    except NoCampaign:
        return render(request, "reporting/home.html", {"root": root})
    if not root.path.startswith(campaign.federation.path):  # the confederation: the chosen province's page
        root = campaign.federation
    context = campaign_overview(campaign, root)
    context["campaigns"] = campaigns
    return render(request, "reporting/home.html", context)
