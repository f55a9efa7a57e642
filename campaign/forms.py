"""The staff's forms for a campaign: a new one made from an earlier one."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Campaign
from .services import TargetCopy, shift_years

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class CampaignCopyForm(forms.Form):
    """What a new campaign takes from the earlier one, to edit before saving."""

    name = forms.CharField(label=_("Tên chiến dịch"), max_length=255)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100,
                              error_messages={"min_value": _("Năm phải từ 2000 đến 2100."),
                                              "max_value": _("Năm phải từ 2000 đến 2100.")})
    plan_number = forms.CharField(label=_("Số kế hoạch"), max_length=64)
    plan_date = forms.DateField(label=_("Ngày kế hoạch"), required=False, widget=DATE_INPUT)
    legal_basis = forms.CharField(label=_("Căn cứ"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    final_report_due = forms.DateField(label=_("Hạn nộp báo cáo tổng kết"), widget=DATE_INPUT)
    targets = forms.ChoiceField(label=_("Chỉ tiêu"), choices=TargetCopy.choices, initial=TargetCopy.COPY,
                                widget=forms.RadioSelect)
    factor = forms.DecimalField(
        label=_("Hệ số"), required=False, localize=True, max_digits=6, decimal_places=3,
        help_text=_("Khi nhân chỉ tiêu: ví dụ 1,1 là tăng 10 %; làm tròn đến số nguyên gần nhất."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("targets") == TargetCopy.SCALE:
            factor = data.get("factor")
            if factor is None:
                self.add_error("factor", _("Nhập hệ số để nhân chỉ tiêu."))
            elif not Decimal(0) < factor <= 10:
                self.add_error("factor", _("Hệ số phải lớn hơn 0 và không quá 10."))
        return data

    @classmethod
    def initial_for(cls, source: Campaign, year: int) -> dict:
        years = year - source.year
        return {
            "name": source.name.replace(str(source.year), str(year)) if str(source.year) in source.name
            else f"{source.name} {year}",
            "year": year,
            "plan_number": source.plan_number,
            "legal_basis": source.legal_basis,
            "final_report_due": shift_years(source.final_report_due, years),
            "targets": TargetCopy.COPY,
        }


class WaveForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    theme = forms.CharField(label=_("Chủ đề"), max_length=255, required=False)
    start = forms.DateField(label=_("Từ ngày"), widget=DATE_INPUT)
    end = forms.DateField(label=_("Đến ngày"), widget=DATE_INPUT)
    keep = forms.BooleanField(label=_("Giữ đợt này"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


WaveFormSet = forms.formset_factory(WaveForm, extra=0)


def waves_initial(source: Campaign, year: int) -> list[dict]:
    years = year - source.year
    return [
        {"number": w.number, "theme": w.theme, "start": shift_years(w.start, years), "end": shift_years(w.end, years),
         "keep": True}
        for w in source.waves.order_by("number")
    ]


class TargetsUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) đã điền"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
