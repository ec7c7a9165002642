"""Every list of topics agrees with the one registry (bot/answers/topics.py, from data/faq/)."""
from pathlib import Path

import pytest
import yaml

from bot import messages as M
from bot.answers.topics import answering_action, is_topic, topic_names
from bot.usage.stats import check_keys
from bot.web.page import deep_link

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
RULES = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]


def rule_actions() -> dict[str, set[str]]:
    """intent -> the actions a one-intent rule answers it with."""
    found: dict[str, set[str]] = {}
    for rule in RULES:
        steps = rule.get("steps", [])
        if len(steps) == 2 and "intent" in steps[0] and "action" in steps[1]:
            found.setdefault(steps[0]["intent"], set()).add(steps[1]["action"])
    return found


def test_the_registry_is_the_answer_files():
    assert topic_names() == tuple(sorted(p.stem for p in (ROOT / "data" / "faq").glob("*.yml")))
    assert len(topic_names()) >= 17


def test_every_topic_is_an_intent_of_the_domain():
    assert set(topic_names()) <= set(DOMAIN["intents"])


def test_every_topic_has_one_rule_to_its_answering_action():
    actions = rule_actions()
    for topic in topic_names():
        assert actions.get(topic) == {answering_action(topic)}, topic
    assert answering_action(topic_names()[0]) in DOMAIN["actions"]


def test_intents_answered_as_topics_are_topics():
    for intent, actions in rule_actions().items():
        if "action_answer_topic" in actions:
            assert is_topic(intent), intent


@pytest.mark.parametrize("menu", [M.TOPIC_BUTTONS, M.INSPECTION_TOPIC_BUTTONS])
def test_menu_buttons_open_topics(menu):
    assert menu and all(is_topic(intent) for intent in menu)


def test_stats_count_exactly_the_topics():
    for topic in topic_names():
        check_keys("2026-W48", topic, "pl", "unknown", "web")
    for not_topic in ("greet", "nlu_fallback", "ask_wage_deduction", ""):
        with pytest.raises(ValueError):
            check_keys("2026-W48", not_topic, "pl", "unknown", "web")


def test_deep_links_open_exactly_the_topics():
    for topic in topic_names():
        assert deep_link({"topic": topic})["topic"] == topic
    assert deep_link({"topic": "greet"})["topic"] is None
    assert deep_link({"topic": "<script>"})["topic"] is None


def test_every_topic_has_a_title_for_the_also_asked_buttons():
    assert set(M.TOPIC_TITLES) == set(topic_names())
