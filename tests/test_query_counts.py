"""Query counts pinned at two sizes: the dashboard, the report page and its save,
the exports and the upload take as many SQL queries on a small federation as on one
ten times bigger, real requests through the test client by users of the right role.

Both data sets are ``bench.generate`` federations (the benchmark's campaign and
history) built once for the module in the same database. A count that differs
fails with the statements whose number differs between the sizes, literals
folded, so the per-row query is named in the message. Each request is counted on
its second run (the first compiles templates, fills process caches; the PDF, to
spare a render, after the synthesis Excel reading the same figures); the dashboard
both with its figures computed (its cache emptied: the first view after a write) and
served from its cache.

SQLite: Django's SQLite backend splits a bulk insert or update into batches of at
most 999 parameters (``DatabaseFeatures.max_query_params``), a constant of old
SQLite builds; PostgreSQL does not split them. The measures raise it to the
connection's real limit, so a 200-line save counts its queries as it does on
PostgreSQL; any batch the app asks for itself (``batch_size=``) still counts.
"""

import collections
import copy
import dataclasses
import datetime
import io
import re
import sqlite3

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bench import generate
from bench.measure import ENTRY_WEEK
from campaign.context_processors import ILLUSTRATIVE_KEY
from campaign.models import Period, PeriodKind
from reporting.exports.template import FIRST_DATA_ROW, FIRST_FIGURE_COL
from reporting.forms import cell_name
from reporting.models import Founding, Report, ReportStatus
from reporting.selectors import report_rows
from reporting.views.uploads import UPLOAD_SESSION_KEY
from tests.conftest import module_data
from unions.models import RoleKind
from unions.services import role_assign

pytestmark = pytest.mark.django_db

# A few units and unions, then clearly more of each (and of lines). The small one has
# a higher share of late, draft and new unions so that both have some of each: a
# query issued only when there is one (a founding, a late report) is not taken for
# a query per row.
SMALL = generate.Size("qc-small", "QS", districts=2, communes=3, grassroots=30, big=(20,),
                      late_share=0.15, draft_share=0.1, new_share=0.05)
LARGE = generate.Size("qc-large", "QL", districts=6, communes=9, grassroots=300, big=(200,))
DASHBOARD_BUDGET = 15  # the national dashboard's budget (bench/)


@dataclasses.dataclass
class Built:
    generated: generate.Generated
    reporter: object  # the reporter of the big commune

    @property
    def commune(self):
        return self.generated.big_units[0]

    @property
    def lines(self) -> int:  # the lines its report save writes: one per union of the commune
        return self.generated.size.big[0]


def _outreach(generated) -> None:
    """An outreach team with two visits in every commune union of the size (so the dashboard's
    outreach part reads as many teams and visits as the size has units)."""
    from activities.models import OutreachTeam, OutreachVisit
    from unions.models import Unit, UnitKind

    communes = Unit.objects.filter(kind=UnitKind.SUPERIOR, path__startswith=generated.federation.path,
                                   active_from__gte=datetime.date(2025, 7, 1))
    teams = OutreachTeam.objects.bulk_create(
        OutreachTeam(campaign=generated.campaign, unit=unit, name=f"Đoàn {unit.code}") for unit in communes
    )
    OutreachVisit.objects.bulk_create(
        OutreachVisit(team=team, visited_on=datetime.date(2025, 7, day), place="Chợ", workers_reached=20,
                      members_recruited=3) for team in teams for day in (8, 15)
    )


def _build() -> dict[str, Built]:
    built = {}
    for size in (SMALL, LARGE):
        generated = generate.generate(size, seed=11)
        reporter = get_user_model().objects.create_user(username=f"{size.name}-reporter", password="x")
        role_assign(user=reporter, unit=generated.big_units[0], role=RoleKind.REPORTER)
        _outreach(generated)
        built[size.name] = Built(generated, reporter)
    return built


_built = module_data(_build, "_built")


@pytest.fixture
def sizes(_built, db, monkeypatch) -> tuple[Built, Built]:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        monkeypatch.setattr(connection.features, "max_query_params", limit)
    copied = copy.deepcopy(_built)
    return copied[SMALL.name], copied[LARGE.name]


# --- measuring ------------------------------------------------------------------------------------------


def _shape(sql: str) -> str:
    """A statement with its literals folded: the same query for another row, or for
    another number of rows in one statement, has the same shape."""
    sql = re.sub(r'"s\d+_x\d+"', '"s?"', sql)  # savepoint names
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b(?:\d+(?:\.\d+)?|NULL|true|false)\b", "?", sql, flags=re.I)
    sql = re.sub(r"\(\s*\?(?:\s*,\s*\?)*\s*\)", "(?…)", sql)  # IN lists, a VALUES row
    sql = re.sub(r"(?:\(\?…\)\s*,\s*)+\(\?…\)", "(?…)…", sql)  # several VALUES rows
    sql = re.sub(r"(?:WHEN \([^()]*\) THEN \?\s*)+", "WHEN … THEN ? ", sql)  # bulk_update's CASE
    return re.sub(r"\s+", " ", sql).strip()


