"""The Vietnamese catalogue that completes Django's own (locale/vi).

Django 5.2's Vietnamese catalogue leaves many admin, auth and validation
strings untranslated (or keyed by an old msgid), and translates a few wrongly
("Enter a whole number." as "a number as a whole", "History" as
"memorandum"); django-simple-history, which draws the admin's history pages,
has no Vietnamese catalogue at all. So a Vietnamese user would meet English,
or wrong Vietnamese, in the admin and in error messages. locale/vi supplies
and corrects them; these tests check that the user sees the right
Vietnamese, that the catalogue is complete, and that a Django or
simple-history upgrade bringing a new untranslated string fails here rather
than going unnoticed.

Like the English catalogue, the .mo files are built by `make test` / `make
install` (msgfmt), not by the tests.
"""

import ast
import functools
import gettext
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
import simple_history
from django import forms
from django.conf import global_settings, settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.paginator import PageNotAnInteger, Paginator
from django.core.validators import DomainNameValidator
from django.db import models
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext, pgettext
from django.utils.translation.template import templatize

LOCALE_VI = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"
DJANGO_DIR = Path(django.__file__).parent
SIMPLE_HISTORY_DIR = Path(simple_history.__file__).parent

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
    return parse_po(Path(path).read_text(encoding="utf-8"))


def parse_po(text):
    entries, fields, flags, last = [], {}, set(), None

    def flush():
        nonlocal fields, flags
        if "msgid" in fields and fields["msgid"]:
            msgstrs = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr"))]
            entries.append(Entry(fields["msgid"], fields.get("msgctxt"), fields.get("msgid_plural"), msgstrs, flags))
        fields, flags = {}, set()

    for line in text.splitlines():
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


@functools.cache
def simple_history_catalogue():
    """The entries django-simple-history marks for translation, read from its
    code and templates as makemessages would (templatize, then xgettext): its
    own locale/*/django.po files lag behind its code."""
    templates = [
        templatize(path.read_text(encoding="utf-8"), origin=str(path))
        for path in sorted((SIMPLE_HISTORY_DIR / "templates").rglob("*.html"))
    ]
    modules = sorted(
        str(path)
        for path in SIMPLE_HISTORY_DIR.rglob("*.py")
        if not {"migrations", "tests"} & set(path.relative_to(SIMPLE_HISTORY_DIR).parts)
    )
    # Django's makemessages keywords (xgettext knows gettext, ngettext, _).
    keywords = ["gettext_noop", "gettext_lazy", "ngettext_lazy:1,2", "pgettext:1c,2", "pgettext_lazy:1c,2"]
    keywords += ["npgettext:1c,2,3", "npgettext_lazy:1c,2,3"]
    result = subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "--omit-header", "--output=-"]
        + [f"--keyword={keyword}" for keyword in keywords]
        + [*modules, "-"],  # "-": the templatized templates, on stdin
        input="\n".join(templates),
        capture_output=True,
        text=True,
        check=True,
    )
    return parse_po(result.stdout)


def vietnamese(entry):
    """What a Vietnamese user gets for a catalogue entry (all catalogues merged)."""
    with translation.override("vi"):
        if entry.msgid_plural is None:
            return pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else _(entry.msgid)
        if entry.msgctxt:
            return npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
        return ngettext(entry.msgid, entry.msgid_plural, 1)


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


def javascript_catalogue(client):
    """The catalogue the admin's jsi18n view hands to the browser."""
    response = client.get("/quan-tri/jsi18n/")
    assert response.status_code == 200
    found = re.search(r"const newcatalog = (\{.*?\n\s*\});", response.content.decode(), re.DOTALL)
    assert found, "the jsi18n response carries no catalogue"
    return json.loads(found.group(1))


def test_the_admin_javascript_catalogue_is_in_vietnamese(admin_client):
    """The admin's jsi18n view includes locale/vi/djangojs (LOCALE_PATHS)."""
    catalog = javascript_catalogue(admin_client)
    assert catalog["Sunday"] == "Chủ Nhật"
    assert catalog["abbrev. day Monday\x04Mon"] == "T2"
    assert catalog["Choose all %s"] == "Chọn tất cả %s"
    assert catalog["%s selected option not visible"] == ["%s mục đã chọn đang bị ẩn"]
    assert catalog["Filter"] == "Lọc"  # Django's own Vietnamese is still there


