"""The Vietnamese catalogue that completes Django's own (locale/vi).

Django 5.2's Vietnamese catalogue leaves many admin, auth and validation
strings untranslated (or keyed by an old msgid), so a Vietnamese user would
meet English in the admin and in error messages. locale/vi supplies them;
these tests check that the user sees Vietnamese, that the catalogue is
complete, and that a Django upgrade bringing a new untranslated string fails
here rather than going unnoticed.

Like the English catalogue, the .mo files are built by `make test` / `make
install` (msgfmt), not by the tests.
"""

import ast
import gettext
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django import forms
from django.conf import global_settings, settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.paginator import PageNotAnInteger, Paginator
from django.core.validators import DomainNameValidator
from django.db import models
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LOCALE_VI = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
DJANGO_DIR = Path(django.__file__).parent

# The Django catalogues this project completes, per gettext domain.
COVERED = {
    "django": ["conf", "contrib/auth", "contrib/admin"],
    "djangojs": ["contrib/admin"],
}

# Strings Django leaves untranslated in Vietnamese that locale/vi deliberately
# does not translate, by reason. Keys are (msgctxt, msgid).
SKIPPED = {
    # Model-field descriptions: only admindocs shows them (not installed).
    "field description": {
        (None, "String (unlimited)"),
        (None, "Duration"),
        (None, "Big (8 byte) integer"),
        (None, "Positive big integer"),
        (None, "Universally unique identifier"),
        (None, "File"),
        (None, "Image"),
        (None, "A JSON object"),
        (None, "%(from)s-%(to)s relationship"),
        (None, "%(from)s-%(to)s relationships"),
    },
    # Labels of Argon2/scrypt hash summaries: the project hashes with PBKDF2.
    "hasher parameter": {
        (None, "variety"),
        (None, "version"),
        (None, "memory cost"),
        (None, "time cost"),
        (None, "parallelism"),
        (None, "block size"),
    },
    # Verbose names of apps without models: never listed in the admin.
    "app name": {
        (None, "Messages"),
        (None, "Syndication"),
    },
    # Already right in Vietnamese as Django renders them (symbols, units).
    "same in Vietnamese": {
        (None, "…"),
        (None, ":?.!"),
        (None, ":"),
        (None, ", "),
        ("String to return when truncating text", "%(truncated_text)s…"),
        (None, "IPv4"),
        (None, "IPv6"),
        (None, "%(size)d byte"),
        (None, "%s KB"),
        (None, "%s MB"),
        (None, "%s GB"),
        (None, "%s TB"),
        (None, "%s PB"),
        (None, "%(class_name)s %(instance)s"),
    },
    # Django's "install worked" page: shown only with DEBUG and no URLconf.
    "default welcome page": {
        (None, "The install worked successfully! Congratulations!"),
        (
            None,
            'View <a href="https://docs.djangoproject.com/en/%(version)s/releases/" target="_blank" '
            'rel="noopener">release notes</a> for Django %(version)s',
        ),
        (
            None,
            'You are seeing this page because <a href="https://docs.djangoproject.com/en/%(version)s/ref/'
            'settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and '
            "you have not configured any URLs.",
        ),
        (None, "Django Documentation"),
        (None, "Topics, references, &amp; how-to’s"),
        (None, "Tutorial: A Polling App"),
        (None, "Get started with Django"),
        (None, "Django Community"),
        (None, "Connect, get help, or contribute"),
    },
}
# Language names are skipped too (the language switcher shows the project's
# own names); they are recognised from Django's LANGUAGES setting.
LANGUAGE_NAMES = {name for _code, name in global_settings.LANGUAGES}


# --- A small .po reader (no polib in this project) ---------------------------


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self):
        return (self.msgctxt, self.msgid)


def read_po(path):
    """The entries of a .po file, header and obsolete (#~) entries left out."""
    entries, fields, flags, last = [], {}, set(), None

    def flush():
        nonlocal fields, flags
        if "msgid" in fields and fields["msgid"]:
            msgstrs = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr"))]
            entries.append(Entry(fields["msgid"], fields.get("msgctxt"), fields.get("msgid_plural"), msgstrs, flags))
        fields, flags = {}, set()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            if not line:
                flush()
            continue
        if line.startswith("#"):
            if "msgid" in fields:
                flush()
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            fields[last] += ast.literal_eval(line)
            continue
        keyword, value = line.split(" ", 1)
        if keyword in ("msgctxt", "msgid") and "msgid" in fields:
            flush()
        last = keyword
        fields[keyword] = ast.literal_eval(value)
    flush()
    return entries


def project_catalogue(domain):
    return read_po(LOCALE_VI / f"{domain}.po")


