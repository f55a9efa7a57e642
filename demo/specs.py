"""The shapes of the demo's description: plain dataclasses, no database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from campaign.models import TargetScope


@dataclass
class EnterpriseSpec:
    tax_code: str
    name: str
    sector: str
    commune: str
    employees: int
    surveyed_on: datetime.date | None = None  # its one survey visit, when it had one
    survey_notes: str = ""
    unit: str = ""  # code of the unit in charge of its area (today's tree)


@dataclass
class UnitSpec:
    code: str
    name: str
    kind: str
    active_from: datetime.date
    parent: str | None  # code of the first parent
    moves_to: str | None = None  # code of the parent from 01/07/2025, when it moves
    active_to: datetime.date | None = None
    successor: str | None = None
    sector: str = ""
    enterprise: str | None = None  # tax code
    recognition_decision: str = ""
    recognition_date: datetime.date | None = None
    founding_members: int | None = None


@dataclass
class TargetSpec:
    wave: int
    unit: str
    measure: str
    value: int
    scope: str = TargetScope.TOTAL


@dataclass
class UserSpec:
    username: str
    last_name: str
    first_name: str
    role: str | None = None
    unit: str | None = None
    is_staff: bool = False
    is_superuser: bool = False
    in_board_group: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@example.invalid"


@dataclass
class Demo:
    federation: UnitSpec
    superiors: list[UnitSpec]  # the 9 that report until 30/06/2025
    communes: list[UnitSpec]  # the 38 that report from 01/07/2025
    grassroots: list[UnitSpec]
    enterprises: list[EnterpriseSpec]
    targets: list[TargetSpec]
    users: list[UserSpec]
