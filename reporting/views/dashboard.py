"""The board's dashboard: every measure against its target, per wave and unit,
as of any day, with drill-down province → unit → grassroots union → the report
lines behind each figure → the report and its history.

The figures part of the page (computing them and rendering them) is cached, keyed by
what it is made from and by ``freshness.figures_stamp``, read from the database on
each request: any write the figures depend on makes a new key, on every app server
and worker alike. The page around it (the user, the CSRF token, the messages, the
campaign and date forms) is rendered for each request."""

import datetime
import hashlib
import logging
import re
import zlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.safestring import mark_safe

from activities.selectors import OutreachTotals, outreach_by_unit
from campaign.models import Campaign, Measure
from reporting.access import BadDate, FiguresScope, NoCampaign, as_of_param, figures_scope
from reporting.charts import cumulative_chart
from reporting.forms import AsOfForm
from reporting.freshness import code_digest, figures_stamp, stamped
from reporting.models import Report
from reporting.stats import Discipline, Standing, campaign_stats, grassroots_figures
from unions.access import get_visible_unit_or_404
from unions.collation import vi_sort_key
from unions.models import Unit, UnitKind

logger = logging.getLogger(__name__)

# Rows of a per-unit table shown at once: a province's units fit on one page; the
# national 700 units, 3,333 new unions or a commune's 5,000 unions do not.
PAGE_SIZE = 50
# Each table's page parameter: a wave's ranking (by wave number), the discipline (its
# table and its matrix show the same units), the new unions, a drilled unit's unions.
PAGE_PARAM = re.compile(r"page_(?:wave[0-9]{1,3}|discipline|new|unions)\Z")
# A changed figure makes a new key at once (the stamp); the timeout only lets unused
# entries go and bounds what the stamp cannot see (see ``reporting.freshness``).
FIGURES_TIMEOUT = 30 * 60


def as_of_from(request) -> tuple[AsOfForm, datetime.date]:
    """The dashboard's "as of" form and its day (``as_of_param``'s reading; today,
    with the form's error shown, when the date is not one)."""
    form = AsOfForm(request.GET or None)
    try:
        day = as_of_param(request)
    except BadDate:
        day = timezone.localdate()
    return form, day


def drilled_unit(request, scope: FiguresScope, form: AsOfForm):
    """The reporting unit asked for by ``?unit=`` inside the scope (404 outside it), or None."""
    if not (form.is_valid() and form.cleaned_data.get("unit")):
        return None
    return get_visible_unit_or_404(
        request.user,
        pk=form.cleaned_data["unit"],
        path__startswith=scope.root.path,
        kind__in=[UnitKind.SUPERIOR, UnitKind.FEDERATION],
    )


def pages_asked(request) -> tuple[tuple[str, int], ...]:
    """The tables' pages asked for (``?page_discipline=3``…), page 1 left out."""
    pages = {}
    for name, value in request.GET.items():
        if PAGE_PARAM.match(name) and value.isascii() and value.isdigit() and 1 < int(value) < 100_000:
            pages[name] = int(value)
    return tuple(sorted(pages.items()))


@dataclass(frozen=True)
class Figures:
    """What the figures part of the page is made from, and all it is made from: it is
    rendered from these alone (no request, no user), so these, the language, the time
    zone, the code and the figures' stamp are a complete cache key. ``manages``: the
    only difference between the users of one scope (the link to the missing reports)."""

    campaign: Campaign
    root: Unit
    unit: Unit | None
    as_of: datetime.date
    manages: bool
    pages: tuple[tuple[str, int], ...] = ()

    def key(self, stamp: str) -> str:
        parts = (
            code_digest(), self.campaign.pk, self.root.pk, self.unit.pk if self.unit else "",
            self.as_of.isoformat(), int(self.manages), self.pages,
            translation.get_language(), timezone.get_current_timezone_name(), stamp,
        )
        return "reporting:dashboard:" + hashlib.sha256(repr(parts).encode()).hexdigest()

    def page_of(self, rows: list, param: str, anchor: str):
        """The page of ``rows`` asked for by ``param``, with links to the pages beside it
        that keep everything else on the page as it is."""
        page = Paginator(rows, PAGE_SIZE).get_page(dict(self.pages).get(param, 1))
        page.previous_url = self._url(param, page.previous_page_number(), anchor) if page.has_previous() else None
        page.next_url = self._url(param, page.next_page_number(), anchor) if page.has_next() else None
        return page

    def _url(self, param: str, number: int, anchor: str) -> str:
        params = {"campaign": self.campaign.pk, "as_of": formats.date_format(self.as_of, "SHORT_DATE_FORMAT")}
        if self.unit is not None:
            params["unit"] = self.unit.pk
        pages = {**dict(self.pages), param: number}
        params.update(sorted((name, n) for name, n in pages.items() if n > 1))
        return f"{reverse('reporting:dashboard')}?{urlencode(params)}#{anchor}"