def untranslated_by_django(domain):
    """(msgctxt, msgid) of every string Django's compiled Vietnamese catalogues
    give back unchanged, i.e. show in English."""
    missing = set()
    for package in COVERED[domain]:
        locale = DJANGO_DIR / package / "locale"
        with open(locale / "vi" / "LC_MESSAGES" / f"{domain}.mo", "rb") as mo:
            vietnamese = gettext.GNUTranslations(mo)
        for entry in read_po(locale / "en" / "LC_MESSAGES" / f"{domain}.po"):
            ctx, msgid, plural = entry.msgctxt, entry.msgid, entry.msgid_plural
            if plural is None:
                result = vietnamese.pgettext(ctx, msgid) if ctx else vietnamese.gettext(msgid)
            else:
                result = vietnamese.npgettext(ctx, msgid, plural, 1) if ctx else vietnamese.ngettext(msgid, plural, 1)
            if result == msgid:
                missing.add(entry.key)
    return missing


def skipped(key):
    return key[1] in LANGUAGE_NAMES or any(key in keys for keys in SKIPPED.values())


# --- What the user sees -------------------------------------------------------


def test_the_password_too_short_message_is_vietnamese():
    with pytest.raises(ValidationError) as raised:
        validate_password("abc")
    assert "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất 8 ký tự." in raised.value.messages
    assert not any("too short" in message for message in raised.value.messages)


def test_a_model_integer_field_message_is_vietnamese():
    with pytest.raises(ValidationError) as raised:
        models.IntegerField().clean("mười", None)
    assert raised.value.messages == ["Giá trị “mười” phải là một số nguyên."]


def test_form_validation_messages_are_vietnamese():
    pair = forms.MultiValueField(fields=[forms.CharField(), forms.CharField()], require_all_fields=False)
    with pytest.raises(ValidationError) as raised:
        pair.clean(["a", ""])
    assert raised.value.messages == ["Nhập một giá trị đầy đủ."]
    with pytest.raises(ValidationError) as raised:
        DomainNameValidator()("không phải tên miền")
    assert raised.value.messages == ["Nhập một tên miền hợp lệ."]
    with pytest.raises(ValidationError) as raised:
        forms.CharField().clean("a\x00b")
    assert raised.value.messages == ["Không được phép có ký tự null."]
    with pytest.raises(ValidationError) as raised:
        forms.IntegerField(step_size=5).clean("7")
    assert raised.value.messages == ["Đảm bảo giá trị này là bội số của bước nhảy 5."]


def test_pagination_messages_are_vietnamese():
    with pytest.raises(PageNotAnInteger) as raised:
        Paginator(range(10), 5).page("một")
    assert str(raised.value) == "Số trang không phải là số nguyên"


def test_admin_strings_are_vietnamese():
    assert _("Skip to main content") == "Chuyển đến nội dung chính"
    assert _("Set password") == "Đặt mật khẩu"
    assert str(PasswordResetForm().fields["email"].label) == "Địa chỉ email"
    assert ngettext("Please correct the error below.", "Please correct the errors below.", 2) == (
        "Vui lòng sửa lỗi dưới đây."
    )


def test_english_stays_english():
    """The catalogue is Vietnamese only: English users keep Django's English."""
    with translation.override("en"):
        assert _("Skip to main content") == "Skip to main content"


def test_the_admin_index_is_in_vietnamese_for_a_superuser(admin_client, admin_user):
    LogEntry.objects.log_actions(
        user_id=admin_user.pk,
        queryset=[admin_user],
        action_flag=ADDITION,
        single_object=True,
    )
    page = admin_client.get("/quan-tri/").content.decode()
    assert "Chuyển đến nội dung chính" in page
    assert "Skip to main content" not in page
    assert "Đổi giao diện (giao diện hiện tại: tự động)" in page
    assert "Toggle theme" not in page
    assert "Đã thêm:" in page  # the "My actions" list
    assert "Added:" not in page


def test_the_user_change_page_is_in_vietnamese(admin_client, admin_user):
    page = admin_client.get(f"/quan-tri/auth/user/{admin_user.pk}/change/").content.decode()
    assert "Chuyển đến nội dung chính" in page
    assert "Đặt lại mật khẩu" in page  # the button under the password hash
    assert "Reset password" not in page
    assert "Lọc các mục điều hướng" in page  # the navigation sidebar
    assert "Filter navigation items" not in page
    assert "Đường dẫn điều hướng" in page
    assert "Breadcrumbs" not in page


def test_a_user_without_password_offers_to_set_one(admin_client):
    user = get_user_model().objects.create_user("khong-mat-khau")
    page = admin_client.get(f"/quan-tri/auth/user/{user.pk}/change/").content.decode()
    assert "Đặt mật khẩu" in page
    assert "Set password" not in page
    page = admin_client.get(f"/quan-tri/auth/user/{user.pk}/password/").content.decode()
    assert "Bật xác thực bằng mật khẩu" in page
    assert "password-based authentication" not in page