@dataclasses.dataclass
class Counted:
    label: str
    queries: list[str]

    def __len__(self):
        return len(self.queries)

    def __repr__(self):
        return f"<{self.label}: {len(self)} queries>"


def counted(label: str, request, expect: int = 200) -> Counted:
    """The queries of ``request()`` (a call on a ``Client``), which must answer ``expect``."""
    with CaptureQueriesContext(connection) as ctx:
        response = request()
    assert response.status_code == expect, f"{label}: HTTP {response.status_code}"
    return Counted(label, [q["sql"] for q in ctx.captured_queries])


def differences(small: Counted, large: Counted) -> str:
    """The statements issued a different number of times at the two sizes, with one example each."""
    a = collections.Counter(map(_shape, small.queries))
    b = collections.Counter(map(_shape, large.queries))
    example = {}
    for sql in [*large.queries, *small.queries]:
        example.setdefault(_shape(sql), sql)
    lines = [f"{small.label}: {len(small)} queries, {large.label}: {len(large)} queries; statements whose count differs:"]
    for shape in sorted(a.keys() | b.keys(), key=lambda s: -abs(a[s] - b[s])):
        if a[shape] != b[shape]:
            lines.append(f"  {a[shape]} × vs {b[shape]} ×: {example[shape][:600]}")
    return "\n".join(lines)


def assert_same(small: Counted, large: Counted, budget: int | None = None):
    assert len(small) == len(large), differences(small, large)
    if budget is not None:
        assert_within(large, budget)


def assert_within(counted: Counted, budget: int):
    assert len(counted) <= budget, f"{counted}, more than {budget}:\n" + "\n".join(q[:300] for q in counted.queries)


def twice(label: str, request, expect: int = 200) -> Counted:
    """Counted on the second of two identical requests: the first compiles the templates
    and fills the caches a user would find filled."""
    counted(label, request, expect)
    return counted(label, request, expect)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the report of the entry week -------------------------------------------------------------------------


def entry_period(built: Built) -> Period:
    """The week the reporter enters, open for entry now (as in ``bench.measure``)."""
    period = Period.objects.get(campaign=built.generated.campaign, kind=PeriodKind.WEEK, start=ENTRY_WEEK)
    now = timezone.now()
    Period.objects.filter(pk=period.pk).update(due_at=now + datetime.timedelta(days=1),
                                               closes_at=now + datetime.timedelta(days=8))
    period.refresh_from_db()
    return period


def fresh_report(built: Built, period: Period):
    """The commune's report of the week absent, as before its reporter opens the page."""
    for report in Report.objects.filter(unit=built.commune, period=period):
        Founding.objects.filter(report=report).delete()
        report.lines.all().delete()
        report.delete()


def save(client, built: Built, period: Period, value: int, label: str, expect: int = 302) -> Counted:
    """POST the report page, saving a line for each union of the commune, every figure changed by ``value``."""
    rows = [row for row in report_rows(built.commune, period, None) if row.grassroots is not None][: built.lines]
    assert len(rows) == built.lines
    report = Report.objects.filter(unit=built.commune, period=period).first()
    data = {"version": report.version if report else 0, "action": "save", "warning_comment": "Đã kiểm tra."}
    for row in rows:
        data[cell_name(row.key, "new_members")] = value
        data[cell_name(row.key, "new_members_women")] = 1
    url = reverse("reporting:report", args=[built.commune.pk, period.pk])
    return counted(label, lambda: client.post(url, data), expect)


def drafted(built: Built) -> tuple[Client, Period]:
    """The reporter's client, with the commune's report of the week a draft of a line per union."""
    client, period = client_for(built.reporter), entry_period(built)
    fresh_report(built, period)
    save(client, built, period, 3, "setup")
    report = Report.objects.get(unit=built.commune, period=period)
    assert report.status == ReportStatus.DRAFT and report.lines.count() == built.lines
    return client, period


# --- the tests ----------------------------------------------------------------------------------------------


def test_the_two_sizes_differ_and_both_have_late_draft_and_new(sizes):
    small, large = (b.generated for b in sizes)
    assert large.counts["reporting_units"] >= 3 * small.counts["reporting_units"]
    assert large.counts["grassroots"] >= 10 * small.counts["grassroots"]
    assert large.counts["lines"] >= 10 * small.counts["lines"]
    for g in (small, large):
        reports = Report.objects.filter(period__campaign=g.campaign)
        assert g.counts["new_unions"] > 0
        assert reports.filter(status=ReportStatus.DRAFT).exists()
        assert reports.filter(first_submitted_at__gt=F("period__due_at")).exists()


