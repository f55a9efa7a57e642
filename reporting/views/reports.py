"""The report pages: the reporter's list of periods, the board's review list, this week's shortcut, a report's entry page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import PeriodKind
from campaign.selectors import campaign_current
from reporting import services
from reporting.access import NoCampaign, campaign_of_unit, figures_scope, get_report_context_or_404
from reporting.forms import (
    NARRATIVE_FIELDS,
    ReasonForm,
    ReportForm,
    UploadForm,
)
from reporting.models import ENTRY_KINDS, EntryRequest, Report, ReportStatus
from reporting.obligations import periods_owed
from reporting.selectors import foundings_in, report_rows, summed_figures, totals_of
from reporting.validation import check_warnings
from reporting.views.common import report_url
from unions.access import can_manage, can_report, is_manager, is_within, reporter_units, visible_units
from unions.models import Unit

REVIEW_PAGE_SIZE = 100

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
             "status_options": [(value, label, value == status)
                                for value, label in [("all", _("Tất cả")), *ReportStatus.choices]]},
        )
    units = reporter_units(request.user)
    campaign, campaigns = _reporter_campaign(request, units)
    if campaign is None:
        # No unit to report for (a viewer, say): say so, unless there is no campaign at all.
        return render(request, "reporting/report_list.html", {"campaign": campaign_current(), "blocks": []})
    units = [u for u in units if is_within(u, campaign.federation_id)]
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
    return redirect(report_url(unit, current))


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
        return redirect(report_url(unit, period))
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
        return redirect(report_url(unit, period))
    except ValidationError as exc:
        # Saved as draft, but not submitted: errors or warnings without a comment.
        for message in exc.messages:
            messages.error(request, message)
        return redirect(report_url(unit, period))
    if action == "submit":
        messages.success(request, _("Đã nộp báo cáo."))
    else:
        messages.success(request, _("Đã lưu nháp."))
    return redirect(report_url(unit, period))
