"""The English catalogue: complete, not fuzzy, and really used when English is active.

The test suite compiles nothing: `make test` builds `django.mo` from `django.po`
before pytest runs.
"""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext

from campaign.models import Measure, Period, PeriodKind
from unions.models import Unit, UnitKind

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Vietnamese source string -> the English the catalogue gives it.
STRINGS = {
    "Đăng nhập": "Log in",
    "Hạn nộp": "Due",
    "Khóa nhập liệu": "Closes for entry",
    "Hạn nộp báo cáo tổng kết": "Final report due",
}


def msgattrib(*options):
    result = subprocess.run(["msgattrib", *options, str(PO)], capture_output=True, text=True, check=True)
    return result.stdout


def test_the_english_catalogue_has_no_untranslated_entry():
    assert "msgid" not in msgattrib("--untranslated")


def test_the_english_catalogue_has_no_fuzzy_entry():
    assert "msgid" not in msgattrib("--only-fuzzy")


@pytest.mark.parametrize(("vietnamese", "english"), STRINGS.items())
def test_a_template_string_is_english_when_english_is_active(vietnamese, english):
    with translation.override("en"):
        assert gettext(vietnamese) == english


def test_model_names_and_choices_are_english_when_english_is_active():
    with translation.override("en"):
        assert str(Unit._meta.verbose_name) == "unit"
        assert str(Period._meta.verbose_name) == "reporting period"
        assert str(Unit._meta.get_field("parent").verbose_name) == "superior unit (current)"
        assert str(UnitKind.GRASSROOTS.label) == "Grassroots union"
        assert str(UnitKind.SUPERIOR.label) == "Direct-superior union"
        assert str(Measure.PARTY_INTRODUCED.label) == "Introduce outstanding members to the Party"
        assert str(PeriodKind.FINAL.label) == "Peak month final report"


def test_a_plural_string_follows_the_count_when_english_is_active():
    singular, plural = "%(counter)s đơn vị trực thuộc", "%(counter)s đơn vị trực thuộc"
    with translation.override("en"):
        assert ngettext(singular, plural, 1) % {"counter": 1} == "1 affiliated unit"
        assert ngettext(singular, plural, 3) % {"counter": 3} == "3 affiliated units"


def test_the_same_strings_stay_vietnamese_when_vietnamese_is_active():
    with translation.override("vi"):
        for vietnamese in STRINGS:
            assert gettext(vietnamese) == vietnamese
        assert str(Unit._meta.verbose_name) == "đơn vị"
        assert str(Period._meta.verbose_name) == "kỳ báo cáo"
        assert str(UnitKind.GRASSROOTS.label) == "Công đoàn cơ sở"
        assert str(PeriodKind.FINAL.label) == "Tổng kết tháng cao điểm"
        assert ngettext("%(counter)s đơn vị trực thuộc", "%(counter)s đơn vị trực thuộc", 3) % {"counter": 3} == (
            "3 đơn vị trực thuộc"
        )


def test_plural_model_names_and_the_menu_have_their_own_english():
    from django.utils import translation

    from campaign.models import Campaign
    from reporting.models import Report

    with translation.override("en"):
        assert str(Report._meta.verbose_name_plural) == "reports"
        assert str(Campaign._meta.verbose_name_plural) == "campaigns"
        assert translation.pgettext("menu", "Báo cáo") == "Reports"
    with translation.override("vi"):
        assert str(Report._meta.verbose_name_plural) == "báo cáo"
