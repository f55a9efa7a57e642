"""``build_demo()``: the illustrative 2025 peak-month campaign of Lai Châu, described in
plain Python (no database).

The description holds the provincial federation; the city and district federations
and the UBND tỉnh union that report until 30/06/2025; the 38 commune and ward unions
that report from 01/07/2025; about 220 grassroots unions and the enterprises behind
them; the campaign's targets; the demo users. The fixed tables are in ``demo.data``;
everything generated comes from ``random.Random(2025)``, so the data is the same on
every run and every machine. ``demo.loader`` writes it to the database.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from campaign.models import Measure, TargetScope
from unions.models import Sector, UnitKind

from .data import (
    BRANDS,
    BUSINESS_LINES,
    COMPANY_FORMS,
    COOPERATIVE_LINES,
    DISSOLVED_IN,
    DISSOLVED_TEMPLATES,
    DISTRICTS,
    DISTRICTS_FROM,
    ENTERPRISE_SECTORS,
    FDI_BRANDS,
    FDI_LINES,
    FDI_UNITS,
    FEDERATION_CODE,
    FEDERATION_NAME,
    INFORMAL_TRADES,
    LARGE_UNITS,
    LAST_DISTRICT_DAY,
    NEW_SECTOR_WEIGHTS,
    OLD_SECTOR_WEIGHTS,
    OTHER_TEMPLATES,
    PUBLIC_TEMPLATES,
    RESTRUCTURING_DAY,
    SEED,
    STATE_TEMPLATES,
    SURVEY_NOTES,
    UBND_CODE,
    UBND_NAME,
    UBND_UNITS,
    USERS,
    WAVE1_DISTRICTS,
    WAVE2_COMMUNES,
    Commune,
    District,
    nfc,
)
from .specs import Demo, EnterpriseSpec, TargetSpec, UnitSpec

D = datetime.date


class _Builder:
    """Generates the grassroots unions and enterprises, deterministically."""

    def __init__(self):
        self.rng = random.Random(SEED)
        self.names: set[str] = set()
        self.tax_codes: set[str] = set()
        self.enterprises: list[EnterpriseSpec] = []
        self.grassroots: list[UnitSpec] = []

    # -- small helpers ---------------------------------------------------
    def day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def tax_code(self) -> str:
        while True:
            code = f"62{self.rng.randrange(10**8):08d}"
            if code not in self.tax_codes:
                self.tax_codes.add(code)
                return code

    def commune_of(self, district: District) -> Commune:
        weights = [4] + [1] * (len(district.communes) - 1)
        return self.rng.choices(district.communes, weights)[0]

    def claim(self, name: str) -> bool:
        name = nfc(name)
        if name in self.names:
            return False
        self.names.add(name)
        return True

    def enterprise(self, name, sector, commune: Commune, employees, surveyed_on=None, notes="", *, unit=None) -> str:
        """An enterprise of ``commune``, in the charge of its commune union (or ``unit``)."""
        spec = EnterpriseSpec(self.tax_code(), nfc(name), sector, commune.label, employees, surveyed_on, nfc(notes),
                              unit=unit or commune.code)
        self.enterprises.append(spec)
        return spec.tax_code

    def company_name(self, sector: str, district: District, commune: Commune) -> tuple[str, Commune]:
        """A fresh workplace name (without "CĐCS ") for the sector, and the commune it names.

        When every name for ``commune`` is taken, another commune of the district is tried.
        """
        fmt = {"c": commune.name, "kc": commune.full_name, "area": district.area, "short": district.short}
        for _ in range(200):
            if sector == Sector.NON_STATE:
                line = self.rng.choice(BUSINESS_LINES)
                name = f"{self.rng.choice(COMPANY_FORMS)} {line} {self.rng.choice(BRANDS)}"
            elif sector == Sector.COOPERATIVE:
                name = f"Hợp tác xã {self.rng.choice(COOPERATIVE_LINES)} {commune.name}"
            elif sector == Sector.INFORMAL:
                name = f"Nghiệp đoàn {self.rng.choice(INFORMAL_TRADES)} {commune.name}"
            elif sector == Sector.STATE:
                name = self.rng.choice(STATE_TEMPLATES).format(**fmt)
            elif sector == Sector.OTHER:
                name = self.rng.choice(OTHER_TEMPLATES).format(brand=self.rng.choice(BRANDS), **fmt)
            elif sector == Sector.FDI:
                name = f"Công ty TNHH {self.rng.choice(FDI_LINES)} {self.rng.choice(FDI_BRANDS)}"
            else:  # public unit: schools get "số 2", "số 3" when the plain name is taken
                # No ethnic boarding schools (PTDTBT, PTDTNT) in the city's wards.
                templates = [t for t in PUBLIC_TEMPLATES if not (commune.is_ward and "PTDT" in t)]
                template = self.rng.choice(templates)
                for n in ("", " số 2", " số 3"):
                    name = template.format(n=n, **fmt)
                    if "{n}" not in template or nfc(f"CĐCS {name}") not in self.names:
                        break
            if self.claim(name if sector == Sector.INFORMAL else f"CĐCS {name}"):
                return nfc(name), commune
            commune = self.commune_of(district)
            fmt["c"], fmt["kc"] = commune.name, commune.full_name
        raise RuntimeError(f"no fresh name left for {sector} in {district.area}")

    def employees(self, sector: str) -> int:
        low, high, mode = {
            Sector.STATE: (40, 350, 80),
            Sector.NON_STATE: (8, 200, 25),
            Sector.FDI: (60, 450, 150),
            Sector.COOPERATIVE: (7, 45, 12),
        }[sector]
        return int(self.rng.triangular(low, high, mode))

    def add(self, *, name, parent, active_from, sector, moves_to=None, enterprise=None, **fields) -> UnitSpec:
        spec = UnitSpec(
            code=f"CS{len(self.grassroots) + 1:04d}",
            name=nfc(name),
            kind=UnitKind.GRASSROOTS,
            active_from=active_from,
            parent=parent,
            moves_to=moves_to,
            sector=sector,
            enterprise=enterprise,
            **fields,
        )
        self.grassroots.append(spec)
        return spec

    def old_recognition(self) -> dict:
        """An older union: recognised years ago, no founding figure kept."""
        day = self.day(D(2010, 3, 1), D(2024, 12, 20))
        return {
            "active_from": day,
            "recognition_date": day,
            "recognition_decision": f"{self.rng.randint(12, 180)}/QĐ-LĐLĐ",
        }

    def workplace(self, sector, district, commune, *, surveyed_on=None, employees=None, notes=""):
        """(union name, enterprise tax code or None, commune) for a fresh workplace."""
        name, commune = self.company_name(sector, district, commune)
        if sector == Sector.INFORMAL:
            return name, None, commune
        tax = None
        if sector in ENTERPRISE_SECTORS:
            tax = self.enterprise(name, sector, commune, employees or self.employees(sector), surveyed_on, notes)
        return f"CĐCS {name}", tax, commune

    # -- the parts of the province ---------------------------------------
    def build(self) -> Demo:
        lc = UnitSpec(FEDERATION_CODE, FEDERATION_NAME, UnitKind.FEDERATION, D(2004, 1, 1), None)
        superiors = [
            UnitSpec(d.code, d.name, UnitKind.SUPERIOR, DISTRICTS_FROM, FEDERATION_CODE,
                     active_to=LAST_DISTRICT_DAY, successor=d.seat.code)
            for d in DISTRICTS
        ]
        superiors.append(
            UnitSpec(UBND_CODE, UBND_NAME, UnitKind.SUPERIOR, DISTRICTS_FROM, FEDERATION_CODE,
                     active_to=LAST_DISTRICT_DAY, successor=FEDERATION_CODE)
        )
        communes = [
            UnitSpec(c.code, c.union_name, UnitKind.SUPERIOR, RESTRUCTURING_DAY, FEDERATION_CODE)
            for d in DISTRICTS
            for c in d.communes
        ]
        districts = {d.code: d for d in DISTRICTS}
        self.older_unions(districts)
        self.wave_unions(districts)
        self.surveyed_enterprises()
        targets = self.targets(superiors, communes)
        return Demo(lc, superiors, communes, self.grassroots, self.enterprises, targets, list(USERS))

    def older_unions(self, districts: dict[str, District]) -> None:
        """The unions recognised before the campaign, and the enterprises behind them."""
        rng = self.rng
        # Provincial agencies under the UBND tỉnh union, then directly under LC.
        for name, sector in UBND_UNITS:
            self.claim(name)
            self.add(name=name, parent=UBND_CODE, moves_to=FEDERATION_CODE, sector=sector, **self.old_recognition())

        # Large enterprises in the city, directly under LC from 01/07/2025.
        city = districts["LC-TPLC"]
        for name, sector, employees in LARGE_UNITS:
            self.claim(f"CĐCS {name}")
            tax = self.enterprise(name, sector, city.seat, employees, unit=FEDERATION_CODE)
            self.add(name=f"CĐCS {name}", parent=city.code, moves_to=FEDERATION_CODE, sector=sector,
                     enterprise=tax, **self.old_recognition())

        # Older unions in each district, moving to the commune union of their area.
        sectors, weights = zip(*OLD_SECTOR_WEIGHTS, strict=True)
        fdi_by_district = {}
        for code, name, employees in FDI_UNITS:
            fdi_by_district.setdefault(code, []).append((name, employees))
        for district in DISTRICTS:
            for name, employees in fdi_by_district.get(district.code, []):
                commune = self.commune_of(district)
                self.claim(f"CĐCS {name}")
                tax = self.enterprise(name, Sector.FDI, commune, employees)
                self.add(name=f"CĐCS {name}", parent=district.code, moves_to=commune.code, sector=Sector.FDI,
                         enterprise=tax, **self.old_recognition())
            for _ in range(district.old_unions):
                sector = rng.choices(sectors, weights)[0]
                commune = self.commune_of(district)
                name, tax, commune = self.workplace(sector, district, commune)
                self.add(name=name, parent=district.code, moves_to=commune.code, sector=sector, enterprise=tax,
                         **self.old_recognition())

        # Public units in state agencies, dissolved in the first half of June 2025 (they do not move).
        for i, code in enumerate(DISSOLVED_IN):
            district = districts[code]
            name = nfc(DISSOLVED_TEMPLATES[i % len(DISSOLVED_TEMPLATES)].format(area=district.area))
            self.claim(name)
            self.add(name=name, parent=code, sector=Sector.PUBLIC_UNIT, active_to=self.day(D(2025, 6, 2), D(2025, 6, 15)),
                     **self.old_recognition())

    def wave_unions(self, districts: dict[str, District]) -> None:
        """The unions recognised during the campaign's two waves."""
        rng = self.rng
        # Wave 1 (May 2025): recognised by the district federation, moving on 01/07/2025.
        for code in WAVE1_DISTRICTS:
            district = districts[code]
            sector = rng.choices(*zip(*NEW_SECTOR_WEIGHTS, strict=True))[0]
            commune = self.commune_of(district)
            self.new_union(district, commune, sector, wave=1,
                           window=(D(2025, 5, 5), D(2025, 5, 30)), surveyed=(D(2025, 4, 10), D(2025, 4, 30)),
                           decision="QĐ-LĐLĐ", notes="Đã vận động thành lập công đoàn cơ sở trong đợt 1.")

        # Wave 2 (July 2025): recognised by the commune or ward union, under it from the start.
        by_name = {c.name: (d, c) for d in DISTRICTS for c in d.communes}
        for commune_name in WAVE2_COMMUNES:
            district, commune = by_name[commune_name]
            sector = rng.choices(*zip(*NEW_SECTOR_WEIGHTS, strict=True))[0]
            self.new_union(district, commune, sector, wave=2,
                           window=(D(2025, 7, 3), D(2025, 7, 29)), surveyed=(D(2025, 6, 5), D(2025, 6, 30)),
                           decision="QĐ-CĐ", notes="Đã vận động thành lập công đoàn cơ sở trong đợt 2.")

    def surveyed_enterprises(self) -> None:
        """Enterprises surveyed with no union yet."""
        rng = self.rng
        for _ in range(30):
            district = rng.choice(DISTRICTS)
            commune = rng.choice(district.communes)
            sector = rng.choices((Sector.NON_STATE, Sector.COOPERATIVE, Sector.FDI), (25, 4, 1))[0]
            name, commune = self.company_name(sector, district, commune)
            self.enterprise(name, sector, commune, max(3, self.employees(sector) // 2),
                            self.day(D(2025, 4, 10), D(2025, 7, 25)), rng.choice(SURVEY_NOTES))

    def new_union(self, district, commune, sector, *, wave, window, surveyed, decision, notes):
        """A union recognised during a wave: under the district then its commune (wave 1), or the commune (wave 2)."""
        day = self.day(*window)
        employees = None
        if sector in ENTERPRISE_SECTORS:
            employees = self.employees(sector)
        name, tax, commune = self.workplace(
            sector, district, commune, surveyed_on=self.day(*surveyed), employees=employees, notes=notes
        )
        parent, moves_to = (district.code, commune.code) if wave == 1 else (commune.code, None)
        founding = self.rng.randint(5, min(40, employees or 40))
        self.add(name=name, parent=parent, moves_to=moves_to, sector=sector, enterprise=tax, active_from=day,
                 recognition_date=day, recognition_decision=f"{self.rng.randint(20, 95)}/{decision}",
                 founding_members=max(5, founding))

    def targets(self, superiors: list[UnitSpec], communes: list[UnitSpec]) -> list[TargetSpec]:
        rng = self.rng
        in_may = Counter(g.parent for g in self.grassroots if g.active_to is None)
        in_july = Counter((g.moves_to or g.parent) for g in self.grassroots if g.active_to is None)
        seats = {d.seat.code for d in DISTRICTS}
        targets = []

        def add(wave, unit, members, grassroots, introduced, scope=TargetScope.TOTAL):
            admitted = max(1, introduced // 3 + rng.randint(-1, 1))
            for measure, value in (
                (Measure.NEW_MEMBERS, members),
                (Measure.NEW_GRASSROOTS, grassroots),
                (Measure.PARTY_INTRODUCED, introduced),
                (Measure.PARTY_ADMITTED, admitted),
            ):
                targets.append(TargetSpec(wave, unit, measure, value, scope))

        for unit in superiors:
            n = in_may[unit.code]
            members = min(150, max(40, 2 * n + rng.randint(10, 50)))
            add(1, unit.code, members, 1 if unit.code == UBND_CODE else rng.randint(1, 3), rng.randint(3, 10))
        for unit in communes:
            n = in_july[unit.code]
            members = min(120, 8 + 2 * n + rng.randint(0, 15))
            add(2, unit.code, members, 2 if unit.code in seats else 1, rng.randint(1, 4))
        # The federation's own row (the grassroots unions directly under it from 01/07/2025),
        # not the province's target: the province's is the sum of its units'.
        n = in_july[FEDERATION_CODE]
        add(2, FEDERATION_CODE, 20 + n + rng.randint(0, 20), 1, rng.randint(5, 10), scope=TargetScope.OWN)
        return targets


def build_demo() -> Demo:
    """The demo province, campaign and users, the same on every call."""
    return _Builder().build()
