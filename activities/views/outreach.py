"""The outreach teams: the list with each team's totals, a team with its roster and visits,
the team's form, recording a visit. Scoped by the team's unit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from activities.access import can_edit, get_editable_or_404, get_visible_or_404, in_visible_units, units_in_charge
from activities.forms import MemberFormSet, OutreachTeamForm, OutreachVisitForm
from activities.models import OutreachTeam
from activities.selectors import OutreachTotals, campaigns_for, team_totals
from activities.services import outreach_visit_record, team_save
from activities.views.common import chosen_campaign
from config.forms import add_service_errors
from unions.collation import vi_sort_key

TEAMS = OutreachTeam.objects.select_related("unit", "wave", "campaign")


@login_required
@require_safe
def team_list(request):
    campaigns = campaigns_for(request.user)
    campaign = chosen_campaign(request, campaigns)
    teams = list(in_visible_units(request.user, TEAMS.filter(campaign=campaign))) if campaign else []
    totals = team_totals(teams)
    groups: dict[int, dict] = {}
    for team in sorted(teams, key=lambda t: (vi_sort_key(t.unit.name), vi_sort_key(t.name))):
        group = groups.setdefault(team.unit_id, {"unit": team.unit, "rows": [], "total": OutreachTotals()})
        group["rows"].append((team, totals[team.pk]))
        group["total"].add(totals[team.pk])
    whole = OutreachTotals()
    for group in groups.values():
        whole.add(group["total"])
    return render(request, "activities/team_list.html", {
        "campaign": campaign, "campaigns": campaigns, "groups": list(groups.values()), "whole": whole,
        "can_add": bool(units_in_charge(request.user)) and bool(campaigns),
    })


def _team_form(request, team=None):
    units, campaigns = units_in_charge(request.user), campaigns_for(request.user)
    if not units or not campaigns:
        raise PermissionDenied(_("Bạn không phụ trách đơn vị nào để lập đoàn."))
    if team is not None and team.unit not in units:
        units = [team.unit, *units]
    form = OutreachTeamForm(request.POST or None, instance=team, units=units, campaigns=campaigns)
    members = MemberFormSet(request.POST or None, instance=team or OutreachTeam(), prefix="tv")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        try:
            saved = team_save(team=form.instance, members=members, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu đoàn %(name)s.") % {"name": saved.name})
            return redirect("activities:team", pk=saved.pk)
    failed = bool(form.errors or any(members.errors) or members.non_form_errors())
    return render(request, "activities/team_form.html", {"form": form, "members": members, "team": team},
                  status=400 if failed else 200)


@login_required
def team_new(request):
    return _team_form(request)


@login_required
def team_edit(request, pk: int):
    return _team_form(request, get_editable_or_404(request.user, TEAMS, pk))


def _detail(request, team, visit_form, status=200):
    visits = list(team.visits.select_related("enterprise", "founded"))
    return render(request, "activities/team_detail.html", {
        "team": team, "members": team.members.all(), "visits": visits, "totals": team_totals([team])[team.pk],
        "visit_form": visit_form, "can_edit": can_edit(request.user, team),
    }, status=status)


@login_required
@require_safe
def team_detail(request, pk: int):
    team = get_visible_or_404(request.user, TEAMS, pk)
    return _detail(request, team, OutreachVisitForm(team=team, initial={"visited_on": timezone.localdate()}))


@login_required
@require_POST
def outreach_visit_new(request, pk: int):
    team = get_editable_or_404(request.user, TEAMS, pk)
    form = OutreachVisitForm(request.POST, team=team)
    if form.is_valid():
        try:
            outreach_visit_record(visit=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi buổi tuyên truyền, vận động."))
            return redirect("activities:team", pk=team.pk)
    return _detail(request, team, form, status=400)
