"""The grid's figure boxes are rendered without the template engine (``forms.CellInput``):
the same element, the same attributes, as Django's ``TextInput`` gives."""

from html.parser import HTMLParser

import pytest
from django import forms

from reporting.forms import CellInput

ATTRS = {"inputmode": "numeric", "autocomplete": "off", "data-figure": "new_members", "size": 5}


def element(html: str) -> tuple[str, dict]:
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Parser().feed(html)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("value", [None, "", 7, "12<b>", "3\"4"])
@pytest.mark.parametrize("extra", [{"id": "id_f-CS0001-new_members"}, {"id": "x", "aria-invalid": "true", "required": True}])
def test_a_cell_is_the_text_input_django_would_render(value, extra):
    ours = CellInput(attrs=ATTRS).render("f-CS0001-new_members", value, attrs=extra)
    django = forms.TextInput(attrs=ATTRS).render("f-CS0001-new_members", value, attrs=extra)
    assert element(ours) == element(django)
    assert "<b>" not in ours
