from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import formats, translation

from campaign.selectors import campaign_current

from ..numbers import percent_text
from ..stats import campaign_stats

register = template.Library()


@register.simple_tag
def campaign_headline():
    """The current campaign's headline figures (today), for the admin index."""
    campaign = campaign_current()
    if campaign is None:
        return None
    return campaign_stats(campaign, campaign.federation)


@register.filter
def pct(value) -> str:
    """A percentage from ``reporting.stats`` as every output writes it: "85,3" ("—" when none)."""
    if value is None or value == "":
        return "—"
    return percent_text(value, language=translation.get_language() or "vi")


def _base_params(context) -> dict:
    params = {}
    campaign = context.get("campaign")
    if campaign is not None:
        params["campaign"] = campaign.pk
    as_of = context.get("as_of")
    if as_of is not None:
        params["as_of"] = formats.date_format(as_of, "SHORT_DATE_FORMAT")
    return params


@register.simple_tag(takes_context=True)
def lines_url(context, unit=None, wave=None, grassroots=None, sector=None) -> str:
    """The page of report lines behind a figure of the page (same campaign and day;
    the drilled-down unit's own row unless another ``unit`` is given)."""
    params = _base_params(context)
    unit = unit or context.get("unit")
    if unit is not None:
        params["unit"] = unit.pk
    if wave is not None:
        params["wave"] = wave.pk
    if grassroots is not None:
        params["grassroots"] = grassroots
    if sector is not None:
        params["sector"] = sector
    return f"{reverse('reporting:figure_lines')}?{urlencode(params)}"


@register.simple_tag(takes_context=True)
def dashboard_url(context, unit=None) -> str:
    """The dashboard for the same campaign and day (a unit's drill-down when given)."""
    params = _base_params(context)
    if unit is not None:
        params["unit"] = unit.pk
    return f"{reverse('reporting:dashboard')}?{urlencode(params)}"


@register.simple_tag(takes_context=True)
def with_campaign(context, url_name: str, *args) -> str:
    """``url_name`` reversed, for the page's campaign (``?campaign=``)."""
    campaign = context.get("campaign")
    url = reverse(url_name, args=args)
    return f"{url}?{urlencode({'campaign': campaign.pk})}" if campaign is not None else url
