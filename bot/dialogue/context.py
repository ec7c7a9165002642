"""What the conversation already knows when a message comes in, read from its slots once: the
remembered town, the topic the conversation is about, whether the bot asked "which town?", a
topic asked before the language was known, and the other problems the last answer offered as
buttons ("You also asked about ...")."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.answers.topics import is_topic
from bot.dialogue.several_topics import REQUESTS


@dataclass(frozen=True)
class Context:
    town: str | None = None
    last_topic: str | None = None
    awaiting_town: bool = False
    pending_topic: str | None = None
    offered: tuple[str, ...] = ()

    @classmethod
    def from_slots(cls, slots: dict[str, Any]) -> Context:
        def text(name: str) -> str | None:
            value = slots.get(name)
            return value if isinstance(value, str) and value else None

        return cls(text("town"), text("last_topic"), bool(slots.get("awaiting_town")),
                   text("pending_topic"))


# The replies read for problems offered: "and the dismissal, what do I do?" may come after a
# question or two on the first problem.
OFFERED_IN_REPLIES = 3


def offered_topics(events: list) -> tuple[str, ...]:
    """The topics the bot's last replies offered as buttons ("/ask_dismissal"), from the
    conversation's events: a worker who comes back to one of them asks about it. The buttons for
    help nearby and a person, and the check buttons, are on every answer: not offered problems."""
    offered: list[str] = []
    users = 0
    for event in reversed(events or []):
        if not isinstance(event, dict):
            continue
        if event.get("event") == "user":
            users += 1
            if users > OFFERED_IN_REPLIES:
                break
            continue
        if event.get("event") != "bot" or users == 0:
            continue
        buttons = (event.get("data") or {}).get("buttons") or []
        for button in buttons if isinstance(buttons, list) else []:
            payload = button.get("payload") if isinstance(button, dict) else None
            if isinstance(payload, str) and payload.startswith("/") and "{" not in payload:
                topic = payload[1:]
                if is_topic(topic) and topic not in REQUESTS:
                    offered.append(topic)
    return tuple(dict.fromkeys(offered))
