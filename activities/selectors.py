"""What the activity pages and the dashboard read: the recruitment targets, the campaigns of a
user's provinces, the outreach teams' totals (per team, per unit, per day)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, QuerySet, Sum

from campaign.models import Campaign
from unions.access import path_ids, roles_of
from unions.collation import vi_collate
from unions.models import Enterprise, Unit
from unions.selectors import enterprises_with_union

from .models import MediaChannel, MediaItem, OutreachTeam, OutreachVisit


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


@dataclass
class OutreachTotals:
    """What a team (or a unit's teams) did: visits, people reached, members recruited, unions founded."""

    unit_name: str = ""
    teams: int = 0
    visits: int = 0
    reached: int = 0
    recruited: int = 0
    founded: int = 0
    founded_ids: list[int] = field(default_factory=list)
    by_day: dict[datetime.date, int] = field(default_factory=dict)  # members recruited on each day
    by_team: dict[int, "OutreachTotals"] = field(default_factory=dict)  # each team's own (unit_name: the team's)

    def add(self, other: "OutreachTotals") -> None:
        for name in ("teams", "visits", "reached", "recruited", "founded"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.founded_ids.extend(other.founded_ids)


def team_totals(teams: list[OutreachTeam], *, as_of: datetime.date | None = None) -> dict[int, OutreachTotals]:
    """Each team's totals (its visits up to ``as_of``, every one without): one query."""
    totals = {team.pk: OutreachTotals(teams=1) for team in teams}
    rows = (
        OutreachVisit.objects.filter(team__in=list(totals), **({"visited_on__lte": as_of} if as_of else {}))
        .values_list("team_id", "workers_reached", "members_recruited", "founded_id")
    )
    for team_id, reached, recruited, founded_id in rows:
        _count(totals[team_id], reached, recruited, founded_id)
    return totals


def _count(totals: OutreachTotals, reached: int, recruited: int, founded_id: int | None) -> None:
    totals.visits += 1
    totals.reached += reached
    totals.recruited += recruited
    if founded_id is not None:
        totals.founded += 1
        totals.founded_ids.append(founded_id)


def _outreach_totals(teams: QuerySet[OutreachTeam], key: str, name: str, as_of: datetime.date) -> dict[int, OutreachTotals]:
    """``teams`` added up by ``key`` (a field of the team: its unit, its campaign) with ``name``
    (that key's name), their visits up to ``as_of`` (with the members recruited on each day,
    ``by_day``, and each team's own totals, ``by_team``): one query, a row per visit (or per team
    without one)."""
    totals: dict[int, OutreachTotals] = {}
    teams_seen: set[int] = set()
    rows = teams.values_list("pk", "name", key, name, "visits__visited_on", "visits__workers_reached",
                             "visits__members_recruited", "visits__founded_id").order_by()
    for team_id, team_name, group, group_name, day, reached, recruited, founded_id in rows:
        bucket = totals.setdefault(group, OutreachTotals(unit_name=group_name))
        team = bucket.by_team.setdefault(team_id, OutreachTotals(unit_name=team_name, teams=1))
        if team_id not in teams_seen:
            teams_seen.add(team_id)
            bucket.teams += 1
        if day is not None and day <= as_of:
            _count(bucket, reached, recruited, founded_id)
            _count(team, reached, recruited, founded_id)
            bucket.by_day[day] = bucket.by_day.get(day, 0) + recruited
    return totals


def outreach_by_unit(campaign: Campaign, root: Unit, *, as_of: datetime.date) -> dict[int, OutreachTotals]:
    """{unit id: the totals of its teams} for the units at or under ``root`` (today's tree)
    with a team in ``campaign``, their visits up to ``as_of``: one query."""
    teams = OutreachTeam.objects.filter(campaign=campaign, unit__path__startswith=root.path)
    return _outreach_totals(teams, "unit_id", "unit__name", as_of)


def outreach_by_campaign(campaign_ids: list[int], *, as_of: datetime.date) -> dict[int, OutreachTotals]:
    """{campaign id: the totals of its teams} (a province's, for the national dashboard): one query."""
    teams = OutreachTeam.objects.filter(campaign_id__in=campaign_ids)
    return _outreach_totals(teams, "campaign_id", "campaign__federation__name", as_of)


@dataclass
class MediaSummary:
    """The media work counted: items and people reached per channel, items per wave."""

    channels: list[tuple[str, str, int, int]]  # (channel, label, items, audience), every channel
    waves: dict[int | None, int]  # wave number (None: outside the waves) → items
    items: int
    audience: int
    cells: dict[tuple[str, int | None], int] = field(default_factory=dict)  # (channel, wave number) → items


def media_summary(items: QuerySet[MediaItem]) -> MediaSummary:
    """``items`` (filtered as wanted) counted per channel and per wave: one query."""
    rows = items.values_list("channel", "wave__number").annotate(n=Count("pk"), people=Sum("audience")).order_by()
    by_channel: dict[str, list[int]] = {}
    waves: dict[int | None, int] = {}
    cells: dict[tuple[str, int | None], int] = {}
    for channel, wave, n, people in rows:
        cells[(channel, wave)] = n
        bucket = by_channel.setdefault(channel, [0, 0])
        bucket[0] += n
        bucket[1] += people or 0
        waves[wave] = waves.get(wave, 0) + n
    channels = [(value, label, *by_channel.get(value, [0, 0])) for value, label in MediaChannel.choices]
    return MediaSummary(channels=channels, waves=dict(sorted(waves.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))),
                        items=sum(c[2] for c in channels), audience=sum(c[3] for c in channels), cells=cells)


def campaign_media(campaign: Campaign, root: Unit, *, as_of: datetime.date | None = None) -> QuerySet[MediaItem]:
    """The media items of ``campaign`` by the units at or under ``root``, published by ``as_of``."""
    items = MediaItem.objects.filter(campaign=campaign, unit__path__startswith=root.path)
    return items if as_of is None else items.filter(published_on__lte=as_of)
