"""What every reply action shares: reading the turn, choosing the language, dispatching replies."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import replies
from bot.replies import Reply
from bot.turn import Turn, read_turn


def dispatch(dispatcher: CollectingDispatcher, messages: List[Reply]) -> None:
    for message in messages:
        buttons = [{"title": b.title, "payload": b.payload} for b in message.buttons]
        dispatcher.utter_message(text=message.text, buttons=buttons or None)


class LanguageAwareAction(Action, ABC):
    """Answers in the conversation language; asks for a language when none is known yet."""

    # Topic intents remember what was asked while the language menu is shown.
    remembers_pending_topic = False

    @abstractmethod
    def name(self) -> Text:
        """The action's name in domain.yml."""

    @abstractmethod
    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        """The messages and slot events of this action, in language `lang`."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        turn = read_turn(tracker.latest_message, tracker.get_slot("language"))
        events: List[EventType] = []
        if turn.language_changed:
            events.append(SlotSet("language", turn.language))
        if tracker.get_slot("awaiting_town") and not self.handles_town():
            events.append(SlotSet("awaiting_town", False))
        if turn.unsupported:
            dispatch(dispatcher, replies.unsupported_language_menu())
            return events
        if turn.language is None:
            if self.remembers_pending_topic and turn.intent:
                events.append(SlotSet("pending_topic", turn.intent))
            dispatch(dispatcher, replies.language_menu())
            return events
        messages, more_events = self.reply(turn, turn.language, tracker)
        dispatch(dispatcher, messages)
        return events + more_events

    def handles_town(self) -> bool:
        return False
