"""Reads of the organisation tree shared by views, exports and commands."""

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Enterprise, Unit, UnitKind, active_during_q


def units_under_on(unit: Unit, day: datetime.date, *, kind: str | None = None) -> QuerySet[Unit]:
    """Units that stood below ``unit`` on ``day`` and were active then.

    Uses the dated placements, so a grassroots union moved on 01/07/2025 is
    under its district in May and under its commune in July.
    """
    qs = Unit.objects.active_on(day).filter(
        Q(placements__valid_to__isnull=True) | Q(placements__valid_to__gte=day),
        placements__valid_from__lte=day,
        placements__parent__path__startswith=unit.path,
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def parent_on(unit: Unit, day: datetime.date) -> Unit | None:
    """The unit's parent on ``day`` (None for the federation or before it existed)."""
    placement = (
        unit.placements.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)
        .select_related("parent")
        .first()
    )
    return placement.parent if placement else None


def reporting_units_on(root: Unit, day: datetime.date) -> QuerySet[Unit]:
    """Direct-superior unions active on ``day`` below ``root``."""
    return units_under_on(root, day, kind=UnitKind.SUPERIOR).vi_ordered()


def children_on(unit: Unit, day: datetime.date, *, kind: str | None = None) -> QuerySet[Unit]:
    """Units standing directly under ``unit`` on ``day`` and active then."""
    qs = Unit.objects.active_on(day).filter(
        Q(placements__valid_to__isnull=True) | Q(placements__valid_to__gte=day),
        placements__valid_from__lte=day,
        placements__parent=unit,
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.vi_ordered()


def children_during(unit: Unit, start: datetime.date, end: datetime.date, *, kind: str | None = None) -> QuerySet[Unit]:
    """Units that stood directly under ``unit`` at some time between ``start`` and
    ``end`` while active (a union recognised mid-week is in that week's report)."""
    qs = Unit.objects.filter(
        active_during_q(start, end),
        Q(placements__valid_to__isnull=True) | Q(placements__valid_to__gte=start),
        placements__valid_from__lte=end,
        placements__parent=unit,
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.distinct().vi_ordered()


def unionised_on(day: datetime.date) -> Exists:
    """The one rule for "an enterprise has a grassroots union" on ``day``: a grassroots
    union of the registry, active that day, is linked to it (``Unit.enterprise``)."""
    return Exists(
        Unit.objects.filter(active_during_q(day, day), enterprise=OuterRef("pk"), kind=UnitKind.GRASSROOTS)
    )


def enterprises_with_union(queryset: QuerySet[Enterprise] | None = None, *, day: datetime.date) -> QuerySet[Enterprise]:
    """``queryset`` (every enterprise by default) with ``unionised`` (``unionised_on(day)``)."""
    queryset = Enterprise.objects.all() if queryset is None else queryset
    return queryset.annotate(unionised=unionised_on(day))