def url_filler(name: str, arity: int):
    """``reverse(name, args=…)`` for whole-number arguments, reversed once: the URL with a
    marker number standing for each argument, filled in by ``str.format`` (a table of
    13,300 links would otherwise reverse 13,300 times)."""
    markers = [str(9_100_000_000_000_001 + n) for n in range(arity)]
    template = reverse(name, args=markers).replace("{", "{{").replace("}", "}}")
    for n, marker in enumerate(markers):
        if template.count(marker) != 1:
            raise ValueError(f"{name}: argument {n} does not stand once in the URL")
        template = template.replace(marker, f"{{{n}}}")
    return template.format


class MatrixCell(tuple):
    """A cell of the discipline matrix: (period, standing; None where the unit owed no
    report), with the link to the report."""

    def __new__(cls, period, standing, url: str):
        cell = super().__new__(cls, (period, standing))
        cell.url = url
        return cell

    @property
    def period(self):
        return self[0]

    @property
    def standing(self):
        return self[1]


def attention_first(discipline: list[Discipline]) -> list[Discipline]:
    """The units that need the board's attention first: the lowest share of reports in
    (missing or returned ones), then the most late ones; the others in their order."""
    return sorted(discipline, key=lambda d: (d.rate is None, d.rate or 0, -d.late))


def _figures_context(figures: Figures) -> dict:
    campaign, unit, as_of = figures.campaign, figures.unit, figures.as_of
    # A unit's drill-down shows its own row: for the federation, the grassroots unions
    # standing directly under it, not the whole province.
    stats = campaign_stats(campaign, unit or figures.root, as_of=as_of, own_row=unit is not None)
    members = stats.figure(Measure.NEW_MEMBERS)
    chart = cumulative_chart(
        [formats.date_format(w.period.start, "d/m") for w in stats.weeks],
        [w.cumulative["new_members"] for w in stats.weeks],
        members.target,
    )
    discipline = figures.page_of(attention_first(stats.discipline), "page_discipline", "chap-hanh")
    report_link = url_filler("reporting:report", 2)
    periods = stats.discipline_periods
    matrix = [
        (d, [MatrixCell(p, d.cells.get(p.pk), report_link(d.unit.pk, p.pk)) for p in periods])
        for d in discipline.object_list
    ]
    context = {
        "campaign": campaign,
        "root": figures.root,
        "unit": unit,
        "as_of": as_of,
        "manages": figures.manages,
        "stats": stats,
        "chart": chart,
        "members": members,
        "wave_tables": [
            (block, figures.page_of(block.ranked, f"page_wave{block.wave.number}", f"dot-{block.wave.number}"))
            for block in stats.waves
        ],
        "discipline_total": stats.discipline_total,
        "discipline": discipline,
        "matrix": matrix,
        "matrix_page": figures.page_of(discipline.paginator.object_list, "page_discipline", "tung-ky"),
        "standings": list(Standing),
        "new_grassroots": figures.page_of(stats.new_grassroots, "page_new", "cdcs-moi"),
    }
    context["outreach"] = _outreach(figures, stats)
    if unit is not None:
        waves = [b.wave for b in stats.waves]
        # Each union's new members in each wave, in the columns' order.
        rows = [
            (row, [row.by_wave[w.pk]["new_members"] if w.pk in row.by_wave else None for w in waves])
            for row in grassroots_figures(campaign, unit, as_of=as_of, stats=stats)
        ]
        context["grassroots"] = figures.page_of(rows, "page_unions", "cdcs")
        context["waves"] = waves
        context["unit_reports"] = (
            Report.objects.filter(unit=unit, period__campaign=campaign)
            .select_related("period", "period__wave")
            .order_by("period__due_at", "period__start")
        )
    return context


