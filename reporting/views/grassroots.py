"""The new grassroots unions of a weekly report: registering one, correcting or taking it back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from campaign.models import PeriodKind
from config.forms import add_service_errors
from reporting import foundings
from reporting.access import get_report_context_or_404
from reporting.forms import GrassrootsEditForm, GrassrootsRegisterForm
from reporting.models import Founding
from reporting.views.common import entering, refuse_entry, report_url


@login_required
@entering
def grassroots_new(request, unit, period, report):
    if period.kind != PeriodKind.WEEK:
        raise Http404("new grassroots unions are registered in weekly reports")
    form = GrassrootsRegisterForm(request.POST or None, initial={"recognition_date": period.start})
    if request.method == "POST" and form.is_valid():
        try:
            foundings.grassroots_register(report=report, unit=unit, period=period, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã đăng ký %(name)s; %(count)s đoàn viên khi thành lập được tính là đoàn viên mới.")
                % {"name": form.cleaned_data["name"], "count": form.cleaned_data["founding_members"]},
            )
            return redirect(report_url(unit, period))
    return render(
        request,
        "reporting/grassroots_new.html",
        {"unit": unit, "period": period, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def grassroots_edit(request, unit_id: int, period_id: int, grassroots_id: int):
    """Correct (or take back) a grassroots union registered from this report, while
    the report takes figures: the board returns or reopens it first when needed."""
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    founding = get_object_or_404(
        Founding.objects.select_related("grassroots"), report=report, grassroots_id=grassroots_id
    ) if report else None
    if founding is None:
        raise Http404("no such registration")
    union = founding.grassroots
    refused = refuse_entry(request, unit, period, report)
    if refused:
        return refused
    form = GrassrootsEditForm(request.POST or None, instance_union=union)
    if request.method == "POST" and request.POST.get("action") == "unregister":
        try:
            foundings.grassroots_unregister(report=report, user=request.user, union=union)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("reporting:grassroots_edit", args=[unit.pk, period.pk, union.pk]))
        messages.success(request, _("Đã bỏ đăng ký %(name)s.") % {"name": union.name})
        return redirect(report_url(unit, period))
    if request.method == "POST" and form.is_valid():
        try:
            foundings.grassroots_update(report=report, user=request.user, union=union, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã sửa thông tin %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect(report_url(unit, period))
    return render(
        request,
        "reporting/grassroots_edit.html",
        {"unit": unit, "period": period, "union": union, "form": form},
        status=400 if form.errors else 200,
    )
