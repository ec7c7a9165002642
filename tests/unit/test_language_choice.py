import pytest

from bot.language.explicit_choice import requested_language

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, code", [
    ("po polsku", "pl"), ("po romunsku prosze", "ro"), ("po rumuńsku", "ro"),
    ("in het Nederlands", "nl"), ("in het Pools", "pl"), ("на български", "bg"),
    ("na bulgarski molq", "bg"), ("romana va rog", "ro"), ("in engleza", "en"),
    ("can we talk in romanian", "ro"), ("english please", "en"), ("на английски", "en"),
    ("vreau in olandeza", "nl"), ("Bulgaars aub", "bg"), ("po angielsku", "en"),
])
def test_finds_the_language_asked_for(text, code):
    assert requested_language(text) == code


@pytest.mark.parametrize("text", ["inny jezyk", "change language", "", "polish or romanian"])
def test_no_single_language_named(text):
    assert requested_language(text) is None
