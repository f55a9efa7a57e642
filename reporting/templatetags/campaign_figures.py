from django import template

from campaign.selectors import campaign_current

from ..stats import campaign_stats

register = template.Library()


@register.simple_tag
def campaign_headline():
    """The current campaign's headline figures (today), for the admin index."""
    campaign = campaign_current()
    if campaign is None:
        return None
    return campaign_stats(campaign, campaign.federation)
