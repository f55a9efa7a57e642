"""The board's final report of the campaign: its edit form and its PDF, and the
printed (PDF) monthly or final report of a reporting unit."""


import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.models import Measure, PeriodKind
from campaign.selectors import target_book
from reporting.access import CAMPAIGN_PARAM, BadDate, as_of_param, figures_scope, get_report_context_or_404
from reporting.exports.final_report import province_report_export
from reporting.exports.unit_report import unit_report_export
from reporting.fingerprint import fingerprint_of, unit_fingerprint
from reporting.forms import FinalDocumentForm
from reporting.models import ENTRY_KINDS, FinalReportDocument
from reporting.selectors import foundings_in, summed_figures
from reporting.services import final_document_save
from reporting.stats import campaign_stats
from reporting.views.common import download

# The chairman who signed plan 143/KH-LĐLĐ; staff change it in the form if another person signs.
DEFAULT_SIGNER = "Hoàng Thọ Trung"
def final_document_for(campaign) -> FinalReportDocument:
    """The campaign's final report document: the saved one, or (not saved: a GET
    writes nothing) one with the defaults, issued on the final report's due date."""
    document = FinalReportDocument.objects.filter(campaign=campaign).first()
    if document is None:
        document = FinalReportDocument(campaign=campaign, issued_on=campaign.final_report_due, signer_name=DEFAULT_SIGNER)
    return document


def document_cut_off(document: FinalReportDocument) -> datetime.date:
    """The day the final report's figures are taken as of, unless the board picks
    another: its issue date, or the campaign's final due date when none is set."""
    return document.issued_on or document.campaign.final_report_due


@login_required
def final_document_edit(request):
    """Board and staff edit the printed blocks and the narrative of the province's final report."""
    scope = figures_scope(request, manage=True)
    campaign = scope.campaign
    document = final_document_for(campaign)
    form = FinalDocumentForm(request.POST or None, instance=document)
    if request.method == "POST":
        if form.is_valid():
            final_document_save(document=form.instance)
            messages.success(request, _("Đã lưu báo cáo kết quả. Tải bản PDF để xem bản in."))
            return redirect(f"{reverse('reporting:final_edit')}?{urlencode({CAMPAIGN_PARAM: campaign.pk})}")
        messages.error(request, _("Chưa lưu: hãy sửa các ô báo lỗi."))
    return render(
        request,
        "reporting/final_document_form.html",
        {
            "campaign": campaign,
            "scope": scope,
            "document": document,
            "form": form,
            "cut_off": document_cut_off(document),
        },
        status=400 if form.errors else 200,
    )


@login_required
def final_report_pdf(request):
    """The province's final report as PDF. Its figures are as of ``?as_of`` when the
    board picks a day, otherwise as of the document's date (never silently today);
    the cut-off and the fingerprint are printed in it and in the file name."""
    scope = figures_scope(request)
    campaign = scope.campaign
    document = final_document_for(campaign)
    try:
        as_of = as_of_param(request, default=document_cut_off(document))
    except BadDate:
        messages.error(request, _("Ngày số liệu không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/08/2025."))
        return redirect("reporting:dashboard")
    stats = campaign_stats(campaign, scope.root, as_of=as_of)
    return download(province_report_export(stats, document, fingerprint_of(stats)))


@login_required
def unit_report_pdf(request, unit_id: int, period_id: int):
    """A reporting unit's monthly or final report as PDF (404 outside the user's units),
    with its figures as they stand now, the cut-off and the fingerprint of its row."""
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if period.kind in ENTRY_KINDS:
        raise Http404("weekly, half-year and year reports are not printed")
    wave_id = period.wave_id if period.kind != PeriodKind.FINAL else None
    book = target_book(period.campaign, [unit])
    cut_off = timezone.now()
    export = unit_report_export(
        unit=unit,
        period=period,
        report=report,
        summed=summed_figures(unit, period),
        targets={m: book.row(unit, m, wave_id) for m in Measure},
        founded=[f.grassroots for f in foundings_in(unit, period)],
        cut_off=cut_off,
        fingerprint=unit_fingerprint(period.campaign, unit, cut_off),
    )
    return download(export)
