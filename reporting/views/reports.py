"""The report pages: entry grid, narrative, new grassroots unions, Excel, workflow, history."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaign.models import PeriodKind
from campaign.selectors import campaign_current
from reporting import excel, reminders, services
from reporting.access import NoCampaign, campaign_of_unit, figures_scope, get_report_context_or_404
from reporting.forms import (
    NARRATIVE_FIELDS,
    GrassrootsEditForm,
    GrassrootsRegisterForm,
    ReasonForm,
    ReportForm,
    UploadForm,
)
from reporting.models import ENTRY_KINDS, EntryRequest, Founding, Report, ReportStatus
from reporting.obligations import periods_owed
from reporting.selectors import foundings_in, report_rows, summed_figures, totals_of
from reporting.validation import check_warnings
from unions.access import can_manage, can_report, federation_id_of, is_manager, reporter_units, visible_units
from unions.models import Unit

UPLOAD_SESSION_KEY = "report-upload"
REVIEW_PAGE_SIZE = 100


def _url(unit, period, name="reporting:report"):
    return reverse(name, args=[unit.pk, period.pk])


def _page(request, unit, period, report, *, form=None, conflict=None, status=200, upload=None):
    """Render the report page (with a bound form after a failed POST)."""
    rows = report_rows(unit, period, report)
    has_figures = period.kind in ENTRY_KINDS
    with_narrative = period.kind != PeriodKind.WEEK
    if form is None:
        initial = {"version": report.version if report else 0}
        if report:
            initial |= {f: getattr(report, f) for f in ("results", "shortcomings", "causes", "proposals", "warning_comment")}
        form = ReportForm(initial=initial, rows=rows, with_figures=has_figures, with_narrative=with_narrative)
    probe = report or Report(unit=unit, period=period)
    refusal = services.entry_refusal(probe, request.user)
    now = timezone.now()
    closed = services.is_closed_for(probe, now=now)
    manages = can_manage(request.user, unit)
    pending = EntryRequest.objects.filter(unit=unit, period=period, resolved_at__isnull=True).first()
    warnings = check_warnings(unit, period, rows) if has_figures and report else []
    text_fields = [form[name] for name in NARRATIVE_FIELDS if name in form.fields]
    if warnings or (report and report.warning_comment) or form["warning_comment"].errors:
        text_fields.append(form["warning_comment"])
    context = {
        "unit": unit,
        "period": period,
        "report": report,
        "rows": rows,
        "form": form,
        "grid": [(row, form.cells(row)) for row in rows] if has_figures else [],
        "totals": totals_of(rows),
        "has_figures": has_figures,
        "summed": None if has_figures else summed_figures(unit, period),
        "new_grassroots": (
            [row.grassroots for row in rows if row.founding_members]
            if has_figures
            else [f.grassroots for f in foundings_in(unit, period)]
        ),
        "can_register": period.kind == PeriodKind.WEEK,
        "warnings": warnings,
        "text_fields": text_fields,
        "can_edit": refusal is None,
        "refusal": refusal,
        "can_review": manages,
        # A lock exception: the board opens entry for an approved report, or for a
        # closed period whether or not a report was started.
        "can_open_entry": manages and (closed or (report is not None and report.status == ReportStatus.APPROVED)),
        "can_request_entry": closed and can_report(request.user, unit) and not manages and pending is None,
        "entry_request": pending,
        "is_late": (report.first_submitted_at if report and report.first_submitted_at else now) > period.due_at,
        "is_closed": now >= period.closes_at,
        "conflict": conflict,
        "upload": upload,
        "reason_form": ReasonForm(),
        "upload_form": UploadForm(),
    }
    return render(request, "reporting/report.html", context, status=status)


def _refuse_entry(request, unit, period, report):
    """A redirect with the reason when the user may not enter figures now (403 for
    users who may never report for this unit), else None."""
    refusal = services.entry_refusal(report or Report(unit=unit, period=period), request.user)
    if refusal is None:
        return None
    if not can_report(request.user, unit):
        raise PermissionDenied(refusal)
    messages.error(request, refusal)
    return redirect(_url(unit, period))


def _reporter_campaign(request, units: list[Unit]):
    """The campaign a reporter's pages show: ``?campaign=`` among their federation's campaigns, else the newest."""
    if not units:
        return None, []
    try:
        return campaign_of_unit(request, units[0])
    except NoCampaign:
        return None, []


@login_required
def report_list(request):
    """Reporters: the periods their units owe, in the order they fall due, and their
    statuses. Board and staff: the reports to review."""
    if is_manager(request.user):
        try:
            scope = figures_scope(request, manage=True)
        except NoCampaign:
            return render(request, "reporting/report_list.html", {"campaign": None})
        campaign = scope.campaign
        status = request.GET.get("status", ReportStatus.SUBMITTED)
        reports = (
            Report.objects.filter(unit__in=visible_units(request.user), period__campaign=campaign)
            .select_related("unit", "period", "period__wave", "submitted_by")
            .order_by("-submitted_at", "unit__name")
        )
        if status in ReportStatus.values:
            reports = reports.filter(status=status)
        page = Paginator(reports, REVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "reporting/review_list.html",
            {"campaign": campaign, "scope": scope, "page": page, "reports": page.object_list, "status": status,
             "statuses": ReportStatus.choices},
        )
    units = reporter_units(request.user)
    campaign, campaigns = _reporter_campaign(request, units)
    if campaign is None:
        # No unit to report for (a viewer, say): say so, unless there is no campaign at all.
        return render(request, "reporting/report_list.html", {"campaign": campaign_current(), "blocks": []})
    units = [u for u in units if federation_id_of(u) == campaign.federation_id]
    reports = {
        (r.unit_id, r.period_id): r
        for r in Report.objects.filter(unit__in=units, period__campaign=campaign).only("unit", "period", "status")
    }
    blocks = [
        {"unit": unit, "items": [(p, reports.get((unit.pk, p.pk))) for p in periods_owed(campaign, unit)]}
        for unit in units
    ]
    return render(
        request,
        "reporting/report_list.html",
        {"campaign": campaign, "campaigns": campaigns, "blocks": blocks, "now": timezone.now()},
    )


@login_required
def this_week(request):
    """A reporter's shortcut: the report of the current week (or the last week it owed)."""
    units = reporter_units(request.user)
    campaign, _campaigns = _reporter_campaign(request, units)
    if campaign is None:
        return redirect("reporting:list")
    unit = units[0]
    today = timezone.localdate()
    weeks = [p for p in periods_owed(campaign, unit) if p.kind == PeriodKind.WEEK]
    current = next((p for p in weeks if p.contains(today)), None) or next(
        (p for p in reversed(weeks) if p.end < today), None
    ) or (weeks[0] if weeks else None)
    if current is None:
        return redirect("reporting:list")
    return redirect(_url(unit, current))


