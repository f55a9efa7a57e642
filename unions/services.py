"""Every write to the organisation tree goes through these functions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Enterprise, Placement, Role, RoleKind, Unit, UnitKind


def _day(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@transaction.atomic
def unit_create(*, code: str, name: str, kind: str, parent: Unit | None, active_from: datetime.date, **fields) -> Unit:
    """Create a unit and its first placement under ``parent`` (from ``active_from``)."""
    if parent is not None and not parent.is_active_on(active_from):
        raise ValidationError(
            {"parent": _("Đơn vị cấp trên không hoạt động vào ngày %(day)s.") % {"day": _day(active_from)}}
        )
    unit = Unit(code=code, name=name, kind=kind, parent=parent, active_from=active_from, **fields)
    unit.full_clean()
    unit.save()
    if parent is not None:
        placement_open(unit=unit, parent=parent, valid_from=active_from)
    return unit


def placement_open(*, unit: Unit, parent: Unit, valid_from: datetime.date) -> Placement:
    """Record that ``unit`` stands under ``parent`` from ``valid_from`` on."""
    placement = Placement(unit=unit, parent=parent, valid_from=valid_from)
    placement.full_clean()
    placement.save()
    return placement


def unit_move_check(*, unit: Unit, new_parent: Unit, on: datetime.date) -> None:
    """Raise ``ValidationError`` (on ``parent``) if ``unit`` cannot move under ``new_parent`` on ``on``."""
    if unit.kind == UnitKind.FEDERATION:
        raise ValidationError({"parent": _("Liên đoàn Lao động tỉnh không có đơn vị cấp trên.")})
    if not unit.is_active_on(on):
        raise ValidationError(
            {"parent": _("Đơn vị không hoạt động vào ngày %(day)s nên không thể chuyển.") % {"day": _day(on)}}
        )
    if new_parent.kind == UnitKind.GRASSROOTS:
        raise ValidationError({"parent": _("Công đoàn cơ sở không thể là đơn vị cấp trên.")})
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("Không thể chuyển đơn vị vào dưới một đơn vị trực thuộc nó.")})
    if not new_parent.is_active_on(on):
        raise ValidationError(
            {"parent": _("Đơn vị cấp trên mới không hoạt động vào ngày %(day)s.") % {"day": _day(on)}}
        )
    current = unit.placements.filter(valid_to__isnull=True).first()
    if current is not None and on <= current.valid_from:
        raise ValidationError(
            {"parent": _("Ngày chuyển phải sau ngày %(day)s (lần chuyển trước).") % {"day": _day(current.valid_from)}}
        )


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, on: datetime.date) -> Unit:
    """Move ``unit`` under ``new_parent`` from day ``on``, keeping where it was before.

    The open placement ends the day before ``on``; a new one starts on ``on``.
    """
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    new_parent = Unit.objects.get(pk=new_parent.pk)  # its path as it is now: a cycle is seen even from a stale object
    unit_move_check(unit=unit, new_parent=new_parent, on=on)
    current = unit.placements.filter(valid_to__isnull=True).first()
    if current is not None:
        if current.parent_id == new_parent.pk:
            return unit
        current.valid_to = on - datetime.timedelta(days=1)
        current.full_clean()
        current.save(update_fields=["valid_to"])
    placement_open(unit=unit, parent=new_parent, valid_from=on)
    unit.parent = new_parent
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def unit_dissolve(*, unit: Unit, on: datetime.date, successor: Unit | None = None) -> Unit:
    """End ``unit`` on ``on`` (its last active day), naming its successor.

    Its own placement ends that day too. Refused while units still stand
    under it after ``on``: move them first (to the successor, usually).
    """
    if unit.active_to == on and unit.successor_id == (successor.pk if successor else None):
        return unit
    remaining = unit.child_placements.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=on), Q(unit__active_to__isnull=True) | Q(unit__active_to__gt=on)
    )
    if remaining.exists():
        raise ValidationError(
            _("Còn %(count)s đơn vị trực thuộc sau ngày %(day)s: chuyển các đơn vị này trước khi giải thể.")
            % {"count": remaining.count(), "day": _day(on)}
        )
    if successor is not None and not successor.is_active_on(on + datetime.timedelta(days=1)):
        raise ValidationError({"successor": _("Đơn vị kế thừa phải hoạt động từ ngày sau ngày giải thể.")})
    unit.active_to = on
    unit.successor = successor
    unit.full_clean()
    unit.save()
    unit.placements.filter(valid_to__isnull=True).update(valid_to=on)
    return unit


@transaction.atomic
def role_assign(*, user, unit: Unit, role: str) -> Role:
    obj = Role(user=user, unit=unit, role=RoleKind(role))
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def enterprise_get_or_create(*, tax_code: str, name: str, sector: str, unit: Unit, commune: str = "") -> Enterprise:
    """The enterprise with this tax code, created (validated) in ``unit``'s charge if new."""
    existing = Enterprise.objects.filter(tax_code=tax_code.strip()).first()
    if existing is not None:
        return existing
    enterprise = Enterprise(tax_code=tax_code.strip(), name=name.strip(), sector=sector, commune=commune, unit=unit)
    enterprise.full_clean()
    enterprise.save()
    return enterprise
