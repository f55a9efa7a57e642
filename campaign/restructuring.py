"""A restructuring as one dated move list: lines of unit code, new parent code, date (a move from
that day) or unit code, date, successor code (the unit's last active day, its successor named).
Read and checked by row, then tried in full inside a transaction that is rolled back, so the
preview shows exactly what the confirmation will do — every unit's old and new parent, the units
a dissolved unit would leave without a parent, the people whose scope changes, the targets that
pass to the successors — and nothing is written until it is confirmed; then the same steps run
in one transaction, with history (the tree's own services: ``unit_move``, ``unit_dissolve``).

The moves run first, in date order, then the ends: a district's unions moved to their commune
from 01/07 leave it empty for its end on 30/06. A dissolved unit's targets for the waves that
start after its last day pass to its successor (added to the successor's; the federation's own
row when the province succeeds it); what it owes follows from the rule of obligations (a unit owes
the periods it is active in), so nothing else is handed over."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from unions.access import can_manage
from unions.models import Role, Unit, UnitKind
from unions.selectors import parent_on
from unions.services import unit_dissolve, unit_move
from workbooks.cells import code_text, is_blank, norm

from .models import Target, TargetScope

MAX_STEPS = 20_000


def move_headers() -> dict[str, str]:
    return {"unit": _("Mã đơn vị"), "parent": _("Mã đơn vị cấp trên mới"), "day": _("Ngày"),
            "successor": _("Mã đơn vị kế thừa")}


@dataclass
class Step:
    number: int
    unit: Unit | None
    day: datetime.date | None
    new_parent: Unit | None = None
    successor: Unit | None = None
    errors: list[str] = field(default_factory=list)
    old_parent: Unit | None = None
    left: list[Unit] = field(default_factory=list)  # units an end would leave without a parent

    @property
    def ends(self) -> bool:
        return self.successor is not None

    def line(self) -> str:
        code = self.unit.code if self.unit else ""
        day = self.day.strftime("%d/%m/%Y") if self.day else ""
        if self.ends:
            return f"{code};;{day};{self.successor.code}"
        return f"{code};{self.new_parent.code if self.new_parent else ''};{day};"


@dataclass
class Handover:
    target: Target
    successor: Unit
    scope: str


@dataclass
class Plan:
    steps: list[Step] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    people: list[tuple[object, Unit, str]] = field(default_factory=list)  # (user, unit, what changes)
    handovers: list[Handover] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return bool(self.steps) and not self.errors and not any(s.errors for s in self.steps)

    @property
    def text(self) -> str:
        return "\n".join(s.line() for s in self.steps)

    @property
    def left_without_parent(self) -> list[tuple[Unit, Step]]:
        return [(unit, step) for step in self.steps for unit in step.left]


def _day(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()


def read_moves(rows: list[tuple[int, list]], *, user) -> Plan:
    """The lines checked, then tried (and rolled back): the plan to show."""
    plan = Plan()
    wanted = {norm(label): key for key, label in move_headers().items()}
    columns = {"unit": 0, "parent": 1, "day": 2, "successor": 3}
    for index, (_number, values) in enumerate(rows[:20]):
        found = {wanted[norm(v)]: position for position, v in enumerate(values) if norm(v) in wanted}
        if {"unit", "day"} <= found.keys():
            columns, rows = {**columns, **found}, rows[index + 1:]
            break
    if len(rows) > MAX_STEPS:
        plan.errors.append(_("Quá %(max)s dòng một lần.") % {"max": f"{MAX_STEPS:,}".replace(",", ".")})
        return plan

    def cell(values, name):
        position = columns[name]
        return values[position] if position < len(values) else None

    codes = {code_text(cell(v, name)) for _n, v in rows for name in ("unit", "parent", "successor")}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    seen: dict[tuple, int] = {}
    for number, values in rows:
        if all(is_blank(v) for v in values):
            continue
        code, parent_code, successor_code = (code_text(cell(values, n)) for n in ("unit", "parent", "successor"))
        step = Step(number=number, unit=units.get(code), day=None)
        try:
            step.day = _day(cell(values, "day"))
        except (TypeError, ValueError):
            step.errors.append(_("ngày “%(text)s” không đúng dạng dd/mm/yyyy.") % {"text": str(cell(values, "day") or "")[:30]})
        for label, wanted_code, attribute in ((_("đơn vị"), code, "unit"), (_("đơn vị cấp trên mới"), parent_code, "new_parent"),
                                              (_("đơn vị kế thừa"), successor_code, "successor")):
            if not wanted_code:
                continue
            unit = units.get(wanted_code)
            if unit is None:
                step.errors.append(_("không có %(what)s mã %(code)s.") % {"what": label, "code": wanted_code[:40]})
            elif not can_manage(user, unit):
                step.errors.append(_("%(what)s %(code)s không thuộc phạm vi bạn quản lý.") % {"what": label, "code": wanted_code[:40]})
            else:
                setattr(step, attribute, unit)
        if not code:
            step.errors.append(_("thiếu mã đơn vị."))
        if bool(parent_code) == bool(successor_code):
            step.errors.append(_("cần đúng một trong hai: mã đơn vị cấp trên mới (chuyển) hoặc mã đơn vị kế thừa (giải thể)."))
        key = (code, step.day)
        if key in seen:
            step.errors.append(_("đơn vị %(code)s đã có một thay đổi cùng ngày ở dòng %(row)s.") % {"code": code, "row": seen[key]})
        seen.setdefault(key, number)
        plan.steps.append(step)
    if not plan.steps and not plan.errors:
        plan.errors.append(_("Không có dòng nào."))
    if not plan.errors and not any(s.errors for s in plan.steps):
        _try(plan)
    return plan


class _DryRun(Exception):
    pass


def _ordered(steps: list[Step]) -> list[Step]:
    return sorted(steps, key=lambda s: (s.ends, s.day, s.number))


def _run(plan: Plan) -> None:
    """Every step through the tree's services, each in its own savepoint so that every refusal
    is found; the plan's people and handovers filled."""
    changes: list[tuple[Unit, str]] = []  # (a unit whose scope changes, what changes)
    for step in _ordered(plan.steps):
        for unit in (step.unit, step.new_parent, step.successor):
            if unit is not None:
                unit.refresh_from_db()  # as the steps before left it
        step.old_parent = parent_on(step.unit, step.day if step.ends else step.day - datetime.timedelta(days=1))
        try:
            with transaction.atomic():
                if step.ends:
                    _end(step, plan)
                else:
                    unit_move(unit=step.unit, new_parent=step.new_parent, on=step.day)
        except ValidationError as exc:
            step.errors.extend(exc.messages)
            continue
        names = {"unit": step.unit.name, "day": step.day.strftime("%d/%m/%Y"),
                 "successor": step.successor.name if step.successor else ""}
        if step.ends:
            touched = [(step.unit, _("đơn vị ngừng hoạt động sau ngày %(day)s; đơn vị kế thừa: %(successor)s") % names)]
        else:
            touched = [(step.old_parent, _("bớt %(unit)s từ ngày %(day)s") % names),
                       (step.new_parent, _("thêm %(unit)s từ ngày %(day)s") % names)]
        changes.extend((unit, what) for unit, what in touched if unit is not None)
    # The people holding a role on those units, in one query for the whole list.
    holders: dict[int, list[Role]] = {}
    for role in Role.objects.filter(unit__in={unit.pk for unit, _what in changes}).select_related("user"):
        holders.setdefault(role.unit_id, []).append(role)
    people: dict[tuple[int, int], tuple] = {}
    for unit, what in changes:
        for role in holders.get(unit.pk, ()):
            people.setdefault((role.user_id, unit.pk), (role.user, unit, []))[2].append(what)
    plan.people = sorted(((user, unit, "; ".join(whats)) for user, unit, whats in people.values()),
                         key=lambda p: (p[1].name, p[0].username))


