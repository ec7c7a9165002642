"""Real conversations over the REST channel, against the action server and the Rasa server."""
import pytest
import requests

from bot import messages as M
from bot.answers.library import load_library
from bot.i18n import translate

pytestmark = pytest.mark.e2e

# A question per mission topic and language, typed as workers type on a phone.
QUESTIONS = {
    # Without amounts: with amounts the deduction check starts (tests/e2e/test_calculators.py).
    "ask_wage_deductions": {
        "pl": "szef zabiera mi pieniadze za pokoj z wyplaty czy tak mozna",
        "ro": "mi-au luat bani pt camera din salariu, au voie?",
        "bg": "удържат ми пари за стаята от заплатата, законно ли е",
        "nl": "ze houden geld voor de kamer in op mijn loon, mag dat",
        "en": "they take money for the room from my salary is that allowed",
    },
    "ask_housing_contract": {
        "pl": "stracilem prace czy musze od razu wyprowadzic sie z mieszkania agencji",
        "ro": "mi s-a terminat contractul de munca, trebuie sa plec din casa agentiei?",
        "bg": "свърши ми договора за работа трябва ли веднага да напусна квартирата",
        "nl": "mijn werk is gestopt, moet ik nu meteen uit het huis van het uitzendbureau",
        "en": "my job ended do i have to leave the agency house right away",
    },
    "ask_health_insurance": {
        "pl": "skonczyla mi sie praca czy mam jeszcze ubezpieczenie zdrowotne",
        "ro": "nu mai lucrez, mai am asigurare medicala?",
        "bg": "спрях работа, имам ли още здравна застраховка",
        "nl": "mijn contract is afgelopen, ben ik nog verzekerd voor de zorgverzekering",
        "en": "my contract ended am i still covered by health insurance",
    },
    "ask_passport_held": {
        "pl": "szef zabral mi paszport i nie chce oddac",
        "ro": "seful mi-a luat pasaportul si nu mi-l da inapoi",
        "bg": "shefa mi vze pasporta i ne mi go vrashta",
        "nl": "mijn baas heeft mijn paspoort en geeft het niet terug",
        "en": "my boss took my passport and does not give it back",
    },
    "find_informatiepunt": {
        "pl": "gdzie moge dostac pomoc blisko mnie",
        "ro": "unde pot gasi ajutor aproape de mine",
        "bg": "къде мога да намеря помощ близо до мен",
        "nl": "waar kan ik hulp krijgen in mijn buurt",
        "en": "where can i get help near me",
    },
}
CASES = [(topic, lang, text) for topic, by_lang in QUESTIONS.items()
         for lang, text in by_lang.items()]


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def first_line(topic, lang):
    return load_library()[topic].text(lang).splitlines()[0]


@pytest.mark.parametrize("topic, lang, text", CASES,
                         ids=[f"{topic}-{lang}" for topic, lang, _ in CASES])
def test_mission_topic_is_answered_in_the_language_asked_with_its_source(bot, sender, topic, lang,
                                                                         text):
    replies = bot.say(sender, text)
    if topic == "find_informatiepunt":
        assert texts(replies) == translate(lang, M.ASK_TOWN)
        replies = bot.say(sender, "Venlo")
    answer = texts(replies)
    assert first_line(topic, lang) in answer
    assert load_library()[topic].links[0] in answer
    assert translate(lang, M.LAST_CHECKED, date="").strip() in answer
    assert bot.slots(sender)["language"] == lang


def test_switching_language_mid_conversation(bot, sender):
    bot.say(sender, "szef zabral mi paszport i nie chce oddac")
    replies = bot.say(sender, "po romunsku prosze")
    assert texts(replies) == translate("ro", M.LANGUAGE_SET)
    replies = bot.say(sender, "ok")
    assert bot.slots(sender)["language"] == "ro"
    replies = bot.say(sender, "am nevoie de ajutor, unde pot merge aproape de mine")
    assert texts(replies) == translate("ro", M.ASK_TOWN)


