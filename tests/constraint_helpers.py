"""Helpers shared by the constraint tests: writes that bypass Python checks,
and posting an admin page the way a browser would."""

import datetime
import html
from collections.abc import Callable

from django.forms import MultiWidget


def not_a_choice(value: str) -> str:
    return f"Hãy chọn một lựa chọn hợp lệ. {value} không phải là một trong các lựa chọn khả thi."


DJANGO_GENERIC = ("Đảm bảo giá trị này", "Hãy sửa các dữ liệu trùng lặp cho")


def updating(obj, **values) -> Callable[[], bool]:
    """A write that skips every Python check: ``QuerySet.update``. True if it stuck."""
    model = type(obj)

    def write():
        model.objects.filter(pk=obj.pk).update(**values)
        return model.objects.filter(pk=obj.pk, **values).exists()

    return write


def inserting(obj) -> Callable[[], bool]:
    """A write that skips every Python check: ``bulk_create``. True if the row is there."""
    model = type(obj)

    def write():
        before = model.objects.count()
        model.objects.bulk_create([obj])
        return model.objects.count() == before + 1

    return write


def _post_value(value):
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)


def admin_form_data(client, url: str, changes: dict) -> dict:
    """What the admin page at ``url`` would post untouched (its form, every inline's
    management form and rows), with ``changes`` typed in."""
    response = client.get(url)
    assert response.status_code == 200
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field.widget, MultiWidget):  # one input per part, e.g. date_joined_0 and date_joined_1
                parts = zip(field.widget.widgets_names, field.widget.decompress(value), strict=True)
            else:
                parts = [("", value)]
            for suffix, part in parts:
                if _post_value(part) is not None:
                    data[form.add_prefix(name) + suffix] = _post_value(part)
    data.update(changes)
    return data


def errors_shown(response) -> list[str]:
    """Every error of the admin page: its form, its inlines' rows and formsets."""
    form = response.context["adminform"].form
    errors = [message for messages in form.errors.values() for message in messages]
    for inline in response.context["inline_admin_formsets"]:
        errors += inline.formset.non_form_errors()
        errors += [message for row in inline.formset.errors for messages in row.values() for message in messages]
    return errors


def assert_refused_with(response, message: str) -> None:
    """The page came back with ``message`` shown, and none of Django's generic wording beside it."""
    assert response.status_code == 200, "the admin saved the form and redirected"
    errors = errors_shown(response)
    page = html.unescape(response.content.decode())
    assert message in errors
    assert message in page
    assert not [error for error in errors if str(error).startswith(DJANGO_GENERIC)], errors
    assert not [generic for generic in DJANGO_GENERIC if generic in page]


def form_errors(form) -> list[str]:
    return [message for messages in form.errors.values() for message in messages]
