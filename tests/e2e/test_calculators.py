"""The calculators as real conversations: the deduction check and the last insured day, in every
language, with invalid answers and a stop by another question."""
import datetime as dt
from decimal import Decimal

import pytest
from serverkit import TODAY

from bot import messages as M
from bot.calculators.insured_until import insured_until
from bot.i18n import format_day, format_money, translate

pytestmark = pytest.mark.e2e

DEDUCTION_QUESTIONS = {
    "pl": "szef zabral mi 300 euro za pokoj z 1200, czy tak mozna?",
    "ro": "mi-au luat 300 euro pt camera din salariul de 1200, au voie?",
    "bg": "удържаха ми 300 евро за стаята от заплата 1200, законно ли е",
    "nl": "ze houden 300 euro in voor de kamer van mijn loon van 1200, mag dat?",
    "en": "they took 300 euro for the room from my 1200 salary, is that allowed?",
}


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def start_check(bot, sender, lang):
    """A question with amounts gets the answer first; its button starts the check with them."""
    answer = bot.say(sender, DEDUCTION_QUESTIONS[lang])
    assert translate(lang, M.ASK_AGE) not in texts(answer)  # the answer, not questions
    offer = [b for r in answer for b in r.get("buttons") or []
             if b["title"] == translate(lang, M.CHECK_WITH_AMOUNTS)]
    assert len(offer) == 1
    return bot.say(sender, offer[0]["payload"])


@pytest.mark.parametrize("lang", list(DEDUCTION_QUESTIONS))
def test_deduction_check_picks_up_the_amounts_and_explains_the_result(bot, sender, lang):
    replies = start_check(bot, sender, lang)
    assert replies[0]["text"] == translate(lang, M.CHECK_INTRO)
    assert replies[-1]["text"] == translate(lang, M.ASK_AGE)  # gross and housing were given
    period = bot.say(sender, "30")
    assert texts(period) == translate(lang, M.ASK_PERIOD)
    assert [b["title"] for b in period[0]["buttons"]] == [
        translate(lang, M.THIS_WEEK), translate(lang, M.THIS_MONTH), translate(lang, M.LAST_MONTH)]
    assert texts(bot.say(sender, period[0]["buttons"][1]["payload"])) == translate(
        lang, M.ASK_HOURS)
    assert texts(bot.say(sender, "40")) == translate(lang, M.ASK_INSURANCE)
    assert texts(bot.say(sender, "0")) == translate(lang, M.ASK_OTHER)
    result = texts(bot.say(sender, "0"))
    # On 1 December 2026 (the servers' date) the rate is the one from 1 July 2026: €14.99.
    assert format_money(lang, Decimal("599.60")) in result  # 40 h at the adult minimum
    assert format_money(lang, Decimal("149.90")) in result  # the 25% housing cap
    assert format_money(lang, Decimal("150.10")) in result  # how far the housing is over it
    assert format_day(lang, dt.date(2026, 7, 1)) in result
    assert translate(lang, M.RESULT_PERIOD, start=format_day(lang, dt.date(2026, 12, 1)),
                     end=format_day(lang, dt.date(2026, 12, 31))) in result
    assert bot.slots(sender)["dc_gross"] is None  # the check starts afresh next time


def test_an_invalid_answer_is_asked_again_with_an_example(bot, sender):
    start_check(bot, sender, "pl")
    bot.say(sender, "30")
    assert texts(bot.say(sender, "kiedys")).startswith(translate("pl", M.INVALID_PERIOD))
    assert texts(bot.say(sender, "listopad")) == translate("pl", M.ASK_HOURS)
    replies = bot.say(sender, "duzo godzin")
    assert texts(replies) == "\n".join([translate("pl", M.INVALID_NUMBER, example="40"),
                                        translate("pl", M.ASK_HOURS)])
    assert texts(bot.say(sender, "-5")).startswith(translate("pl", M.INVALID_NUMBER, example="40"))
    assert texts(bot.say(sender, "40")) == translate("pl", M.ASK_INSURANCE)


def test_another_question_stops_the_check_and_is_answered(bot, sender):
    start_check(bot, sender, "ro")
    replies = bot.say(sender, "seful mi-a luat pasaportul si nu mi-l da inapoi")
    assert "0800 51 51" in texts(replies)
    assert bot.slots(sender)["requested_slot"] is None
    replies = bot.say(sender, "multumesc")
    assert texts(replies) == translate("ro", M.THANKS)


def test_stop_ends_the_check(bot, sender):
    start_check(bot, sender, "en")
    replies = bot.say(sender, "stop")
    assert replies[0]["text"] == translate("en", M.CHECK_STOPPED)


def test_the_check_button_starts_the_check_from_the_beginning(bot, sender):
    bot.say(sender, "czy szef moze mi zabierac pieniadze za mieszkanie")
    replies = bot.say(sender, '/ask_wage_deductions{"check": "pay"}')
    assert texts(replies) == "\n".join([translate("pl", M.CHECK_INTRO), translate("pl", M.ASK_AGE)])
    assert texts(bot.say(sender, "21")) == translate("pl", M.ASK_PERIOD)
    assert texts(bot.say(sender, "=w0")) == translate("pl", M.ASK_HOURS)
    assert texts(bot.say(sender, "160")) == translate("pl", M.ASK_GROSS)


@pytest.mark.parametrize("lang, opening, date_text", [
    ("pl", "skonczyla mi sie praca czy mam jeszcze ubezpieczenie zdrowotne", "14 listopada"),
    ("ro", "nu mai lucrez, mai am asigurare medicala?", "14 noiembrie"),
    ("bg", "спрях работа, имам ли още здравна застраховка", "14 ноември"),
    ("nl", "mijn contract is afgelopen, ben ik nog verzekerd voor de zorgverzekering", "14-11"),
    ("en", "my contract ended am i still covered by health insurance", "14.11"),
])
def test_last_insured_day_on_request(bot, sender, lang, opening, date_text):
    replies = bot.say(sender, opening)
    assert replies[0]["buttons"][0]["payload"] == '/ask_health_insurance{"check": "date"}'
    assert texts(bot.say(sender, '/ask_health_insurance{"check": "date"}')) == translate(
        lang, M.ASK_JOB_END)
    assert texts(bot.say(sender, "sometime")).startswith(translate(lang, M.INVALID_DATE))
    today = TODAY  # the servers' date
    ended = dt.date(today.year, 11, 14)
    if (ended - today).days > 62:
        ended = ended.replace(year=today.year - 1)
    replies = bot.say(sender, date_text)
    assert format_day(lang, insured_until(ended)) in texts(replies)
