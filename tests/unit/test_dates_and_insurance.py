"""Dates as workers write them, and the last insured day after a job ends (40 days)."""
import datetime as dt

import pytest

from bot.calculators.dates import find_date
from bot.calculators.insured_until import insured_until
from bot.dialogue.replies import topic_answer

pytestmark = pytest.mark.unit
TODAY = dt.date(2026, 11, 24)
NOV_14 = dt.date(2026, 11, 14)


@pytest.mark.parametrize("text", [
    "14.11", "14-11-2026", "14/11", "2026-11-14", "skonczyla sie praca 14 listopada",
    "contractul s-a terminat pe 14 noiembrie", "работата свърши на 14 ноември",
    "rabotata svarshi na 14 noemvri", "mijn contract stopte op 14 november",
    "my contract ended on 14 November", "ended November 14th", "14 lis", "14.11.26",
])
def test_finds_the_date_in_every_way_people_write_it(text):
    assert find_date(text, TODAY) == NOV_14


@pytest.mark.parametrize("text", [
    "30.02", "1200 euro", "14,71 per uur", "nie mam ubezpieczenia", "",
])
def test_no_date_where_there_is_none(text):
    assert find_date(text, TODAY) is None


def test_a_date_without_year_far_in_the_future_means_last_year():
    assert find_date("3 grudnia", dt.date(2026, 1, 10)) == dt.date(2025, 12, 3)
    assert find_date("10 stycznia", dt.date(2025, 12, 20)) == dt.date(2025, 1, 10)


def test_insurance_runs_on_for_forty_days_across_the_year_end():
    assert insured_until(NOV_14) == dt.date(2026, 12, 24)
    assert insured_until(dt.date(2026, 12, 1)) == dt.date(2027, 1, 10)


def test_the_answer_works_out_the_date_in_the_users_language():
    replies = topic_answer("ask_health_insurance", "pl",
                           "praca skonczyla sie 14.11 czy mam ubezpieczenie", TODAY)
    # The 40 days follow the end of the duty to be insured, not the job (facts.md §10.5).
    assert replies[0].text.startswith(
        "Jeśli od 14 listopada 2026 nie masz już ubezpieczenia z pracy")
    assert "najpóźniej do 24 grudnia 2026 (40 dni)" in replies[0].text
    assert len(replies) == 2  # then the general answer with sources


def test_without_a_date_only_the_general_answer_is_given():
    assert len(topic_answer("ask_health_insurance", "en", "am i still insured", TODAY)) == 1


def test_a_price_before_the_date_is_skipped():
    assert find_date("I earned 14.71 an hour until 14.11, am I insured?", TODAY) == NOV_14


@pytest.mark.parametrize("text, day", [
    ("umowa skonczyla sie 3 pazdziernika", dt.date(2026, 10, 3)),  # "sie" is się, not August
    ("skonczyla sie praca 14 listopada", dt.date(2026, 11, 14)),
    ("mam 2 mai multe intrebari", None),                           # Romanian "more"
    ("contractul s-a terminat pe 3 mai", dt.date(2026, 5, 3)),
    ("pe 3 mai 2025 am terminat", dt.date(2025, 5, 3)),
    ("you may get 2 days off", None),                              # English "may"
    ("my contract ended on 3 May", dt.date(2026, 5, 3)),
    ("banii mei 2 saptamani", None),                               # Romanian "my"
    ("mijn contract stopte op 14 mei", dt.date(2026, 5, 14)),
    ("подписах 2 нов договор", None),                              # Bulgarian "new"
    ("договорът ми свърши на 5 ное", dt.date(2026, 11, 5)),
])
def test_common_words_are_never_read_as_months(text, day):
    assert find_date(text, dt.date(2026, 12, 1)) == day


def test_every_month_name_used_as_an_ordinary_word_in_our_examples_is_handled():
    """A month name or abbreviation that workers mostly write away from any number ("sie",
    "mai") is an ordinary word of some language: it must be on one of the two lists."""
    import collections
    import re
    from pathlib import Path

    from bot.calculators.dates import MONTH_ONLY_AT_DATE_END, NEVER_MONTHS, month_lookup
    from bot.language.folding import fold_token

    months = month_lookup()
    # Words before a month that make it one without a day: "since january", "od stycznia".
    month_words = set("""since from until till in on of end begin od do w we z koniec poczatek
        din de la pana inceputul sfarsitul luna lui ot v prez kraya nachaloto sinds tot van
        eind vanaf mid after before sled predi dupa po przed""".split())
    seen, near_number = collections.Counter(), collections.Counter()
    for path in (Path(__file__).resolve().parents[2] / "data" / "intents").glob("*.yml"):
        for line in path.read_text("utf-8").splitlines():
            tokens = re.findall(r"[^\W\d_]+|\d+", line)
            for i, token in enumerate(tokens):
                word = fold_token(token)
                if word in months:
                    seen[word] += 1
                    around = tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]
                    before = fold_token(tokens[i - 1]) if i else ""
                    near_number[word] += any(t.isdigit() for t in around) or before in month_words
    ordinary = {w for w, n in seen.items() if n >= 5 and near_number[w] / n < 0.5}
    assert {"sie", "mai", "nov"} <= ordinary  # the check finds the known cases
    assert ordinary <= NEVER_MONTHS | MONTH_ONLY_AT_DATE_END, ordinary - NEVER_MONTHS
