"""Who reaches what: every URL name of the project × method (GET and POST) × persona.

The personas are those of ``tests.personas`` (a small province) plus the
anonymous visitor. Every object in a URL belongs to the ward Tân Phong, so:

* ``reporter_tan_phong`` is the unit's own reporter;
* ``reporter_tam_duong`` is a reporter of *another* unit and ``outsider`` a user
  with no role at all: an object outside one's units is a 404 (no hint that it
  exists), a page or action of the board's is a 403;
* ``viewer`` reads the whole province: 200 on read pages and downloads, 403 on
  every POST that changes data (and on the forms of such actions);
* ``staff`` and ``board`` manage the province: 2xx, or a redirect after a
  successful POST (no error message queued).

The rule we want, written into the matrix (a cell that fails names persona, URL
name, method, what was expected and what came back):

* anonymous → 302 to ``settings.LOGIN_URL`` on every page that needs login;
  public: the login page, ``set_language``, ``logout`` (and admin:login);
  a method refusal that comes before the login check (``require_POST`` or
  ``require_safe`` placed outside ``login_required``) is a 405 for everyone,
  anonymous included: it tells nothing and changes nothing;
* object outside one's units → 404; board-only page or action → 403;
* pages that only read and do not restrict their method answer a POST as a GET
  (marked "POST read as GET"): that writes nothing.

The admin (``quan-tri/``): the index, its site pages and the changelist and add
page of every registered model, for each persona; the board belongs to the
admin group the demo gives it (``_board_group_permissions`` below), ``staff`` is
staff without that group. The per-object admin views (change, delete, history,
simple_history's historical record, a user's password) are covered by one rule
for all admin model URLs: anyone who is not staff is sent to the admin login on
GET and POST alike; staff without permissions get a 403; the board's GET of
each follows ``BOARD_ADMIN`` (never a POST: it would write).

``test_every_url_name_is_in_the_matrix`` walks the URL resolver (through every
include, the admin's too) and fails, naming the pattern, when a URL name is
missing here.

Speed: the province is built once for the module, in a transaction rolled back
at the module's end; each test runs in its own savepoint (pytest-django's
``db``), and checks that it starts from the data as built. WeasyPrint's layout
is skipped (the PDF views still run; tests/reporting/test_pdf.py checks PDFs).
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import constants as message_levels
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.http import urlencode

from activities.models import MediaChannel, MediaItem, OutreachTeam, OutreachVisit, SurveyVisit, TeamMember
from activities.workbook import template_workbook as enterprise_workbook
from campaign.models import Period, PeriodKind
from jobs.models import ExportJob, ExportKind, JobStatus
from reporting import foundings, services
from reporting.exports.template import template_workbook
from reporting.forms import cell_name
from reporting.models import (
    Commendation,
    CommendationKind,
    EmulationFormula,
    EntryRequest,
    FinalReportDocument,
    Founding,
    Reminder,
    Report,
    ReportLine,
)
from reporting.selectors import FIGURES, report_rows
from unions.models import Enterprise, Sector, Unit, UnitKind
from unions.services import unit_create

from .conftest import built_once
from .factories import PASSWORD
from .personas import build_province
from .reporting.conftest import open_for_entry

PERSONAS = ("anonymous", "outsider", "reporter_tam_duong", "reporter_tan_phong", "viewer", "staff", "board")
# Those refused every change to the campaign's data: nothing they do may write.
REFUSED_EVERY_CHANGE = ("anonymous", "outsider", "reporter_tam_duong", "viewer")
NEW_PASSWORD = "Mat-khau-moi-cua-toi-2026"


# --- expected outcomes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Redirect:
    """A 302 to the page named ``view_name`` (with ``unit_id`` that of ``ctx.<unit>`` when given)."""

    view_name: str
    unit: str | None = None

    def __str__(self):
        return f"302→{self.view_name}" + (f"({self.unit})" if self.unit else "")


@dataclass(frozen=True)
class Done:
    """A successful POST: a 302 that is not to a login page, with no error message queued."""

    def __str__(self):
        return "302 done"


LOGIN = Redirect("login")  # settings.LOGIN_URL, checked against it in test_login_url_is_the_login_page
ADMIN_LOGIN = Redirect("admin:login")
HOME = Redirect("home")
LIST = Redirect("reporting:list")
DONE = Done()


def _error_messages(response) -> list[str]:
    """The error messages queued by this request only (not those left from earlier ones)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", [])
    return [str(m) for m in queued if m.level >= message_levels.ERROR]


def _described(response) -> str:
    text = str(response.status_code)
    if "Location" in response:
        text += f"→{response['Location']}"
    errors = _error_messages(response)
    if errors:
        text += f" errors={errors}"
    return text


def _mismatch(response, expected, ctx) -> str | None:
    """None when ``response`` is ``expected``, else what came back."""
    if isinstance(expected, int):
        ok = response.status_code == expected
    elif isinstance(expected, Done):
        ok = (
            response.status_code == 302
            and resolve(urlsplit(response["Location"]).path).view_name not in ("login", "admin:login")
            and not _error_messages(response)
        )
    else:
        ok = response.status_code == 302
        if ok:
            match = resolve(urlsplit(response["Location"]).path)
            ok = match.view_name == expected.view_name
            if ok and expected.unit:
                ok = match.kwargs.get("unit_id") == getattr(ctx.province, expected.unit).pk
    return None if ok else _described(response)


# --- the province and one real object for each URL -----------------------------------------------------


@dataclass
class Ctx:
    province: object
    unit: Unit  # Tân Phong: every object below is its
    week: Period  # 07–13/07, open: a draft report with a union registered from it
    union: Unit  # that union
    upload_week: Period  # 14–20/07, open, no report yet: upload then confirm
    submitted_for_return: Period  # 21–27/07: a submitted report, to return
    submitted_for_approval: Period  # 28–31/07: a submitted report, to approve
    approved: Period  # 01–06/07: an approved report, to reopen
    closed: Period  # the year 2025: closed, no report; the unit asks to open entry
    month: Period  # July: the printed monthly report; missing, so reminded and opened
    unconfirmed: Unit  # a union recorded without a report, for the board to confirm
    job: ExportJob  # the board's synthesis table, made by the worker: its owner's only
    enterprise: Enterprise  # in Tân Phong's charge
    team: OutreachTeam  # Tân Phong's outreach team
    media: MediaItem  # an article of Tân Phong's
    commendation: Commendation  # Tân Phong proposed for commendation, not decided yet
    initial: dict | None = None  # the data as built: each test starts from it


