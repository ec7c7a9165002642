"""The question-and-answer side of the calculators, without Rasa: which slots each form asks,
how a reply is read, when a reply means "stop, I want something else", and what the result says.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from bot import messages as M
from bot.answers.fact_updates import current_wage_table
from bot.calculators.amounts import parse_amount
from bot.calculators.dates import find_date
from bot.calculators.deductions import check_deductions
from bot.calculators.pay_periods import (
    LAST_MONTH,
    THIS_MONTH,
    THIS_WEEK,
    decode,
    encode,
    read_period,
)
from bot.dialogue.replies import Button, Reply, insured_until_reply
from bot.i18n import format_day, format_money, format_number, format_share, translate

DEDUCTION_SLOTS = ("dc_age", "dc_period", "dc_hours", "dc_gross", "dc_housing", "dc_insurance",
                   "dc_other")
AMOUNT_SLOTS = DEDUCTION_SLOTS[2:]
INSURANCE_SLOTS = ("job_end_date",)
QUESTIONS = {
    "dc_age": M.ASK_AGE, "dc_period": M.ASK_PERIOD, "dc_hours": M.ASK_HOURS,
    "dc_gross": M.ASK_GROSS, "dc_housing": M.ASK_HOUSING, "dc_insurance": M.ASK_INSURANCE,
    "dc_other": M.ASK_OTHER,
    "job_end_date": M.ASK_JOB_END,
}
EXAMPLES = {"dc_age": "25", "dc_hours": "40", "dc_gross": "600", "dc_housing": "0",
            "dc_insurance": "0", "dc_other": "0"}
LIMITS = {"dc_hours": Decimal(744), "dc_gross": Decimal(100_000), "dc_housing": Decimal(100_000),
          "dc_insurance": Decimal(100_000), "dc_other": Decimal(100_000)}
# Intents that end a calculator when the reply is not a value: the user asks something else.
STOP_INTENTS = frozenset({
    "ask_wage_deductions", "ask_housing_contract", "ask_health_insurance", "ask_passport_held",
    "find_informatiepunt", "ask_minimum_wage", "ask_payslip", "ask_holiday_allowance",
    "ask_registration", "ask_sick_pay", "ask_dismissal", "ask_work_accident", "report_abuse",
    "ask_unpaid_wages", "ask_temp_agency", "ask_homelessness", "ask_human", "goodbye", "deny",
    "bot_challenge", "choose_language", "greet",
})
STOP_CONFIDENCE = 0.6
_STOP_WORDS = re.compile(r"^\s*(stop|stopp|cancel|anuluj|koniec|gata|anuleaza|стоп|spri|спри|"
                         r"stoppen|annuleren)\W*$", re.IGNORECASE)


def read_value(slot: str, text: str, today: dt.date) -> str | None:
    """The value of a reply for `slot`, normalised to a string, or None when it is not one."""
    if slot == "dc_age":
        numbers = [int(n) for n in re.findall(r"\d{1,3}", text or "")]
        age = numbers[0] if len(numbers) == 1 else None
        return str(age) if age is not None and 14 <= age <= 99 else None
    if slot == "dc_period":
        period = read_period(text, today)
        return encode(period) if period and abs((period[1] - today).days) <= 3 * 365 else None
    if slot == "job_end_date":
        day = find_date(text, today)
        return day.isoformat() if day and abs((day - today).days) <= 3 * 365 else None
    value = parse_amount(text, LIMITS[slot])
    if value is None or (slot in ("dc_hours", "dc_gross") and value == 0):
        return None
    return str(value)


def stop_reason(text: str, intent: str | None, confidence: float) -> str | None:
    """Why a reply that is not a value ends the calculator: "stop" (the word, or "no"), or the
    intent of another question to answer instead; None when it does not end it."""
    if _STOP_WORDS.match(text or "") or (intent == "deny" and confidence >= STOP_CONFIDENCE):
        return "stop"
    has_number = bool(re.search(r"\d", text or ""))
    if not has_number and intent in STOP_INTENTS and confidence >= STOP_CONFIDENCE:
        return intent
    return None


def question(slot: str, lang: str) -> list[Reply]:
    buttons: tuple[Button, ...] = ()
    if slot == "dc_age":
        buttons = (Button(translate(lang, M.AGE_21_PLUS), "21"),)
    elif slot == "dc_period":
        buttons = (Button(translate(lang, M.THIS_WEEK), THIS_WEEK),
                   Button(translate(lang, M.THIS_MONTH), THIS_MONTH),
                   Button(translate(lang, M.LAST_MONTH), LAST_MONTH))
    return [Reply(translate(lang, QUESTIONS[slot]), buttons)]


def invalid(slot: str, lang: str) -> list[Reply]:
    if slot == "job_end_date":
        return [Reply(translate(lang, M.INVALID_DATE))]
    if slot == "dc_period":
        return [Reply(translate(lang, M.INVALID_PERIOD))]
    return [Reply(translate(lang, M.INVALID_NUMBER, example=EXAMPLES[slot]))]


def deduction_result(values: dict[str, str], lang: str, today: dt.date) -> list[Reply]:
    """The outcome of the deduction check in plain words, with the amounts."""
    money = lambda amount: format_money(lang, amount)  # noqa: E731
    age = int(values["dc_age"])
    amounts = {slot: Decimal(values[slot]) for slot in AMOUNT_SLOTS}
    start, end = decode(values["dc_period"]) if values.get("dc_period") else (today, today)
    table = current_wage_table()  # the seed with the values staff approved
    result = check_deductions(table, end, age, amounts["dc_hours"], amounts["dc_gross"],
                              amounts["dc_housing"], amounts["dc_insurance"], amounts["dc_other"],
                              period_start=start)
    if result is None:  # no confirmed rate for the period: the rules, but no verdict
        until = format_day(lang, table.known_until)
        return [Reply("\n\n".join([translate(lang, M.RESULT_NO_RATE, until=until),
                                    translate(lang, M.RESULT_END)]))]
    hours = format_number(lang, amounts["dc_hours"])
    share = format_share(lang, result.share)
    lines = [translate(lang, M.RESULT_PERIOD, start=format_day(lang, start),
                       end=format_day(lang, end))] if values.get("dc_period") else []
    lines += [translate(lang, M.RESULT_MINIMUM, hours=hours, age=str(age),
                       minimum=money(result.minimum), hourly=money(result.hourly),
                       since=format_day(lang, result.since), until=format_day(lang, result.until))]
    if result.underpaid_by > 0:
        lines.append(translate(lang, M.RESULT_UNDERPAID, gross=money(amounts["dc_gross"]),
                               gap=money(result.underpaid_by)))
    if amounts["dc_housing"] > 0:
        if result.housing_over_cap > 0:
            lines.append(translate(lang, M.RESULT_HOUSING_HIGH,
                                   housing=money(amounts["dc_housing"]),
                                   over=money(result.housing_over_cap),
                                   cap=money(result.housing_cap), share=share))
        else:
            lines.append(translate(lang, M.RESULT_HOUSING_OK, housing=money(amounts["dc_housing"]),
                                   cap=money(result.housing_cap), share=share))
    if amounts["dc_insurance"] > 0:
        lines.append(translate(lang, M.RESULT_INSURANCE, insurance=money(amounts["dc_insurance"])))
    if amounts["dc_other"] > 0:
        message = M.RESULT_OTHER_HIGH if result.other_over > 0 else M.RESULT_OTHER_OK
        lines.append(translate(lang, message, other=money(amounts["dc_other"]),
                               allowed=money(result.other_allowed)))
    lines.append(translate(lang, M.RESULT_END))
    return [Reply("\n\n".join(lines))]


def insurance_result(job_end: dt.date, lang: str) -> list[Reply]:
    return [insured_until_reply(lang, job_end)]
