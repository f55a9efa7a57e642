"""What a user may see and do in the organisation tree.

A role on a unit reaches that unit and everything below it, today and in the
past (a grassroots union that stood under a district in May stays visible to
that district's staff). Board and staff roles on the federation see the whole
province. Lookups go through ``get_visible_unit_or_404`` so an outsider gets a
404, never a hint that the unit exists.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from .models import Role, RoleKind, Unit, UnitKind

MANAGING_ROLES = {RoleKind.BOARD, RoleKind.STAFF}
# Who reads the figures (dashboard, outputs): the managers, and viewers read-only.
FIGURE_ROLES = MANAGING_ROLES | {RoleKind.VIEWER}
# Who logs the media work and proposes commendations: the managers and the Professional Affairs Board.
AFFAIRS_ROLES = MANAGING_ROLES | {RoleKind.AFFAIRS}


def roles_of(user) -> list[Role]:
    """The user's roles, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_union_roles_cache", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user).select_related("unit"))
        user._union_roles_cache = cached
    return cached


def role_kinds(user) -> set[str]:
    return {role.role for role in roles_of(user)}


def is_manager(user) -> bool:
    """Board or staff somewhere (they see a campaign-wide home page)."""
    return user.is_superuser or bool(role_kinds(user) & MANAGING_ROLES)


def can_see_figures(user) -> bool:
    """Board, staff or viewer somewhere: they read the dashboard and download the outputs."""
    return user.is_superuser or bool(role_kinds(user) & FIGURE_ROLES)


def can_see_national(user) -> bool:
    """Board, staff or viewer of the confederation: they read the national figures."""
    return user.is_superuser or any(
        r.role in FIGURE_ROLES and r.unit.kind == UnitKind.CONFEDERATION for r in roles_of(user)
    )


def managed_roots(user, kinds: set[str] = MANAGING_ROLES, *, within: Unit | None = None) -> list[Unit]:
    """The units on which ``user`` holds one of the roles ``kinds`` (inside ``within``'s
    tree when given). A superuser holds every unit: ``[within]``."""
    if user.is_superuser and within is not None:
        return [within]
    units = [r.unit for r in roles_of(user) if r.role in kinds]
    return [u for u in units if within is None or u.path.startswith(within.path)]


def highest_unit(user, kinds: set[str] = MANAGING_ROLES) -> Unit | None:
    """The highest unit on which ``user`` holds one of the roles ``kinds`` (None without any)."""
    return min(managed_roots(user, kinds), key=lambda u: (u.path.count("/"), u.path), default=None)


def highest_unit_seen(user) -> Unit | None:
    """The unit a user's start page is about: the highest one held in a role other
    than reporter (the federation for board, staff and viewers), else in any role;
    a superuser without a role sees the first federation."""
    kinds = role_kinds(user)
    root = highest_unit(user, kinds - {RoleKind.REPORTER} or kinds)
    return root or visible_units(user).filter(kind=UnitKind.FEDERATION).first()


def path_ids(unit: Unit) -> list[int]:
    """The ids of ``unit`` and of every unit above it in today's tree, from the top
    (the confederation, or the federation when there is none above it): read from
    its materialised path, without a query."""
    return [int(pk) for pk in unit.path.strip("/").split("/") if pk]


def is_within(unit: Unit, top_id: int) -> bool:
    """Whether ``unit`` stands at or below the unit ``top_id`` today (a province's units)."""
    return top_id in path_ids(unit)


def visible_units(user) -> QuerySet[Unit]:
    """Every unit the user may see."""
    if user.is_superuser:
        return Unit.objects.all()
    paths = {role.unit.path for role in roles_of(user)}
    if not paths:
        return Unit.objects.none()
    now = reduce(or_, (Q(path__startswith=p) for p in paths))
    before = reduce(or_, (Q(placements__parent__path__startswith=p) for p in paths))
    ids = Unit.objects.filter(now | before).values("pk")
    return Unit.objects.filter(pk__in=ids)


def get_visible_unit_or_404(user, **lookup) -> Unit:
    return get_object_or_404(visible_units(user), **lookup)


def _holds(user, unit: Unit, kinds: set[str]) -> bool:
    if user.is_superuser:
        return True
    return any(r.role in kinds and unit.path.startswith(r.unit.path) for r in roles_of(user))


def can_manage(user, unit: Unit) -> bool:
    """Board and staff manage the units below their own (set up, review, approve)."""
    return _holds(user, unit, MANAGING_ROLES)


def can_do_affairs(user, unit: Unit) -> bool:
    """The Professional Affairs Board's work on ``unit`` (media, proposals): its holders and the managers."""
    return _holds(user, unit, AFFAIRS_ROLES)


def can_decide(user, unit: Unit) -> bool:
    """The board's decisions on ``unit``'s campaign (commendations): board members only."""
    return _holds(user, unit, {RoleKind.BOARD})


def can_report(user, unit: Unit) -> bool:
    """Reporters enter figures for their own unit; staff may do it for them."""
    if can_manage(user, unit):
        return True
    return any(r.role == RoleKind.REPORTER and r.unit_id == unit.pk for r in roles_of(user))


def reporter_units(user) -> list[Unit]:
    """The units this user reports for (their own units, not those below)."""
    return [r.unit for r in roles_of(user) if r.role == RoleKind.REPORTER]