def _end(step: Step, plan: Plan) -> None:
    remaining = [p.unit for p in step.unit.child_placements.filter(valid_to__isnull=True).select_related("unit")
                 if p.unit.active_to is None or p.unit.active_to > step.day]
    if remaining:
        step.left = remaining
    unit_dissolve(unit=step.unit, on=step.day, successor=step.successor)
    targets = Target.objects.filter(unit=step.unit, wave__start__gt=step.day).select_related("wave", "campaign")
    scope = TargetScope.OWN if step.successor.kind == UnitKind.FEDERATION else TargetScope.TOTAL
    for target in targets:
        plan.handovers.append(Handover(target=Target(pk=target.pk, campaign=target.campaign, unit=target.unit,
                                                     measure=target.measure, wave=target.wave, scope=target.scope,
                                                     value=target.value),
                                       successor=step.successor, scope=scope))
        theirs = Target.objects.filter(campaign=target.campaign, unit=step.successor, measure=target.measure,
                                       wave=target.wave, scope=scope).first()
        if theirs is None:
            theirs = Target(campaign=target.campaign, unit=step.successor, measure=target.measure, wave=target.wave,
                            scope=scope, value=0)
        theirs.value += target.value
        theirs.full_clean()
        theirs.save()
        target.delete()


def _try(plan: Plan) -> None:
    try:
        with transaction.atomic():
            _run(plan)
            raise _DryRun
    except _DryRun:
        pass
    for step in plan.steps:  # the objects read in the rolled-back run are as they were
        for attribute in ("unit", "new_parent", "successor"):
            unit = getattr(step, attribute)
            if unit is not None:
                unit.refresh_from_db()


@transaction.atomic
def moves_apply(plan: Plan) -> int:
    """The checked plan written in one transaction (refused, nothing written, if any step is refused)."""
    if not plan.valid:
        raise ValueError("a plan with errors is not applied")
    plan.handovers, plan.people = [], []
    _run(plan)
    if any(s.errors for s in plan.steps):
        raise ValidationError([f"{_('Dòng')} {s.number}: {e}" for s in plan.steps for e in s.errors])
    return len(plan.steps)
