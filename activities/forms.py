"""The forms of the enterprise pages."""

from functools import reduce
from operator import or_

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from unions.models import EMPLOYEES_MAX_MESSAGE, EMPLOYEES_MESSAGE, Enterprise, Unit, UnitKind

from .models import SurveyVisit

DATE_INPUT = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class EnterpriseForm(forms.ModelForm):
    """An enterprise, in the charge of one of ``units``; its grassroots union chosen among
    those under that unit that are not another enterprise's."""

    union = forms.ModelChoiceField(
        label=_("Công đoàn cơ sở (nếu đã có)"), queryset=Unit.objects.none(), required=False,
        help_text=_("Chọn khi doanh nghiệp đã có công đoàn cơ sở; để trống nếu chưa có."),
    )

    class Meta:
        model = Enterprise
        fields = ["tax_code", "name", "sector", "commune", "employees", "unit"]
        field_classes = {"unit": UnitChoiceField}
        widgets = {"employees": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})}
        error_messages = {"employees": {"min_value": EMPLOYEES_MESSAGE, "max_value": EMPLOYEES_MAX_MESSAGE}}

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).vi_ordered()
        if len(units) == 1 and not self.instance.pk:
            self.fields["unit"].initial = units[0].pk
        paths = [u.path for u in units]
        unions = Unit.objects.filter(kind=UnitKind.GRASSROOTS, enterprise__isnull=True)
        if self.instance.pk:
            unions = unions | Unit.objects.filter(enterprise=self.instance)
            self.fields["union"].initial = Unit.objects.filter(enterprise=self.instance).values_list("pk", flat=True).first()
        within = reduce(or_, (Q(path__startswith=p) for p in paths), Q(pk__in=[]))
        self.fields["union"].queryset = unions.filter(within).vi_ordered()

    def clean_tax_code(self):
        return self.cleaned_data["tax_code"].strip()


class SurveyVisitForm(forms.ModelForm):
    class Meta:
        model = SurveyVisit
        fields = ["visited_on", "visitors", "findings"]
        widgets = {"visited_on": DATE_INPUT, "findings": forms.Textarea(attrs={"rows": 3})}


class EnterpriseImportForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị phụ trách"), queryset=Unit.objects.none())
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args, units: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units]).vi_ordered()
        if len(units) == 1:
            self.fields["unit"].initial = units[0].pk
