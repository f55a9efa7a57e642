"""The project's Vietnamese format module: dd/mm/yyyy, 1.234, weeks from Monday."""

import datetime

import pytest
from django import forms
from django.template import Context, Template
from django.utils import formats, translation


@pytest.fixture
def vi():
    with translation.override("vi"):
        yield


def test_a_date_typed_day_first_is_read_day_first(vi):
    assert forms.DateField().clean("05/04/2025") == datetime.date(2025, 4, 5)


def test_a_two_digit_year_and_dashes_are_read_day_first(vi):
    assert forms.DateField().clean("05-04-2025") == datetime.date(2025, 4, 5)
    assert forms.DateField().clean("05/04/25") == datetime.date(2025, 4, 5)


def test_an_impossible_day_first_date_is_refused(vi):
    with pytest.raises(forms.ValidationError):
        forms.DateField().clean("31/04/2025")


def test_the_iso_date_a_phone_date_picker_sends_is_accepted(vi):
    assert forms.DateField().clean("2025-04-05") == datetime.date(2025, 4, 5)


def test_a_datetime_is_read_day_first(vi):
    value = forms.DateTimeField().clean("05/04/2025 17:00")
    assert (value.day, value.month, value.hour) == (5, 4, 17)


def test_dates_are_shown_as_dd_mm_yyyy(vi):
    assert formats.date_format(datetime.date(2025, 5, 1)) == "01/05/2025"
    assert formats.date_format(datetime.date(2025, 5, 1), "SHORT_DATE_FORMAT") == "01/05/2025"
    rendered = Template("{{ d }}").render(Context({"d": datetime.date(2025, 8, 5)}))
    assert rendered == "05/08/2025"


def test_numbers_are_grouped_with_dots(vi):
    assert formats.number_format(1234) == "1.234"
    assert formats.number_format(1234567) == "1.234.567"
    assert Template("{{ n }}").render(Context({"n": 10250})) == "10.250"


def test_a_localized_integer_field_reads_thousands_with_dots(vi):
    assert forms.IntegerField(localize=True).clean("1.234") == 1234


def test_a_decimal_comma_is_the_decimal_separator(vi):
    from decimal import Decimal

    assert forms.DecimalField(localize=True).clean("1.234,5") == Decimal("1234.5")


def test_weeks_start_on_monday(vi):
    assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_english_keeps_day_first_dates_with_english_separators():
    with translation.override("en"):
        assert forms.DateField().clean("05/04/2025") == datetime.date(2025, 4, 5)
        assert formats.number_format(1234) == "1,234"