@login_required
def report_page(request, unit_id: int, period_id: int):
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if request.method != "POST":
        return _page(request, unit, period, report)
    if not can_report(request.user, unit):
        raise PermissionDenied(_("Bạn không có quyền nhập báo cáo của đơn vị này."))
    action = request.POST.get("action", "save")
    if action == "submit" and report and report.status == ReportStatus.SUBMITTED:
        messages.info(request, _("Báo cáo đã được nộp."))
        return redirect(_url(unit, period))
    rows = report_rows(unit, period, report)
    form = ReportForm(
        request.POST,
        rows=rows,
        with_figures=period.kind in ENTRY_KINDS,
        with_narrative=period.kind != PeriodKind.WEEK,
    )
    if not form.is_valid():
        messages.error(request, _("Chưa lưu: hãy sửa các ô báo lỗi."))
        return _page(request, unit, period, report, form=form, status=400)
    # 0: the page was opened before the report existed; a new report starts at 1.
    version = form.cleaned_data["version"] or 1
    try:
        report = services.report_save(
            report=report,
            unit=unit,
            period=period,
            user=request.user,
            version=version,
            figures=form.cleaned_data.get("figures") if form.with_figures else None,
            narrative=form.narrative(),
            warning_comment=form.cleaned_data["warning_comment"].strip(),
        )
        if action == "submit":
            report = services.report_submit(report=report, user=request.user, version=report.version)
    except services.ReportConflict as conflict:
        messages.error(request, _("Chưa lưu: báo cáo vừa được người khác sửa. Xem các thay đổi bên dưới rồi lưu lại."))
        data = request.POST.copy()
        data["version"] = conflict.report.version
        form = ReportForm(data, rows=rows, with_figures=form.with_figures, with_narrative="results" in form.fields)
        form.is_valid()
        return _page(request, unit, period, conflict.report, form=form, conflict=conflict.changes, status=409)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect(_url(unit, period))
    except ValidationError as exc:
        # Saved as draft, but not submitted: errors or warnings without a comment.
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_url(unit, period))
    if action == "submit":
        messages.success(request, _("Đã nộp báo cáo."))
    else:
        messages.success(request, _("Đã lưu nháp."))
    return redirect(_url(unit, period))


