"""Who may open which report. A report is looked up through the units the user
may see (a 404 outside them) and only for a period its unit was active in."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Campaign, Period
from campaign.selectors import campaign_current
from unions.access import MANAGING_ROLES, get_visible_unit_or_404, is_manager, roles_of
from unions.models import Unit, UnitKind

from .models import Report


def get_report_context_or_404(user, unit_id: int, period_id: int) -> tuple[Unit, Period, Report | None]:
    unit = get_visible_unit_or_404(user, pk=unit_id, kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION])
    period = get_object_or_404(Period.objects.select_related("campaign", "wave"), pk=period_id)
    if unit.active_from > period.end or (unit.active_to and unit.active_to < period.start):
        raise Http404("unit not active in this period")
    report = Report.objects.filter(unit=unit, period=period).first()
    return unit, period, report


class BadDate(ValueError):
    """``?as_of`` is not a date."""


def as_of_param(request) -> datetime.date:
    """``?as_of=`` as people type it (dd/mm/yyyy) or a date picker sends it; today when absent."""
    value = request.GET.get("as_of", "").strip()
    if not value:
        return timezone.localdate()
    try:
        return forms.DateField().clean(value)
    except ValidationError:
        raise BadDate(value) from None


def managed_scope(user) -> tuple[Campaign, Unit]:
    """The current campaign and the highest unit ``user`` manages (the federation
    for board and staff; a superuser with no role gets the federation too).
    403 for anyone who manages nothing, 404 when there is no campaign."""
    if not is_manager(user):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xem được số liệu tổng hợp."))
    managed = [r.unit for r in roles_of(user) if r.role in MANAGING_ROLES]
    root = min(managed, key=lambda u: len(u.path), default=None)
    campaign = campaign_current(root if root is not None and root.kind == UnitKind.FEDERATION else None)
    if campaign is None:
        raise Http404("no campaign")
    return campaign, root or campaign.federation
