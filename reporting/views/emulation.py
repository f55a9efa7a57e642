"""The emulation score and the commendations: the ranking with every score's parts, the formula's
form, the proposals and the board's decisions, the Excel list for the emulation council."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.forms import add_service_errors
from reporting.access import figures_scope
from reporting.commendations import commendation_decide, commendation_propose, commendations_of, formula_save
from reporting.emulation import emulation, formula_of
from reporting.exports.commendations import commendations_export
from reporting.forms import CommendationForm, DecisionForm, EmulationFormulaForm
from reporting.models import Commendation
from reporting.views.common import download
from reporting.views.dashboard import as_of_from
from unions.access import can_decide, can_do_affairs

PAGE_SIZE = 50


@login_required
@require_safe
def emulation_page(request):
    scope = figures_scope(request, affairs=True)
    form, as_of = as_of_from(request)
    result = emulation(scope.campaign, scope.root, as_of=as_of)
    grassroots = Paginator(result.grassroots, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reporting/emulation.html", {
        "campaign": scope.campaign, "scope": scope, "form": form, "as_of": as_of, "result": result,
        "grassroots": grassroots, "manages": scope.manages,
    })


@login_required
def formula_edit(request):
    scope = figures_scope(request, manage=True)
    formula = formula_of(scope.campaign)
    form = EmulationFormulaForm(request.POST or None, instance=formula)
    if request.method == "POST" and form.is_valid():
        try:
            formula_save(formula=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu công thức điểm thi đua."))
            return redirect(f"{reverse('reporting:emulation')}?campaign={scope.campaign.pk}")
    return render(request, "reporting/emulation_formula.html", {"form": form, "campaign": scope.campaign},
                  status=400 if form.errors else 200)


def _commendations(request, scope, form=None, status=200):
    proposals = commendations_of(scope.campaign, scope.root)
    may_propose = can_do_affairs(request.user, scope.root)
    return render(request, "reporting/commendations.html", {
        "campaign": scope.campaign, "scope": scope, "proposals": proposals,
        "form": form or (CommendationForm(root=scope.root) if may_propose else None),
        "may_decide": can_decide(request.user, scope.campaign.federation), "decision_form": DecisionForm(),
    }, status=status)


@login_required
@require_safe
def commendation_list(request):
    return _commendations(request, figures_scope(request, affairs=True))


@login_required
@require_POST
def commendation_new(request):
    scope = figures_scope(request, affairs=True)
    if not can_do_affairs(request.user, scope.root):
        raise PermissionDenied(_("Chỉ Ban Nghiệp vụ và lãnh đạo, Ban Tổ chức đề nghị khen thưởng."))
    form = CommendationForm(request.POST, root=scope.root, instance=Commendation(campaign=scope.campaign))
    if form.is_valid():
        try:
            commendation_propose(commendation=form.instance, user=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi đề nghị khen thưởng."))
            return redirect(f"{reverse('reporting:commendations')}?campaign={scope.campaign.pk}")
    return _commendations(request, scope, form, status=400)


@login_required
@require_POST
def commendation_decision(request, pk: int):
    scope = figures_scope(request, affairs=True)
    commendation = get_object_or_404(
        Commendation.objects.select_related("campaign__federation"), pk=pk, campaign=scope.campaign,
        unit__path__startswith=scope.root.path,
    )
    if not can_decide(request.user, commendation.campaign.federation):
        raise PermissionDenied(_("Chỉ lãnh đạo (Ban Thường vụ) quyết định khen thưởng."))
    form = DecisionForm(request.POST)
    url = f"{reverse('reporting:commendations')}?campaign={scope.campaign.pk}"
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(url)
    try:
        commendation_decide(commendation=commendation, user=request.user, approve=form.cleaned_data["action"] == "approve",
                            decision_number=form.cleaned_data["decision_number"],
                            decision_date=form.cleaned_data["decision_date"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ghi quyết định."))
    return redirect(url)


@login_required
@require_safe
def commendations_xlsx(request):
    scope = figures_scope(request, affairs=True)
    _form, as_of = as_of_from(request)
    return download(commendations_export(emulation(scope.campaign, scope.root, as_of=as_of)))