def test_the_csrf_failure_page_is_in_vietnamese(db):
    response = Client(enforce_csrf_checks=True).post("/dang-nhap/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    page = response.content.decode()
    # The app's own page (config.errors.csrf_failure): what happened and what to do, in Vietnamese.
    assert "Phiên làm việc đã hết hạn" in page and "Hãy tải lại trang rồi gửi lại" in page
    assert "CSRF verification failed" not in page


# --- Django's wrong Vietnamese, corrected ---------------------------------------


def test_a_whole_number_is_a_so_nguyen():
    with pytest.raises(ValidationError) as raised:
        forms.IntegerField().clean("mười")
    assert raised.value.messages == ["Nhập một số nguyên."]


def test_corrected_validation_messages(db):
    with pytest.raises(ValidationError) as raised:
        forms.EmailField().clean("khong-phai-email")
    assert raised.value.messages == ["Nhập một địa chỉ email hợp lệ."]
    with pytest.raises(ValidationError) as raised:
        forms.IntegerField(min_value=0).clean("-1")
    assert raised.value.messages == ["Đảm bảo giá trị này lớn hơn hoặc bằng với 0."]
    with pytest.raises(ValidationError) as raised:
        forms.DecimalField(max_digits=3, decimal_places=0).clean("12345")
    assert raised.value.messages == ["Đảm bảo rằng tổng cộng không có quá 3 chữ số."]
    Group.objects.create(name="Ban thường vụ")
    with pytest.raises(ValidationError) as raised:
        Group(name="Ban thường vụ").validate_unique()
    assert raised.value.message_dict == {"name": ["Nhóm có Tên này đã tồn tại."]}


def test_permissions_and_the_admin_log_have_their_vietnamese_names(admin_client, admin_user):
    assert str(Permission._meta.verbose_name) == "quyền"
    assert str(LogEntry._meta.verbose_name) == "mục nhật ký"
    assert str(LogEntry._meta.verbose_name_plural) == "mục nhật ký"
    # The permission list of a user's page: "app | model | permission name".
    page = admin_client.get(f"/quan-tri/auth/user/{admin_user.pk}/change/").content.decode()
    assert "Xác thực và ủy quyền | quyền | " in page
    assert "| mục nhật ký | " in page
    assert "| cho phép |" not in page
    assert "đăng nhập |" not in page


def test_the_history_button_of_a_change_page_says_lich_su(admin_client, province):
    page = admin_client.get(f"/quan-tri/unions/unit/{province.tea.pk}/change/").content.decode()
    assert 'class="historylink">Lịch sử</a>' in page
    assert "Bản ghi nhớ" not in page


def test_a_list_page_has_the_corrected_vietnamese(admin_client, province):
    page = admin_client.get("/quan-tri/unions/unit/").content.decode()
    assert "Thêm đơn vị" in page  # the add button
    assert "Thêm vào đơn vị" not in page
    assert ">Thực hiện</button>" in page  # runs the chosen action
    assert "Đi đến" not in page
    assert re.search(r"Đã chọn 0 trên \d+", page)
    assert "0 của " not in page
    assert "Theo cấp" in page  # the heading of a filter
    assert "Bởi cấp" not in page
    assert "7 ngày qua" in page  # a date filter
    assert "7 ngày trước" not in page


def test_the_admin_login_says_a_staff_account_is_needed(client, db):
    get_user_model().objects.create_user("bao-cao-vien", password="mot-mat-khau-dai-2025")
    response = client.post("/quan-tri/login/", {"username": "bao-cao-vien", "password": "mot-mat-khau-dai-2025"})
    page = response.content.decode()
    assert "mật khẩu của một tài khoản được phép vào trang quản trị" in page
    assert "(Có phân biệt chữ hoa, thường)" not in page


def test_the_javascript_corrections_reach_the_admin(admin_client):
    catalog = javascript_catalogue(admin_client)
    assert catalog["Chosen %s"] == "%s đã chọn"
    assert catalog["%(sel)s of %(cnt)s selected"] == ["Đã chọn %(sel)s trên %(cnt)s"]


# --- django-simple-history: the admin's history pages --------------------------


def test_the_history_page_of_a_unit_is_in_vietnamese(admin_client, province):
    unit = province.tea
    page = admin_client.get(f"/quan-tri/unions/unit/{unit.pk}/history/").content.decode()
    for vietnamese in [
        f"Lịch sử thay đổi: {unit.name}",
        "Chọn một thời điểm trong danh sách dưới đây để khôi phục đối tượng này về một phiên bản trước.",
        '<th scope="col">Đối tượng</th>',
        '<th scope="col">Ghi chú</th>',
        '<th scope="col">Người thay đổi</th>',
        '<th scope="col">Lý do thay đổi</th>',
        '<th scope="col">Các thay đổi</th>',
        "<td>Đã tạo</td>",
        "<td>Đã thay đổi</td>",  # moved to phường Tân Phong
    ]:
        assert vietnamese in page
    for english in ["Choose a date", "Object<", "Comment<", "Changed by", "Change reason", "Changes<", "Created<"]:
        assert english not in page


def test_the_revert_page_of_a_unit_is_in_vietnamese(admin_client, province):
    unit = province.tea
    record = unit.history.earliest("history_date")
    page = admin_client.get(f"/quan-tri/unions/unit/{unit.pk}/history/{record.history_id}/").content.decode()
    assert f"<title>Khôi phục {unit.name} |" in page
    assert "Khôi phục đơn vị" in page  # the breadcrumbs
    assert "Bấm nút 'Khôi phục' bên dưới để khôi phục đối tượng về phiên bản này." in page
    assert 'value="Khôi phục"' in page
    assert 'class="historylink">Lịch sử</a>' in page
    assert "Revert" not in page
    assert "Press the" not in page


def test_the_history_pages_of_a_read_only_report_are_in_vietnamese(admin_client, province):
    """Reports are read-only in the admin: their history is there to view, not to revert."""
    from reporting.services import report_open

    report = report_open(unit=province.tan_phong, period=province.campaign.periods.filter(kind="week").last())
    page = admin_client.get(f"/quan-tri/reporting/report/{report.pk}/history/").content.decode()
    assert f"<title>Xem lịch sử: {report} |" in page
    assert '<th scope="col">Người thay đổi</th>' in page
    assert "<td>Đã tạo</td>" in page
    assert "View history" not in page
    assert "Changed by" not in page
    assert "Chọn một thời điểm" not in page  # nothing to revert
    record = report.history.get()
    page = admin_client.get(f"/quan-tri/reporting/report/{report.pk}/history/{record.history_id}/").content.decode()
    assert f"<title>Xem {report} |" in page
    assert "Xem báo cáo" in page  # the breadcrumbs
    assert 'class="closelink">Đóng</a>' in page
    assert "Khôi phục" not in page
    assert "View báo cáo" not in page


# --- The admin's password page ---------------------------------------------------


def test_the_admin_password_page_warns_in_vietnamese(admin_client, admin_user):
    page = admin_client.get(f"/quan-tri/auth/user/{admin_user.pk}/password/").content.decode()
    assert "Nếu tắt, mật khẩu hiện tại của người dùng này sẽ bị mất." in page
    assert "If disabled, the current password" not in page
    # Django's markup stays: the admin's script shows the warning once "Tắt" is chosen.
    assert '<ul id="id_unusable_warning" class="messagelist"><li class="warning">Nếu tắt,' in page


def test_the_password_form_warning_follows_the_language(admin_user):
    """Django joins its help text when the module is imported, in whatever
    language is active then; the project's form builds it when shown."""
    from unions.admin import UserPasswordChangeForm

    for language, first, warning in [
        ("vi", "Người dùng có thể xác thực bằng mật khẩu hay không.", "Nếu tắt, mật khẩu hiện tại"),
        ("en", "Whether the user will be able to authenticate", "If disabled, the current password"),
    ]:
        with translation.override(language):
            help_text = str(UserPasswordChangeForm(admin_user).fields["usable_password"].help_text)
        assert help_text.startswith(first), language
        assert warning in help_text, language


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
def test_every_entry_here_is_a_django_or_simple_history_msgid(domain):
    """A typo in a copied msgid would make its translation silently unused."""
    english = set()
    for package in COVERED[domain]:
        english |= {
            entry.key for entry in read_po(DJANGO_DIR / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")
        }
    if domain == "django":
        english |= {entry.key for entry in simple_history_catalogue()}
    unknown = {entry.key for entry in project_catalogue(domain)} - english
    assert not unknown, f"not a Django or simple-history msgid (typo, or removed upstream): {sorted(unknown, key=str)}"


def test_every_entry_here_is_what_a_vietnamese_user_gets():
    """LOCALE_PATHS win over Django's catalogues: each correction really
    replaces Django's wrong Vietnamese (and the .mo is up to date)."""
    differing = {
        entry.key: vietnamese(entry) for entry in project_catalogue("django") if vietnamese(entry) != entry.msgstrs[0]
    }
    assert not differing, f"the Vietnamese user gets something else: {differing}"


def test_every_javascript_entry_here_reaches_the_admin(admin_client):
    catalog = javascript_catalogue(admin_client)
    for entry in project_catalogue("djangojs"):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert catalog[key] == (entry.msgstrs if entry.msgid_plural else entry.msgstrs[0]), entry.msgid


def test_the_simple_history_strings_are_found():
    """Keeps the two tests below from passing on an empty list."""
    keys = {entry.key for entry in simple_history_catalogue()}
    assert {(None, "Changed by"), (None, "Revert %(verbose_name)s"), (None, "Created"), (None, "entry")} <= keys
    assert len(keys) >= 25


def test_simple_history_has_no_untranslated_string_we_have_not_handled():
    """Fails after a django-simple-history upgrade that brings a string neither
    Django's catalogue nor locale/vi translates: translate it in the
    simple-history section of locale/vi/LC_MESSAGES/django.po."""
    unhandled = sorted(entry.msgid for entry in simple_history_catalogue() if vietnamese(entry) == entry.msgid)
    assert not unhandled, f"simple-history strings a Vietnamese user would see in English: {unhandled}"