def test_the_user_add_page_is_in_vietnamese(admin_client):
    page = admin_client.get("/quan-tri/auth/user/add/").content.decode()
    assert "Xác thực bằng mật khẩu" in page
    assert "Password-based authentication" not in page
    assert "Sau khi tạo người dùng, bạn có thể chỉnh sửa thêm các tùy chọn khác của người dùng." in page


def test_the_admin_javascript_catalogue_is_in_vietnamese(admin_client):
    """The admin's jsi18n view includes locale/vi/djangojs (LOCALE_PATHS)."""
    response = admin_client.get("/quan-tri/jsi18n/")
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\n\s*\});", response.content.decode(), re.DOTALL)
    assert found, "the jsi18n response carries no catalogue"
    catalog = json.loads(found.group(1))
    assert catalog["Sunday"] == "Chủ Nhật"
    assert catalog["abbrev. day Monday\x04Mon"] == "T2"
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog["%s selected option not visible"] == ["%s mục đã chọn đang bị ẩn"]
    assert catalog["Filter"] == "Lọc"  # Django's own Vietnamese is still there


def test_the_csrf_failure_page_is_in_vietnamese(db):
    response = Client(enforce_csrf_checks=True).post("/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Xác minh CSRF thất bại. Yêu cầu đã bị hủy." in page
    assert "CSRF verification failed" not in page


# --- The catalogue itself -------------------------------------------------------


@pytest.mark.parametrize("domain", COVERED)
def test_every_entry_is_translated_and_not_fuzzy(domain):
    entries = project_catalogue(domain)
    assert entries
    for entry in entries:
        assert "fuzzy" not in entry.flags, entry.msgid
        assert entry.msgstrs and all(s.strip() for s in entry.msgstrs), entry.msgid
        # Vietnamese has one plural form.
        assert len(entry.msgstrs) == 1, entry.msgid


@pytest.mark.parametrize("domain", COVERED)
def test_msgattrib_finds_nothing_untranslated_or_fuzzy(domain):
    po = str(LOCALE_VI / f"{domain}.po")
    for option in ("--untranslated", "--only-fuzzy"):
        output = subprocess.run(["msgattrib", option, po], capture_output=True, text=True, check=True).stdout
        assert "msgid" not in output


@pytest.mark.parametrize("domain", COVERED)
def test_the_catalogue_compiles_cleanly(domain):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(LOCALE_VI / f"{domain}.po")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]+>|[“”\"]")


@pytest.mark.parametrize("domain", COVERED)
def test_every_placeholder_quote_and_tag_is_kept(domain):
    for entry in project_catalogue(domain):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        for msgstr in entry.msgstrs:
            assert sorted(PLACEHOLDER.findall(msgstr)) == expected, entry.msgid


@pytest.mark.parametrize("domain", COVERED)
def test_the_catalogue_header_declares_vietnamese(domain):
    header = (LOCALE_VI / f"{domain}.po").read_text(encoding="utf-8")
    assert '"Language: vi\\n"' in header
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in header
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in header


@pytest.mark.parametrize("domain", COVERED)
def test_django_has_no_untranslated_string_we_have_not_handled(domain):
    """Fails after a Django upgrade that brings a Vietnamese-untranslated string:
    translate it in locale/vi/LC_MESSAGES/<domain>.po, or add it to SKIPPED with
    a reason."""
    ours = {entry.key for entry in project_catalogue(domain)}
    unhandled = {key for key in untranslated_by_django(domain) - ours if not skipped(key)}
    assert not unhandled, f"untranslated in Vietnamese, neither in locale/vi nor skipped: {sorted(unhandled, key=str)}"


def test_every_skipped_string_is_still_untranslated_by_django():
    """Keeps SKIPPED honest: drop an entry once Django translates it (or drops it)."""
    missing = untranslated_by_django("django") | untranslated_by_django("djangojs")
    stale = {key for keys in SKIPPED.values() for key in keys} - missing
    assert not stale, f"no longer untranslated by Django, remove from SKIPPED: {sorted(stale, key=str)}"


@pytest.mark.parametrize("domain", COVERED)
def test_every_entry_here_is_a_django_msgid(domain):
    """A typo in a copied msgid would make its translation silently unused."""
    english = set()
    for package in COVERED[domain]:
        english |= {
            entry.key for entry in read_po(DJANGO_DIR / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")
        }
    unknown = {entry.key for entry in project_catalogue(domain)} - english
    assert not unknown, f"not a Django msgid (typo, or removed by Django): {sorted(unknown, key=str)}"
