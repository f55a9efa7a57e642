"""A stamp of everything the campaign's figures are read from, in one cheap query: two
stamps are equal only if nothing the figures depend on was written in between, so a
cache keyed by it (the dashboard, an export) never serves figures older than the
database, whichever app server or worker filled it and whatever its cache.

What the figures read, and how each write shows in the stamp:

- reports, their lines, the new unions (``Founding``), targets, units, waves and
  campaigns: every write goes through django-simple-history, which appends a row to the
  model's history table (an edit ``~``, a deletion ``-``, the bulk writes of the report
  save through ``bulk_*_with_history``). The stamp holds, for each of those tables, its
  highest history number and how many of the last ``WINDOW`` numbers are taken.
- the periods and the placements (where a unit stood when) have no history of their own.
  They are only written beside a write that has one, in the same transaction: the
  periods by ``campaign.services.periods_generate``, run by whatever saves a campaign or
  a wave (the admin's period pages are read-only); a placement by ``unit_create``,
  ``unit_move``, ``unit_dissolve``, the unit admin and ``grassroots_unregister``, each
  saving or deleting the unit too.

Why "how many of the last numbers": on PostgreSQL a history number is taken when a row
is inserted, not when its transaction commits. A report save that took number 101 and
commits after another that took 102 leaves the highest number at 102 before and after:
the count of taken numbers in (highest − WINDOW, highest] still grows when 101 appears.
History rows are only appended, so that count never comes back to an earlier value while
the highest number stands still. The window covers the largest single write (a report of
5,000 lines) twice over; a transaction overtaken by more rows than that would go unseen
until the next write or until the cache entry expires. SQLite writes one transaction at a
time, so there numbers are taken in the order transactions commit.

Not seen: writes that bypass the models (``QuerySet.update`` on these models, SQL typed
by hand, a history table pruned). None is made by the app.
"""

import functools
import hashlib
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.conf import settings
from django.db import connections, router

from activities.models import OutreachTeam, OutreachVisit
from campaign.models import Campaign, Target, Wave
from unions.models import Unit

from .models import Founding, Report, ReportLine

# Every historised model the figures read (``reporting.stats``, the dashboard's tables, its outreach part).
STAMPED_MODELS = (Report, ReportLine, Founding, Target, Unit, Wave, Campaign, OutreachTeam, OutreachVisit)
# Those of a campaign's structure (``stats.Structure``: its periods and waves, who owes which report,
# the targets), which no report changes: the units (their placements written beside them), the
# waves and campaigns (their periods written beside them) and the targets.
STRUCTURE_MODELS = (Target, Unit, Wave, Campaign)
# History numbers looked back over from the highest, per table (see the module's docstring).
WINDOW = 10_000


def _sql(connection, models) -> str:
    quote = connection.ops.quote_name
    columns = []
    for model in models:
        history = model.history.model._meta
        table, pk = quote(history.db_table), quote(history.pk.column)
        highest = f"(SELECT MAX({pk}) FROM {table})"
        columns.append(highest)
        columns.append(f"(SELECT COUNT(*) FROM {table} WHERE {pk} > {highest} - {WINDOW})")
    return "SELECT " + ", ".join(columns)


class Stamp(str):
    """A figures' stamp, with the stamp of the structure alone (``structure``) read with it."""

    structure: str


def _stamp() -> Stamp:
    connection = connections[router.db_for_read(Report)]
    with connection.cursor() as cursor:
        cursor.execute(_sql(connection, STAMPED_MODELS))
        row = cursor.fetchone()
    where = {k: connection.settings_dict.get(k) for k in ("ENGINE", "HOST", "PORT", "NAME")}
    database = hashlib.sha256(repr(sorted(where.items())).encode()).hexdigest()[:12]

    def joined(values) -> str:
        return database + ":" + ".".join("-" if value is None else str(value) for value in values)

    stamp = Stamp(joined(row))
    stamp.structure = joined(
        value for n, model in enumerate(STAMPED_MODELS) if model in STRUCTURE_MODELS for value in row[2 * n:2 * n + 2]
    )
    return stamp


def figures_stamp() -> Stamp:
    """The stamp of the figures' sources now: one query, an index lookup and a short
    index range per history table. Read it *before* the figures it stands for: figures
    read afterwards are then at least as new as the stamp says.

    It names the database too: history numbers mean nothing in another one (a staging
    site or a test run sharing the same Redis)."""
    return _stamp()


_known: ContextVar[Stamp | None] = ContextVar("figures_stamp", default=None)


@contextmanager
def stamped(stamp: Stamp):
    """Figures computed within stand for ``stamp`` (read just before, nothing written
    since: a page computed after reading it): ``structure_stamp()`` is then its structure
    part, without a query of its own."""
    token = _known.set(stamp)
    try:
        yield
    finally:
        _known.reset(token)


def structure_stamp() -> str:
    """The stamp of the campaigns' structure alone (``STRUCTURE_MODELS``): unchanged by
    any report, new union or outreach visit. One query, like ``figures_stamp`` (none
    within ``stamped``)."""
    known = _known.get()
    return known.structure if known is not None else _stamp().structure


@functools.cache
def code_digest() -> str:
    """The code and templates that compute and show the figures: a new release (several
    app servers may share one cache while it rolls out) never serves what the last one
    kept — its HTML, or its objects."""
    base = Path(settings.BASE_DIR)
    files = [
        *(p for app in ("reporting", "campaign", "unions", "activities") for p in (base / app).rglob("*.py")
          if "migrations" not in p.parts),
        *(base / "templates").rglob("*.html"),
        *(base / "locale").rglob("*.mo"),
    ]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
