"""Answers to topic questions, and the question for the town when the user looks for help."""
from __future__ import annotations

from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet

from actions.common import LanguageAwareAction
from actions.help_nearby import give_informatiepunt, places_named
from bot.calculators.amounts import amounts_with_roles
from bot.dialogue import replies
from bot.dialogue.replies import Reply
from bot.dialogue.turn import Turn

# Intents that mean "this is the town you asked for" while the bot waits for one.
TOWN_REPLY_INTENTS = {"find_informatiepunt", "nlu_fallback", "out_of_scope", None}


class ActionAnswerTopic(LanguageAwareAction):
    """Renders the checked answer for the topic of the latest intent."""

    remembers_pending_topic = True

    def name(self) -> str:
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

    def name(self) -> str:
        return "action_find_informatiepunt"

    def handles_town(self) -> bool:
        return True

    def reply(self, turn: Turn, lang: str, tracker: Tracker) -> tuple[List[Reply], List[EventType]]:
        if tracker.get_slot("awaiting_town"):
            return give_informatiepunt(turn, lang)
        if not turn.text.startswith("/") and places_named(turn.text):  # "help in Venlo"
            return give_informatiepunt(turn, lang, fuzzy=False)
        town = tracker.get_slot("town")
        if town:  # remembered from earlier in the conversation
            return replies.regional_help(lang, town).replies, []
        return replies.ask_town(lang), [SlotSet("awaiting_town", True)]
