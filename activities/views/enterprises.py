"""The enterprise pages: the list, an enterprise and its visits, the form, the Excel
template and import, the recruitment targets. Scoped by the unit in charge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from activities.access import (
    can_edit_enterprise,
    get_editable_or_404,
    get_visible_enterprise_or_404,
    units_in_charge,
    visible_enterprises,
)
from activities.forms import EnterpriseForm, EnterpriseImportForm, SurveyVisitForm
from activities.selectors import campaigns_for, recruitment_targets
from activities.services import enterprise_save, enterprises_import, visit_record
from activities.views.common import chosen_campaign, paged
from activities.workbook import read_enterprises, template_workbook
from config.forms import add_service_errors
from unions.access import get_visible_unit_or_404
from unions.collation import vi_collate
from unions.models import Enterprise, Sector, Unit
from unions.selectors import enterprises_with_union
from workbooks.archive import UploadRejected

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def enterprise_list(request):
    today = timezone.localdate()
    enterprises = enterprises_with_union(visible_enterprises(request.user), day=today).select_related("unit")
    # The filter's choices: the units with enterprises one sees (one query, whatever their number).
    units = list(Unit.objects.filter(pk__in=enterprises.values("unit_id")).vi_ordered())
    chosen = request.GET.get("unit", "")
    if chosen.isdigit():
        enterprises = enterprises.filter(unit_id=int(chosen))
    sector = request.GET.get("sector", "")
    if sector in Sector.values:
        enterprises = enterprises.filter(sector=sector)
    union = request.GET.get("union", "")
    if union in ("co", "chua"):
        enterprises = enterprises.filter(unionised=union == "co")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        enterprises = enterprises.filter(Q(name__icontains=query) | Q(tax_code__icontains=query))
    enterprises = enterprises.order_by(vi_collate("unit__name"), vi_collate("name"), "tax_code")
    counts = dict(enterprises.values_list("unionised").annotate(n=Count("pk")).order_by())
    page = paged(request, enterprises)
    editable = units_in_charge(request.user)
    return render(request, "activities/enterprise_list.html", {
        "page": page, "units": units, "chosen": chosen, "sector": sector,
        "union": union, "query": query, "sectors": Sector.choices, "unionised": counts.get(True, 0),
        "not_unionised": counts.get(False, 0), "can_add": bool(editable),
    })


def _units_or_403(user) -> list[Unit]:
    units = units_in_charge(user)
    if not units:
        raise PermissionDenied(_("Bạn không phụ trách đơn vị nào để ghi doanh nghiệp."))
    return units


@login_required
def enterprise_new(request):
    units = _units_or_403(request.user)
    form = EnterpriseForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = enterprise_save(enterprise=form.instance, user=request.user, union=form.cleaned_data["union"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm doanh nghiệp %(name)s.") % {"name": enterprise.name})
            return redirect("activities:enterprise", pk=enterprise.pk)
    return render(request, "activities/enterprise_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def enterprise_edit(request, pk: int):
    enterprise = get_editable_or_404(request.user, Enterprise.objects.all(), pk)
    units = _units_or_403(request.user)
    if enterprise.unit not in units:
        units = [enterprise.unit, *units]
    form = EnterpriseForm(request.POST or None, instance=enterprise, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            union = form.cleaned_data["union"]
            enterprise_save(enterprise=form.instance, user=request.user, union=union, unlink=union is None)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu doanh nghiệp %(name)s.") % {"name": enterprise.name})
            return redirect("activities:enterprise", pk=enterprise.pk)
    return render(request, "activities/enterprise_form.html", {"form": form, "enterprise": enterprise},
                  status=400 if form.errors else 200)


def _detail(request, enterprise, visit_form, status=200):
    unions = list(Unit.objects.filter(enterprise=enterprise).order_by("recognition_date", "code")
                  .select_related("founding__report__period"))
    return render(request, "activities/enterprise_detail.html", {
        "enterprise": enterprise, "unions": unions, "visits": enterprise.visits.all(),
        "visit_form": visit_form, "can_edit": can_edit_enterprise(request.user, enterprise),
    }, status=status)


@login_required
@require_safe
def enterprise_detail(request, pk: int):
    enterprise = get_visible_enterprise_or_404(request.user, pk)
    return _detail(request, enterprise, SurveyVisitForm(initial={"visited_on": timezone.localdate()}))


@login_required
@require_POST
def visit_new(request, pk: int):
    enterprise = get_editable_or_404(request.user, Enterprise.objects.all(), pk)
    form = SurveyVisitForm(request.POST)
    if form.is_valid():
        try:
            visit_record(enterprise=enterprise, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi lần khảo sát."))
            return redirect("activities:enterprise", pk=enterprise.pk)
    return _detail(request, enterprise, form, status=400)


def _unit_for_file(request, value, units: list[Unit]) -> Unit:
    """The unit ``value`` names, among ``units`` (those in one's charge): 404 unseen, 403 not in one's charge."""
    unit = get_visible_unit_or_404(request.user, pk=value) if str(value).isdigit() else None
    if unit is None or unit not in units:
        raise PermissionDenied(_("Bạn không phụ trách đơn vị này."))
    return unit


@login_required
@require_safe
def enterprise_template(request):
    units = _units_or_403(request.user)
    unit = _unit_for_file(request, request.GET.get("unit", units[0].pk), units)
    enterprises = list(unit.enterprises.order_by(vi_collate("name"), "tax_code"))
    response = HttpResponse(template_workbook(unit=unit, enterprises=enterprises), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="doanh-nghiep-{unit.code.lower()}.xlsx"'
    return response


@login_required
def enterprise_import(request):
    units = _units_or_403(request.user)
    form = EnterpriseImportForm(request.POST or None, request.FILES or None, units=units)
    errors, status = [], 200
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]  # among the units in one's charge (the form's choices)
        try:
            result = read_enterprises(form.cleaned_data["file"], unit=unit)
            errors = result.errors
            if not errors:
                created, updated = enterprises_import(unit=unit, user=request.user, rows=result.rows)
        except UploadRejected as exc:
            form.add_error("file", str(exc))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if not errors:
                messages.success(request, _("Đã nhập danh sách của %(unit)s: %(created)s doanh nghiệp mới, "
                                            "%(updated)s được cập nhật.")
                                 % {"unit": unit.name, "created": created, "updated": updated})
                return redirect(f"{reverse('activities:enterprises')}?unit={unit.pk}")
    if form.errors or errors:
        status = 400
    return render(request, "activities/enterprise_import.html", {"form": form, "errors": errors}, status=status)


@login_required
@require_safe
def targets(request):
    campaigns = campaigns_for(request.user)
    campaign = chosen_campaign(request, campaigns)
    min_workers = campaign.recruitment_min_workers if campaign else 25
    today = timezone.localdate()
    found = list(recruitment_targets(visible_enterprises(request.user), min_workers=min_workers, day=today))
    by_unit: dict[int, dict] = {}
    for enterprise in found:
        group = by_unit.setdefault(enterprise.unit_id, {"unit": enterprise.unit, "enterprises": [], "workers": 0})
        group["enterprises"].append(enterprise)
        group["workers"] += enterprise.employees
    return render(request, "activities/targets.html", {
        "campaign": campaign, "campaigns": campaigns, "min_workers": min_workers, "groups": list(by_unit.values()),
        "total": len(found), "workers": sum(e.employees for e in found),
    })
