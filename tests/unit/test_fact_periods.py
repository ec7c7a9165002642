"""Facts that stay true: every amount with its period, the calculators judging only on a confirmed
rate, at injected dates around each change (never today's date)."""
import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest

from bot import messages as M
from bot.answers.library import load_library
from bot.answers.minimum_wage import wage_table
from bot.calculators.deductions import minimum_for_period
from bot.calculators.forms import deduction_result
from bot.dialogue.replies import faq_answer
from bot.i18n import format_day, format_money, translate
from bot.language.registry import SUPPORTED_LANGUAGES

pytestmark = pytest.mark.unit
D = Decimal
DAYS = [dt.date(2026, 6, 30), dt.date(2026, 7, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1),
        dt.date(2028, 1, 1)]
# (hourly for 21+, since, until, current) the bot must state on each day
EXPECTED = {
    dt.date(2026, 6, 30): ("14.71", dt.date(2026, 1, 1), dt.date(2026, 6, 30), True),
    dt.date(2026, 7, 1): ("14.99", dt.date(2026, 7, 1), dt.date(2026, 12, 31), True),
    dt.date(2026, 12, 1): ("14.99", dt.date(2026, 7, 1), dt.date(2026, 12, 31), True),
    dt.date(2027, 1, 1): ("14.99", dt.date(2026, 7, 1), dt.date(2026, 12, 31), False),
    dt.date(2028, 1, 1): ("14.99", dt.date(2026, 7, 1), dt.date(2026, 12, 31), False),
}
HOUSING_148 = {"dc_age": "30", "dc_hours": "40", "dc_gross": "596", "dc_housing": "148",
               "dc_insurance": "0", "dc_other": "0"}


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("day", DAYS)
def test_the_minimum_wage_answer_states_the_amount_with_its_period(lang, day):
    hourly, since, until, current = EXPECTED[day]
    text = faq_answer("ask_minimum_wage", lang, day)[0].text
    assert format_money(lang, D(hourly)) in text
    assert format_day(lang, since) in text and format_day(lang, until) in text
    expired = translate(lang, M.WAGE_EXPIRED, until=format_day(lang, until),
                        next_day=format_day(lang, until + dt.timedelta(days=1)))
    assert (expired in text) == (not current)  # "since 1 January 2027 a new amount applies"
    assert "г.." not in text


def test_on_1_december_2026_the_bot_quotes_14_99_from_1_july():
    text = faq_answer("ask_minimum_wage", "en", dt.date(2026, 12, 1))[0].text
    assert "€14.99 gross per hour, from 1 July 2026" in text
    assert "14.71" not in text


def test_the_2026_july_table_is_the_2026_percentages_of_the_adult_amount():
    period = next(p for p in wage_table().periods if p.start == dt.date(2026, 7, 1))
    percent = {20: 80, 19: 60, 18: 50, 17: D("39.5"), 16: D("34.5"), 15: 30}
    for age, share in percent.items():
        expected = (period.hourly[21] * D(share) / 100).quantize(D("0.01"), ROUND_HALF_UP)
        assert period.hourly[age] == expected, age


def test_periods_do_not_overlap_and_each_has_a_source():
    periods = wage_table().periods
    for earlier, later in zip(periods, periods[1:], strict=False):
        assert earlier.until < later.start
    assert all(p.source.startswith("https://") and p.last_checked for p in periods)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_in_december_2026_the_pay_check_judges_on_14_99(lang):
    # 40 h at €14.90 is below the €14.99 minimum; €148 housing is within the €149.90 cap.
    values = {**HOUSING_148, "dc_gross": str(D("14.90") * 40)}
    text = deduction_result(values, lang, dt.date(2026, 12, 1))[0].text
    assert format_money(lang, D("599.60")) in text
    assert format_money(lang, D("3.60")) in text  # underpaid by
    assert format_money(lang, D("149.90")) in text
    assert format_day(lang, dt.date(2026, 7, 1)) in text


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
@pytest.mark.parametrize("day", [dt.date(2027, 1, 1), dt.date(2028, 1, 1)])
def test_without_a_confirmed_rate_the_pay_check_gives_no_verdict(lang, day):
    text = deduction_result(HOUSING_148, lang, day)[0].text
    assert (format_money(lang, D("149.90")) not in text
            and format_money(lang, D("599.60")) not in text)
    assert format_day(lang, dt.date(2026, 12, 31)) in text  # what it knew, until when
    assert "rijksoverheid.nl" in text and "0800 51 51" in text


