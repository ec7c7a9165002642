"""Actions against real rasa_sdk Trackers and a CollectingDispatcher (no servers)."""
import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ActionChooseLanguage, ActionNotUnderstood, ActionSmallTalk
from actions.topics import ActionAnswerTopic, ActionFindInformatiepunt
from bot.language.detection import detect

pytestmark = pytest.mark.unit


def tracker(text, intent, slots=None, entities=None, metadata=None):
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
        "language": detect(text).as_dict(),
        "metadata": metadata or {},
    }
    return Tracker.from_dict({
        "sender_id": "test",
        "slots": {"language": None, "pending_topic": None, "awaiting_town": None, "town": None,
                  **(slots or {})},
        "latest_message": parse,
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    })


def run(action, t):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, {}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e["event"] == "slot"}


@pytest.mark.parametrize("text, lang, marker", [
    ("szef zabral mi paszport", "pl", "0800 51 51"),
    ("seful mi-a luat pasaportul si nu mi-l da", "ro", "0800 51 51"),
    ("шефа ми взе паспорта", "bg", "0800 51 51"),
    ("mijn baas heeft mijn paspoort", "nl", "0800 51 51"),
    ("my boss took my passport", "en", "0800 51 51"),
])
def test_topic_answer_comes_in_the_language_of_the_question(text, lang, marker):
    messages, slots = run(ActionAnswerTopic(), tracker(text, "ask_passport_held"))
    assert slots["language"] == lang
    body = messages[0]["text"]
    assert marker in body
    assert "https://www.wegwijzermensenhandel.nl/" in body


def test_answer_ends_with_source_and_last_checked_date_in_the_users_language():
    messages, _ = run(ActionAnswerTopic(),
                      tracker("czy szef moze mi zabierac za pokoj", "ask_wage_deductions"))
    assert "Ostatnio sprawdzono: 1 grudnia 2026" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"] == '/ask_wage_deductions{"check": "pay"}'


def test_amounts_in_a_deduction_question_get_the_answer_then_the_check_with_them_filled_in():
    dispatcher = CollectingDispatcher()
    t = tracker("szef zabral 300 euro za pokoj z 1200", "ask_wage_deductions")
    events = asyncio.run(ActionAnswerTopic().run(dispatcher, t, {}))
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"} == {
        "language": "pl", "dc_housing": "300", "dc_gross": "1200",
        "last_topic": "ask_wage_deductions"}
    assert not [e for e in events if e["event"] == "followup"]  # no questions before the answer
    assert "Ostatnio sprawdzono" in dispatcher.messages[0]["text"]
    check = dispatcher.messages[0]["buttons"][0]
    assert check["payload"] == '/ask_wage_deductions{"check": "pay"}'
    # The button starts the check; the amounts given are already filled in (the slots above).
    pressed = tracker('/ask_wage_deductions{"check": "pay"}', "ask_wage_deductions",
                      slots={"language": "pl", "dc_housing": "300", "dc_gross": "1200"},
                      entities=[{"entity": "check", "value": "pay"}])
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionAnswerTopic().run(dispatcher, pressed, {}))
    assert {"event": "followup", "name": "deduction_form"} in [
        {k: e[k] for k in ("event", "name")} for e in events if e["event"] == "followup"]
    assert dispatcher.messages[0]["text"].startswith("Sprawdźmy Twoją wypłatę")


def test_unknown_language_shows_the_language_menu_and_remembers_the_topic():
    messages, slots = run(ActionAnswerTopic(), tracker("ok", "ask_passport_held"))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == ["Polski", "Română", "Български", "Nederlands", "English"]
    assert slots == {"pending_topic": "ask_passport_held"}


def test_choosing_a_language_by_button_answers_the_pending_topic():
    t = tracker('/choose_language{"lang": "bg"}', "choose_language",
                slots={"pending_topic": "ask_passport_held"},
                entities=[{"entity": "lang", "value": "bg"}])
    messages, slots = run(ActionChooseLanguage(), t)
    assert slots["language"] == "bg"
    assert slots["pending_topic"] is None
    assert "български" in messages[0]["text"]
    assert "Паспорт" in messages[1]["text"]


