"""Reads of campaigns, waves, periods and targets."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from unions.models import Unit, UnitKind

from .models import Campaign, Measure, Target, TargetScope, Wave


def campaign_current(federation: Unit | None = None) -> Campaign | None:
    """The most recent campaign (of ``federation`` if given)."""
    qs = Campaign.objects.select_related("federation")
    if federation is not None:
        qs = qs.filter(federation=federation)
    return qs.order_by("-year", "-pk").first()


def campaigns_of(unit: Unit | None = None):
    """The campaigns a user may choose between, newest first: those of ``unit``'s
    province (for the confederation, of every province below it); all without ``unit``."""
    qs = Campaign.objects.select_related("federation", "national")
    if unit is not None:
        from unions.access import path_ids

        qs = qs.filter(Q(federation_id__in=path_ids(unit)) | Q(federation__path__startswith=unit.path))
    return qs.order_by("-year", "-pk")


def periods_of(campaign: Campaign, *, kind: str | None = None):
    qs = campaign.periods.select_related("wave").order_by("start", "end", "kind")
    return qs.filter(kind=kind) if kind else qs


@dataclass
class TargetBook:
    """A campaign's targets and the one rule that reads them.

    - A reporting unit's **row** shows its own target: for the federation its
      ``OWN`` target (the grassroots unions standing directly under it), for any
      other unit its ``TOTAL`` target.
    - A **group** of rows (a subtotal) shows the sum of its rows' targets.
    - A **scope's total** (the province, or a district seen by its own staff)
      shows the scope unit's ``TOTAL`` target, or the sum of its rows' targets
      when none is set.
    - For the **whole campaign** a unit's target is its campaign-wide target
      where set, otherwise the sum of its per-wave targets; for a **wave**, that
      wave's target.

    Every figure with a target (dashboard, PDF, Excel, home pages) reads it
    from here. ``None`` means no target was set.
    """

    wave_ids: list[int]
    values: dict[tuple[int, str, int | None, str], int]  # (unit id, measure, wave id or None, scope) → value

    def _value(self, unit_id: int, measure: str, wave_id: int | None, scope: str) -> int | None:
        if wave_id is not None:
            return self.values.get((unit_id, measure, wave_id, scope))
        whole = self.values.get((unit_id, measure, None, scope))
        if whole is not None:
            return whole
        per_wave = [self.values.get((unit_id, measure, w, scope)) for w in self.wave_ids]
        per_wave = [v for v in per_wave if v is not None]
        return sum(per_wave) if per_wave else None

    def row(self, unit: Unit, measure: str, wave_id: int | None = None) -> int | None:
        """The target of ``unit``'s own reporting row."""
        scope = TargetScope.OWN if unit.kind == UnitKind.FEDERATION else TargetScope.TOTAL
        return self._value(unit.pk, str(measure), wave_id, scope)

    def rows(self, units: Iterable[Unit], measure: str, wave_id: int | None = None) -> int | None:
        """The sum of the rows' targets (None when none of them has one)."""
        values = [v for v in (self.row(u, measure, wave_id) for u in units) if v is not None]
        return sum(values) if values else None

    def total(self, root: Unit, units: Iterable[Unit], measure: str, wave_id: int | None = None) -> int | None:
        """The target of everything under ``root`` reported by ``units``."""
        own = self._value(root.pk, str(measure), wave_id, TargetScope.TOTAL)
        return own if own is not None else self.rows(units, measure, wave_id)


def target_book(campaign: Campaign, units: Iterable[Unit], *, waves: list[Wave] | None = None) -> TargetBook:
    """The targets of ``units`` in ``campaign``. One query (two without ``waves``)."""
    waves = list(campaign.waves.order_by("number")) if waves is None else waves
    return target_books([(campaign, list(units), waves)])[0]


def target_books(scopes: list[tuple[Campaign, list[Unit], list[Wave]]]) -> list[TargetBook]:
    """``target_book`` for several campaigns at once (the provinces of a national
    campaign): one query in all."""
    rows = Target.objects.filter(
        campaign_id__in=[c.pk for c, _u, _w in scopes], unit_id__in={u.pk for _c, units, _w in scopes for u in units}
    ).order_by().values_list("campaign_id", "unit_id", "measure", "wave_id", "scope", "value")
    values: dict[int, dict] = defaultdict(dict)
    for campaign_id, unit_id, measure, wave_id, scope, value in rows:
        values[campaign_id][(unit_id, measure, wave_id, scope)] = value
    return [TargetBook(wave_ids=[w.pk for w in waves], values=values[c.pk]) for c, _units, waves in scopes]


def target_table(
    book: TargetBook, waves: list[Wave], *, root: Unit, units_by_wave: dict[int, list[Unit]], own_row: bool = False
) -> list[dict]:
    """One row per measure with a target: its label, the whole-campaign target and each wave's.

    ``own_row``: the targets of ``root``'s own reporting row (a reporter's home
    page); otherwise the scope's totals (the board's home page).
    """
    every_unit = list({u.pk: u for units in units_by_wave.values() for u in units}.values())
    table = []
    for measure in Measure:
        if own_row:
            whole = book.row(root, measure)
            per_wave = [book.row(root, measure, w.pk) for w in waves]
        else:
            whole = book.total(root, every_unit, measure)
            per_wave = [book.total(root, units_by_wave.get(w.pk, []), measure, w.pk) for w in waves]
        if whole is None and all(v is None for v in per_wave):
            continue
        table.append({"measure": measure, "label": measure.label, "whole": whole, "per_wave": per_wave})
    return table
