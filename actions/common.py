"""What every reply action shares: reading the turn, choosing the language, dispatching replies."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.help_nearby import give_informatiepunt
from bot.dialogue import replies
from bot.dialogue.replies import Reply
from bot.dialogue.turn import Turn, read_turn
from bot.usage.recording import TOWN_ANSWER, record_answer

# An answer to "which town?" is short: "Venlo", "w Tilburgu", "5912 AB", "mieszkam w Venray".
TOWN_ANSWER_MAX_WORDS = 4
NOT_A_TOWN_INTENTS = frozenset({"deny", "goodbye", "thank", "choose_language", "ask_human"})


def dispatch(dispatcher: CollectingDispatcher, messages: List[Reply]) -> None:
    for message in messages:
        buttons = [{"title": b.title, "payload": b.payload} for b in message.buttons]
        dispatcher.utter_message(text=message.text, buttons=buttons or None)


def moved_to(turn: Turn) -> List[EventType]:
    """ "I moved to Tilburg": the remembered town follows the worker."""
    from bot.places.gazetteer import gazetteer, says_moved

    if turn.text.startswith("/") or not says_moved(turn.text):
        return []
    try:
        found = gazetteer().find(turn.text, fuzzy=False)
    except Exception:  # noqa: BLE001 - no region data: nothing to remember
        return []
    return [SlotSet("town", found[0].name)] if len(found) == 1 else []


class LanguageAwareAction(Action, ABC):
    """Answers in the conversation language; asks for a language when none is known yet."""

    # Topic intents remember what was asked while the language menu is shown.
    remembers_pending_topic = False

    @abstractmethod
    def name(self) -> str:
        """The action's name in domain.yml."""

    @abstractmethod
    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        """The messages and slot events of this action, in language `lang`."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        turn = read_turn(tracker.latest_message, tracker.get_slot("language"))
        events: List[EventType] = []
        if turn.language_changed:
            events.append(SlotSet("language", turn.language))
        if tracker.get_slot("awaiting_town") and not self.handles_town():
            events.append(SlotSet("awaiting_town", False))
        if turn.unsupported and not tracker.get_slot("awaiting_town"):  # "Bucuresti" is a town
            dispatch(dispatcher, replies.unsupported_language_menu())
            return events
        if turn.language is None:
            if self.remembers_pending_topic and turn.intent:
                events.append(SlotSet("pending_topic", turn.intent))
            dispatch(dispatcher, replies.language_menu())
            return events
        if self.is_town_answer(turn, tracker):
            # "Hengelo" may look like a greeting to the classifier: a short answer that names a
            # place, right after "which town?", is the town.
            messages, more_events = give_informatiepunt(turn, turn.language)
            dispatch(dispatcher, messages)
            record_answer(tracker, turn, TOWN_ANSWER, more_events)
            return [e for e in events if e.get("name") != "awaiting_town"] + more_events
        events += moved_to(turn)
        messages, more_events = self.reply(turn, turn.language, tracker)
        dispatch(dispatcher, messages)
        record_answer(tracker, turn, self.name(), events + more_events)
        return events + more_events

    def handles_town(self) -> bool:
        return False

    def is_town_answer(self, turn: Turn, tracker: Tracker) -> bool:
        """Right after "which town?", a short reply is the town ("Hengelo" may look like a
        greeting to the classifier, "Bucuresti" like anything), unless it is a button or a
        reply that plainly means something else ("no", "thanks", "a person please")."""
        if self.handles_town() or not tracker.get_slot("awaiting_town"):
            return False
        if turn.text.startswith("/") or turn.intent in NOT_A_TOWN_INTENTS:
            return False
        return 0 < len(turn.text.split()) <= TOWN_ANSWER_MAX_WORDS
