"""Forms of the report pages. The entry grid is built from the report's rows:
one text input per cell (parsed by ``parse_count``, so "1.234" and empty cells
are read as people type them, with our own Vietnamese messages)."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _

from campaign.models import Period
from unions.models import (
    FOUNDING_MEMBERS_MAX_MESSAGE,
    FOUNDING_MEMBERS_MESSAGE,
    MAX_FIGURE,
    MIN_FOUNDING_MEMBERS,
    Sector,
    Unit,
)

from .fingerprint import normalised
from .models import Commendation, EmulationFormula, FinalReportDocument
from .selectors import FIGURES, GridRow
from .validation import FigureError, check_rows, parse_count

NARRATIVE_FIELDS = ("results", "shortcomings", "causes", "proposals")


def cell_name(key: str, figure: str) -> str:
    return f"f-{key}-{figure}"


class CellInput(forms.TextInput):
    """A figure's text box, rendered as the ``TextInput`` template would render it but
    without the template engine: a 200-union grid has 800 of them (0.28 → 0.1 s a page)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        value = self.format_value(value)
        shown = format_html(' value="{}"', value) if value is not None else ""
        return format_html('<input type="{}" name="{}"{}{}>', self.input_type, name, shown, flatatt(attrs))


class ReportForm(forms.Form):
    """The report page: figures (for entry periods), narrative, comment on warnings."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    results = forms.CharField(label=_("Kết quả đạt được"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    shortcomings = forms.CharField(label=_("Tồn tại, hạn chế"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    causes = forms.CharField(label=_("Nguyên nhân"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proposals = forms.CharField(label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    warning_comment = forms.CharField(
        label=_("Giải trình (bắt buộc khi có cảnh báo)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, rows: list[GridRow], with_figures: bool, with_narrative: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.with_figures = with_figures
        if not with_narrative:
            for name in NARRATIVE_FIELDS:
                del self.fields[name]
        if with_figures:
            for row in rows:
                for figure in FIGURES:
                    self.fields[cell_name(row.key, figure)] = forms.CharField(
                        required=False,
                        initial=row.values[figure] or "",
                        widget=CellInput(
                            attrs={"inputmode": "numeric", "autocomplete": "off", "data-figure": figure, "size": 5}
                        ),
                    )

    def cells(self, row: GridRow):
        return [self[cell_name(row.key, figure)] for figure in FIGURES]

    def clean(self):
        cleaned = super().clean()
        if not self.with_figures:
            return cleaned
        figures = {}
        for row in self.rows:
            values = {}
            for figure in FIGURES:
                name = cell_name(row.key, figure)
                try:
                    values[figure] = parse_count(self.data.get(name))
                except FigureError as exc:
                    self.add_error(name, str(exc))
                    values[figure] = 0
            figures[row.key] = values
        if not self.errors:
            for key, messages in check_rows(self.rows, figures).items():
                row_key, figure = key.split(":", 1)
                for message in messages:
                    self.add_error(cell_name(row_key, figure), message)
        cleaned["figures"] = figures
        return cleaned

    def narrative(self) -> dict[str, str] | None:
        present = [name for name in NARRATIVE_FIELDS if name in self.fields]
        return {name: self.cleaned_data[name].strip() for name in present} if present else None


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy ghi lý do.")},
    )


class GrassrootsRegisterForm(forms.Form):
    """A grassroots union founded in the period, registered from the report page."""

    name = forms.CharField(label=_("Tên công đoàn cơ sở"), max_length=255)
    sector = forms.ChoiceField(label=_("Khu vực"), choices=Sector.choices)
    enterprise_tax_code = forms.CharField(
        label=_("Mã số thuế doanh nghiệp (nếu có)"), max_length=14, required=False
    )
    enterprise_name = forms.CharField(label=_("Tên doanh nghiệp, đơn vị (nếu có)"), max_length=255, required=False)
    recognition_decision = forms.CharField(label=_("Số quyết định công nhận"), max_length=64)
    recognition_date = forms.DateField(label=_("Ngày quyết định công nhận"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    founding_members = forms.IntegerField(
        label=_("Số đoàn viên khi thành lập"),
        min_value=MIN_FOUNDING_MEMBERS,
        max_value=MAX_FIGURE,
        error_messages={"min_value": FOUNDING_MEMBERS_MESSAGE, "max_value": FOUNDING_MEMBERS_MAX_MESSAGE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": MIN_FOUNDING_MEMBERS, "max": MAX_FIGURE}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("enterprise_tax_code") and not cleaned.get("enterprise_name"):
            self.add_error("enterprise_name", _("Hãy ghi tên doanh nghiệp kèm mã số thuế."))
        return cleaned


class GrassrootsEditForm(forms.Form):
    """Correcting a grassroots union registered from a report."""

    name = GrassrootsRegisterForm.base_fields["name"]
    sector = GrassrootsRegisterForm.base_fields["sector"]
    recognition_decision = GrassrootsRegisterForm.base_fields["recognition_decision"]
    recognition_date = GrassrootsRegisterForm.base_fields["recognition_date"]
    founding_members = GrassrootsRegisterForm.base_fields["founding_members"]

    def __init__(self, *args, instance_union, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": instance_union.name,
                "sector": instance_union.sector,
                "recognition_decision": instance_union.recognition_decision,
                "recognition_date": instance_union.recognition_date,
                "founding_members": instance_union.founding_members,
            },
        )
        super().__init__(*args, **kwargs)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx) đã điền"), error_messages={"required": _("Hãy chọn tệp.")})


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        label=gettext_lazy("Số liệu tính đến ngày"),
        required=False,
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")},
    )
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CheckForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã kiểm tra số liệu"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "3F9A-12C0-7B4E", "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": gettext_lazy("Hãy nhập mã kiểm tra in trên bản in.")},
    )
    as_of = forms.DateField(
        label=gettext_lazy("Số liệu tính đến hết ngày (in trên bản in)"),
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={
            "required": gettext_lazy("Hãy nhập ngày số liệu in trên bản in."),
            "invalid": gettext_lazy("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy."),
        },
    )

    def clean_code(self):
        code = normalised(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(gettext("Mã kiểm tra gồm 12 chữ số và chữ cái A–F, ví dụ 3F9A-12C0-7B4E."))
        return code


def _date_widget():
    # Written and read in the active language's formats (config/formats): dd/mm/yyyy.
    return forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "class": "short"})


class FinalDocumentForm(forms.ModelForm):
    issued_on = forms.DateField(
        label=gettext_lazy("Ngày ban hành"),
        required=False,
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


def _period_choice(period: Period) -> str:
    due = formats.date_format(timezone.localtime(period.due_at), "SHORT_DATETIME_FORMAT")
    return gettext("%(period)s — hạn nộp %(due)s") % {"period": period.label, "due": due}


class PeriodFilterForm(forms.Form):
    period = forms.TypedChoiceField(label=gettext_lazy("Kỳ báo cáo"), coerce=int)

    def __init__(self, *args, periods: list[Period], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.pk, _period_choice(p)) for p in periods]


class EmulationFormulaForm(forms.ModelForm):
    class Meta:
        model = EmulationFormula
        fields = ["weight_new_members", "weight_new_grassroots", "weight_party_introduced", "weight_party_admitted",
                  "weight_discipline", "weight_quality", "cap_percent", "late_credit", "points_per_member",
                  "points_per_party_introduced"]


class CommendationForm(forms.ModelForm):
    """A proposal: the collective or the person's unit given by its code (a province has
    thousands of grassroots unions: no list to scroll on a phone)."""

    unit_code = forms.CharField(label=_("Mã đơn vị"), max_length=32,
                                help_text=_("Mã của tập thể được đề nghị, hoặc của đơn vị công tác của cá nhân."))

    class Meta:
        model = Commendation
        fields = ["kind", "unit_code", "person_name", "position", "achievement"]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, root, **kwargs):
        super().__init__(*args, **kwargs)
        self.root = root

    def clean_unit_code(self):
        code = self.cleaned_data["unit_code"].strip().upper()
        unit = Unit.objects.filter(code=code, path__startswith=self.root.path).first()
        if unit is None:
            raise ValidationError(_("Không có đơn vị mã %(code)s trong phạm vi của bạn.") % {"code": code[:32]})
        self.instance.unit = unit
        return code

    def _update_errors(self, errors):
        # The model speaks of its unit; the form asks for the unit's code.
        if hasattr(errors, "error_dict") and "unit" in errors.error_dict:
            errors.error_dict["unit_code"] = errors.error_dict.pop("unit")
        super()._update_errors(errors)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", _("Khen thưởng")), ("decline", _("Không khen thưởng"))])
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = forms.DateField(label=_("Ngày quyết định"),
                                    widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}))