def test_a_19_year_old_in_january_2027_gets_no_verdict_on_the_2026_youth_rate():
    values = {**HOUSING_148, "dc_age": "19"}
    text = deduction_result(values, "pl", dt.date(2027, 1, 15))[0].text
    assert format_money("pl", D("8.99")) not in text
    assert format_day("pl", dt.date(2026, 12, 31)) in text


def test_a_pay_period_that_spans_1_july_2026_mixes_both_rates():
    # 7 days, 28 June - 4 July 2026: 3 days at 14.71, 4 days at 14.99, 35 hours in all.
    minimum = minimum_for_period(wage_table(), dt.date(2026, 6, 28), dt.date(2026, 7, 4), D(35), 30)
    assert minimum == D("520.45")  # 35 / 7 x (3 x 14.71 + 4 x 14.99) = 5 x 104.09


def test_a_pay_period_that_runs_past_the_last_known_rate_gets_no_minimum():
    assert minimum_for_period(wage_table(), dt.date(2026, 12, 28), dt.date(2027, 1, 3), D(40), 30) \
        is None


AMOUNT = re.compile(r"\{wage_21\}|€\s?\d|\d[\d.,]*\s?€")


def test_no_answer_states_an_amount_without_the_period_it_applies_to():
    for topic, answer in load_library().items():
        for lang, text in answer.texts.items():
            for line in text.splitlines():
                if AMOUNT.search(line):
                    assert "{wage_since}" in line and "{wage_until}" in line, (topic, lang, line)


def test_percentages_and_days_of_the_rules_come_from_data():
    for topic, answer in load_library().items():
        for lang, text in answer.texts.items():
            assert "25%" not in text and "25 %" not in text, (topic, lang)
    for topic in ("ask_health_insurance", "ask_dismissal"):
        for lang, text in load_library()[topic].texts.items():
            assert "{run_on_days}" in text and not re.search(r"\b40\b", text), (topic, lang)


@pytest.mark.parametrize("text, period", [
    ("=w0", (dt.date(2026, 11, 30), dt.date(2026, 12, 6))),
    ("=m0", (dt.date(2026, 12, 1), dt.date(2026, 12, 31))),
    ("=m1", (dt.date(2026, 11, 1), dt.date(2026, 11, 30))),
    ("czerwiec", (dt.date(2026, 6, 1), dt.date(2026, 6, 30))),
    ("iunie", (dt.date(2026, 6, 1), dt.date(2026, 6, 30))),
    ("за юни", (dt.date(2026, 6, 1), dt.date(2026, 6, 30))),
    ("2.7", (dt.date(2026, 6, 29), dt.date(2026, 7, 5))),  # a day stands for its week
    ("kiedys", None), ("sie", None), ("mar", None),
])
def test_the_pay_period_is_read_from_a_button_a_month_or_a_day(text, period):
    from bot.calculators.pay_periods import read_period

    assert read_period(text, dt.date(2026, 12, 1)) == period


def period_values(**kw):
    return {**HOUSING_148, **kw}


def test_an_old_payslip_is_judged_on_the_rate_of_its_own_period():
    # Asked on 1 December 2026 about June 2026: the rate then was €14.71, not today's €14.99.
    values = period_values(dc_period="2026-06-01/2026-06-30", dc_hours="160", dc_gross="2300")
    text = deduction_result(values, "en", dt.date(2026, 12, 1))[0].text
    assert "€2,353.60" in text and "€14.71 per hour" in text  # 160 h x 14.71
    assert "Pay period: 1 June 2026 to 30 June 2026." in text


def test_a_week_across_1_july_2026_is_paid_at_both_rates():
    values = period_values(dc_period="2026-06-29/2026-07-05", dc_hours="35", dc_gross="600")
    text = deduction_result(values, "nl", dt.date(2026, 12, 1))[0].text
    # 35 h over 7 days: 2 days at 14.71 and 5 days at 14.99 = 5 x (29.42 + 74.95) = 521.85
    assert format_money("nl", D("521.85")) in text


def test_this_month_in_january_2027_gets_no_verdict():
    values = period_values(dc_period="2027-01-01/2027-01-31")
    text = deduction_result(values, "bg", dt.date(2027, 1, 20))[0].text
    assert format_day("bg", dt.date(2026, 12, 31)) in text
    assert format_money("bg", D("149.90")) not in text
