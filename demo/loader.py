"""``load_demo()``: brings the database in line with the demo's description (``demo.builder``)
through the domain services. It looks every row up by its natural key and writes only
what is missing or different, so a second run changes nothing (and adds no history).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group

from activities.models import SurveyVisit
from campaign.models import Campaign
from campaign.services import campaign_create, periods_generate, target_set, wave_create
from unions.models import Enterprise, Placement, Role, Unit
from unions.services import role_assign, unit_create, unit_dissolve, unit_move
from unions.setup import board_group

from .builder import build_demo
from .data import (
    CAMPAIGN_NAME,
    FEDERATION_CODE,
    FINAL_REPORT_DUE,
    LEGAL_BASIS,
    PASSWORD,
    PLAN_DATE,
    PLAN_NUMBER,
    RESTRUCTURING_DAY,
    WAVES,
    nfc,
)
from .specs import Demo, EnterpriseSpec, UnitSpec


class DemoConflict(Exception):
    """The database holds a history the demo cannot reconcile without rewriting it."""


@dataclass
class LoadResult:
    demo: Demo
    changes: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return sum(self.changes.values()) > 0

    def summary(self) -> str:
        demo = self.demo
        counts = (
            f"1 liên đoàn, {len(demo.superiors)} + {len(demo.communes)} công đoàn cấp trên, "
            f"{len(demo.grassroots)} công đoàn cơ sở, {len(demo.enterprises)} doanh nghiệp, "
            f"1 chiến dịch ({len(WAVES)} đợt, {len(demo.targets)} chỉ tiêu), {len(demo.users)} người dùng"
        )
        if not self.changed:
            return f"Dữ liệu minh họa đã có đủ ({counts}): không thay đổi gì."
        return f"Đã nạp dữ liệu minh họa: {counts}. Số bản ghi thêm mới hoặc cập nhật: {sum(self.changes.values())}."


ENTERPRISE_FIELDS = ("name", "sector", "commune", "employees")


class _Loader:
    def __init__(self, demo: Demo):
        self.demo = demo
        self.result = LoadResult(demo)
        self.changes = self.result.changes
        self.units = {u.code: u for u in Unit.objects.order_by()}
        self.enterprises = {e.tax_code: e for e in Enterprise.objects.order_by()}
        self.placements: dict[int, list[tuple[int, datetime.date]]] = {}
        for unit_id, parent_id, valid_from in Placement.objects.order_by("unit_id", "valid_from").values_list(
            "unit_id", "parent_id", "valid_from"
        ):
            self.placements.setdefault(unit_id, []).append((parent_id, valid_from))

    # -- organisation tree -----------------------------------------------
    def enterprise(self, spec: EnterpriseSpec) -> Enterprise:
        wanted = {f: getattr(spec, f) for f in ENTERPRISE_FIELDS} | {"unit_id": self.units[spec.unit].pk}
        obj = self.enterprises.get(spec.tax_code)
        if obj is None:
            obj = Enterprise(tax_code=spec.tax_code, **wanted)
        elif all(getattr(obj, f) == v for f, v in wanted.items()):
            return obj
        else:
            for f, v in wanted.items():
                setattr(obj, f, v)
        # No enterprise service exists: validate as the services do.
        obj.full_clean()
        obj.save()
        self.enterprises[spec.tax_code] = obj
        self.changes["enterprise"] += 1
        return obj

    def survey(self, spec: EnterpriseSpec) -> None:
        """The enterprise's survey visit, once."""
        enterprise = self.enterprises[spec.tax_code]
        if spec.surveyed_on is None or enterprise.visits.filter(visited_on=spec.surveyed_on).exists():
            return
        visit = SurveyVisit(enterprise=enterprise, visited_on=spec.surveyed_on, findings=spec.survey_notes,
                            visitors=nfc(f"Cán bộ {self.units[spec.unit].name}"))
        visit.full_clean()
        visit.save()
        self.changes["survey"] += 1

    def unit(self, spec: UnitSpec) -> Unit:
        """Create the unit under its first parent, or bring its own fields in line."""
        wanted = {
            "name": spec.name,
            "kind": spec.kind,
            "active_from": spec.active_from,
            "sector": spec.sector,
            "enterprise_id": self.enterprises[spec.enterprise].pk if spec.enterprise else None,
            "recognition_decision": spec.recognition_decision,
            "recognition_date": spec.recognition_date,
            "founding_members": spec.founding_members,
        }
        unit = self.units.get(spec.code)
        parent = self.units[spec.parent] if spec.parent else None
        if unit is None:
            unit = unit_create(code=spec.code, parent=parent, **wanted)
            self.units[spec.code] = unit
            if parent is not None:
                self.placements[unit.pk] = [(parent.pk, spec.active_from)]
            self.changes["unit"] += 1
        elif any(getattr(unit, f) != v for f, v in wanted.items()):
            # No update service exists: validate as the services do.
            for f, v in wanted.items():
                setattr(unit, f, v)
            unit.full_clean()
            unit.save()
            self.changes["unit"] += 1
        return unit

    def placements_match(self, spec: UnitSpec) -> None:
        """Make the unit's dated parents those of the demo: first parent, then the move of 01/07/2025."""
        unit = self.units[spec.code]
        wanted = []
        if spec.parent:
            wanted.append((self.units[spec.parent], spec.active_from))
        if spec.moves_to:
            wanted.append((self.units[spec.moves_to], RESTRUCTURING_DAY))
        keys = [(parent.pk, day) for parent, day in wanted]
        current = self.placements.get(unit.pk, [])
        if current == keys:
            return
        if not current or current != keys[: len(current)]:
            raise DemoConflict(
                f"Quá trình trực thuộc của đơn vị {spec.code} khác với dữ liệu minh họa; "
                "hãy sửa lại trong trang quản trị hoặc nạp vào một cơ sở dữ liệu trống."
            )
        for parent, day in wanted[len(current):]:
            unit = unit_move(unit=unit, new_parent=parent, on=day)
            self.changes["placement"] += 1
        self.units[spec.code] = unit
        self.placements[unit.pk] = keys

    def end_match(self, spec: UnitSpec) -> None:
        """Dissolve (or reactivate) the unit as the demo says."""
        unit = self.units[spec.code]
        successor = self.units[spec.successor] if spec.successor else None
        if unit.active_to == spec.active_to and unit.successor_id == (successor.pk if successor else None):
            return
        if spec.active_to is not None:
            self.units[spec.code] = unit_dissolve(unit=unit, on=spec.active_to, successor=successor)
        else:
            # No service reactivates a unit: validate as the services do.
            unit.active_to = None
            unit.successor = None
            unit.full_clean()
            unit.save()
        self.changes["unit"] += 1

    def tree(self) -> None:
        demo = self.demo
        self.unit(demo.federation)
        for spec in (*demo.superiors, *demo.communes):
            self.unit(spec)
            self.placements_match(spec)
        for spec in demo.enterprises:  # in the charge of the units above, behind the unions below
            self.enterprise(spec)
            self.survey(spec)
        for spec in demo.grassroots:
            self.unit(spec)
            self.end_match(spec)
        # Moves need the old parents' placements and the new parents active on 01/07/2025;
        # the districts are dissolved only after their unions have left them.
        for spec in demo.grassroots:
            self.placements_match(spec)
        for spec in (*demo.superiors, *demo.communes):
            self.end_match(spec)

    # -- campaign ----------------------------------------------------------
    def campaign(self) -> Campaign:
        lc = self.units[FEDERATION_CODE]
        wanted = {
            "name": nfc(CAMPAIGN_NAME),
            "plan_date": PLAN_DATE,
            "legal_basis": nfc(LEGAL_BASIS),
            "final_report_due": FINAL_REPORT_DUE,
            "is_illustrative": True,
        }
        campaign = Campaign.objects.filter(federation=lc, plan_number=nfc(PLAN_NUMBER), year=2025).first()
        if campaign is None:
            campaign = campaign_create(federation=lc, year=2025, plan_number=nfc(PLAN_NUMBER), **wanted)
            self.changes["campaign"] += 1
        elif any(getattr(campaign, f) != v for f, v in wanted.items()):
            # No update service exists: validate as the services do, then regenerate the periods.
            for f, v in wanted.items():
                setattr(campaign, f, v)
            campaign.full_clean()
            campaign.save()
            periods_generate(campaign=campaign)
            self.changes["campaign"] += 1

        waves = {w.number: w for w in campaign.waves.all()}
        for number, start, end, theme in WAVES:
            wave = waves.get(number)
            theme = nfc(theme)
            if wave is None:
                waves[number] = wave_create(campaign=campaign, number=number, start=start, end=end, theme=theme)
                self.changes["wave"] += 1
            elif (wave.start, wave.end, wave.theme) != (start, end, theme):
                wave.start, wave.end, wave.theme = start, end, theme
                wave.full_clean()
                wave.save()
                periods_generate(campaign=campaign)
                self.changes["wave"] += 1

        existing = {(t.unit_id, t.measure, t.wave_id, t.scope): t for t in campaign.targets.all()}
        wanted_keys = set()
        for spec in self.demo.targets:
            unit, wave = self.units[spec.unit], waves[spec.wave]
            wanted_keys.add((unit.pk, spec.measure, wave.pk, spec.scope))
            current = existing.get((unit.pk, spec.measure, wave.pk, spec.scope))
            if current is None or current.value != spec.value:
                target_set(
                    campaign=campaign, unit=unit, measure=spec.measure, value=spec.value, wave=wave, scope=spec.scope
                )
                self.changes["target"] += 1
        # A demo loaded before targets had a scope put the federation's own target in the province's.
        for key, target in existing.items():
            if key not in wanted_keys and target.unit_id == lc.pk:
                target.delete()
                self.changes["target"] += 1
        return campaign

    # -- users ---------------------------------------------------------------
    def users(self) -> None:
        User = get_user_model()
        specs = self.demo.users
        users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in specs])}
        # Hashing is slow on purpose: hash once per run and check each stored hash once.
        hashed: list[str] = []
        checked: dict[str, bool] = {}

        def password_ok(encoded: str) -> bool:
            if encoded not in checked:
                checked[encoded] = check_password(PASSWORD, encoded)
            return checked[encoded]

        def new_hash() -> str:
            if not hashed:
                hashed.append(make_password(PASSWORD))
            return hashed[0]

        group = self.board_group()
        for spec in specs:
            wanted = {
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": spec.email,
                "is_staff": spec.is_staff,
                "is_superuser": spec.is_superuser,
                "is_active": True,
            }
            user = users.get(spec.username)
            if user is None:
                user = User(username=spec.username, password=new_hash(), **wanted)
                user.full_clean()
                user.save()
                users[spec.username] = user
                self.changes["user"] += 1
            else:
                fields = [f for f, v in wanted.items() if getattr(user, f) != v]
                for f in fields:
                    setattr(user, f, wanted[f])
                if not password_ok(user.password):
                    user.password = new_hash()
                    fields.append("password")
                if fields:
                    user.save(update_fields=fields)
                    self.changes["user"] += 1
            if spec.in_board_group and not user.groups.filter(pk=group.pk).exists():
                user.groups.add(group)
                self.changes["group membership"] += 1

        wanted_roles = [(users[s.username], self.units[s.unit], s.role) for s in specs if s.role]
        held = set(
            Role.objects.filter(user__in=[u for u, _, _ in wanted_roles]).values_list("user_id", "unit_id", "role")
        )
        for user, unit, role in wanted_roles:
            if (user.pk, unit.pk, role) not in held:
                role_assign(user=user, unit=unit, role=role)
                self.changes["role"] += 1

    def board_group(self) -> Group:
        group, changed = board_group()
        if changed:
            self.changes["group"] += 1
        return group


def load_demo() -> LoadResult:
    """Bring the database in line with the demo; call it inside ``transaction.atomic``."""
    loader = _Loader(build_demo())
    loader.tree()
    loader.campaign()
    loader.users()
    return loader.result
