"""The conversation language: sticky, switched only on strong evidence or an explicit choice."""
import pytest

from bot.language.conversation_policy import decide, prior_from_metadata
from bot.language.detection import detect

pytestmark = pytest.mark.unit


def turn(current, text, **kwargs):
    return decide(current, text, detect(text), **kwargs)


@pytest.mark.parametrize("text", ["ok", "tak", "da", "dzieki", "1200", "bedankt", "thanks", "ja"])
def test_short_replies_do_not_flip_the_language(text):
    assert turn("pl", text).language == "pl"


def test_a_sentence_with_dutch_words_keeps_polish():
    assert turn("pl",
                "mam loonstrook ale huurcontract od uitzendbureau jest dziwny").language == "pl"


def test_a_full_sentence_in_another_language_switches():
    decision = turn("pl", "nu am primit banii de la agentie de doua saptamani")
    assert (decision.language, decision.reason) == ("ro", "detected")


def test_an_explicit_choice_wins_over_everything():
    decision = turn("pl", "po romunsku prosze", explicit="ro")
    assert (decision.language, decision.reason) == ("ro", "explicit")


def test_a_deep_link_prior_is_used_until_the_user_writes_otherwise():
    assert turn(None, "ok", prior="pl").language == "pl"
    assert turn(None, "nu am primit salariul pe luna trecuta", prior="pl").language == "ro"


def test_hi_as_first_message_gets_english_or_nothing():
    assert turn(None, "hi").language in ("en", None)


def test_nothing_known_gives_none_so_the_menu_is_shown():
    assert turn(None, "ok").language is None


@pytest.mark.parametrize("metadata, code", [
    ({"lang": "pl"}, "pl"),
    ({"lang": "xx", "browser_lang": "ro-RO"}, "ro"),
    ({"phone_lang": "bg"}, "bg"),
    ({"lang": "<script>"}, None),
    ("not a dict", None),
    (None, None),
])
def test_channel_priors_from_metadata(metadata, code):
    assert prior_from_metadata(metadata) == code


@pytest.mark.parametrize("number, code", [
    ("+48 600 123 456", "pl"), ("48600123456", "pl"), ("+40 712 345 678", "ro"),
    ("+359 88 123 4567", "bg"), ("0031612345678", "nl"), ("+44 7700 900123", None),
    ("+48", None), ("", None), (None, None),
])
def test_a_phone_number_gives_a_language_prior(number, code):
    from bot.language.conversation_policy import language_from_phone
    assert language_from_phone(number) == code
