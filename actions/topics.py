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
        if not turn.text.startswith("/") and places_named(turn.text):  # "help in Venlo"
            return give_informatiepunt(turn, lang, fuzzy=False)
        town = tracker.get_slot("town")
        if town:  # remembered from earlier in the conversation
            return replies.regional_help(lang, town).replies, []
        return replies.ask_town(lang), [SlotSet("awaiting_town", True)]


def places_named(text: str) -> bool:
    """Whether a message names a place exactly (no typo matching: "halen" is not Leudal)."""
    from bot.places import gazetteer

    try:
        return bool(gazetteer().find(text, fuzzy=False))
    except Exception:  # noqa: BLE001 - no region data: the town will be asked for
        return False


def give_informatiepunt(turn: Turn, lang: str, fuzzy: bool = True) -> tuple[List[Reply], List[EventType]]:
    """Help for the place the user names; asks again when the name fits several places."""
    answer = replies.regional_help(lang, turn.text, fuzzy=fuzzy)
    if answer.ambiguous:
        return answer.replies, [SlotSet("awaiting_town", True)]
    events: List[EventType] = [SlotSet("awaiting_town", False)]
    if answer.municipality:
        events.append(SlotSet("town", answer.municipality))
    return answer.replies, events