@dataclass
class OutreachRow:
    """A unit's outreach teams beside its figures: the members its teams recruited, the
    unions they founded and how many of those count (``stats``), the new members reported."""

    name: str
    totals: OutreachTotals
    counted: int
    reported: int | None


def _outreach(figures: Figures, stats) -> dict:
    """The outreach part of the dashboard: a row per unit with teams (the drilled unit's
    own, with its weeks: members recruited on visits beside those reported)."""
    scope = figures.unit or figures.root
    by_unit = outreach_by_unit(figures.campaign, scope, as_of=figures.as_of)
    if figures.unit is not None:
        by_unit = {k: v for k, v in by_unit.items() if k == figures.unit.pk}
    counted = {g.pk for g in stats.new_grassroots}
    reported = {r.unit.pk: r.main.achieved for r in stats.campaign_units}
    if figures.unit is not None:
        reported[figures.unit.pk] = stats.figure(Measure.NEW_MEMBERS).achieved
    rows = [
        OutreachRow(name=t.unit_name, totals=t, counted=len(counted.intersection(t.founded_ids)), reported=reported.get(pk))
        for pk, t in by_unit.items()
    ]
    rows.sort(key=lambda r: vi_sort_key(r.name))
    weeks, teams = [], []
    if figures.unit is not None and rows:
        teams = sorted(rows[0].totals.by_team.values(), key=lambda t: vi_sort_key(t.unit_name))
        days = rows[0].totals.by_day
        for point in stats.weeks:
            recruited = sum(n for day, n in days.items() if point.period.start <= day <= point.period.end)
            weeks.append((point.period, recruited, point.weekly["new_members"]))
    whole = OutreachTotals()
    for row in rows:
        whole.add(row.totals)
    return {"rows": rows, "weeks": weeks, "teams": teams, "whole": whole, "counted": sum(r.counted for r in rows)}


def _rendered(figures: Figures) -> dict[str, str]:
    context = _figures_context(figures)
    return {
        "summary": render_to_string("reporting/includes/dashboard_summary.html", context),
        "body": render_to_string("reporting/includes/dashboard_figures.html", context),
    }


def dashboard_figures(figures: Figures) -> dict[str, str]:
    """The figures part of the dashboard, rendered: from the cache when nothing it is
    made from has changed, else computed, rendered and kept."""
    # Read first: figures computed after it are at least as new as the stamp they are kept under.
    stamp = figures_stamp()
    key = figures.key(stamp)
    try:
        kept = cache.get(key)
    except Exception:  # the cache only saves time: without it the figures are computed
        logger.warning("dashboard cache unavailable", exc_info=True)
        kept = None
    if kept is not None:
        # Rendered (and escaped) by ``_rendered``; kept compressed: a page of 50 units is about
        # 150 kB of HTML, 10 kB compressed, in each worker's memory or in Redis.
        return {part: mark_safe(zlib.decompress(html).decode()) for part, html in kept.items()}
    with stamped(stamp):
        parts = _rendered(figures)
    try:
        cache.set(key, {part: zlib.compress(html.encode(), 1) for part, html in parts.items()}, FIGURES_TIMEOUT)
    except Exception:
        logger.warning("dashboard cache unavailable", exc_info=True)
    return parts


@login_required
def dashboard(request):
    try:
        scope = figures_scope(request)
    except NoCampaign:
        return render(request, "reporting/dashboard.html", {"campaign": None})
    campaign = scope.campaign
    form, as_of = as_of_from(request)
    unit = drilled_unit(request, scope, form)
    figures = Figures(
        campaign=campaign, root=scope.root, unit=unit, as_of=as_of, manages=scope.manages, pages=pages_asked(request)
    )
    context = {
        "campaign": campaign,
        "scope": scope,
        "form": form,
        "as_of": as_of,
        "is_today": as_of == timezone.localdate(),
        "unit": unit,
        "figures": dashboard_figures(figures),
    }
    return render(request, "reporting/dashboard.html", context)
