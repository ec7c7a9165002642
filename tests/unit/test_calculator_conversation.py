"""Reading replies to the calculators' questions, stopping, and the result text."""
import datetime as dt

import pytest

from bot.calculators.forms import deduction_result, read_value, stop_reason

pytestmark = pytest.mark.unit
TODAY = dt.date(2026, 3, 1)


@pytest.mark.parametrize("slot, text, value", [
    ("dc_age", "25", "25"), ("dc_age", "mam 19 lat", "19"), ("dc_age", "21", "21"),
    ("dc_age", "5", None), ("dc_age", "abc", None),
    ("dc_hours", "40", "40"), ("dc_hours", "37,5", "37.5"), ("dc_hours", "0", None),
    ("dc_hours", "9999", None), ("dc_gross", "1.200,50 euro", "1200.50"),
    ("dc_gross", "-300", None),
    ("dc_housing", "0", "0"), ("dc_housing", "nic", None),
    ("job_end_date", "14 listopada", "2026-11-14"), ("job_end_date", "31.02", None),
    ("job_end_date", "14.11.1990", None),
])
def test_replies_are_read_or_refused(slot, text, value):
    today = dt.date(2026, 11, 24) if slot == "job_end_date" else TODAY
    assert read_value(slot, text, today) == value


@pytest.mark.parametrize("text, intent, confidence, reason", [
    ("stop", "goodbye", 0.9, "stop"), ("стоп", None, 0.0, "stop"), ("nie", "deny", 0.9, "stop"),
    ("szef zabral mi paszport", "ask_passport_held", 0.95, "ask_passport_held"),
    ("300", "ask_passport_held", 0.95, None),
    ("asdf", "nlu_fallback", 0.3, None),
])
def test_stop_or_another_question_ends_the_check(text, intent, confidence, reason):
    assert stop_reason(text, intent, confidence) == reason


def test_the_result_explains_the_amounts_in_the_users_language():
    values = {"dc_age": "30", "dc_hours": "40", "dc_gross": "1200", "dc_housing": "300",
              "dc_insurance": "110", "dc_other": "50"}
    text = deduction_result(values, "pl", TODAY)[0].text
    assert "588,40\xa0€" in text      # 40 h x 14,71
    assert "147,10\xa0€" in text      # the housing cap
    assert "152,90\xa0€" in text      # housing over the cap
    assert "0800 51 51" in text


def test_the_result_for_a_young_part_timer_in_english():
    values = {"dc_age": "18", "dc_hours": "20", "dc_gross": "120", "dc_housing": "0",
              "dc_insurance": "0", "dc_other": "0"}
    text = deduction_result(values, "en", TODAY)[0].text
    assert "€147.20" in text          # 20 h x 7.36
    assert "€27.20 below the minimum wage" in text
