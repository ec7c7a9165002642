"""Deduction check: are the deductions from a worker's pay within what the law allows?

Rules (../shared/domain/facts.md §1.2): the minimum wage (WML) may only be reduced for housing
(at most 25% of the WML the worker is entitled to for the period) and health insurance, each with
written consent. Every other deduction (fines, transport, fees...) may only come out of the part
of the wage above the WML.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from bot import ROOT
from bot.answers.minimum_wage import WageTable

HOUSING_FACTS = ROOT / "data" / "facts" / "housing_deduction.yml"
CENT = Decimal("0.01")


@lru_cache(maxsize=1)
def housing_cap_share(path: Path = HOUSING_FACTS) -> Decimal:
    """The share of the minimum wage that housing may take (0.25 in 2026), from the facts file."""
    with path.open(encoding="utf-8") as f:
        return Decimal(str(yaml.safe_load(f)["max_share_of_minimum_wage"]))


@dataclass(frozen=True)
class DeductionCheck:
    hourly: Decimal
    since: dt.date
    until: dt.date            # the last day of the rate's period
    share: Decimal            # the housing maximum as a share of the WML (0.25)
    minimum: Decimal          # WML for the hours of the period
    underpaid_by: Decimal     # how far the gross pay is below the WML (0 if not)
    housing_cap: Decimal      # 25% of the WML for the period
    housing_over_cap: Decimal  # how much the housing deduction exceeds the cap (0 if not)
    other_allowed: Decimal    # the most that other deductions may take
    other_over: Decimal       # how much the other deductions exceed that (0 if not)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def minimum_for_period(
    table: WageTable, start: dt.date, end: dt.date, hours: Decimal, age: int
) -> Decimal | None:
    """The WML for `hours` worked evenly over the days from `start` to `end`: a period that spans
    1 January or 1 July is paid at each rate for its share of the days. None when a day of the
    period has no confirmed rate: no verdict rests on an amount whose period has passed."""
    days = (end - start).days + 1
    if days <= 0:
        return None
    total = Decimal(0)
    for offset in range(days):
        figure = table.confirmed_on(start + dt.timedelta(days=offset), age)
        if figure is None:
            return None
        total += figure.hourly * hours / days
    return _money(total)


def check_deductions(
    table: WageTable, day: dt.date, age: int, hours: Decimal, gross: Decimal,
    housing: Decimal, insurance: Decimal, other: Decimal, period_start: dt.date | None = None,
) -> DeductionCheck | None:
    """Check one pay period ending on `day` (starting on `period_start`, or on `day` itself when
    the start is not known). None when no confirmed minimum wage covers that period and age."""
    figure = table.confirmed_on(day, age)
    if figure is None:
        return None
    minimum = minimum_for_period(table, period_start or day, day, hours, age)
    if minimum is None:
        return None
    share = housing_cap_share()
    cap = _money(minimum * share)
    above_minimum = max(Decimal(0), gross - minimum)
    return DeductionCheck(
        hourly=figure.hourly,
        since=figure.since,
        until=figure.until,
        share=share,
        minimum=minimum,
        underpaid_by=_money(max(Decimal(0), minimum - gross)),
        housing_cap=cap,
        housing_over_cap=_money(max(Decimal(0), housing - cap)),
        other_allowed=_money(above_minimum),
        other_over=_money(max(Decimal(0), other - above_minimum)),
    )
