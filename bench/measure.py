"""What the benchmark measures, on data from ``bench.generate``: each figure the
median of repeated runs, with the SQL queries of one run."""

import datetime
import io
import re
import statistics
import time
import tracemalloc

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

ENTRY_WEEK = datetime.date(2025, 7, 7)  # a week of wave 2, reported by the communes


def timed(fn, repeat: int) -> dict:
    """``fn()`` run ``repeat`` times: the median in ms, the queries of the last run."""
    times = []
    for _ in range(repeat):
        reset_queries()  # the log keeps 9,000 queries: counted from empty
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
    return {"ms": round(statistics.median(times), 1), "queries": len(ctx.captured_queries)}


def _ok(response, status=200):
    if response.status_code != status:
        raise RuntimeError(f"{response.request['PATH_INFO']}: HTTP {response.status_code}")
    return response


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _dashboard_url(generated) -> tuple[str, dict]:
    """The national dashboard for a size with provinces, else the province's."""
    if generated.national is not None:
        return reverse("reporting:national"), {"national": generated.national.pk}
    return reverse("reporting:dashboard"), {"campaign": generated.campaign.pk}


def _figures_forgotten():
    """Empty the cache but for what every page keeps there (the demo-data banner's flag):
    the next dashboard computes its figures and reads the campaigns' structure, as the first
    view after a change to the structure (a target, a unit, a wave) or a deploy does."""
    from django.core.cache import cache

    from campaign.context_processors import ILLUSTRATIVE_KEY

    banner = cache.get(ILLUSTRATIVE_KEY)
    cache.clear()
    if banner is not None:
        cache.set(ILLUSTRATIVE_KEY, banner)


def _report_changed(generated):
    """A change to the figures, as a report's save makes it: the report's history gains a
    record (the figures' stamp changes, the structure's does not)."""
    from reporting.models import Report

    report = Report.objects.filter(period__campaign=generated.campaign).order_by("pk").first()

    def change():
        report.save()

    return change


def dashboard(generated, repeat: int) -> dict:
    """The dashboard with its figures computed: the first view after a report changed them
    (``ms``, the budgeted figure: the structure stays kept); after the structure changed too,
    or with an emptied cache (``cold``); and served from the cache (``cached``: every later
    view until the next change)."""
    client = client_for(generated.board)
    url, params = _dashboard_url(generated)
    _ok(client.get(url, params))  # warm: templates compiled, caches filled as a user would find them
    changed = _report_changed(generated)

    def after(prepare):
        times = []
        for _ in range(repeat):
            prepare()
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                _ok(client.get(url, params))
                times.append((time.perf_counter() - start) * 1000)
        return {"ms": round(statistics.median(times), 1), "queries": len(ctx.captured_queries)}

    result = after(changed)
    result["cold"] = after(_figures_forgotten)
    result["cached"] = timed(lambda: _ok(client.get(url, params)), repeat)
    return result


def numbers(generated, repeat: int) -> dict:
    from reporting.national import national_stats
    from reporting.stats import campaign_stats

    if generated.national is not None:
        return timed(lambda: national_stats(generated.national), repeat)
    return timed(lambda: campaign_stats(generated.campaign, generated.federation), repeat)


def sql_floor(generated, repeat: int) -> dict:
    """The fastest single statement giving the headline totals: the four figures summed
    over the lines of the counted reports of the size's campaigns, from the live tables."""
    from django.db.models import Sum

    from reporting.models import ReportLine
    from reporting.selectors import COUNTED_STATUSES

    campaigns = [c.pk for c in generated.campaigns]

    def floor():
        return ReportLine.objects.filter(
            report__period__campaign__in=campaigns, report__status__in=COUNTED_STATUSES
        ).aggregate(*(Sum(name) for name in ReportLine.FIGURES))

    return timed(floor, repeat)


def _entry_period(generated):
    from campaign.models import Period, PeriodKind

    period = Period.objects.get(campaign=generated.campaign, kind=PeriodKind.WEEK, start=ENTRY_WEEK)
    now = timezone.now()
    Period.objects.filter(pk=period.pk).update(due_at=now + datetime.timedelta(days=1),
                                               closes_at=now + datetime.timedelta(days=8))
    period.refresh_from_db()
    return period


