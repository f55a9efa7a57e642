"""What the enterprise pages read: the list with its union, and the recruitment targets."""

import datetime

from django.db.models import Max, QuerySet

from campaign.models import Campaign
from unions.access import path_ids, roles_of
from unions.collation import vi_collate
from unions.models import Enterprise
from unions.selectors import enterprises_with_union


def recruitment_targets(enterprises: QuerySet[Enterprise], *, min_workers: int, day: datetime.date) -> QuerySet[Enterprise]:
    """The recruitment targets among ``enterprises``: at least ``min_workers`` workers and no
    grassroots union on ``day`` — one registered for it takes it off the list."""
    return (
        enterprises_with_union(enterprises, day=day)
        .filter(unionised=False, employees__gte=min_workers)
        .annotate(last_visit=Max("visits__visited_on"))
        .select_related("unit")
        .order_by(vi_collate("unit__name"), "-employees", "tax_code")
    )


def campaigns_for(user) -> list[Campaign]:
    """The campaigns of the provinces a user belongs to, the latest first."""
    campaigns = Campaign.objects.select_related("federation").order_by("-year", "-pk")
    if not user.is_superuser:
        ids = {pk for role in roles_of(user) for pk in path_ids(role.unit)}
        campaigns = campaigns.filter(federation_id__in=ids)
    return list(campaigns)
