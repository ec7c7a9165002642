"""What the conversation already knows when a message comes in, read from its slots once: the
remembered town, the topic the conversation is about, whether the bot asked "which town?", and a
topic asked before the language was known."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Context:
    town: str | None = None
    last_topic: str | None = None
    awaiting_town: bool = False
    pending_topic: str | None = None

    @classmethod
    def from_slots(cls, slots: dict[str, Any]) -> Context:
        def text(name: str) -> str | None:
            value = slots.get(name)
            return value if isinstance(value, str) and value else None

        return cls(text("town"), text("last_topic"), bool(slots.get("awaiting_town")),
                   text("pending_topic"))
