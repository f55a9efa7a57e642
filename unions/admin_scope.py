"""The admin within the part of the tree a user manages.

A province's board and staff keep their province's master data in the admin. With the
provinces of the whole confederation in one app, each sees and changes only its own:
the lists, an object's page and its history, the choices of a foreign key (a select or
an autocomplete) and those of a list filter. The reach is the app's rule
(``access.managed_roots``: a board or staff role on a unit reaches every unit below it);
a superuser has no limit, the confederation's managers see every province under it.
An object outside the reach does not exist for the user (the admin says so and goes
back to its list); its history is refused.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from .access import managed_roots, path_ids
from .models import Unit


def admin_roots(user) -> list[Unit] | None:
    """The units whose trees ``user`` manages in the admin; None for a superuser (all)."""
    if user.is_superuser:
        return None
    return managed_roots(user)


def within_q(user, path_lookup: str) -> Q:
    """The objects whose unit (reached by ``path_lookup``, a lookup ending in the unit's
    ``path``) stands within ``user``'s roots."""
    roots = admin_roots(user)
    if roots is None:
        return Q()
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{path_lookup}__startswith": root.path}) for root in roots))


def above_q(user, unit_lookup: str) -> Q:
    """The objects whose unit (``unit_lookup``, a foreign key to ``Unit``) is one of
    ``user``'s roots or stands above one: a national campaign, for a province."""
    roots = admin_roots(user)
    if roots is None:
        return Q()
    return Q(**{f"{unit_lookup}__in": {pk for root in roots for pk in path_ids(root)}})


def _choices_q(user, model) -> Q | None:
    """The choices ``user`` may pick for a foreign key to ``model`` (None: no limit)."""
    from campaign.models import Campaign, NationalCampaign, Period, Wave

    if model is Unit:
        return within_q(user, "path")
    if model is Campaign:
        return within_q(user, "federation__path")
    if model in (Wave, Period):
        return within_q(user, "campaign__federation__path")
    if model is NationalCampaign:
        return above_q(user, "confederation")
    return None


class ScopedChoicesMixin:
    """Foreign keys to units and campaigns offer only those within the user's reach, and
    refuse any other (the form validates against the same choices)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        where = _choices_q(request.user, db_field.related_model)
        if field is not None and where is not None:
            field.queryset = field.queryset.filter(where)
        return field


class ScopedAdminMixin(ScopedChoicesMixin):
    """A model admin showing only the objects within the user's reach.

    ``scope_path``: the lookup from the model to the path of the unit that places an
    object in the tree (``"unit__path"``, ``"campaign__federation__path"``...).
    ``scope_distinct``: the lookup crosses a many-valued relation.
    """

    scope_path: str = ""
    scope_distinct = False

    def scope_q(self, request) -> Q:
        return within_q(request.user, self.scope_path)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(self.scope_q(request))
        return queryset.distinct() if self.scope_distinct else queryset

    def _within(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    # The object pages (and simple-history's history, which would otherwise show the
    # records of any object named in its URL) check the object too.
    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._within(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._within(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._within(request, obj)

