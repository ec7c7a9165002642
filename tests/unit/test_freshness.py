"""What staff must check, at injected dates: expiring facts, old answers, old help-point records."""
import datetime as dt

import pytest

from bot.answers.freshness import seed_points, to_check
from bot.answers.library import load_library
from bot.answers.minimum_wage import wage_table

pytestmark = pytest.mark.unit


def items(day):
    return to_check(load_library(), wage_table(), seed_points(), day)


def test_the_minimum_wage_is_flagged_60_days_before_it_expires_and_after():
    assert not [i for i in items(dt.date(2026, 10, 1)) if i.kind == "fact"]
    soon = [i for i in items(dt.date(2026, 11, 15)) if i.kind == "fact"]
    assert soon and "enter the next ones" in soon[0].reason and soon[0].source.startswith("https://")
    expired = [i for i in items(dt.date(2027, 1, 2)) if i.kind == "fact"]
    assert "expired" in expired[0].reason


def test_answers_are_flagged_180_days_after_their_last_check():
    fresh = {i.name for i in items(dt.date(2026, 12, 1)) if i.kind == "answer"}
    assert "ask_minimum_wage" not in fresh  # checked on 1 December 2026
    later = {i.name for i in items(dt.date(2027, 7, 1)) if i.kind == "answer"}
    assert "ask_minimum_wage" in later


def test_help_points_are_flagged_when_unconfirmed_or_not_checked_for_a_year():
    now = {i.name: i.reason for i in items(dt.date(2026, 12, 1)) if i.kind == "help_point"}
    assert "unconfirmed" in now["Informatiepunt Midden-Brabant voor EU arbeidsmigranten"]
    assert "Mobiel informatiepunt Haaglanden (bus)" not in now
    later = {i.name: i.reason for i in items(dt.date(2028, 1, 1)) if i.kind == "help_point"}
    assert "over 12 months" in later["Mobiel informatiepunt Haaglanden (bus)"]
