"""Who sees and edits an enterprise or an outreach team: the rule of the unit it belongs to
(``unions.access``). A user sees the records of the units they see (others: 404) and edits
those of the units they report for or manage (viewers read only: 403)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from unions.access import AFFAIRS_ROLES, can_do_affairs, can_report, managed_roots, reporter_units, visible_units
from unions.collation import vi_sort_key
from unions.models import Enterprise, Unit, UnitKind

IN_CHARGE_KINDS = (UnitKind.FEDERATION, UnitKind.SUPERIOR)


def in_visible_units(user, queryset: QuerySet) -> QuerySet:
    """The records of ``queryset`` (each with a ``unit``) of the units ``user`` sees."""
    return queryset.filter(unit__in=visible_units(user))


def visible_enterprises(user) -> QuerySet[Enterprise]:
    return in_visible_units(user, Enterprise.objects.all())


def get_visible_or_404(user, queryset: QuerySet, pk: int):
    return get_object_or_404(in_visible_units(user, queryset).select_related("unit"), pk=pk)


def get_visible_enterprise_or_404(user, pk: int) -> Enterprise:
    return get_visible_or_404(user, Enterprise.objects.all(), pk)


def can_edit(user, record) -> bool:
    """Whether ``user`` may change ``record`` (an enterprise, a team): its unit's reporters and managers."""
    return can_report(user, record.unit)


def can_edit_enterprise(user, enterprise: Enterprise) -> bool:
    return can_edit(user, enterprise)


def can_edit_media(user, item) -> bool:
    return can_do_affairs(user, item.unit)


def get_editable_or_404(user, queryset: QuerySet, pk: int, *, may_edit=can_edit):
    """The record ``pk`` for a user who may change it (``may_edit``): 404 outside what they
    see, 403 to read only."""
    record = get_visible_or_404(user, queryset, pk)
    if not may_edit(user, record):
        raise PermissionDenied(_("Bạn chỉ được xem, không được sửa."))
    return record


def units_in_charge(user, *, affairs: bool = False) -> list[Unit]:
    """The units a user may put enterprises or teams in the charge of: their own reporting
    units, and every federation or direct-superior union active today under the units they
    manage. ``affairs``: the units whose media work they may log instead (the managers' and the
    Professional Affairs Board's, not the reporters')."""
    today = timezone.localdate()
    units = {} if affairs else {u.pk: u for u in reporter_units(user) if u.kind in IN_CHARGE_KINDS}
    roots = managed_roots(user, AFFAIRS_ROLES) if affairs else managed_roots(user)
    if user.is_superuser and not roots:
        roots = list(Unit.objects.filter(kind=UnitKind.FEDERATION))
    for root in roots:
        for unit in Unit.objects.under(root).filter(kind__in=IN_CHARGE_KINDS).active_on(today):
            units.setdefault(unit.pk, unit)
    return sorted(units.values(), key=lambda u: (u.kind != UnitKind.FEDERATION, vi_sort_key(u.name)))
