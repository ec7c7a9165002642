"""Worked examples of the deduction check, derived from the facts (§1.1, §1.2)."""
import datetime as dt
from decimal import Decimal as D

import pytest

from bot.answers.minimum_wage import wage_table
from bot.calculators.amounts import amounts_with_roles, parse_amount
from bot.calculators.deductions import check_deductions, minimum_for_period

pytestmark = pytest.mark.unit
MARCH_2026 = dt.date(2026, 3, 1)


def check(**kw):
    base = dict(table=wage_table(), day=MARCH_2026, age=30, hours=D(40), gross=D("588.40"),
                housing=D(0), insurance=D(0), other=D(0))
    return check_deductions(**{**base, **kw})


def test_full_week_at_the_minimum_with_housing_at_the_cap():
    result = check(housing=D("147.10"))
    assert result.minimum == D("588.40")       # 40 h x 14.71
    assert result.housing_cap == D("147.10")   # 25% of 588.40
    assert result.housing_over_cap == 0
    assert result.other_allowed == 0           # nothing above the minimum to take from


def test_part_time_halves_the_housing_cap():
    result = check(hours=D(20), gross=D("294.20"), housing=D("100"))
    assert (result.minimum, result.housing_cap) == (D("294.20"), D("73.55"))
    assert result.housing_over_cap == D("26.45")


def test_under_21_uses_the_youth_minimum():
    result = check(age=19, gross=D("353.20"), housing=D("90"))
    assert result.minimum == D("353.20")       # 40 h x 8.83
    assert result.housing_cap == D("88.30")
    assert result.housing_over_cap == D("1.70")


def test_other_deductions_may_only_take_what_is_above_the_minimum():
    result = check(gross=D("700.00"), other=D("150"))
    assert result.other_allowed == D("111.60")  # 700 - 588.40
    assert result.other_over == D("38.40")


def test_gross_below_the_minimum_is_flagged():
    assert check(gross=D("500")).underpaid_by == D("88.40")


def test_a_period_that_spans_1_january_mixes_both_rates():
    # 7 days, 29 Dec 2025 - 4 Jan 2026: 3 days at 14.40, 4 days at 14.71, 40 hours in all.
    minimum = minimum_for_period(wage_table(), dt.date(2025, 12, 29), dt.date(2026, 1, 4),
                                 D(40), 30)
    assert minimum == D("583.09")  # 40 / 7 x (3 x 14.40 + 4 x 14.71) = 40 / 7 x 102.04


def test_a_period_that_spans_1_july_2025():
    minimum = minimum_for_period(wage_table(), dt.date(2025, 6, 30), dt.date(2025, 7, 1), D(16), 21)
    assert minimum == D("227.68")  # 8 h x 14.06 + 8 h x 14.40


def test_no_verdict_rests_on_a_rate_whose_period_has_passed():
    assert check(day=dt.date(2027, 1, 4)) is None
    assert check(day=dt.date(2026, 11, 24)).hourly == D("14.99")


@pytest.mark.parametrize("text, roles", [
    ("szef zabral 300 euro za pokoj z 1200", {"housing": D(300), "gross": D(1200)}),
    ("they took 300 euro for the room from 1,200", {"housing": D(300), "gross": D(1200)}),
    ("удържаха ми 300 евро за стаята от заплата 1200", {"housing": D(300), "gross": D(1200)}),
    ("zarabiam 1200 brutto, 110 za ubezpieczenie i 95 za pokoj",
     {"gross": D(1200), "insurance": D(110), "housing": D(95)}),
    ("ze houden 300 euro voor de kamer in op mijn loon van 1.200,50",
     {"housing": D(300), "gross": D("1200.50")}),
])
def test_amounts_in_the_first_message_are_picked_up(text, roles):
    assert amounts_with_roles(text) == roles


@pytest.mark.parametrize("text, value", [
    ("1200", D(1200)), ("1.200", D(1200)), ("1 200", D(1200)), ("1200,50", D("1200.50")),
    ("€ 300", D(300)), ("300 euro", D(300)), ("0", D(0)),
    ("-5", None), ("abc", None), ("12 or 13", None), ("9999999", None),
])
def test_one_amount_per_answer(text, value):
    assert parse_amount(text, D(100000)) == value
