"""Who sees and edits which enterprise: the rule of the unit in its charge (``unions.access``).

A user sees the enterprises of the units they see (others: 404) and edits those of the
units they report for or manage (viewers read only: 403)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from unions.access import can_report, managed_roots, reporter_units, visible_units
from unions.collation import vi_sort_key
from unions.models import Enterprise, Unit, UnitKind

IN_CHARGE_KINDS = (UnitKind.FEDERATION, UnitKind.SUPERIOR)


def visible_enterprises(user) -> QuerySet[Enterprise]:
    return Enterprise.objects.filter(unit__in=visible_units(user))


def get_visible_enterprise_or_404(user, pk: int) -> Enterprise:
    return get_object_or_404(visible_enterprises(user).select_related("unit"), pk=pk)


def can_edit_enterprise(user, enterprise: Enterprise) -> bool:
    return can_report(user, enterprise.unit)


def units_in_charge(user) -> list[Unit]:
    """The units a user may put enterprises in the charge of: their own reporting units,
    and every federation or direct-superior union active today under the units they manage."""
    today = timezone.localdate()
    units = {u.pk: u for u in reporter_units(user) if u.kind in IN_CHARGE_KINDS}
    roots = managed_roots(user)
    if user.is_superuser and not roots:
        roots = list(Unit.objects.filter(kind=UnitKind.FEDERATION))
    for root in roots:
        for unit in Unit.objects.under(root).filter(kind__in=IN_CHARGE_KINDS).active_on(today):
            units.setdefault(unit.pk, unit)
    return sorted(units.values(), key=lambda u: (u.kind != UnitKind.FEDERATION, vi_sort_key(u.name)))