def test_a_full_sentence_in_another_language_switches_without_asking(bot, sender):
    bot.say(sender, "szef zabral mi paszport i nie chce oddac")
    replies = bot.say(sender, "my boss took my passport and does not give it back")
    assert first_line("ask_passport_held", "en") in texts(replies)


@pytest.mark.parametrize("short", ["ok", "tak", "da", "dzieki", "1200"])
def test_short_replies_do_not_flip_the_language(bot, sender, short):
    bot.say(sender, "szef zabral mi paszport i nie chce oddac")
    bot.say(sender, short)
    assert bot.slots(sender)["language"] == "pl"


def test_polish_conversation_stays_polish_with_dutch_words(bot, sender):
    bot.say(sender, "nie dostalem wyplaty za dwa tygodnie")
    replies = bot.say(sender, "agencja zabiera za huurcontract i zorgverzekering z loonstrook")
    assert bot.slots(sender)["language"] == "pl"
    assert first_line("ask_wage_deductions", "pl") in texts(replies)


def test_language_menu_when_nothing_is_known_then_the_pending_question_is_answered(bot, sender):
    replies = bot.say(sender, "ok")
    assert [b["title"] for b in replies[0]["buttons"]] == [
        "Polski", "Română", "Български", "Nederlands", "English"]
    replies = bot.say(sender, '/choose_language{"lang": "bg"}')
    assert texts(replies) == translate("bg", M.LANGUAGE_SET)


def test_deep_link_language_is_a_prior(bot, sender):
    replies = bot.say(sender, "ok", metadata={"lang": "nl", "src": "nla"})
    assert bot.slots(sender)["language"] == "nl"
    assert texts(replies) == translate("nl", M.AFFIRM)


def test_fallback_says_it_did_not_understand_and_offers_topics(bot, sender):
    bot.say(sender, "szef zabral mi paszport i nie chce oddac")
    replies = bot.say(sender, "qwrtz pfft blorg")
    assert replies[0]["text"] in (translate("pl", M.NOT_UNDERSTOOD),
                                  translate("pl", M.OUT_OF_SCOPE))
    assert "/ask_passport_held" in [b["payload"] for b in replies[0]["buttons"]]


def test_topic_buttons_work(bot, sender):
    bot.say(sender, "dzien dobry, mam pytanie o prace w holandii")
    replies = bot.say(sender, "/ask_health_insurance")
    assert first_line("ask_health_insurance", "pl") in texts(replies)


def test_bot_challenge_is_answered_honestly(bot, sender):
    replies = bot.say(sender, "are you a robot or a real person?")
    assert texts(replies) == translate("en", M.BOT_CHALLENGE)


def test_ask_human_tells_how_to_reach_a_person(bot, sender):
    replies = bot.say(sender, "chce porozmawiac z czlowiekiem")
    assert first_line("ask_human", "pl") in texts(replies)


@pytest.mark.parametrize("message", [
    "",
    "   ",
    "🙂🙂🙂",
    "<script>alert('x')</script>",
    "<b>hello</b><img src=x onerror=alert(1)>",
    "x" * 50_000,
    "paszport " * 6000,
    "'; DROP TABLE events; --",
])
def test_bad_input_gets_a_sensible_answer_and_the_server_stays_healthy(bot, sender, message):
    replies = bot.say(sender, message)
    assert replies, "the bot must always answer something"
    for reply in replies:
        assert "<script" not in reply.get("text", "")
        assert "onerror" not in reply.get("text", "")
    assert bot.healthy()


def test_malformed_request_bodies_are_refused_without_breaking_the_server(bot):
    url = f"{bot.url}/webhooks/rest/webhook"
    for body in (b"not json", b"[]", b'{"sender": "x"}', b"\xff\xfe\x00"):
        response = requests.post(url, data=body, headers={"Content-Type": "application/json"},
                                 timeout=30)
        assert 400 <= response.status_code < 500, body
    assert bot.healthy()


