"""Finding the worker's place and the regional help for it (CBS 2026 tables)."""
import datetime as dt

import pytest

from bot import messages as M
from bot.dialogue.replies import regional_help
from bot.i18n import translate
from bot.places.gazetteer import gazetteer

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, municipality, region", [
    ("Naaldwijk", "Westland", "Haaglanden"),
    ("Den Bosch", "'s-Hertogenbosch", "Noordoost-Brabant"),
    ("Хага", "'s-Gravenhage", "Haaglanden"),
    ("The Hague", "'s-Gravenhage", "Haaglanden"),
    ("Venlo pl", "Venlo", "Noord-Limburg"),
    ("5912 AB", "Venlo", "Noord-Limburg"),
    ("2671", "Westland", "Haaglanden"),
    ("mieszkam w Venray", "Venray", "Noord-Limburg"),
    ("в Тилбург", "Tilburg", "Midden-Brabant"),
    ("la Breda", "Breda", "West-Brabant"),
    ("pracuje w Tilburgu", "Tilburg", "Midden-Brabant"),
    ("zwole", "Zwolle", "Regio Zwolle"),
    ("Zeewolde", "Zeewolde", "Veluwe Stedendriehoek"),
])
def test_places_are_found_in_the_ways_people_write_them(text, municipality, region):
    found = gazetteer().find(text)
    assert [(m.name, m.region_name) for m in found] == [(municipality, region)]


@pytest.mark.parametrize("text, municipality", [
    ("I live in house in nieuw vennep with 6 other people", "Haarlemmermeer"),  # no hyphen
    ("suntem in etten leur, cine ne poate ajuta aici?", "Etten-Leur"),  # not the village Etten
    ("ik werk in bleiswyk in de kas", "Lansingerland"),  # Y for IJ
    ("mieszkam w roosendalu, jest tu ktos?", "Roosendaal"),  # one A short, and inflected
    ("i sega kakvo, tuk v venrai ima li spe6no", "Venray"),  # Latin Bulgarian, spelled as in
    ("sega sum v kolata na parkinga na lidl v hofdorp", "Haarlemmermeer"),  # Cyrillic
    ("tilburg, near the central station. where can i go now", "Tilburg"),  # a town's own name
    ("unde pot dormi la noapte sunt in gara eindhoven", "Eindhoven"),
    ("'Beste bewoners, de huur voor de kamer in Klundert wordt verhoogd'", "Moerdijk"),  # not Best
])
def test_places_named_in_passing_as_workers_type_them(text, municipality):
    found = gazetteer().find(text, fuzzy=False, in_passing=True)
    assert [m.name for m in found] == [municipality]


@pytest.mark.parametrize("text", [
    "Mijn vriend uit Portugal moet zich inschrijven bij de gemeente",  # not Poortugaal
    "Gisteren na de pauze zei de voorman: morgen niet meer komen",  # not Gasteren
    "je hoeft niet meer te komen vanaf morgen",
])
def test_words_in_passing_are_not_places(text):
    assert gazetteer().find(text, fuzzy=False, in_passing=True) == []


@pytest.mark.parametrize("text", ["minimum loon 2025", "1200 euro", "niet echt", "ok", "hello",
                                  "best regards"])
def test_words_years_and_amounts_are_not_places(text):
    assert gazetteer().find(text) == []


def test_a_name_in_two_municipalities_is_asked_about():
    answer = regional_help("nl", "Hengelo")
    assert answer.ambiguous and answer.municipality is None
    assert [b.payload for b in answer.replies[0].buttons] == ["Bronckhorst", "Hengelo (O.)"]


def test_a_region_with_a_point_gets_its_card_with_contact_and_check_date():
    answer = regional_help("pl", "w Tilburgu", dt.date(2026, 11, 24))
    text = answer.replies[0].text
    assert answer.municipality == "Tilburg"
    assert "Informatiepunt Midden-Brabant" in text and "welkomintilburg@tilburg.nl" in text
    # The day the record was checked, not the date of its source (2 January 2024).
    assert translate("pl", M.RECORD_CHECKED, date="1 grudnia 2026") in text
    assert "2 stycznia 2024" not in text
    # Funded as a pilot until 1 October 2025; open in December 2026 is not confirmed (§10.5).
    assert translate("pl", M.POINT_UNCONFIRMED) in text


def test_a_planned_point_says_so():
    text = regional_help("en", "Groningen").replies[0].text
    assert "Announced on 21 January 2026: check on workinnl.nl whether it is open." in text


def test_a_region_without_a_point_falls_back_to_the_municipality_and_national_help():
    answer = regional_help("ro", "Zwolle")
    assert "(Zwolle)" in answer.replies[0].text
    assert "workinnl.nl" in answer.replies[1].text
