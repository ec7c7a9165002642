"""The statutory minimum wage on a given date, from data/facts/minimum_wage.yml.

Past the last known period the latest figure is still returned, marked not current, so the bot
can say "this is the latest amount I know" instead of presenting an old figure as today's.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

FACTS_FILE = Path(__file__).resolve().parent.parent / "data" / "facts" / "minimum_wage.yml"
ADULT_AGE = 21


@dataclass(frozen=True)
class WageFigure:
    hourly: Decimal
    since: dt.date
    current: bool  # False when `on` is after the last day the figure is known to apply


@dataclass(frozen=True)
class WageTable:
    periods: tuple[tuple[dt.date, dict[int, Decimal]], ...]
    known_until: dt.date

    def on(self, day: dt.date, age: int = ADULT_AGE) -> WageFigure | None:
        """The hourly minimum for `age` (21 and older count as 21) on `day`, or None."""
        age = min(age, ADULT_AGE)
        applicable = [(start, rates) for start, rates in self.periods if start <= day]
        if not applicable:
            return None
        start, rates = applicable[-1]
        if age not in rates:
            return None
        return WageFigure(rates[age], start, day <= self.known_until)


def parse_table(doc: dict) -> WageTable:
    periods = tuple(sorted(
        (period["from"], {int(age): Decimal(str(v)) for age, v in period["hourly"].items()})
        for period in doc["periods"]
    ))
    return WageTable(periods, doc["known_until"])


@lru_cache(maxsize=1)
def wage_table(path: Path = FACTS_FILE) -> WageTable:
    with path.open(encoding="utf-8") as f:
        return parse_table(yaml.safe_load(f))
