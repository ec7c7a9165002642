import pytest

from bot.language.char_ngrams import default_model, train

pytestmark = pytest.mark.unit


def test_a_model_prefers_the_language_it_learned_the_letters_of():
    model = train({"pl": ["szczescie, przyjaciel, wszystko"],
                   "ro": ["multumesc, asigurare, banii"]})
    scores = model.log_likelihoods(["wszystkie"])
    assert scores["pl"] > scores["ro"]


def test_the_default_model_learns_every_supported_language_from_our_examples():
    model = default_model()
    assert set(model.counts) == {"pl", "ro", "bg", "nl", "en"}
    assert all(total > 10_000 for total in model.totals.values())
