"""The staff's campaign pages: the campaigns of their province, and a new campaign made
from an earlier one (the admin stays for the board's master data)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config.forms import add_service_errors
from unions.access import can_manage, can_report, get_visible_unit_or_404, managed_roots
from unions.models import Unit, UnitKind
from workbooks.archive import UploadRejected
from workbooks.cells import submitted_rows

from .forms import CampaignCopyForm, TargetsUploadForm, WaveFormSet, waves_initial
from .grid import grid_from_form, grid_from_workbook, target_grid, targets_save, template_workbook
from .models import Campaign
from .restructuring import MAX_STEPS, Plan, move_headers, moves_apply, read_moves
from .services import campaign_copy


def _managed_campaigns(user) -> list[Campaign]:
    """The campaigns whose federation ``user`` manages (board or staff of it or above)."""
    campaigns = Campaign.objects.select_related("federation").prefetch_related("waves").order_by("-year", "-pk")
    return [c for c in campaigns if can_manage(user, c.federation)]


def _managed_campaign_or_404(user, pk: int) -> Campaign:
    campaign = get_object_or_404(Campaign.objects.select_related("federation"), pk=pk)
    if not can_manage(user, campaign.federation):
        raise Http404
    return campaign


@login_required
@require_safe
def campaign_list(request):
    campaigns = _managed_campaigns(request.user)
    if not campaigns and not managed_roots(request.user) and not request.user.is_superuser:
        raise PermissionDenied(_("Chỉ Thường trực và Ban Tổ chức quản lý các chiến dịch."))
    return render(request, "campaign/campaign_list.html", {"campaigns": campaigns})


def _year(request, source: Campaign) -> int:
    value = request.GET.get("year", "")
    if value.isascii() and value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return source.year + 1


@login_required
def campaign_copy_view(request, pk: int):
    source = _managed_campaign_or_404(request.user, pk)
    year = _year(request, source)
    if request.method == "POST":
        form = CampaignCopyForm(request.POST)
        waves = WaveFormSet(request.POST, prefix="waves")
    else:
        form = CampaignCopyForm(initial=CampaignCopyForm.initial_for(source, year))
        waves = WaveFormSet(initial=waves_initial(source, year), prefix="waves")
    if request.method == "POST" and form.is_valid() and waves.is_valid():
        kept = [w for w in waves.cleaned_data if w.get("keep")]
        data = form.cleaned_data
        try:
            campaign, copied = campaign_copy(
                source=source, name=data["name"], year=data["year"], plan_number=data["plan_number"],
                plan_date=data["plan_date"], legal_basis=data["legal_basis"],
                final_report_due=data["final_report_due"], waves=kept, targets=data["targets"],
                factor=data["factor"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo chiến dịch “%(name)s” với %(waves)s đợt và %(targets)s chỉ tiêu.") % {
                "name": campaign.name, "waves": len(kept), "targets": copied.copied,
            })
            if copied.passed:
                messages.info(request, _("%(count)s chỉ tiêu của đơn vị đã giải thể được chuyển cho đơn vị kế thừa.")
                              % {"count": copied.passed})
            if copied.skipped_units:
                messages.warning(request, _("Không chép chỉ tiêu của đơn vị đã giải thể không có đơn vị kế thừa: "
                                            "%(units)s.") % {"units": ", ".join(copied.skipped_units)})
            return redirect("campaign:targets", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "campaign/campaign_copy.html", {
        "source": source, "form": form, "waves": waves, "year": year,
    }, status=status)


# --- the targets in one grid ---------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _grid_page(request, grid, *, status=200, uploaded=False):
    return render(request, "campaign/targets.html", {
        "campaign": grid.campaign, "grid": grid, "totals": grid.totals(), "uploaded": uploaded,
        "changes": len(grid.changes()) if uploaded else 0, "upload_form": TargetsUploadForm(),
    }, status=status)


@login_required
def targets_view(request, pk: int):
    campaign = _managed_campaign_or_404(request.user, pk)
    if request.method != "POST":
        return _grid_page(request, target_grid(campaign))
    grid = grid_from_form(campaign, request.POST)
    if grid.has_errors:
        return _grid_page(request, grid, status=400)
    created, changed, removed = targets_save(grid)
    messages.success(request, _("Đã lưu chỉ tiêu: %(created)s mới, %(changed)s thay đổi, %(removed)s bỏ.") % {
        "created": created, "changed": changed, "removed": removed,
    })
    return redirect("campaign:targets", pk=campaign.pk)


@login_required
def unit_targets_view(request, pk: int, unit_pk: int):
    """A direct-superior union's targets split down to its grassroots unions: by the union's own
    reporters or the province's managers."""
    campaign = get_object_or_404(Campaign.objects.select_related("federation"), pk=pk)
    unit = get_visible_unit_or_404(request.user, pk=unit_pk, kind=UnitKind.SUPERIOR)
    if not unit.path.startswith(campaign.federation.path):
        raise Http404
    if not (can_manage(request.user, unit) or can_report(request.user, unit)):
        raise PermissionDenied(_("Chỉ cán bộ báo cáo của đơn vị và Ban Tổ chức chia chỉ tiêu của đơn vị."))
    if request.method != "POST":
        return _grid_page(request, target_grid(campaign, unit=unit))
    grid = grid_from_form(campaign, request.POST, unit=unit)
    if grid.has_errors:
        return _grid_page(request, grid, status=400)
    created, changed, removed = targets_save(grid)
    messages.success(request, _("Đã lưu chỉ tiêu: %(created)s mới, %(changed)s thay đổi, %(removed)s bỏ.") % {
        "created": created, "changed": changed, "removed": removed,
    })
    return redirect("campaign:unit_targets", pk=campaign.pk, unit_pk=unit.pk)


