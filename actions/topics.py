"""Answers to topic questions, and the question for the town when the user looks for help."""
from __future__ import annotations

from typing import List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet

from actions.common import LanguageAwareAction
from bot import replies
from bot.amounts import amounts_with_roles
from bot.replies import Reply
from bot.turn import Turn

# Intents that mean "this is the town you asked for" while the bot waits for one.
TOWN_REPLY_INTENTS = {"find_informatiepunt", "nlu_fallback", "out_of_scope", None}


class ActionAnswerTopic(LanguageAwareAction):
    """Renders the checked answer for the topic of the latest intent."""

    remembers_pending_topic = True

    def name(self) -> Text:
        return "action_answer_topic"

    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        if turn.intent == "ask_wage_deductions":
            # Amounts in the question ("300 za pokoj z 1200") or the button start the check,
            # with the amounts already given filled in.
            found = amounts_with_roles(turn.text)
            if turn.check_requested or found:
                prefilled = [SlotSet(f"dc_{role}", str(value)) for role, value in found.items()]
                return replies.check_intro(lang), prefilled + [FollowupAction("deduction_form")]
        if turn.intent == "ask_health_insurance" and turn.check_requested:
            return [], [FollowupAction("insurance_form")]
        return replies.topic_answer(turn.intent or "", lang, turn.text), []


class ActionFindInformatiepunt(LanguageAwareAction):
    """Asks for the town, then gives the help points known for it (national ones for now)."""

    remembers_pending_topic = True

    def name(self) -> Text:
        return "action_find_informatiepunt"

    def handles_town(self) -> bool:
        return True

    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        if tracker.get_slot("awaiting_town"):
            return give_informatiepunt(turn, lang)
        return replies.ask_town(lang), [SlotSet("awaiting_town", True)]


def give_informatiepunt(turn: Turn, lang: str) -> tuple[List[Reply], List[EventType]]:
    events: List[EventType] = [SlotSet("awaiting_town", False)]
    if turn.text.strip() and not turn.text.startswith("/"):
        events.append(SlotSet("town", turn.text.strip()[:100]))
    return replies.faq_answer("find_informatiepunt", lang), events
