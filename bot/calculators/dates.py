"""Dates as workers write them: "14.11", "14-11-2026", "14/11", "14 listopada", "14 noiembrie",
"14 ноември", "14 noemvri", "14 november", "November 14th".

Month names come from Babel (CLDR) for all our languages, in every form (genitive "listopada",
stand-alone "listopad", abbreviated "lis"), compared folded so "wrzesnia" finds "września" and
Latin-script Bulgarian "noemvri" finds "ноември".
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import get_month_names

from bot.language.folding import fold_token
from bot.language.registry import SUPPORTED_LANGUAGES

_NUMERIC = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"                     # 2026-11-14
    r"|(?<![\d.,])(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?(?!\d)"  # 14.11(.2026)
)
_WORDS = re.compile(r"[^\W\d_]+|\d{1,4}", re.UNICODE)
# A job "ended" in the past; a date this many days ahead may still be a coming end date.
FUTURE_TOLERANCE = dt.timedelta(days=62)


@lru_cache(maxsize=1)
def month_lookup() -> dict[str, int]:
    names: dict[str, int] = {}
    for lang in SUPPORTED_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, lang).items():
                    key = fold_token(name.strip("."))
                    if len(key) >= 3:
                        names.setdefault(key, number)
    # Latin-script Bulgarian as typed ("noemvri", "dekemvri", "septemvri", "oktomvri", "yanuari").
    for alias, number in (("yanuari", 1), ("ianuari", 1), ("fevruari", 2), ("yuni", 6),
                          ("yuli", 7), ("avgust", 8), ("septemvri", 9), ("oktomvri", 10),
                          ("noemvri", 11), ("dekemvri", 12)):
        names.setdefault(alias, number)
    return names


# Month names that are also frequent words (counted in our NLU examples): Polish "sie" (się
# typed without diacritics) is never August; Romanian "mai" (more, still) is May only at the end
# of a date ("3 mai", "3 mai 2026"), not in "2 mai multe"; so are English "may" ("you may get 2
# days") and Romanian "mei" (my: "banii mei"), which is also Dutch for May; and "nov", Bulgarian
# "нов" (new: "от 3 нов договор" is no date), November only in "5 nov".
NEVER_MONTHS = frozenset({"sie"})
MONTH_ONLY_AT_DATE_END = frozenset({"mai", "may", "mei", "nov"})


def _year_for(day: int, month: int, today: dt.date) -> dt.date | None:
    try:
        candidate = dt.date(today.year, month, day)
    except ValueError:
        return None
    if candidate - today > FUTURE_TOLERANCE:
        candidate = candidate.replace(year=today.year - 1)
    return candidate


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _ends_a_date(tokens: list[str], i: int) -> bool:
    """ "3 mai", "3 mai 2026": a day before the word, and after it nothing or a year."""
    if _number(tokens, i - 1) is None:
        return False
    after = _number(tokens, i + 1)
    return i + 1 >= len(tokens) or (after is not None and after >= 1900)


def find_date(text: str, today: dt.date) -> dt.date | None:
    """The first date written in the text, or None. Day first, as Europeans write it."""
    for match in _NUMERIC.finditer(text or ""):
        try:
            if match.group(1):
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            day, month, year = int(match.group(4)), int(match.group(5)), match.group(6)
            if year:
                return dt.date(_full_year(year), month, day)
            found = _year_for(day, month, today)
            if found:
                return found
        except ValueError:
            continue  # "14.71" is a price, not a date: look further
    tokens = _WORDS.findall(text or "")
    months = month_lookup()
    for i, token in enumerate(tokens):
        folded = fold_token(token)
        month = months.get(folded)
        if month is None or folded in NEVER_MONTHS:
            continue
        if folded in MONTH_ONLY_AT_DATE_END and not _ends_a_date(tokens, i):
            continue
        day = _number(tokens, i - 1) or _number(tokens, i + 1)
        if day is None or not 1 <= day <= 31:
            continue
        year = _number(tokens, i + 1 if _number(tokens, i - 1) else i + 2)
        if year and year >= 1900:
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
        return _year_for(day, month, today)
    return None


def _number(tokens: list[str], index: int) -> int | None:
    if 0 <= index < len(tokens) and tokens[index].isdigit():
        return int(tokens[index])
    return None