def _add_errors(form, exc: ValidationError) -> None:
    """A service's refusal shown on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def grassroots_new(request, unit_id: int, period_id: int):
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    refused = _refuse_entry(request, unit, period, report)
    if refused:
        return refused
    if period.kind != PeriodKind.WEEK:
        raise Http404("new grassroots unions are registered in weekly reports")
    form = GrassrootsRegisterForm(request.POST or None, initial={"recognition_date": period.start})
    if request.method == "POST" and form.is_valid():
        try:
            services.grassroots_register(report=report, unit=unit, period=period, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Đã đăng ký %(name)s; %(count)s đoàn viên khi thành lập được tính là đoàn viên mới.")
                % {"name": form.cleaned_data["name"], "count": form.cleaned_data["founding_members"]},
            )
            return redirect(_url(unit, period))
    return render(
        request,
        "reporting/grassroots_new.html",
        {"unit": unit, "period": period, "form": form},
        status=400 if form.errors else 200,
    )


def _review(request, unit_id, period_id, action):
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if not can_manage(request.user, unit):
        raise PermissionDenied(_("Chỉ lãnh đạo và Ban Tổ chức - Kiểm tra xử lý được báo cáo."))
    form = ReasonForm(request.POST)
    if report is None and action != "reopen":
        messages.error(request, _("Đơn vị chưa có báo cáo kỳ này."))
        return redirect(_url(unit, period))
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
    return redirect(_url(unit, period))


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
    refused = _refuse_entry(request, unit, period, report)
    if refused:
        return refused
    form = GrassrootsEditForm(request.POST or None, instance_union=union)
    if request.method == "POST" and request.POST.get("action") == "unregister":
        try:
            services.grassroots_unregister(report=report, user=request.user, union=union)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("reporting:grassroots_edit", args=[unit.pk, period.pk, union.pk]))
        messages.success(request, _("Đã bỏ đăng ký %(name)s.") % {"name": union.name})
        return redirect(_url(unit, period))
    if request.method == "POST" and form.is_valid():
        try:
            services.grassroots_update(report=report, user=request.user, union=union, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Đã sửa thông tin %(name)s.") % {"name": form.cleaned_data["name"]})
            return redirect(_url(unit, period))
    return render(
        request,
        "reporting/grassroots_edit.html",
        {"unit": unit, "period": period, "union": union, "form": form},
        status=400 if form.errors else 200,
    )


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
        return redirect(_url(unit, period))
    try:
        item = services.entry_request_create(
            unit=unit, period=period, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(_url(unit, period))
    reminders.entry_request_notify(item, base_url=getattr(settings, "SITE_URL", "") or request.build_absolute_uri("/"))
    messages.success(request, _("Đã gửi đề nghị mở nhập liệu đến Ban Tổ chức - Kiểm tra."))
    return redirect(_url(unit, period))


@login_required
def report_history(request, unit_id: int, period_id: int):
    from reporting.history import report_changes

    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    changes = report_changes(report) if report else []
    return render(request, "reporting/history.html", {"unit": unit, "period": period, "report": report, "changes": changes})


@login_required
def template_download(request, unit_id: int, period_id: int):
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if period.kind not in ENTRY_KINDS:
        raise PermissionDenied(_("Kỳ này không nhập số liệu."))
    content = excel.template_workbook(unit=unit, period=period, rows=report_rows(unit, period, report))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    filename = f"bao-cao-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def upload_preview(request, unit_id: int, period_id: int):
    """Read an uploaded template, show every figure and every error; write nothing."""
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    refused = _refuse_entry(request, unit, period, report)
    if refused:
        return refused
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp Excel đã điền."))
        return redirect(_url(unit, period))
    rows = report_rows(unit, period, report)
    try:
        result = excel.read_upload(form.cleaned_data["file"], unit=unit, period=period, rows=rows)
    except excel.UploadRejected as exc:
        messages.error(request, str(exc))
        return redirect(_url(unit, period))
    version = report.version if report else 0
    if not result.errors:
        request.session[UPLOAD_SESSION_KEY] = {
            "unit": unit.pk,
            "period": period.pk,
            "version": version,
            "figures": result.figures,
        }
    preview = [(row, result.figures.get(row.key, {})) for row in rows]
    return render(
        request,
        "reporting/upload_preview.html",
        {
            "unit": unit,
            "period": period,
            "result": result,
            "preview": preview,
            "totals": {f: sum(v.get(f, 0) for _row, v in preview) for f in services.FIGURES},
            "filename": form.cleaned_data["file"].name,
        },
        status=400 if result.errors else 200,
    )


@login_required
@require_POST
def upload_confirm(request, unit_id: int, period_id: int):
    """Write the previewed upload: all of it, or nothing."""
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    pending = request.session.get(UPLOAD_SESSION_KEY)
    if not pending or pending["unit"] != unit.pk or pending["period"] != period.pk:
        messages.error(request, _("Không có tệp nào đang chờ xác nhận. Hãy tải tệp lên lại."))
        return redirect(_url(unit, period))
    try:
        services.report_save(
            report=report,
            unit=unit,
            period=period,
            user=request.user,
            version=pending["version"] or 1,
            figures=pending["figures"],
        )
    except services.ReportConflict:
        messages.error(request, _("Chưa ghi: báo cáo vừa được người khác sửa sau khi bạn tải tệp lên. Hãy tải tệp lên lại."))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ghi số liệu từ tệp Excel vào báo cáo (bản nháp)."))
    request.session.pop(UPLOAD_SESSION_KEY, None)
    return redirect(_url(unit, period))
