"""Small talk, language choice and the fallback menu."""
from __future__ import annotations

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.common import LanguageAwareAction
from actions.topics import TOWN_REPLY_INTENTS, give_informatiepunt
from bot import messages as M
from bot.dialogue import replies
from bot.dialogue.replies import Reply
from bot.dialogue.turn import Turn


class ActionSmallTalk(LanguageAwareAction):
    """Greets, thanks, says goodbye, answers yes/no and 'are you a bot?' honestly."""

    def name(self) -> str:
        return "action_small_talk"

    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        return replies.small_talk(turn.intent or "greet", lang, turn.source), []


class ActionChooseLanguage(LanguageAwareAction):
    """Switches language on request, then answers a topic asked before the choice."""

    def name(self) -> str:
        return "action_choose_language"

    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        if not turn.explicit_choice:
            # "change language" without naming one
            return replies.language_menu(), []
        messages = replies.language_confirmed(lang)
        pending = tracker.get_slot("pending_topic")
        if not pending:
            return messages, []
        events: List[EventType] = [SlotSet("pending_topic", None)]
        if pending == "find_informatiepunt":
            return messages + replies.ask_town(lang), events + [SlotSet("awaiting_town", True)]
        return messages + replies.faq_answer(pending, lang), events


class ActionNotUnderstood(LanguageAwareAction):
    """Says it did not understand (or that the topic is out of scope) and offers the topics."""

    def name(self) -> str:
        return "action_not_understood"

    def handles_town(self) -> bool:
        return True

    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        if tracker.get_slot("awaiting_town") and turn.intent in TOWN_REPLY_INTENTS:
            return give_informatiepunt(turn, lang)
        if turn.media:
            return replies.topic_menu(lang, M.MEDIA_NOT_READ), []
        if not turn.text.strip():
            return replies.empty_message(lang), []
        return replies.not_understood(lang, out_of_scope=turn.intent == "out_of_scope"), []
