"""Help near the worker: the place is found in the question or asked for, and remembered."""
import pytest

from bot import messages as M
from bot.i18n import translate

pytestmark = pytest.mark.e2e


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def test_a_town_in_the_question_gets_its_regional_point_at_once(bot, sender):
    answer = texts(bot.say(sender, "gdzie jest pomoc dla pracownikow w Tilburgu"))
    assert "Informatiepunt Midden-Brabant" in answer
    assert "welkomintilburg@tilburg.nl" in answer
    assert bot.slots(sender)["town"] == "Tilburg"


def test_the_town_is_asked_for_found_in_cyrillic_and_remembered(bot, sender):
    assert texts(bot.say(sender, "къде мога да намеря помощ близо до мен")) == translate(
        "bg", M.ASK_TOWN)
    answer = texts(bot.say(sender, "Хага"))
    assert translate("bg", M.IN_REGION, place="'s-Gravenhage", region="Haaglanden") in answer
    assert "Mobiel informatiepunt Haaglanden" in answer
    answer = texts(bot.say(sender, "къде мога да намеря помощ близо до мен"))
    assert "Mobiel informatiepunt Haaglanden" in answer  # no second question


def test_an_ambiguous_name_is_asked_about_with_buttons(bot, sender):
    bot.say(sender, "waar kan ik hulp krijgen in mijn buurt")
    replies = bot.say(sender, "Hengelo")
    assert replies[0]["text"] == translate("nl", M.WHICH_PLACE)
    twente = next(b for b in replies[0]["buttons"] if "Twente" in b["title"])
    answer = texts(bot.say(sender, twente["payload"]))
    assert translate("nl", M.NO_POINT, municipality="Hengelo (O.)") in answer
    assert "workinnl.nl" in answer


@pytest.mark.parametrize("lang, opening, place, expected", [
    ("ro", "unde pot gasi ajutor aproape de mine", "la Breda", "Informatiepunt West-Brabant"),
    ("en", "where can i get help near me", "5466 AB", "Migratie Informatie Punt Noordoost-Brabant"),
    ("pl", "gdzie moge dostac pomoc blisko mnie", "Naaldwjik", "Mobiel informatiepunt Haaglanden"),
])
def test_the_town_answer_in_other_languages_with_postcodes_and_typos(bot, sender, lang, opening,
                                                                      place, expected):
    assert texts(bot.say(sender, opening)) == translate(lang, M.ASK_TOWN)
    assert expected in texts(bot.say(sender, place))


@pytest.mark.parametrize("place", ["'; DROP TABLE municipalities; --", "🙂🏠🙂", "Warszawa",
                                   "Bucuresti", "Mielec pl"])
def test_bad_or_foreign_places_get_the_national_help(bot, sender, place):
    bot.say(sender, "where can i get help near me")
    answer = texts(bot.say(sender, place))
    assert "workinnl.nl" in answer
    assert bot.healthy()


def test_a_10000_character_place_name_gets_an_answer_and_harms_nothing(bot, sender):
    bot.say(sender, "where can i get help near me")
    assert texts(bot.say(sender, "Venlo" * 2000))
    assert bot.healthy()
