"""Excel for a report: the pre-filled template, reading an upload (preview, nothing written), confirming it (all or nothing)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reporting import services
from reporting.access import get_report_context_or_404
from reporting.exports.template import template_export
from reporting.forms import UploadForm
from reporting.imports import read_upload
from reporting.models import ENTRY_KINDS
from reporting.selectors import report_rows
from reporting.views.common import download, entering, report_url
from workbooks.archive import UploadRejected

UPLOAD_SESSION_KEY = "report-upload"


@login_required
def template_download(request, unit_id: int, period_id: int):
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if period.kind not in ENTRY_KINDS:
        raise PermissionDenied(_("Kỳ này không nhập số liệu."))
    return download(template_export(unit=unit, period=period, rows=report_rows(unit, period, report)))


@login_required
@require_POST
@entering
def upload_preview(request, unit, period, report):
    """Read an uploaded template, show every figure and every error; write nothing."""
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp Excel đã điền."))
        return redirect(report_url(unit, period))
    rows = report_rows(unit, period, report)
    try:
        result = read_upload(form.cleaned_data["file"], unit=unit, period=period, rows=rows)
    except UploadRejected as exc:
        messages.error(request, str(exc))
        return redirect(report_url(unit, period))
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
@entering
def upload_confirm(request, unit, period, report):
    """Write the previewed upload: all of it, or nothing."""
    pending = request.session.get(UPLOAD_SESSION_KEY)
    if not pending or pending["unit"] != unit.pk or pending["period"] != period.pk:
        messages.error(request, _("Không có tệp nào đang chờ xác nhận. Hãy tải tệp lên lại."))
        return redirect(report_url(unit, period))
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
    return redirect(report_url(unit, period))
