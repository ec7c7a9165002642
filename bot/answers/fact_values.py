"""Dated facts as an answer quotes them: the values of the {placeholders} for the day of the
question, written for the reader's language, and filling them into a text. The chat replies,
the staff copies and the content report all use these."""
from __future__ import annotations

import datetime as dt

from bot import messages as M
from bot.answers.fact_updates import current_wage_table
from bot.answers.placeholders import fill
from bot.calculators.deductions import housing_cap_share
from bot.calculators.insured_until import run_on_days
from bot.i18n import format_day, format_money, format_share, tidy, translate


def answer_values(lang: str, today: dt.date) -> dict[str, str]:
    """Dated facts an answer may quote, for the day of the question, written for `lang`.

    An amount always comes with the period it applies to ({wage_since}, {wage_until}); past that
    period {wage_note} says so plainly, with the date the new amount applies from.
    """
    values = {"housing_share": format_share(lang, housing_cap_share()),
              "run_on_days": str(run_on_days())}
    table = current_wage_table()
    wage = table.on(today)
    if wage is None:
        return values
    values.update({
        "wage_21": format_money(lang, wage.hourly),
        "wage_since": format_day(lang, wage.since),
        "wage_until": format_day(lang, wage.until),
        "wage_note": "" if wage.current else translate(
            lang, M.WAGE_EXPIRED, until=format_day(lang, wage.until),
            next_day=format_day(lang, wage.until + dt.timedelta(days=1))),
        "youth_note": youth_note(lang, table.planned_near(today)),
    })
    return values


def youth_note(lang: str, change) -> str:
    """The announced youth minimum wage shares (2027), or nothing."""
    if change is None or not change.youth_percent:
        return ""
    shares = ", ".join(f"{age}: {format_share(lang, percent / 100)}"
                       for age, percent in sorted(change.youth_percent.items(), reverse=True))
    return translate(lang, M.YOUTH_PLANNED, date=format_day(lang, change.start), shares=shares)


def fill_in(text: str, values: dict[str, str]) -> str:
    """Replace {placeholders} with dated facts; a line left empty by an empty value goes."""
    if "{" not in text:
        return text
    filled = tidy(fill(text, values))
    return "\n".join(line for line in filled.splitlines() if line.strip())
