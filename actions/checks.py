"""The calculators as Rasa forms: deduction check (deduction_form) and last insured day
(insurance_form). Validation, questions and results; the logic is bot.calculators."""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import dispatch
from bot import clock
from bot import messages as M
from bot.calculators import forms as calc
from bot.dialogue import handover_flow, replies
from bot.dialogue.turn import read_turn
from bot.language.registry import FALLBACK_LANGUAGE

# Intents whose question is answered when it interrupts a calculator.
SMALL_TALK = set(replies.SMALL_TALK)


def language_of(tracker: Tracker) -> str:
    return tracker.get_slot("language") or FALLBACK_LANGUAGE


class ValidateCalculatorForm(Action):
    """Reads the reply to the question asked; a non-value that is "stop" or another question ends
    the form (the result action then answers that question)."""

    form_name = ""

    def name(self) -> str:
        return f"validate_{self.form_name}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        slot = tracker.get_slot("requested_slot")
        if not slot:
            return []  # activation: values picked up from the first message are already clean
        parse = tracker.latest_message or {}
        text = parse.get("text") or ""
        turn = read_turn(parse, tracker.get_slot("language"))
        if turn.intent == "choose_language" and turn.explicit_choice:
            # A new language in the middle of a check: the check goes on in that language.
            dispatch(dispatcher, replies.language_confirmed(turn.language))
            return [SlotSet(slot, None), SlotSet("language", turn.language)]
        value = calc.read_value(slot, text, clock.today())
        if value is not None:
            return [SlotSet(slot, value)]
        intent = (parse.get("intent") or {}).get("name")
        confidence = float((parse.get("intent") or {}).get("confidence") or 0.0)
        stopped_by = calc.stop_reason(text, intent, confidence)
        if stopped_by:
            return [SlotSet(slot, None), SlotSet("check_stopped_by", stopped_by),
                    SlotSet("requested_slot", None)]
        dispatch(dispatcher, calc.invalid(slot, language_of(tracker)))
        return [SlotSet(slot, None)]


class ValidateDeductionForm(ValidateCalculatorForm):
    """Validates the deduction check's answers."""

    form_name = "deduction_form"


class ValidateInsuranceForm(ValidateCalculatorForm):
    """Validates the day the job ended."""

    form_name = "insurance_form"


def _ask_action(slot: str) -> type:
    def name(self) -> str:
        return f"action_ask_{slot}"

    async def run(self, dispatcher, tracker, domain):
        dispatch(dispatcher, calc.question(slot, language_of(tracker)))
        return []

    return type(f"ActionAsk_{slot}", (Action,), {
        "name": name, "run": run, "__doc__": f"Asks for {slot} in the conversation language."})


# One action per question (Rasa looks for action_ask_<slot>).
ASK_ACTIONS = [_ask_action(slot) for slot in calc.DEDUCTION_SLOTS + calc.INSURANCE_SLOTS]


def after_stop(stopped_by: str, tracker: Tracker, lang: str) -> tuple[List, List[EventType]]:
    """Answer the question that stopped the calculator, or confirm the stop."""
    text = (tracker.latest_message or {}).get("text") or ""
    town = tracker.get_slot("town")
    ended = replies.check_ended(lang)  # the worker is told the check ended, and why
    if stopped_by == "find_informatiepunt":
        if town:
            return ended + replies.regional_help(lang, town, fuzzy=False).replies, []
        return ended + replies.ask_town(lang), [SlotSet("awaiting_town", True)]
    if stopped_by in SMALL_TALK:
        return replies.small_talk(stopped_by, lang), []
    if stopped_by in calc.STOP_INTENTS and stopped_by != "choose_language":
        answer = replies.topic_answer(stopped_by, lang, text)
        if stopped_by in ("ask_human", "report_abuse") and answer:  # a person, also here
            answer = replies.with_extra_button(answer, handover_flow.offer_button(lang))
        return ended + answer, [SlotSet("last_topic", stopped_by)]
    return replies.topic_menu(lang, M.CHECK_STOPPED), []


class CalculatorResult(Action):
    """Gives the result when the form is complete, or handles the stop."""

    form_slots: tuple[str, ...] = ()
    action_name = ""
    topic = ""  # the topic the conversation is about after the result

    def name(self) -> str:
        return self.action_name

    def result(self, values: Dict[str, str], lang: str) -> List:
        raise NotImplementedError

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        lang = language_of(tracker)
        events: List[EventType] = [SlotSet(s, None) for s in self.form_slots]
        events.append(SlotSet("check_stopped_by", None))
        stopped_by = tracker.get_slot("check_stopped_by")
        values = {s: tracker.get_slot(s) for s in self.form_slots}
        if stopped_by or not all(values.values()):
            messages, more = after_stop(stopped_by or "stop", tracker, lang)
            dispatch(dispatcher, messages)
            return events + more
        calendar = dispatch(dispatcher, self.result(values, lang))
        return events + calendar + [SlotSet("last_topic", self.topic)]


class ActionDeductionResult(CalculatorResult):
    """Explains whether the deductions are within the law, with the amounts."""

    form_slots = calc.DEDUCTION_SLOTS
    action_name = "action_deduction_result"
    topic = "ask_wage_deductions"

    def result(self, values, lang):
        return calc.deduction_result(values, lang, clock.today())


class ActionInsuranceResult(CalculatorResult):
    """Gives the last day the health insurance runs on."""

    form_slots = calc.INSURANCE_SLOTS
    action_name = "action_insurance_result"
    topic = "ask_health_insurance"

    def result(self, values, lang):
        return calc.insurance_result(dt.date.fromisoformat(values["job_end_date"]), lang)
