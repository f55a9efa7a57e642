"""What the report pages share: a report's URL, refusing entry, a service's refusal on a form, sending a file."""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from reporting import services
from reporting.access import get_report_context_or_404
from reporting.exports import Export
from reporting.models import Report
from unions.access import can_report


def report_url(unit, period, name="reporting:report"):
    return reverse(name, args=[unit.pk, period.pk])


def refuse_entry(request, unit, period, report):
    """A redirect with the reason when the user may not enter figures now (403 for
    users who may never report for this unit), else None."""
    refusal = services.entry_refusal(report or Report(unit=unit, period=period), request.user)
    if refusal is None:
        return None
    if not can_report(request.user, unit):
        raise PermissionDenied(refusal)
    messages.error(request, refusal)
    return redirect(report_url(unit, period))


def bad_date() -> HttpResponseBadRequest:
    """The answer to a file asked for on a day that is not one (``?as_of=``)."""
    return HttpResponseBadRequest(
        _("Ngày không hợp lệ: hãy ghi theo dạng dd/mm/yyyy (ví dụ 31/07/2025)."), content_type="text/plain; charset=utf-8"
    )


def download(export: Export) -> HttpResponse:
    """An exporter's file (``reporting.exports.Export``) as an attachment."""
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def entering(view):
    """A view that enters figures into the report of ``unit_id`` × ``period_id``: the
    report is looked up (404 outside the user's units) and entry refused with the
    reason (403 for users who may never report for the unit) before the view runs;
    the view gets ``(request, unit, period, report)``."""

    @functools.wraps(view)
    def wrapper(request, unit_id: int, period_id: int, **kwargs):
        unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
        refused = refuse_entry(request, unit, period, report)
        if refused:
            return refused
        return view(request, unit, period, report, **kwargs)

    return wrapper
