"""Who may open which report, and which campaign and units a page of figures
covers. A report is looked up through the units the user may see (a 404
outside them) and only for a period its unit was active in."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Campaign, NationalCampaign, Period
from campaign.selectors import campaigns_of
from unions.access import (
    FIGURE_ROLES,
    MANAGING_ROLES,
    get_visible_unit_or_404,
    highest_unit,
    is_manager,
    managed_roots,
    role_kinds,
)
from unions.models import RoleKind, Unit, UnitKind

from .forms import AsOfForm
from .models import Report

CAMPAIGN_PARAM = "campaign"


def get_report_context_or_404(user, unit_id: int, period_id: int) -> tuple[Unit, Period, Report | None]:
    unit = get_visible_unit_or_404(user, pk=unit_id, kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION])
    period = get_object_or_404(Period.objects.select_related("campaign", "wave"), pk=period_id)
    if not unit.is_active_during(period.start, period.end):
        raise Http404("unit not active in this period")
    report = Report.objects.filter(unit=unit, period=period).first()
    return unit, period, report


class BadDate(ValueError):
    """``?as_of`` is not a date."""


def as_of_param(request, default: datetime.date | None = None) -> datetime.date:
    """``?as_of=`` (or a posted ``as_of``) as people type it (dd/mm/yyyy) or a date picker
    sends it; ``default`` (today when not given) when absent."""
    value = (request.GET.get("as_of") or request.POST.get("as_of") or "").strip()
    if not value:
        return default or timezone.localdate()
    try:
        # The dashboard's form field: one parser, one set of accepted formats.
        return AsOfForm.base_fields["as_of"].clean(value)
    except ValidationError:
        raise BadDate(value) from None


class NoCampaign(Http404):
    """There is no campaign to show yet (pages say so, rather than a 404)."""


def choose_campaign(request, campaigns: list[Campaign]) -> Campaign:
    """The campaign asked for by ``?campaign=`` (one of ``campaigns``), else the newest.
    404 for a campaign the user may not choose, or when there is none."""
    raw = (request.GET.get(CAMPAIGN_PARAM) or request.POST.get(CAMPAIGN_PARAM) or "").strip()
    if raw:
        chosen = next((c for c in campaigns if str(c.pk) == raw), None)
        if chosen is None:
            raise Http404("no such campaign for this user")
        return chosen
    if not campaigns:
        raise NoCampaign("no campaign")
    return campaigns[0]


@dataclass
class FiguresScope:
    """What a page of figures covers: the chosen campaign, the highest unit the
    user reads (the federation for the board, staff and viewers), the campaigns
    to choose from, and whether the user manages (or only reads)."""

    campaign: Campaign
    root: Unit
    campaigns: list[Campaign]
    manages: bool


def figures_scope(request, *, manage: bool = False, affairs: bool = False) -> FiguresScope:
    """The scope of the dashboard, the outputs and the board's pages for this user.

    Board, staff and viewers read the figures; ``manage`` pages (editing the final
    report, reminders, opening entry) are for board and staff only; ``affairs`` pages
    (the emulation score, commendations) are open to the Professional Affairs Board too
    (with ``manage``: the managers and the Board). 403 for anyone else; 404 when there is
    no campaign to show.
    """
    user = request.user
    kinds = MANAGING_ROLES if manage else FIGURE_ROLES
    if affairs:  # the emulation pages: the Professional Affairs Board too
        kinds = kinds | {RoleKind.AFFAIRS}
    if manage and not affairs and not is_manager(user):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra làm được việc này."))
    if not user.is_superuser and not (role_kinds(user) & kinds):
        raise PermissionDenied(_("Chỉ lãnh đạo, Ban Tổ chức - Kiểm tra và người được giao xem mới xem được số liệu tổng hợp."))
    root = highest_unit(user, kinds)
    campaigns = list(campaigns_of(root))
    campaign = choose_campaign(request, campaigns)
    if root is None or not root.path.startswith(campaign.federation.path):
        # A superuser with no role, or the confederation's staff, read the campaign's
        # whole province.
        root = campaign.federation
    return FiguresScope(campaign=campaign, root=root, campaigns=campaigns, manages=is_manager(user))


def campaign_of_unit(request, unit: Unit) -> tuple[Campaign, list[Campaign]]:
    """The campaign chosen for a page about ``unit`` (its federation's campaigns)."""
    campaigns = list(campaigns_of(unit))
    return choose_campaign(request, campaigns), campaigns


@dataclass
class NationalScope:
    """The national campaign a page covers, and those the user may choose between."""

    national: NationalCampaign
    nationals: list[NationalCampaign]


def national_scope(request) -> NationalScope:
    """The national campaign asked for by ``?national=`` (else the newest) among those of
    the confederations where the user reads the figures (board, staff, viewer; a
    superuser: all). Anyone else — a province's staff included — gets a 404: the
    national pages do not exist for them."""
    user = request.user
    nationals = NationalCampaign.objects.select_related("confederation").order_by("-year", "-pk")
    if not user.is_superuser:
        tops = [u.pk for u in managed_roots(user, FIGURE_ROLES) if u.kind == UnitKind.CONFEDERATION]
        nationals = nationals.filter(confederation_id__in=tops)
    nationals = list(nationals)
    raw = (request.GET.get("national") or request.POST.get("national") or "").strip()
    chosen = next((n for n in nationals if str(n.pk) == raw), None) if raw else (nationals[0] if nationals else None)
    if chosen is None:
        raise Http404("no national campaign for this user")
    return NationalScope(national=chosen, nationals=nationals)
