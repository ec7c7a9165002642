"""Which pay period a payslip is for, as the deduction check asks it: a button (this week, this
month, last month), a month name in any of our languages ("listopad", "noiembrie", "ноември"),
or a date, which stands for its week (Monday to Sunday).

The minimum wage is then taken for each day of that period (bot.calculators.deductions), so a
period that spans 1 January or 1 July is paid at both rates, and an old payslip is judged on the
rate of its own time, not today's.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import get_month_names

from bot.calculators.dates import FUTURE_TOLERANCE, find_date, month_lookup
from bot.language.folding import fold_token
from bot.language.registry import SUPPORTED_LANGUAGES

THIS_WEEK, THIS_MONTH, LAST_MONTH = "=w0", "=m0", "=m1"  # the buttons' payloads
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def _week(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def read_period(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) of the pay period the reply names, or None."""
    text = (text or "").strip()
    if text == THIS_WEEK:
        return _week(today)
    if text == THIS_MONTH:
        return _month(today.year, today.month)
    if text == LAST_MONTH:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return _month(last.year, last.month)
    day = find_date(text, today)
    if day is not None:
        return _week(day)
    months = month_lookup()
    for word in _WORDS.findall(text):
        month = months.get(fold_token(word))
        # Whole month names only: abbreviations such as "mar" or "sie" (się) are common words.
        if month is not None and fold_token(word) in full_month_names():
            year = today.year if dt.date(today.year, month, 1) - today <= FUTURE_TOLERANCE \
                else today.year - 1
            return _month(year, month)
    return None


@lru_cache(maxsize=1)
def full_month_names() -> frozenset[str]:
    names = {fold_token(name) for lang in SUPPORTED_LANGUAGES
             for context in ("format", "stand-alone")
             for name in get_month_names("wide", context, lang).values()}
    return frozenset(names | {k for k in month_lookup() if len(k) >= 5})  # "noemvri", "yuli"...


def encode(period: tuple[dt.date, dt.date]) -> str:
    return f"{period[0].isoformat()}/{period[1].isoformat()}"


def decode(value: str) -> tuple[dt.date, dt.date]:
    start, end = value.split("/")
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)