def _week(province, day: int) -> Period:
    return Period.objects.get(campaign=province.campaign, kind=PeriodKind.WEEK, start=datetime.date(2025, 7, day))


def _submitted(province, period: Period) -> Report:
    open_for_entry(period)
    report = services.report_save(
        unit=province.tan_phong, period=period, user=province.reporter_tan_phong, version=1, warning_comment="Đúng."
    )
    return services.report_submit(report=report, user=province.reporter_tan_phong, version=report.version)


def _build() -> Ctx:
    province = build_province()
    unit = province.tan_phong
    week = open_for_entry(_week(province, 7))
    union = foundings.grassroots_register(
        unit=unit, period=week, user=province.reporter_tan_phong, name="CĐCS Công ty Đá Tân Phong",
        sector=Sector.NON_STATE, recognition_decision="9/QĐ-CĐ", recognition_date=datetime.date(2025, 7, 8),
        founding_members=5,
    )
    approved = _week(province, 1)
    services.report_approve(report=_submitted(province, approved), user=province.staff)
    return Ctx(
        province=province,
        unit=unit,
        week=week,
        union=union,
        upload_week=open_for_entry(_week(province, 14)),
        submitted_for_return=_submitted(province, _week(province, 21)).period,
        submitted_for_approval=_submitted(province, _week(province, 28)).period,
        approved=approved,
        closed=Period.objects.get(campaign=province.campaign, kind=PeriodKind.YEAR),
        month=Period.objects.get(campaign=province.campaign, kind=PeriodKind.MONTH, start=datetime.date(2025, 7, 1)),
        unconfirmed=unit_create(
            code="CS0900", name="CĐCS Hợp tác xã Chè Tân Phong", kind=UnitKind.GRASSROOTS, parent=unit,
            active_from=datetime.date(2025, 7, 15), sector=Sector.NON_STATE, recognition_decision="12/QĐ-CĐ",
            recognition_date=datetime.date(2025, 7, 15), founding_members=7,
        ),
        enterprise=Enterprise.objects.create(
            tax_code="6200900001", name="Công ty Gạch Tân Phong", sector=Sector.NON_STATE, employees=40, unit=unit,
        ),
        team=OutreachTeam.objects.create(campaign=province.campaign, unit=unit, name="Đoàn vận động Tân Phong"),
        media=MediaItem.objects.create(campaign=province.campaign, unit=unit, channel=MediaChannel.NEWSPAPER,
                                       title="Tân Phong ra quân", published_on=datetime.date(2025, 7, 2)),
        commendation=Commendation.objects.create(campaign=province.campaign, kind=CommendationKind.UNIT, unit=unit,
                                                 achievement="Vượt chỉ tiêu đợt 2."),
        job=ExportJob.objects.create(
            requested_by=province.board, kind=ExportKind.SYNTHESIS_XLSX, status=JobStatus.DONE,
            params={"campaign": province.campaign.pk, "root": province.federation.pk, "as_of": "2025-07-31"},
            filename="tong-hop.xlsx", content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            content=b"PK\x03\x04", finished_at=datetime.datetime(2025, 7, 31, 10, tzinfo=datetime.UTC),
        ),
    )


@pytest.fixture(scope="module")
def _module_data(django_db_setup, django_db_blocker):
    """The province and its objects, built once for this module (``tests.conftest.built_once``)."""
    with built_once(django_db_blocker, _build) as data:
        with django_db_blocker.unblock():
            data.initial = _snapshot()
        yield data


@pytest.fixture
def ctx(_module_data, db, monkeypatch):
    # A permission matrix needs the PDF views to answer, not WeasyPrint to lay out pages
    # (tests/reporting/test_pdf.py does): the page is rendered, the layout skipped.
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7\n%stub\n")
    assert _snapshot() == _module_data.initial, "an earlier test's writes were not rolled back"
    return _module_data


# --- request builders: (url, data), built just before the request (versions move) -----------------------


def _args(ctx, period_attr="week"):
    return [ctx.unit.pk, getattr(ctx, period_attr).pk]


def _report_form(ctx):
    report = Report.objects.get(unit=ctx.unit, period=ctx.week)
    data = {"action": "save", "version": report.version}
    rows = report_rows(ctx.unit, ctx.week, report)
    for row in rows:
        for figure in FIGURES:
            data[cell_name(row.key, figure)] = row.values[figure]
    data[cell_name(rows[0].key, "new_members")] = rows[0].values["new_members"] + 3  # a real change
    return reverse("reporting:report", args=_args(ctx)), data


