"""Dated facts are filled in for the day of the question, and never passed off as current."""
import datetime as dt
from decimal import Decimal

import pytest

from bot.answers.minimum_wage import wage_table
from bot.dialogue.replies import faq_answer
from bot.i18n import format_day, format_money

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("day, age, hourly, since", [
    (dt.date(2025, 3, 1), 21, "14.06", dt.date(2025, 1, 1)),
    (dt.date(2025, 7, 1), 30, "14.40", dt.date(2025, 7, 1)),
    (dt.date(2026, 6, 30), 21, "14.71", dt.date(2026, 1, 1)),
    (dt.date(2026, 2, 1), 18, "7.36", dt.date(2026, 1, 1)),
])
def test_the_minimum_wage_of_the_day(day, age, hourly, since):
    figure = wage_table().on(day, age)
    assert (figure.hourly, figure.since, figure.current) == (Decimal(hourly), since, True)


def test_after_the_last_known_period_the_latest_figure_is_marked_not_current():
    figure = wage_table().on(dt.date(2027, 1, 1))
    assert (figure.hourly, figure.until, figure.current) == \
        (Decimal("14.99"), dt.date(2026, 12, 31), False)
    assert wage_table().confirmed_on(dt.date(2027, 1, 1)) is None


def test_unconfirmed_amounts_are_not_stated():
    assert wage_table().on(dt.date(2024, 3, 1), age=15) is None
    assert wage_table().on(dt.date(2023, 12, 31)) is None


@pytest.mark.parametrize("lang, amount", [("pl", "14,71\xa0€"), ("nl", "€\xa014,71"),
                                          ("en", "€14.71")])
def test_amounts_are_written_for_the_locale(lang, amount):
    assert format_money(lang, Decimal("14.71")) == amount


def test_dates_are_written_for_the_locale():
    assert format_day("pl", dt.date(2026, 1, 1)) == "1 stycznia 2026"
    assert format_day("en", dt.date(2026, 1, 1)) == "1 January 2026"


def test_the_answer_quotes_the_amount_of_the_day_and_says_plainly_when_it_has_expired():
    march = faq_answer("ask_minimum_wage", "en", dt.date(2026, 3, 1))[0].text
    assert "€14.71 gross per hour, from 1 January 2026 to 30 June 2026" in march
    assert "applied until" not in march
    december = faq_answer("ask_minimum_wage", "en", dt.date(2026, 12, 1))[0].text
    assert "€14.99 gross per hour, from 1 July 2026 to 31 December 2026" in december
    assert "applied until" not in december
    january = faq_answer("ask_minimum_wage", "en", dt.date(2027, 1, 1))[0].text
    assert "This amount applied until 31 December 2026. Since 1 January 2027 a new" in january
    earlier = faq_answer("ask_minimum_wage", "en", dt.date(2025, 3, 1))[0].text
    assert "€14.06 gross per hour, from 1 January 2025 to 30 June 2025" in earlier
