"""The statutory minimum wage on a given date, from data/facts/minimum_wage.yml.

Each amount belongs to a period with a first and a last day. Inside its period a figure is
current. After the last known period the last figure is returned marked not current, so the bot
can say "this applied until 31 December 2026" instead of presenting an old figure as today's; the
calculators judge only on a current figure (`confirmed_on`). Planned changes without amounts
(the youth percentages of 2027) are kept apart and never computed with.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from bot import ROOT

FACTS_FILE = ROOT / "data" / "facts" / "minimum_wage.yml"
ADULT_AGE = 21


@dataclass(frozen=True)
class WagePeriod:
    start: dt.date
    until: dt.date
    hourly: dict[int, Decimal]
    source: str
    last_checked: dt.date
    bbl: dict[int, Decimal]


@dataclass(frozen=True)
class WageFigure:
    hourly: Decimal
    since: dt.date
    until: dt.date
    current: bool  # False when the day asked about is after `until`
    source: str


@dataclass(frozen=True)
class PlannedChange:
    start: dt.date
    youth_percent: dict[int, Decimal]
    source: str


@dataclass(frozen=True)
class WageTable:
    periods: tuple[WagePeriod, ...]
    planned: tuple[PlannedChange, ...] = ()
    source_url: str = ""

    @property
    def known_until(self) -> dt.date:
        return self.periods[-1].until

    def on(self, day: dt.date, age: int = ADULT_AGE) -> WageFigure | None:
        """The hourly minimum for `age` (21 and older count as 21) on `day`; after the last
        known period the last figure, not current; None before the table or for an age whose
        amount is not confirmed."""
        age = min(age, ADULT_AGE)
        period = next((p for p in self.periods if p.start <= day <= p.until), None)
        current = period is not None
        if period is None and self.periods and day > self.known_until:
            period = self.periods[-1]
        if period is None or age not in period.hourly:
            return None
        return WageFigure(period.hourly[age], period.start, period.until, current, period.source)

    def confirmed_on(self, day: dt.date, age: int = ADULT_AGE) -> WageFigure | None:
        """Only a figure whose period covers `day`: what a verdict may rest on."""
        figure = self.on(day, age)
        return figure if figure is not None and figure.current else None

    def planned_near(self, day: dt.date) -> PlannedChange | None:
        """An announced change that starts after `day` or started less than a year before it:
        worth naming, with its date, beside the amounts."""
        return next((c for c in self.planned if day < c.start + dt.timedelta(days=366)), None)


def _rates(values: dict | None) -> dict[int, Decimal]:
    return {int(age): Decimal(str(v)) for age, v in (values or {}).items()}


def parse_table(doc: dict) -> WageTable:
    periods = tuple(sorted((
        WagePeriod(p["from"], p["until"], _rates(p["hourly"]), p.get("source", ""),
                   p.get("last_checked"), _rates(p.get("bbl")))
        for p in doc["periods"]), key=lambda p: p.start))
    planned = tuple(sorted((
        PlannedChange(c["from"], _rates(c.get("youth_percent")), c.get("source", ""))
        for c in doc.get("planned") or []), key=lambda c: c.start))
    return WageTable(periods, planned, doc.get("source_url", ""))


@lru_cache(maxsize=1)
def wage_table(path: Path = FACTS_FILE) -> WageTable:
    with path.open(encoding="utf-8") as f:
        return parse_table(yaml.safe_load(f))
