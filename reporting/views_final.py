"""The board's final report of the campaign: its edit form and its PDF, and the
printed (PDF) monthly or final report of a reporting unit."""


from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.models import PeriodKind

from .access import BadDate, as_of_param, get_report_context_or_404, managed_scope
from .exports import pdf
from .models import ENTRY_KINDS, FinalReportDocument
from .selectors import summed_figures
from .stats import UnitRow, campaign_stats

# The chairman who signed plan 143/KH-LĐLĐ; staff change it in the form if another person signs.
DEFAULT_SIGNER = "Hoàng Thọ Trung"
DATE_FORMAT = "%d/%m/%Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def _date_widget():
    return forms.DateInput(
        format=DATE_FORMAT, attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "class": "short"}
    )


class FinalDocumentForm(forms.ModelForm):
    issued_on = forms.DateField(
        label=gettext_lazy("Ngày ban hành"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=_date_widget(),
        help_text=gettext_lazy("Ghi theo dạng ngày/tháng/năm, ví dụ 05/08/2025."),
        error_messages={"invalid": gettext_lazy("Ngày không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/08/2025.")},
    )

    class Meta:
        model = FinalReportDocument
        fields = [
            "superior_body",
            "issuer",
            "number",
            "place",
            "issued_on",
            "results",
            "shortcomings",
            "causes",
            "proposals",
            "recipients",
            "signer_capacity",
            "signer_title",
            "signer_name",
        ]
        labels = {
            "superior_body": gettext_lazy("Cơ quan cấp trên"),
            "issuer": gettext_lazy("Cơ quan ban hành"),
            "number": gettext_lazy("Số văn bản"),
            "place": gettext_lazy("Địa danh"),
            "results": gettext_lazy("Đánh giá chung về kết quả đạt được"),
            "shortcomings": gettext_lazy("Tồn tại, hạn chế"),
            "causes": gettext_lazy("Nguyên nhân"),
            "proposals": gettext_lazy("Đề xuất, kiến nghị"),
            "recipients": gettext_lazy("Nơi nhận"),
            "signer_capacity": gettext_lazy("Thẩm quyền ký"),
            "signer_title": gettext_lazy("Chức vụ người ký"),
            "signer_name": gettext_lazy("Họ và tên người ký"),
        }
        help_texts = {
            "number": gettext_lazy("Ví dụ: 215/BC-LĐLĐ. Để trống nếu văn thư ghi số khi phát hành."),
            "results": gettext_lazy("Mỗi dòng là một đoạn văn. Số liệu do hệ thống tự tổng hợp, không cần gõ lại."),
            "recipients": gettext_lazy("Mỗi dòng một nơi nhận; dấu “-” được thêm khi in."),
            "signer_capacity": gettext_lazy("Ví dụ: TM. BAN THƯỜNG VỤ"),
        }
        widgets = {
            "results": forms.Textarea(attrs={"rows": 5}),
            "shortcomings": forms.Textarea(attrs={"rows": 4}),
            "causes": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 6}),
        }

    sections = (
        (gettext_lazy("Văn bản"), ("superior_body", "issuer", "number", "place", "issued_on")),
        (gettext_lazy("Nội dung do Ban Tổ chức - Kiểm tra soạn"), ("results", "shortcomings", "causes", "proposals")),
        (gettext_lazy("Nơi nhận và chữ ký"), ("recipients", "signer_capacity", "signer_title", "signer_name")),
    )

    def fieldsets(self):
        return [(title, [self[name] for name in names]) for title, names in self.sections]


def final_document_for(campaign) -> FinalReportDocument:
    """The campaign's final report document, created with defaults on first use."""
    document, _created = FinalReportDocument.objects.get_or_create(
        campaign=campaign,
        defaults={"issued_on": campaign.final_report_due, "signer_name": DEFAULT_SIGNER},
    )
    return document


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def final_document_edit(request):
    """Board and staff edit the printed blocks and the narrative of the province's final report."""
    campaign, _root = managed_scope(request.user)
    document = final_document_for(campaign)
    form = FinalDocumentForm(request.POST or None, instance=document)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Đã lưu báo cáo kết quả. Tải bản PDF để xem bản in."))
            return redirect("reporting:final_edit")
        messages.error(request, _("Chưa lưu: hãy sửa các ô báo lỗi."))
    return render(
        request,
        "reporting/final_document_form.html",
        {
            "campaign": campaign,
            "document": document,
            "form": form,
            "today": timezone.localdate().strftime(DATE_FORMAT),
        },
        status=400 if form.errors else 200,
    )


@login_required
def final_report_pdf(request):
    """The province's final report as PDF, its figures as of ``?as_of`` (default today)."""
    campaign, root = managed_scope(request.user)
    try:
        as_of = as_of_param(request)
    except BadDate:
        messages.error(request, _("Ngày số liệu không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/08/2025."))
        return redirect("reporting:final_edit")
    stats = campaign_stats(campaign, root, as_of=as_of)
    content = pdf.province_report_pdf(stats, final_document_for(campaign))
    return _pdf_response(content, f"bao-cao-ket-qua-thang-cao-diem-{campaign.year}.pdf")


def _stats_row(unit, period) -> UnitRow | None:
    """The unit's row in ``reporting.stats`` for the period: the whole campaign for
    the final report, the wave for a monthly one (its targets and percentages)."""
    stats = campaign_stats(period.campaign, unit)
    if period.kind == PeriodKind.FINAL:
        rows = stats.campaign_units
    else:
        rows = next((block.units for block in stats.waves if block.wave.pk == period.wave_id), [])
    return next((row for row in rows if row.unit.pk == unit.pk), None)


@login_required
def unit_report_pdf(request, unit_id: int, period_id: int):
    """A reporting unit's monthly or final report as PDF (404 outside the user's units)."""
    unit, period, report = get_report_context_or_404(request.user, unit_id, period_id)
    if period.kind in ENTRY_KINDS:
        raise Http404("weekly, half-year and year reports are not printed")
    content = pdf.unit_report_pdf(
        unit=unit,
        period=period,
        report=report,
        summed=summed_figures(unit, period),
        stats_row=_stats_row(unit, period),
    )
    return _pdf_response(content, f"bao-cao-{unit.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.pdf")