@login_required
@require_safe
def unit_targets_current(request, unit_pk: int):
    """A unit's split of its targets in its province's latest campaign (the unit page's link)."""
    unit = get_visible_unit_or_404(request.user, pk=unit_pk, kind=UnitKind.SUPERIOR)
    campaign = next((c for c in Campaign.objects.select_related("federation").order_by("-year", "-pk")
                     if unit.path.startswith(c.federation.path)), None)
    if campaign is None:
        raise Http404
    return redirect("campaign:unit_targets", pk=campaign.pk, unit_pk=unit.pk)


@login_required
@require_safe
def targets_template(request, pk: int):
    campaign = _managed_campaign_or_404(request.user, pk)
    response = HttpResponse(template_workbook(target_grid(campaign)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="chi-tieu-{campaign.year}-{campaign.pk}.xlsx"'
    return response


@login_required
@require_POST
def targets_upload(request, pk: int):
    """The uploaded sheet shown in the grid, checked and not saved: the staff read it, then save."""
    campaign = _managed_campaign_or_404(request.user, pk)
    form = TargetsUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        grid = target_grid(campaign)
        grid.errors.extend(e for errors in form.errors.values() for e in errors)
        return _grid_page(request, grid, status=400)
    try:
        grid = grid_from_workbook(campaign, form.cleaned_data["file"])
    except UploadRejected as exc:
        grid = target_grid(campaign)
        grid.errors.append(str(exc))
        return _grid_page(request, grid, status=400)
    return _grid_page(request, grid, status=400 if grid.has_errors else 200, uploaded=True)


# --- a restructuring as one dated move list ---------------------------------------------------------------


@login_required
def restructuring(request):
    """Moves and ends pasted or uploaded, shown as they would be applied, then confirmed."""
    if not managed_roots(request.user) and not request.user.is_superuser:
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức sắp xếp lại đơn vị."))
    plan, status = None, 200
    initial = ""
    unit_code = request.GET.get("unit", "")
    if unit_code:
        unit = Unit.objects.filter(code=unit_code[:64]).first()
        if unit is not None and can_manage(request.user, unit):
            initial = f"{unit.code};;{timezone.localdate().strftime('%d/%m/%Y')};"
    if request.method == "POST":
        try:
            rows = submitted_rows(request, MAX_STEPS)
        except UploadRejected as exc:
            plan = Plan(errors=[str(exc)])
        else:
            plan = read_moves(rows, user=request.user)
        if plan.valid and request.POST.get("confirm") == "1":
            try:
                count = moves_apply(plan)
            except ValidationError as exc:
                plan.errors.extend(exc.messages)
            else:
                messages.success(request, _("Đã áp dụng %(count)s thay đổi của cây đơn vị.") % {"count": count})
                return redirect("campaign:restructuring")
        status = 200 if plan.valid else 400
    return render(request, "campaign/restructuring.html", {
        "plan": plan, "headers": move_headers(), "box": plan.text if plan else initial,
    }, status=status)
