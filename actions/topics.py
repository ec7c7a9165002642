"""Answers to topic questions (every problem a message raises, the most urgent first), and help
nearby for the place named now or before."""
from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import LanguageAwareAction
from actions.help_nearby import give_informatiepunt, help_for_remembered_town
from bot.dialogue import handover_flow, replies
from bot.dialogue.context import Context
from bot.dialogue.outcome import Outcome
from bot.dialogue.several_topics import REQUESTS
from bot.dialogue.turn import Turn

# Intents that mean "this is the town you asked for" while the bot waits for one.
TOWN_REPLY_INTENTS = {"find_informatiepunt", "nlu_fallback", "out_of_scope", None}


def answer_topics(turn: Turn, lang: str, context: Context, topics: list[str]) -> Outcome:
    """The answer to the first topic, then the others offered as buttons."""
    main, others = topics[0], topics[1:]
    slots: dict = {}
    if main == "ask_wage_deductions" and turn.check_requested:
        return Outcome.of(replies.check_intro(lang), followup="deduction_form", topic=main)
    if main == "ask_health_insurance" and turn.check_requested:
        return Outcome(followup="insurance_form", topic=main)
    if main == "find_informatiepunt":
        outcome = help_for_remembered_town(lang, context.town)
        return Outcome.of(list(outcome.replies) + replies.also_asked(lang, others),
                          slots=outcome.slots, topic=outcome.topic, place=outcome.place)
    answer = replies.topic_answer(main, lang, turn.text)
    if main == "ask_human" and context.town:
        # A person, and the people of the worker's own region first.
        answer = replies.regional_help(lang, context.town, fuzzy=False).replies + answer
    if main == "ask_wage_deductions" and turn.amounts:
        # The rules first; the check with the amounts already given is one tap away.
        answer = replies.with_check_offer(lang, answer)
        slots = {f"dc_{role}": str(value) for role, value in turn.amounts.items()}
    if main in ("ask_human", "report_abuse") and answer:
        answer = replies.with_extra_button(answer, handover_flow.offer_button(lang))
    answer += replies.also_asked(lang, others)
    return Outcome.of(answer, slots=slots, topic=main,
                      place=context.town if main == "ask_human" else None)


class ActionAnswerTopic(LanguageAwareAction):
    """Renders the checked answer for the topic of the latest intent."""

    remembers_pending_topic = True

    def name(self) -> str:
        return "action_answer_topic"

    def reply(self, turn: Turn, lang: str, context: Context, tracker: Tracker) -> Outcome:
        topics = turn.topics or [turn.intent or ""]
        if turn.intent == context.last_topic and turn.intent in topics \
                and turn.asks_about_the_answer:
            # "Hoeveel kost zo een verzekering zelf?" after the insurance answer: more on it,
            # whatever the classifier's second guess.
            topics = [turn.intent] + [t for t in topics if t != turn.intent]
        return answer_topics(turn, lang, context, topics)


class ActionFindInformatiepunt(LanguageAwareAction):
    """Help for the place named now, or named earlier in the conversation; else "which town?"."""

    remembers_pending_topic = True

    def name(self) -> str:
        return "action_find_informatiepunt"

    def handles_town(self) -> bool:
        return True

    def reply(self, turn: Turn, lang: str, context: Context, tracker: Tracker) -> Outcome:
        if context.awaiting_town:
            return give_informatiepunt(turn, lang)
        if not turn.is_payload and places_named(turn.text):  # "help in Venlo"
            help_nearby = give_informatiepunt(turn, lang, fuzzy=False)
        else:
            help_nearby = help_for_remembered_town(lang, context.town)
        problems = [t for t in turn.topics if t not in REQUESTS]
        if not problems:
            return help_nearby
        # "where can I go, my boss keeps my passport": what the worker must know about the
        # problem first, then where to go with it; the conversation is about the problem.
        answer = answer_topics(turn, lang, context, problems)
        return Outcome(answer.replies + help_nearby.replies, {**answer.slots, **help_nearby.slots},
                       topic=answer.topic, place=help_nearby.place)


def places_named(text: str) -> bool:
    """Whether a message names a place exactly (no typo matching: "halen" is not Leudal), and
    as a place (bot/places/gazetteer.py: in passing)."""
    from bot.places.gazetteer import gazetteer

    try:
        return bool(gazetteer().find(text, fuzzy=False, in_passing=True))
    except Exception:  # noqa: BLE001 - no region data: the town will be asked for
        return False
