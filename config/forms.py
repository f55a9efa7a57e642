"""What every app's forms share."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")  # 1.234 or 12.345.678
GAPS = re.compile(r"[\s\u00a0\u202f]+")


def add_service_errors(form, exc: ValidationError) -> None:
    """A service's refusal shown on the form: on its field when the form has it."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class CountField(forms.IntegerField):
    """A head-count as people type it: "12.000" or "12 000" is twelve thousand (Vietnamese
    grouping), never twelve as Django's own field reads it; the rest as ``IntegerField``."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = GAPS.sub("", unicodedata.normalize("NFKC", value))
            if GROUPED.fullmatch(value.lstrip("-")):
                value = value.replace(".", "")
        return super().to_python(value)
