"""The one registry of topics: a topic is an intent with a checked answer, data/faq/<topic>.yml.

Everything that lists topics reads it here: usage counting, the deep links a QR card may open,
the staff library, and the tests that hold domain.yml, the rules and the menus against it. The
order of urgency, for a message that raises several problems, is written down here too.
"""
from __future__ import annotations

from functools import cache

from bot.answers.library import FAQ_DIR

# The topics the product was built for first; they need the most training examples.
MISSION_TOPICS = ("ask_wage_deductions", "ask_housing_contract", "ask_health_insurance",
                  "ask_passport_held", "find_informatiepunt")
# The order of urgency when one message raises several problems: danger (threats, violence,
# forced work: report_abuse) or no place to sleep, then a passport kept, pay missing, dismissal,
# deductions; every other topic after these.
URGENCY = ("report_abuse", "ask_homelessness", "ask_passport_held", "ask_unpaid_wages",
           "ask_dismissal", "ask_wage_deductions")
# Topics answered by their own action instead of action_answer_topic.
OWN_ACTION = {"find_informatiepunt": "action_find_informatiepunt"}


@cache
def topic_names() -> tuple[str, ...]:
    """Every topic, sorted: the names of the answer files."""
    return tuple(sorted(path.stem for path in FAQ_DIR.glob("*.yml")))


def is_topic(name: object) -> bool:
    return isinstance(name, str) and name in topic_names()


def answering_action(topic: str) -> str:
    """The action that answers a topic (domain.yml and the rules must agree)."""
    return OWN_ACTION.get(topic, "action_answer_topic")