def _upload_file(ctx):
    report = Report.objects.filter(unit=ctx.unit, period=ctx.upload_week).first()
    content = template_workbook(
        unit=ctx.unit, period=ctx.upload_week, rows=report_rows(ctx.unit, ctx.upload_week, report)
    )
    name = "mau.xlsx"
    file = SimpleUploadedFile(name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return reverse("reporting:upload", args=_args(ctx, "upload_week")), {"file": file}


def _final_form(ctx):
    field = FinalReportDocument._meta.get_field
    data = {
        name: field(name).default
        for name in ("superior_body", "issuer", "place", "recipients", "signer_capacity", "signer_title")
    }
    return reverse("reporting:final_edit"), data | {
        "number": "215/BC-LĐLĐ", "issued_on": "05/08/2025", "results": "Đạt chỉ tiêu.", "signer_name": "Hoàng Thọ Trung",
    }


def _union_form(day: str, members: int, name: str):
    return {
        "name": name, "sector": Sector.NON_STATE, "recognition_decision": "10/QĐ-CĐ", "recognition_date": day,
        "founding_members": members,
    }


def _enterprise_form(ctx):
    return {"tax_code": ctx.enterprise.tax_code, "name": "Công ty Gạch Tân Phong", "sector": Sector.NON_STATE,
            "commune": "", "employees": "41", "unit": ctx.unit.pk, "union": ""}


def _enterprise_upload(ctx):
    content = enterprise_workbook(unit=ctx.unit, enterprises=[ctx.enterprise])
    file = SimpleUploadedFile("dn.xlsx", content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return reverse("activities:enterprise_import"), {"unit": ctx.unit.pk, "file": file}


def _team_form(ctx):
    return {"campaign": ctx.province.campaign.pk, "unit": ctx.unit.pk, "wave": "", "name": "Đoàn vận động số 2",
            "purpose": "", "tv-TOTAL_FORMS": "1", "tv-INITIAL_FORMS": "0", "tv-MIN_NUM_FORMS": "0",
            "tv-MAX_NUM_FORMS": "50", "tv-0-name": "Lò Văn A", "tv-0-role": "Trưởng đoàn"}


def _media_form(ctx):
    return {"campaign": ctx.province.campaign.pk, "unit": ctx.unit.pk, "wave": "", "channel": MediaChannel.RADIO_TV,
            "title": "Phóng sự Tháng cao điểm", "published_on": "03/07/2025", "link": "", "audience": "1200"}


def _copy_form(ctx):
    """A campaign made from the province's (``campaign.views.campaign_copy_view``): for an earlier
    year, so that the rows after it still find the 2025 campaign the latest."""
    return {
        "name": "Tháng cao điểm 2024", "year": "2024", "plan_number": "143/KH-LĐLĐ", "plan_date": "",
        "legal_basis": "", "final_report_due": "05/08/2024", "targets": "copy", "factor": "",
        "waves-TOTAL_FORMS": "1", "waves-INITIAL_FORMS": "1", "waves-MIN_NUM_FORMS": "0", "waves-MAX_NUM_FORMS": "1000",
        "waves-0-number": "1", "waves-0-theme": "", "waves-0-start": "01/05/2024", "waves-0-end": "31/05/2024",
        "waves-0-keep": "on",
    }


def url(name, args=None, data=None, query=None):
    """A builder for a fixed URL: ``args`` and ``query`` are functions of ctx."""

    def build(ctx):
        target = reverse(name, args=args(ctx) if args else None)
        if query:
            target += "?" + urlencode(query(ctx))
        return target, (data(ctx) if callable(data) else data) or {}

    return build


@dataclass
class Row:
    name: str
    method: str
    build: object
    expected: tuple  # in the order of PERSONAS
    variant: str = ""

    def __post_init__(self):
        assert len(self.expected) == len(PERSONAS), (self.name, self.method, self.variant)

    @property
    def label(self):
        return f"{self.method} {self.name}{self.variant}"


L, D = LOGIN, DONE
REPORT_TD, REPORT_TP = Redirect("reporting:report", unit="tam_duong"), Redirect("reporting:report", unit="tan_phong")
def _in_unit(ctx):
    return {"unit": ctx.unit.pk}

# The matrix. Columns: anonymous, outsider, reporter_tam_duong (another unit), reporter_tan_phong (own
# unit), viewer, staff, board. Rows run in this order within one persona's test (an upload before its
# confirmation; logging out last).
ROWS = [
    # Public pages. A logged-in user opening the login page is sent home.
    Row("login", "GET", url("login"), (200, HOME, HOME, HOME, HOME, HOME, HOME)),
    Row("login", "POST", url("login", data={"username": "alice", "password": "sai-mat-khau"}),
        (200, HOME, HOME, HOME, HOME, HOME, HOME)),
    # Health for the load balancer: public, read only.
    Row("healthz", "GET", url("healthz"), (200,) * 7),
    Row("healthz", "POST", url("healthz"), (405,) * 7),
    Row("readyz", "GET", url("readyz"), (200,) * 7),
    Row("readyz", "POST", url("readyz"), (405,) * 7),
    Row("set_language", "GET", url("set_language", query=lambda ctx: {"next": "/"}), (HOME,) * 7),
    Row("set_language", "POST", url("set_language", data={"language": "vi", "next": "/"}), (HOME,) * 7),
    # One's own account: any logged-in user changes their own name and password (not campaign data).
    Row("account", "GET", url("account"), (L, 200, 200, 200, 200, 200, 200)),
    Row("account", "POST", url("account", data={"last_name": "Nguyễn", "first_name": "Văn A", "email": "a@example.invalid"}),
        (L, D, D, D, D, D, D)),
    # An invitation's link: public; a link that is not (or no longer) valid says so, changes nothing.
    Row("password_set", "GET", url("password_set", args=lambda ctx: ["MQ", "sai-ma"]), (200,) * 7),
    Row("password_set", "POST", url("password_set", args=lambda ctx: ["MQ", "sai-ma"],
        data={"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}), (200,) * 7),
    Row("password_change", "GET", url("password_change"), (L, 200, 200, 200, 200, 200, 200)),
    Row("password_change", "POST", url("password_change", data={
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}),
        (L, D, D, D, D, D, D)),
    # Home: each sees their own overview (an outsider: "nothing to show"). POST read as GET.
    Row("home", "GET", url("home"), (L, 200, 200, 200, 200, 200, 200)),
    Row("home", "POST", url("home"), (L, 200, 200, 200, 200, 200, 200)),
    # A unit's page: 404 outside one's units. POST read as GET.
    # Enterprises: seen in the units one sees (404 outside), edited by the unit's reporters and the
    # managers; a viewer reads only (403 on the forms); one without a unit in charge may not add any.
    Row("activities:enterprises", "GET", url("activities:enterprises"), (L, 200, 200, 200, 200, 200, 200)),
    Row("activities:enterprises", "POST", url("activities:enterprises"), (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:targets", "GET", url("activities:targets"), (L, 200, 200, 200, 200, 200, 200)),
    Row("activities:targets", "POST", url("activities:targets"), (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:enterprise", "GET", url("activities:enterprise", args=lambda ctx: [ctx.enterprise.pk]),
        (L, 404, 404, 200, 200, 200, 200)),
    Row("activities:enterprise", "POST", url("activities:enterprise", args=lambda ctx: [ctx.enterprise.pk]),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:enterprise_new", "GET", url("activities:enterprise_new"), (L, 403, 200, 200, 403, 200, 200)),
    Row("activities:enterprise_new", "POST", url("activities:enterprise_new", data=lambda ctx: _enterprise_form(ctx)
        | {"tax_code": "6200900002"}), (L, 403, 400, D, 403, D, D)),
    Row("activities:enterprise_edit", "GET", url("activities:enterprise_edit", args=lambda ctx: [ctx.enterprise.pk]),
        (L, 404, 404, 200, 403, 200, 200)),
    Row("activities:enterprise_edit", "POST", url("activities:enterprise_edit", args=lambda ctx: [ctx.enterprise.pk],
        data=_enterprise_form), (L, 404, 404, D, 403, D, D)),
    Row("activities:visit_new", "GET", url("activities:visit_new", args=lambda ctx: [ctx.enterprise.pk]),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:visit_new", "POST", url("activities:visit_new", args=lambda ctx: [ctx.enterprise.pk],
        data={"visited_on": "10/07/2025", "visitors": "Lò Văn A"}), (L, 404, 404, D, 403, D, D)),
    Row("activities:enterprise_template", "GET", url("activities:enterprise_template", query=_in_unit),
        (L, 403, 404, 200, 403, 200, 200)),
    Row("activities:enterprise_template", "POST", url("activities:enterprise_template", query=_in_unit),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:enterprise_import", "GET", url("activities:enterprise_import"), (L, 403, 200, 200, 403, 200, 200)),
    Row("activities:enterprise_import", "POST", _enterprise_upload, (L, 403, 400, D, 403, D, D)),
    # Outreach teams: the same rule as the enterprises (the team's unit).
    Row("activities:teams", "GET", url("activities:teams"), (L, 200, 200, 200, 200, 200, 200)),
    Row("activities:teams", "POST", url("activities:teams"), (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:team_new", "GET", url("activities:team_new"), (L, 403, 200, 200, 403, 200, 200)),
    Row("activities:team_new", "POST", url("activities:team_new", data=_team_form), (L, 403, 400, D, 403, D, D)),
    Row("activities:team", "GET", url("activities:team", args=lambda ctx: [ctx.team.pk]), (L, 404, 404, 200, 200, 200, 200)),
    Row("activities:team", "POST", url("activities:team", args=lambda ctx: [ctx.team.pk]), (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:team_edit", "GET", url("activities:team_edit", args=lambda ctx: [ctx.team.pk]),
        (L, 404, 404, 200, 403, 200, 200)),
    Row("activities:team_edit", "POST", url("activities:team_edit", args=lambda ctx: [ctx.team.pk], data=_team_form),
        (L, 404, 404, D, 403, D, D)),
    Row("activities:outreach_visit_new", "GET", url("activities:outreach_visit_new", args=lambda ctx: [ctx.team.pk]),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:outreach_visit_new", "POST", url("activities:outreach_visit_new", args=lambda ctx: [ctx.team.pk],
        data={"visited_on": "10/07/2025", "place": "Chợ Tân Phong", "workers_reached": "30", "members_recruited": "4"}),
        (L, 404, 404, D, 403, D, D)),
    # Media work: logged by the Professional Affairs Board and the managers (no persona here holds the
    # Board's role: tests/activities/test_media.py), read by anyone who sees its unit.
    # The campaigns and next year's made from one: the province's managers (board and staff of the
    # federation); a campaign is not anyone else's to see here (404).
    # Users and roles in bulk: the managers; a list is shown (read) before it is confirmed.
    Row("unions:invitations", "GET", url("unions:invitations"), (L, 403, 403, 403, 403, 200, 200)),
    Row("unions:invitations", "POST", url("unions:invitations", data={"lines": "Vàng Thị Mai; mai@example.vn; LC-X-TPHONG;"}),
        (L, 403, 403, 403, 403, 200, 200)),
    # A restructuring: the managers; a move list is shown (tried and rolled back) before it is confirmed.
    Row("campaign:restructuring", "GET", url("campaign:restructuring"), (L, 403, 403, 403, 403, 200, 200)),
    Row("campaign:restructuring", "POST", url("campaign:restructuring", data={"lines": "CS0001;LC;01/08/2025;"}),
        (L, 403, 403, 403, 403, 200, 200)),
    Row("campaign:list", "GET", url("campaign:list"), (L, 403, 403, 403, 403, 200, 200)),
    Row("campaign:list", "POST", url("campaign:list"), (L, 405, 405, 405, 405, 405, 405)),
    Row("campaign:copy", "GET", url("campaign:copy", args=lambda ctx: [ctx.province.campaign.pk]),
        (L, 404, 404, 404, 404, 200, 200)),
    Row("campaign:copy", "POST", url("campaign:copy", args=lambda ctx: [ctx.province.campaign.pk], data=_copy_form),
        (L, 404, 404, 404, 404, D, D)),
    Row("campaign:targets", "GET", url("campaign:targets", args=lambda ctx: [ctx.province.campaign.pk]),
        (L, 404, 404, 404, 404, 200, 200)),
    Row("campaign:targets", "POST", url("campaign:targets", args=lambda ctx: [ctx.province.campaign.pk]),
        (L, 404, 404, 404, 404, D, D)),
    # A unit's split of its targets to its grassroots unions: its own reporters and the managers;
    # the viewer sees the unit but may not set its targets.
    Row("campaign:unit_targets", "GET", url("campaign:unit_targets", args=lambda ctx: [ctx.province.campaign.pk, ctx.unit.pk]),
        (L, 404, 404, 200, 403, 200, 200)),
    Row("campaign:unit_targets", "POST", url("campaign:unit_targets", args=lambda ctx: [ctx.province.campaign.pk, ctx.unit.pk]),
        (L, 404, 404, D, 403, D, D)),
    Row("campaign:unit_targets_current", "GET", url("campaign:unit_targets_current", args=lambda ctx: [ctx.unit.pk]),
        (L, 404, 404, *(Redirect("campaign:unit_targets"),) * 4)),
    Row("campaign:unit_targets_current", "POST", url("campaign:unit_targets_current", args=lambda ctx: [ctx.unit.pk]),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("campaign:targets_template", "GET",
        url("campaign:targets_template", args=lambda ctx: [ctx.province.campaign.pk]), (L, 404, 404, 404, 404, 200, 200)),
    Row("campaign:targets_template", "POST",
        url("campaign:targets_template", args=lambda ctx: [ctx.province.campaign.pk]), (L, 405, 405, 405, 405, 405, 405)),
    Row("campaign:targets_upload", "GET",
        url("campaign:targets_upload", args=lambda ctx: [ctx.province.campaign.pk]), (L, 405, 405, 405, 405, 405, 405)),
    Row("campaign:targets_upload", "POST",  # no file: refused with the form's message
        url("campaign:targets_upload", args=lambda ctx: [ctx.province.campaign.pk]), (L, 404, 404, 404, 404, 400, 400)),
    Row("activities:media", "GET", url("activities:media"), (L, 200, 200, 200, 200, 200, 200)),
    Row("activities:media", "POST", url("activities:media"), (L, 405, 405, 405, 405, 405, 405)),
    Row("activities:media_new", "GET", url("activities:media_new"), (L, 403, 403, 403, 403, 200, 200)),
    Row("activities:media_new", "POST", url("activities:media_new", data=_media_form), (L, 403, 403, 403, 403, D, D)),
    Row("activities:media_edit", "GET", url("activities:media_edit", args=lambda ctx: [ctx.media.pk]),
        (L, 404, 404, 403, 403, 200, 200)),
    Row("activities:media_edit", "POST", url("activities:media_edit", args=lambda ctx: [ctx.media.pk], data=_media_form),
        (L, 404, 404, 403, 403, D, D)),
    # The emulation score and commendations: read by the figure readers (and the Professional Affairs
    # Board), the formula set by the managers, proposals made by the Board and the managers, decided by
    # the board only.
    Row("reporting:emulation", "GET", url("reporting:emulation"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:emulation", "POST", url("reporting:emulation"), (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:emulation_formula", "GET", url("reporting:emulation_formula"), (L, 403, 403, 403, 403, 200, 200)),
    Row("reporting:emulation_formula", "POST", url("reporting:emulation_formula", data={
        "weight_new_members": "50", "weight_new_grassroots": "10", "weight_party_introduced": "10",
        "weight_party_admitted": "0", "weight_discipline": "20", "weight_quality": "10", "cap_percent": "100",
        "late_credit": "50", "points_per_member": "1", "points_per_party_introduced": "5"}),
        (L, 403, 403, 403, 403, D, D)),
    Row("reporting:commendations", "GET", url("reporting:commendations"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:commendations", "POST", url("reporting:commendations"), (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:commendation_new", "GET", url("reporting:commendation_new"), (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:commendation_new", "POST", url("reporting:commendation_new", data={
        "kind": "person", "unit_code": "LC-X-TPHONG", "person_name": "Lò Thị Mai", "position": "Chủ tịch",
        "achievement": "Vận động thành lập 2 công đoàn cơ sở."}), (L, 403, 403, 403, 403, D, D)),
    Row("reporting:commendation_decision", "GET", url("reporting:commendation_decision",
        args=lambda ctx: [ctx.commendation.pk]), (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:commendation_decision", "POST", url("reporting:commendation_decision",
        args=lambda ctx: [ctx.commendation.pk], data={"action": "approve", "decision_number": "45/QĐ-LĐLĐ",
                                                       "decision_date": "01/08/2025"}), (L, 403, 403, 403, 403, 403, D)),
    Row("reporting:commendations_xlsx", "GET", url("reporting:commendations_xlsx"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:commendations_xlsx", "POST", url("reporting:commendations_xlsx"), (L, 405, 405, 405, 405, 405, 405)),
    Row("unions:unit_detail", "GET", url("unions:unit_detail", args=lambda ctx: [ctx.unit.pk]),
        (L, 404, 404, 200, 200, 200, 200)),
    Row("unions:unit_detail", "POST", url("unions:unit_detail", args=lambda ctx: [ctx.unit.pk]),
        (L, 404, 404, 200, 200, 200, 200)),
    # The dashboard: figure readers only (a 403 comes before the unit is looked up). POST read as GET.
    Row("reporting:dashboard", "GET", url("reporting:dashboard"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:dashboard", "GET", url("reporting:dashboard", query=_in_unit), (L, 403, 403, 403, 200, 200, 200),
        variant="?unit=tan_phong"),
    Row("reporting:dashboard", "POST", url("reporting:dashboard"), (L, 403, 403, 403, 200, 200, 200)),
    # Missing reports: board and staff only; require_safe before login_required (405 for a POST).
    Row("reporting:missing", "GET", url("reporting:missing"), (L, 403, 403, 403, 403, 200, 200)),
    Row("reporting:missing", "POST", url("reporting:missing"), (405,) * 7),
    # Tracing a figure and checking a fingerprint: the province for figure readers, a unit's own row
    # (?unit=) for anyone who sees the unit.
    Row("reporting:figure_lines", "GET", url("reporting:figure_lines"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:figure_lines", "GET", url("reporting:figure_lines", query=_in_unit),
        (L, 404, 404, 200, 200, 200, 200), variant="?unit=tan_phong"),
    Row("reporting:figure_lines", "POST", url("reporting:figure_lines"), (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:fingerprint_check", "GET", url("reporting:fingerprint_check"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:fingerprint_check", "GET", url("reporting:fingerprint_check", query=_in_unit),
        (L, 404, 404, 200, 200, 200, 200), variant="?unit=tan_phong"),
    Row("reporting:fingerprint_check", "POST", url("reporting:fingerprint_check"), (L, 405, 405, 405, 405, 405, 405)),
    # New unions recorded without a report: the board confirms them.
    Row("reporting:foundings", "GET", url("reporting:foundings"), (L, 403, 403, 403, 403, 200, 200)),
    Row("reporting:foundings", "POST", url("reporting:foundings", data=lambda ctx: {
        "action": "confirm", "grassroots": ctx.unconfirmed.pk}), (L, 403, 403, 403, 403, D, D)),
    # The missing list's actions: require_POST before login_required (405 for a GET, anonymous too).
    Row("reporting:remind", "GET", url("reporting:remind"), (405,) * 7),
    Row("reporting:remind", "POST", url("reporting:remind", data=lambda ctx: {"period": ctx.month.pk}),
        (L, 403, 403, 403, 403, D, D)),
    Row("reporting:open_missing", "GET", url("reporting:open_missing"), (405,) * 7),
    Row("reporting:open_missing", "POST", url("reporting:open_missing", data=lambda ctx: {
        "period": ctx.month.pk, "unit": [ctx.unit.pk], "reason": "Mất điện cả tuần"}), (L, 403, 403, 403, 403, D, D)),
    # Report lists: one's own periods (none for an outsider or a viewer), the review list for managers.
    # POST read as GET.
    Row("reporting:list", "GET", url("reporting:list"), (L, 200, 200, 200, 200, 200, 200)),
    Row("reporting:list", "POST", url("reporting:list"), (L, 200, 200, 200, 200, 200, 200)),
    Row("reporting:this_week", "GET", url("reporting:this_week"), (L, LIST, REPORT_TD, REPORT_TP, LIST, LIST, LIST)),
    Row("reporting:this_week", "POST", url("reporting:this_week"), (L, LIST, REPORT_TD, REPORT_TP, LIST, LIST, LIST)),
    # The report page: saving is for its reporters and the managers.
    Row("reporting:report", "GET", url("reporting:report", args=_args), (L, 404, 404, 200, 200, 200, 200)),
    Row("reporting:report", "POST", _report_form, (L, 404, 404, D, 403, D, D)),
    # Registering and correcting a new union (the forms too are refused to a viewer).
    Row("reporting:grassroots_new", "GET", url("reporting:grassroots_new", args=_args), (L, 404, 404, 200, 403, 200, 200)),
    Row("reporting:grassroots_new", "POST", url("reporting:grassroots_new", args=_args,
        data=_union_form("09/07/2025", 6, "CĐCS Công ty Gạch Tân Phong")), (L, 404, 404, D, 403, D, D)),
    Row("reporting:grassroots_edit", "GET", url("reporting:grassroots_edit", args=lambda ctx: [*_args(ctx), ctx.union.pk]),
        (L, 404, 404, 200, 403, 200, 200)),
    Row("reporting:grassroots_edit", "POST", url("reporting:grassroots_edit",
        args=lambda ctx: [*_args(ctx), ctx.union.pk], data=_union_form("08/07/2025", 8, "CĐCS Công ty Đá Tân Phong")),
        (L, 404, 404, D, 403, D, D)),
    # POST-only actions (login_required first: a GET is 302 for anonymous, 405 for the others).
    Row("reporting:entry_request", "GET", url("reporting:entry_request", args=lambda ctx: _args(ctx, "closed")),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:entry_request", "POST", url("reporting:entry_request", args=lambda ctx: _args(ctx, "closed"),
        data={"reason": "Mất mạng"}), (L, 404, 404, D, 403, D, D)),
    Row("reporting:return", "GET", url("reporting:return", args=lambda ctx: _args(ctx, "submitted_for_return")),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:return", "POST", url("reporting:return", args=lambda ctx: _args(ctx, "submitted_for_return"),
        data={"reason": "Thiếu số liệu"}), (L, 404, 404, 403, 403, D, D)),
    Row("reporting:approve", "GET", url("reporting:approve", args=lambda ctx: _args(ctx, "submitted_for_approval")),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:approve", "POST", url("reporting:approve", args=lambda ctx: _args(ctx, "submitted_for_approval")),
        (L, 404, 404, 403, 403, D, D)),
    Row("reporting:reopen", "GET", url("reporting:reopen", args=lambda ctx: _args(ctx, "approved")),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:reopen", "POST", url("reporting:reopen", args=lambda ctx: _args(ctx, "approved"),
        data={"reason": "Sửa số liệu"}), (L, 404, 404, 403, 403, D, D)),
    # Reading a report's history and downloading its template. POST read as GET.
    Row("reporting:history", "GET", url("reporting:history", args=_args), (L, 404, 404, 200, 200, 200, 200)),
    Row("reporting:history", "POST", url("reporting:history", args=_args), (L, 404, 404, 200, 200, 200, 200)),
    Row("reporting:template", "GET", url("reporting:template", args=_args), (L, 404, 404, 200, 200, 200, 200)),
    Row("reporting:template", "POST", url("reporting:template", args=_args), (L, 404, 404, 200, 200, 200, 200)),
    # Uploading the filled template: a preview (writes nothing), then the confirmation writes it.
    Row("reporting:upload", "GET", url("reporting:upload", args=lambda ctx: _args(ctx, "upload_week")),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:upload", "POST", _upload_file, (L, 404, 404, 200, 403, 200, 200)),
    Row("reporting:upload_confirm", "GET", url("reporting:upload_confirm", args=lambda ctx: _args(ctx, "upload_week")),
        (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:upload_confirm", "POST", url("reporting:upload_confirm", args=lambda ctx: _args(ctx, "upload_week")),
        (L, 404, 404, D, 403, D, D)),
    # Excel downloads (require_safe: 405 for a POST).
    Row("reporting:synthesis_xlsx", "GET", url("reporting:synthesis_xlsx"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:synthesis_xlsx", "POST", url("reporting:synthesis_xlsx"), (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:unit_synthesis_xlsx", "GET", url("reporting:unit_synthesis_xlsx", args=lambda ctx: [ctx.unit.pk]),
        (L, 404, 404, 200, 200, 200, 200)),
    Row("reporting:unit_synthesis_xlsx", "POST", url("reporting:unit_synthesis_xlsx", args=lambda ctx: [ctx.unit.pk]),
        (L, 405, 405, 405, 405, 405, 405)),
    # Files made by the worker: asking has the download's rule (figure readers; require_POST before
    # login_required); a job is its owner's (the board's here): anyone else's is a 404. Lists one's own.
    Row("jobs:list", "GET", url("jobs:list"), (L, 200, 200, 200, 200, 200, 200)),
    Row("jobs:list", "POST", url("jobs:list"), (405,) * 7),
    Row("jobs:synthesis_request", "GET", url("jobs:synthesis_request"), (405,) * 7),
    Row("jobs:synthesis_request", "POST", url("jobs:synthesis_request", data={"as_of": "31/07/2025"}),
        (L, 403, 403, 403, D, D, D)),
    # The national pages exist only for the confederation's board, staff and viewers: a
    # province's people (every persona here) get a 404.
    Row("jobs:national_request", "GET", url("jobs:national_request"), (405,) * 7),
    Row("jobs:national_request", "POST", url("jobs:national_request", data={"as_of": "31/07/2025"}),
        (L, 404, 404, 404, 404, 404, 404)),
    Row("reporting:national", "GET", url("reporting:national"), (L, 404, 404, 404, 404, 404, 404)),
    Row("reporting:national", "POST", url("reporting:national"), (L, 405, 405, 405, 405, 405, 405)),
    Row("reporting:national_xlsx", "GET", url("reporting:national_xlsx"), (L, 404, 404, 404, 404, 404, 404)),
    Row("reporting:national_xlsx", "POST", url("reporting:national_xlsx"), (L, 405, 405, 405, 405, 405, 405)),
    Row("jobs:status", "GET", url("jobs:status", args=lambda ctx: [ctx.job.pk]), (L, 404, 404, 404, 404, 404, 200)),
    Row("jobs:status", "POST", url("jobs:status", args=lambda ctx: [ctx.job.pk]), (405,) * 7),
    Row("jobs:download", "GET", url("jobs:download", args=lambda ctx: [ctx.job.pk]), (L, 404, 404, 404, 404, 404, 200)),
    Row("jobs:download", "POST", url("jobs:download", args=lambda ctx: [ctx.job.pk]), (405,) * 7),
    # The province's final report: its form is the managers'; its PDF is for figure readers.
    Row("reporting:final_edit", "GET", url("reporting:final_edit"), (L, 403, 403, 403, 403, 200, 200)),
    Row("reporting:final_edit", "POST", _final_form, (L, 403, 403, 403, 403, D, D)),
    Row("reporting:final_pdf", "GET", url("reporting:final_pdf"), (L, 403, 403, 403, 200, 200, 200)),
    Row("reporting:final_pdf", "POST", url("reporting:final_pdf"), (L, 403, 403, 403, 200, 200, 200)),  # read as GET
    # A unit's printed monthly report: anyone who sees the unit. POST read as GET.
    Row("reporting:unit_pdf", "GET", url("reporting:unit_pdf", args=lambda ctx: _args(ctx, "month")),
        (L, 404, 404, 200, 200, 200, 200)),
    Row("reporting:unit_pdf", "POST", url("reporting:unit_pdf", args=lambda ctx: _args(ctx, "month")),
        (L, 404, 404, 200, 200, 200, 200)),
    # Logging out is public (POST only, as in Django 5); last, as it ends the session.
    Row("logout", "GET", url("logout"), (405,) * 7),
    Row("logout", "POST", url("logout"), (L,) * 7),
]


def _snapshot():
    """What a refused persona must leave as it was: the campaign's data, and the mail sent."""
    return {
        "reports": sorted(Report.objects.values_list("pk", "status", "version", "reopened")),
        "lines": sorted(ReportLine.objects.values_list("pk", "new_members")),
        "units": sorted(Unit.objects.values_list("pk", "name", "founding_members")),
        "foundings": sorted(Founding.objects.values_list("pk", flat=True)),
        "entry_requests": sorted(EntryRequest.objects.values_list("pk", "resolved_at")),
        "reminders": Reminder.objects.count(),
        "final_documents": FinalReportDocument.objects.count(),
        "mail": len(mail.outbox),
        "enterprises": sorted(Enterprise.objects.values_list("pk", "name", "employees")),
        "visits": SurveyVisit.objects.count(),
        "teams": sorted(OutreachTeam.objects.values_list("pk", "name")),
        "team_members": TeamMember.objects.count(),
        "outreach_visits": OutreachVisit.objects.count(),
        "media": sorted(MediaItem.objects.values_list("pk", "title", "audience")),
        "formulas": EmulationFormula.objects.count(),
        "commendations": sorted(Commendation.objects.values_list("pk", "status")),
    }


def _request(client, method, build, ctx):
    target, data = build(ctx)
    return getattr(client, method.lower())(target, data)


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reaches_every_url_as_the_matrix_says(client, ctx, persona):
    column = PERSONAS.index(persona)
    user = None if persona == "anonymous" else getattr(ctx.province, persona)
    if user is not None:
        client.force_login(user)
    before = _snapshot()
    wrong = []
    for row in ROWS:
        expected = row.expected[column]
        response = _request(client, row.method, row.build, ctx)
        got = _mismatch(response, expected, ctx)
        if got is not None:
            wrong.append(f"{persona} | {row.label} | expected {expected} | got {got}")
    if persona in REFUSED_EVERY_CHANGE and _snapshot() != before:
        after = _snapshot()
        changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
        wrong.append(f"{persona} | (all rows) | expected no change to the campaign's data | got {changed}")
    assert not wrong, "cells that differ from the matrix:\n" + "\n".join(wrong)


def test_login_url_is_the_login_page():
    """LOGIN above stands for settings.LOGIN_URL."""
    assert resolve(resolve_url(settings.LOGIN_URL)).view_name == "login"


def test_anonymous_users_are_sent_to_log_in_with_the_page_to_come_back_to(client, ctx):
    """The anonymous cells marked LOGIN go to settings.LOGIN_URL and keep ?next=."""
    login = resolve_url(settings.LOGIN_URL)
    for row in ROWS:
        if row.expected[0] != LOGIN or row.name == "logout":
            continue
        target, data = row.build(ctx)
        response = getattr(client, row.method.lower())(target, data)
        location = urlsplit(response["Location"])
        assert location.path == login and f"next={urlsplit(target).path}" in response["Location"].replace("%2F", "/"), (
            row.label, response["Location"]
        )


# --- the admin -----------------------------------------------------------------------------------------

# The permissions the demo gives the board's admin group: all of the master data (units, campaigns),
# reading users and the reports (which change only through the workflow).
BOARD_GROUP_NAME = "Ban Thường vụ — quản trị dữ liệu gốc"


def _board_group_permissions():
    return Permission.objects.filter(content_type__app_label__in=["unions", "campaign"]) | Permission.objects.filter(
        content_type__app_label="auth", codename="view_user"
    ) | Permission.objects.filter(content_type__app_label="reporting", codename__startswith="view_")


# The board's GET of each admin model page. 403 where the model admin is read-only (periods are
# generated; reports, reminders, foundings and entry requests change through the workflow) or where
# the group grants nothing (groups) or only reading (users).
_FULL = {"changelist": 200, "add": 200, "change": 200, "delete": 200, "history": 200, "simple_history": 200,
         "password_change": 200}
_READ = {"changelist": 200, "add": 403, "change": 200, "delete": 403, "history": 200, "simple_history": 200,
         "password_change": 403}
_NONE = dict.fromkeys(_FULL, 403)
BOARD_ADMIN = {
    "auth.group": _NONE,
    "auth.user": _READ,
    "unions.unit": _FULL,
    "unions.enterprise": _FULL,
    "unions.role": _FULL,
    "campaign.campaign": _FULL,
    "campaign.nationalcampaign": _NONE,  # the confederation's managers only, not a province's board
    "campaign.wave": _FULL,
    "campaign.target": _FULL,
    "campaign.period": _READ,
    "reporting.report": _READ,
    "reporting.reminder": _READ,
    "reporting.founding": _READ,
    "reporting.entryrequest": _READ,
    "jobs.exportjob": _NONE,  # read-only; the demo's board group has no permission on it
}
# Explicitly in the admin matrix for every model; the others are per-object views, covered by the rule.
ADMIN_MODEL_PAGES = ("changelist", "add")
# simple_history's historical record exists for models with a history; password_change for users.
ADMIN_OBJECT_VIEWS = ("change", "delete", "history", "simple_history", "password_change")
A = ADMIN_LOGIN


@pytest.fixture
def admin_ctx(ctx):
    province = ctx.province
    group = Group.objects.create(name=BOARD_GROUP_NAME)
    group.permissions.set(_board_group_permissions())
    province.board.groups.add(group)
    services.entry_request_create(unit=ctx.unit, period=ctx.closed, user=province.reporter_tan_phong, reason="Mất mạng")
    Reminder.objects.create(unit=ctx.unit, period=ctx.month, sent_by=province.staff, recipients="dung@example.invalid")
    from campaign.models import NationalCampaign
    from tests.factories import make_confederation

    NationalCampaign.objects.create(confederation=make_confederation(), name="Tháng cao điểm toàn quốc", year=2025,
                                    instruction_number="1/HD-TLĐ")
    return ctx


def _admin_object(model, ctx):
    """One object of each registered model, for the per-object views (the ward for units)."""
    return ctx.unit if model is Unit else model.objects.order_by("pk").first()


def _admin_url(label: str, view: str, ctx) -> str:
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    if view in ADMIN_MODEL_PAGES:
        return reverse(name)
    obj = _admin_object(model, ctx)
    assert obj is not None, f"no {label} to open in the admin"
    if view == "simple_history":
        return reverse(name, args=[obj.pk, obj.history.order_by("history_id").first().history_id])
    return reverse(name, args=[obj.pk])


def _url_names() -> set[str]:
    return {name for name, _route, _namespace in _patterns(get_resolver()) if name}


def _has_view(label, view):
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}" in _url_names()


def _app_list(app: str):
    return lambda ctx: reverse("admin:app_list", args=[app])


# admin site pages: (name, method, url builder, expected per persona); an app's page is a 404 for
# staff without any permission in it.
ADMIN_SITE = [
    ("admin:index", "GET", lambda ctx: reverse("admin:index"), (A, A, A, A, A, 200, 200)),
    # The admin login is public; a non-staff user sees it (with "not authorised"), staff are sent in.
    ("admin:login", "GET", lambda ctx: reverse("admin:login"),
     (200, 200, 200, 200, 200, Redirect("admin:index"), Redirect("admin:index"))),
    ("admin:password_change", "GET", lambda ctx: reverse("admin:password_change"), (A, A, A, A, A, 200, 200)),
    ("admin:password_change_done", "GET", lambda ctx: reverse("admin:password_change_done"), (A, A, A, A, A, 200, 200)),
    # The admin's autocomplete of units (the role form): staff without the group may not read units.
    ("admin:autocomplete", "GET", lambda ctx: reverse("admin:autocomplete") + "?" + urlencode(
        {"app_label": "unions", "model_name": "role", "field_name": "unit", "term": "Tân"}), (A, A, A, A, A, 403, 200)),
    ("admin:jsi18n", "GET", lambda ctx: reverse("admin:jsi18n"), (A, A, A, A, A, 200, 200)),
    # No model has get_absolute_url: "view on site" is a 404 for staff.
    ("admin:view_on_site", "GET", lambda ctx: reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(Unit).pk, ctx.unit.pk]), (A, A, A, A, A, 404, 404)),
    *[
        ("admin:app_list", "GET", _app_list(app), (A, A, A, A, A, 404, 200))
        for app in ("auth", "unions", "campaign", "reporting")
    ],
    # Logging out of the admin: a non-staff user is sent to the admin index; staff are logged out (to
    # LOGOUT_REDIRECT_URL, the app's login page). Last.
    ("admin:logout", "GET", lambda ctx: reverse("admin:logout"),
     (Redirect("admin:index"),) * 5 + (405, 405)),
    ("admin:logout", "POST", lambda ctx: reverse("admin:logout"), (Redirect("admin:index"),) * 5 + (LOGIN, LOGIN)),
]


def _admin_expected(persona: str, label: str, view: str):
    if persona in ("anonymous", "outsider", "reporter_tam_duong", "reporter_tan_phong", "viewer"):
        return ADMIN_LOGIN  # not staff: every admin model URL sends them to the admin login
    if persona == "staff":  # staff without the admin group: no model permission at all
        return 403
    return BOARD_ADMIN[label][view]


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reaches_the_admin_as_the_matrix_says(client, admin_ctx, persona):
    column = PERSONAS.index(persona)
    user = None if persona == "anonymous" else getattr(admin_ctx.province, persona)
    if user is not None:
        client.force_login(user)
    wrong = []

    def check(label, method, target, expected):
        response = getattr(client, method.lower())(target)
        got = _mismatch(response, expected, admin_ctx)
        if got is not None:
            wrong.append(f"{persona} | {method} {label} {target} | expected {expected} | got {got}")

    for label in BOARD_ADMIN:
        # The model's main pages (explicit), then the per-object views (the rule for all admin model URLs).
        for view in (*ADMIN_MODEL_PAGES, *ADMIN_OBJECT_VIEWS):
            if not _has_view(label, view):
                continue
            target = _admin_url(label, view, admin_ctx)
            check(f"admin:{label}:{view}", "GET", target, _admin_expected(persona, label, view))
            if _admin_expected(persona, label, view) == ADMIN_LOGIN:
                # POSTs too (never tried as staff: a delete POST would delete).
                check(f"admin:{label}:{view}", "POST", target, ADMIN_LOGIN)
    for name, method, build, expected in ADMIN_SITE:
        check(name, method, build(admin_ctx), expected[column])
    assert not wrong, "admin cells that differ from the matrix:\n" + "\n".join(wrong)


# --- the matrix covers every URL name ------------------------------------------------------------------

ADMIN_SITE_NAMES = {name for name, *_rest in ADMIN_SITE}
# Unnamed admin patterns: Django's catch-all (the final 404/redirect) and the redirect from
# <object_id>/ to its change page; nothing can reverse them.
UNNAMED_ADMIN_ROUTES = ("(?P<url>.*)$", "<path:object_id>/")


def _patterns(resolver, namespace="", prefix=""):
    """(full name or None, route) of every pattern, through every include."""
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            yield (namespace + pattern.name if pattern.name else None), route, namespace


def _admin_model_name(name: str) -> tuple[str, str] | None:
    """(model label, view) of an admin model URL name such as admin:unions_unit_changelist."""
    for model in admin.site._registry:
        stem = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(stem):
            return model._meta.label_lower, name[len(stem):]
    return None


def test_every_url_name_is_in_the_matrix():
    in_matrix = {(row.name, row.method) for row in ROWS}
    missing = []
    seen = set()
    for name, route, namespace in _patterns(get_resolver()):
        if name is None:
            if not (namespace == "admin:" and route.endswith(UNNAMED_ADMIN_ROUTES)):
                missing.append(f"unnamed pattern {route!r}: name it and add it to the matrix")
            continue
        seen.add(name)
        if name.startswith("admin:"):
            if name in ADMIN_SITE_NAMES:
                continue
            model_view = _admin_model_name(name)
            if model_view is None:
                missing.append(f"{name} ({route}): an admin URL neither of the site nor of a registered model")
            elif model_view[0] not in BOARD_ADMIN:
                missing.append(f"{name} ({route}): model {model_view[0]} missing from BOARD_ADMIN")
            elif model_view[1] not in (*ADMIN_MODEL_PAGES, *ADMIN_OBJECT_VIEWS):
                missing.append(f"{name} ({route}): admin view {model_view[1]!r} covered by no rule")
            continue
        for method in ("GET", "POST"):
            if (name, method) not in in_matrix:
                missing.append(f"{name} ({route}): no {method} row in ROWS")
    stale = {row.name for row in ROWS} - seen
    missing += [f"{name}: in ROWS but no such URL name" for name in sorted(stale)]
    registered = {model._meta.label_lower for model in admin.site._registry}
    missing += [f"{label}: in BOARD_ADMIN but not registered" for label in sorted(set(BOARD_ADMIN) - registered)]
    assert not missing, "URL names missing from the permission matrix:\n" + "\n".join(missing)