def test_parse_endpoint_reports_the_language_of_the_message(bot):
    response = requests.post(f"{bot.url}/model/parse", params={"token": bot.token},
                             json={"text": "nu am primit banii pe luna trecuta"}, timeout=30)
    assert response.ok
    language = response.json()["language"]
    assert language["code"] == "ro"
    assert 0.5 < language["confidence"] <= 1.0


def test_parse_endpoint_requires_the_token(bot):
    response = requests.post(f"{bot.url}/model/parse", json={"text": "hi"}, timeout=30)
    assert response.status_code == 401


def test_a_full_romanian_sentence_switches_a_polish_conversation(bot, sender):
    bot.say(sender, "szef zabral mi paszport i nie chce oddac")
    bot.say(sender, "nu am primit salariul de doua saptamani de la agentie")
    assert bot.slots(sender)["language"] == "ro"


def test_numbers_and_dutch_words_keep_a_polish_conversation_polish(bot, sender):
    bot.say(sender, "szef zabral mi paszport i nie chce oddac")
    for message in ("ok", "tak", "dzieki", "1200 300 14,71",
                    "loonstrook huurcontract zorgverzekering"):
        bot.say(sender, message)
        assert bot.slots(sender)["language"] == "pl", message


def test_hi_as_first_message_gets_english_or_the_menu(bot, sender):
    replies = bot.say(sender, "hi")
    language = bot.slots(sender)["language"]
    if language is None:
        assert [b["title"] for b in replies[0]["buttons"]][:2] == ["Polski", "Română"]
    else:
        assert language == "en"
        assert texts(replies) == translate("en", M.GREETING)


@pytest.mark.parametrize("message", [
    "Мені не заплатили зарплату за минулий місяць",
    "Nem kaptam meg a fizetésemet a munkáltatótól",
])
def test_an_unsupported_language_gets_the_language_menu_in_english(bot, sender, message):
    replies = bot.say(sender, message)
    assert replies[0]["text"] == translate("en", M.UNSUPPORTED_LANGUAGE)
    assert len(replies[0]["buttons"]) == 5


def test_the_minimum_wage_is_quoted_for_today_in_the_users_number_format(bot, sender):

    from serverkit import TODAY

    from bot.answers.minimum_wage import wage_table
    from bot.i18n import format_money

    figure = wage_table().on(TODAY)  # the servers run on TODAY (1 December 2026)
    replies = bot.say(sender, "wat is het minimumloon per uur voor mij, ik ben 30")
    answer = texts(replies)
    assert "€\xa014,99 bruto per uur, van 1 juli 2026 tot en met 31 december 2026" in answer
    assert format_money("nl", figure.hourly) in answer and figure.current
    assert "14,71" not in answer


@pytest.mark.parametrize("text, topic", [
    ("nie dostalem loonstrook od dwoch miesiecy", "ask_payslip"),
    ("cand primesc vakantiegeld?", "ask_holiday_allowance"),
    ("нямам къде да спя тази нощ", "ask_homelessness"),
    ("how do i get a BSN number", "ask_registration"),
])
def test_other_work_in_nl_topics_are_answered_in_the_language_asked(bot, sender, text, topic):
    lang = {"ask_payslip": "pl", "ask_holiday_allowance": "ro", "ask_homelessness": "bg",
            "ask_registration": "en"}[topic]
    replies = bot.say(sender, text)
    assert first_line(topic, lang) in texts(replies)


@pytest.mark.parametrize("lang, text, until", [
    ("ro", "contractul meu s-a terminat pe 14 noiembrie, mai am asigurare medicala?",
     "24 decembrie"),
    ("bg", "работата ми свърши на 14 ноември, имам ли още здравна застраховка", "24 декември"),
    ("en", "my job ended on 14.11, until when am i still covered by health insurance",
     "24 December"),
])
def test_the_last_insured_day_is_worked_out_from_the_date_given(bot, sender, lang, text, until):
    replies = bot.say(sender, text)
    assert until in replies[0]["text"]
    assert first_line("ask_health_insurance", lang) in texts(replies)
