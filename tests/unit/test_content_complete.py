"""Every topic in every language: a missing translation or training file fails here."""
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from bot.answers import topics
from bot.answers.library import load_library
from bot.i18n import catalog_path
from bot.language.nlu_examples import load_examples
from bot.language.registry import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
INTENTS = DOMAIN["intents"]
MISSION_TOPICS = list(topics.MISSION_TOPICS)
CONVERSATION_INTENTS = ["greet", "goodbye", "thank", "choose_language", "out_of_scope",
                        "bot_challenge", "affirm", "deny"]
# Every topic intent has an answer in data/faq/, and so has ask_human (how to reach a person).
ANSWERED_TOPICS = [i for i in INTENTS if i not in CONVERSATION_INTENTS]
TRANSLATED = [lang for lang in SUPPORTED_LANGUAGES if lang != FALLBACK_LANGUAGE]
# Long enough for a WhatsApp screen, short enough to read on one.
MAX_ANSWER_CHARS = 800


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_intent_has_enough_training_examples_in_every_language(lang):
    counts = {}
    for intent, _ in load_examples(ROOT / "data" / "intents" / f"{lang}.yml"):
        counts[intent] = counts.get(intent, 0) + 1
    for intent in INTENTS:
        need = 25 if intent in MISSION_TOPICS else 12
        assert counts.get(intent, 0) >= need, f"{lang}: {intent} has {counts.get(intent, 0)}"


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_intent_has_a_held_out_test_set_never_trained_on(lang):
    heldout = load_examples(ROOT / "tests" / "nlu_heldout" / f"{lang}.yml")
    trained = {text.lower() for _, text in load_examples(ROOT / "data" / "intents" / f"{lang}.yml")}
    counts = {}
    for intent, _ in heldout:
        counts[intent] = counts.get(intent, 0) + 1
    for intent in INTENTS:
        assert counts.get(intent, 0) >= 8, f"{lang}: {intent} has {counts.get(intent, 0)}"
    # Short stock phrases ("ok", "tak") are bound to appear in both; real questions must not.
    leaked = [text for _, text in heldout if text.lower() in trained and len(text.split()) > 2]
    assert not leaked


@pytest.mark.parametrize("topic", ANSWERED_TOPICS)
def test_every_answered_topic_has_a_checked_sourced_answer_in_every_language(topic):
    answer = load_library().get(topic)
    assert answer is not None, f"data/faq/{topic}.yml is missing"
    for lang in SUPPORTED_LANGUAGES:
        text = answer.text(lang)
        assert text, f"{topic} has no {lang} answer"
        assert len(text) <= MAX_ANSWER_CHARS, f"{topic}/{lang} is {len(text)} characters"
    assert any(link.startswith("https://") for link in answer.links)
    assert all(link.startswith("https://") for link in answer.links)
    assert answer.last_checked <= dt.date.today()


_NUMBERISH = re.compile(r"\+?\d[\d ,.\-:%]*\d%?|\d+%?|[\w.\-]+@[\w.\-]+|\b[\w\-]+\.(?:nl|nu)\b")


@pytest.mark.parametrize("topic", ANSWERED_TOPICS)
def test_translations_keep_every_number_address_link_and_placeholder_of_the_english_answer(topic):
    answer = load_library()[topic]
    expected = sorted(set(_NUMBERISH.findall(answer.text("en"))))
    placeholders = set(re.findall(r"{\w+}", answer.text("en")))
    for lang in TRANSLATED:
        assert sorted(set(_NUMBERISH.findall(answer.text(lang)))) == expected, lang
        assert set(re.findall(r"{\w+}", answer.text(lang))) == placeholders, lang


def test_no_answer_file_is_left_over_without_an_intent():
    assert set(load_library()) <= set(ANSWERED_TOPICS)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_catalog_is_complete_and_keeps_its_placeholders(lang):
    with catalog_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    with (ROOT / "locales" / "messages.pot").open("rb") as f:
        template = read_po(f)
    ids = {m.id for m in template if m.id}
    assert ids == {m.id for m in catalog if m.id}, "catalog out of date: run make translations"
    for message in catalog:
        if not message.id:
            continue
        assert message.string, f"{lang}: untranslated {message.id!r}"
        assert not message.fuzzy, f"{lang}: fuzzy {message.id!r}"
        assert set(re.findall(r"{\w+}", message.string)) == set(re.findall(r"{\w+}", message.id))


def test_the_template_has_every_string_the_code_uses(tmp_path):
    out = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-k", "N_",
         "--add-comments=Translators:", "--add-location=never", "--no-wrap", "--omit-header",
         "-o", str(out), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with out.open("rb") as fresh, (ROOT / "locales" / "messages.pot").open("rb") as committed:
        assert {m.id for m in read_po(fresh)} == {m.id for m in read_po(committed)}, (
            "locales/messages.pot is stale: run make translations"
        )