def test_choosing_a_language_in_words():
    messages, slots = run(ActionChooseLanguage(), tracker("po romunsku prosze", "choose_language",
                                                         slots={"language": "pl"}))
    assert slots["language"] == "ro"
    assert "română" in messages[0]["text"]


def test_short_reply_keeps_the_language():
    messages, slots = run(ActionSmallTalk(), tracker("da", "affirm", slots={"language": "pl"}))
    assert "language" not in slots
    assert messages[0]["text"].startswith("Dobrze")


def test_bot_challenge_says_honestly_it_is_a_program():
    messages, _ = run(ActionSmallTalk(),
                      tracker("are you a robot or a real person", "bot_challenge"))
    assert "computer program, not a person" in messages[0]["text"]


def test_fallback_offers_the_topic_menu_in_the_conversation_language():
    messages, _ = run(ActionNotUnderstood(),
                      tracker("xyzzy", "nlu_fallback", slots={"language": "ro"}))
    assert messages[0]["text"].startswith("Scuze, nu am înțeles")
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert "/ask_passport_held" in payloads and "/ask_human" in payloads


def test_unsupported_language_gets_the_menu_in_english():
    messages, _ = run(ActionNotUnderstood(),
                      tracker("мій паспорт забрав роботодавець", "nlu_fallback"))
    assert messages[0]["text"].startswith("Sorry, I do not speak that language")
    assert len(messages[0]["buttons"]) == 5


def test_help_nearby_asks_for_the_town_then_gives_the_national_contact():
    messages, slots = run(ActionFindInformatiepunt(),
                          tracker("gdzie moge dostac pomoc", "find_informatiepunt",
                                  slots={"language": "pl"}))
    assert slots == {"awaiting_town": True, "last_topic": "find_informatiepunt"}
    messages, slots = run(ActionNotUnderstood(),
                          tracker("Venlo", "nlu_fallback",
                                  slots={"language": "pl", "awaiting_town": True}))
    assert slots == {"awaiting_town": False, "town": "Venlo", "last_topic": "find_informatiepunt"}
    # Noord-Limburg has no point on record: the municipality and the national help.
    assert "(Venlo)" in messages[0]["text"]
    assert "workinnl.nl" in messages[1]["text"]


def test_another_question_while_waiting_for_the_town_is_answered_and_stops_waiting():
    messages, slots = run(ActionAnswerTopic(),
                          tracker("szef zabral paszport", "ask_passport_held",
                                  slots={"language": "pl", "awaiting_town": True}))
    assert slots["awaiting_town"] is False
    assert "0800 51 51" in messages[0]["text"]


def test_every_answer_offers_help_nearby_and_a_person():
    messages, _ = run(ActionAnswerTopic(),
                      tracker("ile wynosi minimalna stawka za godzine", "ask_minimum_wage"))
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/find_informatiepunt", "/ask_human"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Pomoc w pobliżu",
                                                            "Porozmawiaj z człowiekiem"]


def test_after_an_inspection_the_greeting_puts_its_topics_first():
    messages, _ = run(ActionSmallTalk(), tracker("/greet", "greet", slots={"language": "pl"},
                                                 metadata={"src": "nla", "lang": "pl"}))
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads[:4] == ["/ask_unpaid_wages", "/ask_passport_held", "/report_abuse",
                            "/find_informatiepunt"]
    assert messages[0]["buttons"][0]["title"] == "Brak wypłaty lub za niska wypłata"


@pytest.mark.parametrize("text", ["przeprowadzilem sie do Tilburga", "I moved to Tilburg",
                                  "ik ben verhuisd naar Tilburg", "m-am mutat la Tilburg"])
def test_moving_updates_the_remembered_town(text):
    _, slots = run(ActionSmallTalk(),
                   tracker(text, "greet", slots={"language": "en", "town": "Venlo"}))
    assert slots["town"] == "Tilburg"
