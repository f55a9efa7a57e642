from django import forms
from django.contrib.auth import get_user_model
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _


class ConstraintMessageInlineFormSet(BaseInlineFormSet):
    """Inline formsets that report a duplicate with the unique constraint's own
    Vietnamese message instead of Django's generic one (which names Python fields)."""

    def get_unique_error_message(self, unique_check):
        for constraint in self.model._meta.constraints:
            if (
                isinstance(constraint, UniqueConstraint)
                and set(constraint.fields) == set(unique_check)
                and constraint.violation_error_message
            ):
                return constraint.violation_error_message
        return super().get_unique_error_message(unique_check)


class AccountForm(forms.ModelForm):
    """What a user may change about themselves: their name and the address reminders go to."""

    class Meta:
        model = get_user_model()
        fields = ["last_name", "first_name", "email"]
        labels = {
            "last_name": _("Họ và tên đệm"),
            "first_name": _("Tên"),
            "email": _("Địa chỉ e-mail"),
        }
        help_texts = {
            "email": _("Thư nhắc nộp báo cáo được gửi đến địa chỉ này."),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        }

    def clean_email(self):
        return self.cleaned_data["email"].strip()