def _fresh_report(unit, period):
    """Make ``unit``'s report for ``period`` absent, as before its reporter opens the page."""
    from reporting.models import Founding, Report

    for report in Report.objects.filter(unit=unit, period=period):
        Founding.objects.filter(report=report).delete()
        report.lines.all().delete()
        report.delete()


def report_page(generated, unit, repeat: int) -> dict:
    client = client_for(generated.board)
    period = _entry_period(generated)
    url = reverse("reporting:report", args=[unit.pk, period.pk])
    _ok(client.get(url))
    return timed(lambda: _ok(client.get(url)), repeat)


def report_post(generated, unit, repeat: int, filled: int | None = None) -> dict:
    """POST the report page saving a line for each of ``filled`` grassroots unions
    (every one by default); each run changes every figure it saves."""
    from reporting.forms import cell_name
    from reporting.selectors import report_rows

    client = client_for(generated.board)
    period = _entry_period(generated)
    _fresh_report(unit, period)
    url = reverse("reporting:report", args=[unit.pk, period.pk])
    rows = [row for row in report_rows(unit, period, None) if row.grassroots is not None][:filled]
    runs = iter(range(1, repeat + 2))

    def post():
        from reporting.models import Report

        value = next(runs)
        report = Report.objects.filter(unit=unit, period=period).first()
        data = {"version": report.version if report else 0, "action": "save", "warning_comment": "Đã kiểm tra."}
        for row in rows:
            data[cell_name(row.key, "new_members")] = value
            data[cell_name(row.key, "new_members_women")] = 1
        _ok(client.post(url, data), status=302)

    post()  # the first save creates the lines; the runs measured change them
    result = timed(post, repeat)
    result["lines"] = len(rows)
    return result


def template_and_upload(generated, unit, repeat: int) -> dict:
    """Download the unit's template, fill every union's figures, upload it for preview."""
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reporting.exports.template import FIRST_DATA_ROW, FIRST_FIGURE_COL

    client = client_for(generated.board)
    period = _entry_period(generated)
    _fresh_report(unit, period)
    template_url = reverse("reporting:template", args=[unit.pk, period.pk])
    download = timed(lambda: _ok(client.get(template_url)), repeat)
    workbook = openpyxl.load_workbook(io.BytesIO(_ok(client.get(template_url)).content))
    sheet = workbook.worksheets[0]
    rows = 0
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, min_col=2, max_col=2):
        if not row[0].value or not re.fullmatch(r"[A-Z0-9.\-_]+", str(row[0].value)):
            break
        sheet.cell(row=row[0].row, column=FIRST_FIGURE_COL, value=3)
        sheet.cell(row=row[0].row, column=FIRST_FIGURE_COL + 1, value=1)
        rows += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    upload_url = reverse("reporting:upload", args=[unit.pk, period.pk])
    refusals = []

    def upload():
        response = client.post(upload_url, {"file": SimpleUploadedFile("bao-cao.xlsx", content)})
        if response.status_code == 302:  # refused: the reason is the page's error message
            page = client.get(response.url).content.decode()
            refusals.append(" ".join(re.findall(r'<li class="msg error">(.*?)</li>', page, flags=re.S)) or "refused")
        else:
            _ok(response)

    preview = timed(upload, repeat)
    # The peak of Python's allocations, in one more run (tracing them slows a run: not timed).
    tracemalloc.start()
    try:
        upload()
        preview["peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    finally:
        tracemalloc.stop()
    if refusals:
        preview["refused"] = refusals[-1]
    return {"template": download, "upload_preview": preview, "rows": rows}


def synthesis_xlsx(generated, repeat: int) -> dict:
    """The synthesis table: the national one for a size with provinces."""
    client = client_for(generated.board)
    if generated.national is not None:
        url, params = reverse("reporting:national_xlsx"), {"national": generated.national.pk}
    else:
        url, params = reverse("reporting:synthesis_xlsx"), {"campaign": generated.campaign.pk}
    _ok(client.get(url, params))  # warm, as the dashboard
    return timed(lambda: _ok(client.get(url, params)), repeat)


def province_pdf(generated, repeat: int) -> dict:
    client = client_for(generated.board)
    url = reverse("reporting:final_pdf")
    params = {"campaign": generated.campaign.pk}
    # Warm: WeasyPrint reads the system's fonts (fontconfig) once per server process.
    _ok(client.get(url, params))
    return timed(lambda: _ok(client.get(url, params)), repeat)
