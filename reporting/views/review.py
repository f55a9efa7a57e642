"""Review of a report by the board (return, approve, reopen), a reporter's request to open entry, a report's history."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reporting import reminders, services
from reporting.access import get_report_context_or_404
from reporting.forms import ReasonForm
from reporting.views.common import report_url
from unions.access import can_manage, can_report


def _review(request, unit_id, period_id, action):
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if not can_manage(request.user, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xử lý được báo cáo."))
    form = ReasonForm(request.POST)
    if report is None and action != "reopen":
        messages.error(request, _("Đơn vị chưa có báo cáo kỳ này."))
        return redirect(report_url(unit, period))
    try:
        if action == "approve":
            services.report_approve(report=report, user=request.user)
            messages.success(request, _("Đã duyệt báo cáo; báo cáo đã được khóa."))
        elif not form.is_valid():
            messages.error(request, _("Hãy ghi lý do."))
        elif action == "return":
            services.report_return(report=report, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
        else:
            services.entry_open(
                unit=unit, period=period, user=request.user, reason=form.cleaned_data["reason"], report=report
            )
            messages.success(request, _("Đã mở nhập liệu để đơn vị nhập và nộp báo cáo."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(report_url(unit, period))


@login_required
@require_POST
def report_return(request, unit_id: int, period_id: int):
    return _review(request, unit_id, period_id, "return")


@login_required
@require_POST
def report_approve(request, unit_id: int, period_id: int):
    return _review(request, unit_id, period_id, "approve")


@login_required
@require_POST
def report_reopen(request, unit_id: int, period_id: int):
    return _review(request, unit_id, period_id, "reopen")


@login_required
@require_POST
def entry_request(request, unit_id: int, period_id: int):
    """A reporter asks the board to open entry for a closed period."""
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if not can_report(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền nhập báo cáo của đơn vị này."))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do đề nghị."))
        return redirect(report_url(unit, period))
    try:
        item = services.entry_request_create(
            unit=unit, period=period, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(report_url(unit, period))
    reminders.entry_request_notify(item, base_url=getattr(settings, "SITE_URL", "") or request.build_absolute_uri("/"))
    messages.success(request, _("Đã gửi đề nghị mở nhập liệu đến Ban Tổ chức - Kiểm tra."))
    return redirect(report_url(unit, period))


@login_required
def report_history(request, unit_id: int, period_id: int):
    from reporting.history import report_changes

    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    changes = report_changes(report) if report else []
    return render(request, "reporting/history.html", {"unit": unit, "period": period, "report": report, "changes": changes})