def _dashboard(built: Built, cached: bool, **params) -> Counted:
    """The board's dashboard, its figures computed (the first request after a write: the
    cache emptied) or served from the cache."""
    client = client_for(built.generated.board)
    url = reverse("reporting:dashboard")
    label = f"{built.generated.size.name} ({'cached' if cached else 'computed'})"

    def get():
        if not cached:
            banner = cache.get(ILLUSTRATIVE_KEY)
            cache.clear()
            if banner is not None:  # the demo-data banner's flag stays cached: only the figures are computed again
                cache.set(ILLUSTRATIVE_KEY, banner)
        return client.get(url, {"campaign": built.generated.campaign.pk, **params})

    return twice(label, get)


@pytest.mark.parametrize("cached", [False, True], ids=["computed", "cached"])
def test_the_dashboard_of_the_federation(sizes, cached):
    assert_same(*(_dashboard(b, cached) for b in sizes), budget=DASHBOARD_BUDGET)


@pytest.mark.parametrize("cached", [False, True], ids=["computed", "cached"])
def test_the_dashboard_of_a_unit(sizes, cached):
    assert_same(*(_dashboard(b, cached, unit=b.commune.pk) for b in sizes))


@pytest.mark.parametrize("cached", [False, True], ids=["computed", "cached"])
def test_the_dashboard_of_a_unit_is_within_the_budget(sizes, cached):
    large = sizes[1]  # as many queries as the small one: the test above
    assert_within(_dashboard(large, cached, unit=large.commune.pk), DASHBOARD_BUDGET)


def test_the_report_page_of_a_new_report(sizes):
    def measure(built):
        client, period = client_for(built.reporter), entry_period(built)
        fresh_report(built, period)
        url = reverse("reporting:report", args=[built.commune.pk, period.pk])
        return twice(built.generated.size.name, lambda: client.get(url))

    assert_same(*(measure(b) for b in sizes))


def test_the_report_page_of_a_draft_with_a_line_per_union(sizes):
    def measure(built):
        client, period = drafted(built)
        url = reverse("reporting:report", args=[built.commune.pk, period.pk])
        return twice(built.generated.size.name, lambda: client.get(url))

    assert_same(*(measure(b) for b in sizes))


def test_the_first_save_of_20_or_200_lines(sizes):
    def measure(built):
        client, period = drafted(built)  # the same save once before: the measured one finds caches filled
        fresh_report(built, period)
        return save(client, built, period, 3, f"{built.generated.size.name} ({built.lines} lines)")

    assert_same(*(measure(b) for b in sizes))


def test_changing_every_one_of_20_or_200_lines(sizes):
    def measure(built):
        client, period = drafted(built)
        save(client, built, period, 4, "warm")
        return save(client, built, period, 5, f"{built.generated.size.name} ({built.lines} lines)")

    assert_same(*(measure(b) for b in sizes))


def _board_get(built: Built, name: str, *args, warm: bool = True) -> Counted:
    """A board member's download of ``name`` for the federation's campaign."""
    client = client_for(built.generated.board)
    url = reverse(name, args=args)
    measure = twice if warm else counted
    return measure(built.generated.size.name, lambda: client.get(url, {"campaign": built.generated.campaign.pk}))


def test_the_synthesis_excel(sizes):
    assert_same(*(_board_get(b, "reporting:synthesis_xlsx") for b in sizes))


def test_the_province_pdf(sizes):
    # A PDF takes a second or two to render: warmed by the synthesis Excel, which reads
    # the same figures the same way (campaign_stats, fingerprint_of). When this was written
    # every view here took as many queries on its first request as on its second.
    for built in sizes:
        _board_get(built, "reporting:synthesis_xlsx", warm=False)
    assert_same(*(_board_get(b, "reporting:final_pdf", warm=False) for b in sizes))


def test_the_unit_excel(sizes):
    assert_same(*(_board_get(b, "reporting:unit_synthesis_xlsx", b.commune.pk) for b in sizes))


def _filled_template(client, built: Built, period: Period) -> bytes:
    """The commune's template, downloaded and filled for every union."""
    response = client.get(reverse("reporting:template", args=[built.commune.pk, period.pk]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = 0
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, min_col=2, max_col=2):
        if not row[0].value or not re.fullmatch(r"[A-Z0-9.\-_]+", str(row[0].value)):
            break
        sheet.cell(row=row[0].row, column=FIRST_FIGURE_COL, value=7)
        sheet.cell(row=row[0].row, column=FIRST_FIGURE_COL + 1, value=2)
        rows += 1
    assert rows >= built.lines
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_template_download(sizes):
    def measure(built):
        client, period = drafted(built)
        url = reverse("reporting:template", args=[built.commune.pk, period.pk])
        return twice(built.generated.size.name, lambda: client.get(url))

    assert_same(*(measure(b) for b in sizes))


def test_the_upload_and_its_preview(sizes):
    def measure(built):
        client, period = drafted(built)
        content = _filled_template(client, built, period)
        url = reverse("reporting:upload", args=[built.commune.pk, period.pk])
        measured = twice(built.generated.size.name,
                         lambda: client.post(url, {"file": SimpleUploadedFile("bao-cao.xlsx", content)}))
        assert client.session.get(UPLOAD_SESSION_KEY), "the upload was refused"
        return measured

    assert_same(*(measure(b) for b in sizes))
