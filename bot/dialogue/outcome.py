"""What one turn's reply did, as plain data: the messages to send, the slots to set, the form to
run next, the topic answered and the place used. The actions dispatch it as it is; usage counting
records its topic and place instead of guessing them from action names and events.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from bot.dialogue.replies import Reply


@dataclass(frozen=True)
class Outcome:
    replies: tuple[Reply, ...] = ()
    slots: dict[str, Any] = field(default_factory=dict)  # set after this turn, in this order
    followup: str | None = None  # a form or action Rasa runs next
    topic: str | None = None     # the topic this turn answered (None: it only asked back)
    place: str | None = None     # the municipality the answer used

    @classmethod
    def of(cls, replies, **values) -> Outcome:
        return cls(tuple(replies), **values)

    def with_slots(self, **slots: Any) -> Outcome:
        return replace(self, slots={**self.slots, **slots})

    def after(self, first: Outcome) -> Outcome:
        """`first`'s messages, then this one's; this one's slots win, and its topic and place
        unless it has none."""
        return Outcome(first.replies + self.replies, {**first.slots, **self.slots},
                       self.followup or first.followup, self.topic or first.topic,
                       self.place or first.place)
