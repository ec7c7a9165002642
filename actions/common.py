"""What every reply action shares: reading the turn once, choosing the language, remembering a
place named in passing, reading a follow-up in the context of the conversation's topic, and
dispatching the outcome the reply builder returns."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import replace
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handover import handover_step, offer_to_add
from actions.help_nearby import give_informatiepunt, help_for_remembered_town
from bot import messages as M
from bot.answers.topics import is_topic
from bot.dialogue import replies
from bot.dialogue.context import Context, offered_topics
from bot.dialogue.follow_ups import AMOUNTS_OF, doubts_it
from bot.dialogue.outcome import Outcome
from bot.dialogue.replies import Reply
from bot.dialogue.several_topics import ALSO_CONFIDENCE, REQUESTS
from bot.dialogue.turn import Turn, read_turn
from bot.language.folding import count_words
from bot.places.gazetteer import says_moved
from bot.usage.recording import record_answer

# An answer to "which town?" is short: "Venlo", "w Tilburgu", "5912 AB", "mieszkam w Venray".
TOWN_ANSWER_MAX_WORDS = 4
# A longer reply to "which town?" is the town when it names one and raises no problem.
TOWN_ANSWER_WITH_PLACE_MAX_WORDS = 8
NOT_A_TOWN_INTENTS = frozenset({"deny", "goodbye", "thank", "choose_language", "ask_human"})
# A message of at most this many words with a date, after the health-insurance answer, is the
# day the job ended ("skonczylem 3 pazdziernika").
DATE_FOLLOW_UP_WORDS = 6
# The slot of a day worked out in this answer (read by bot/rasa/rest_channel.py).
CALENDAR_DAY = "calendar_day"
# How many times in a row the bot did not understand (after two, a person is offered).
MISUNDERSTOOD = "misunderstood"
# A follow-up is read in context unless the classifier is this sure the message is a new topic.
NEW_TOPIC_CONFIDENCE = 0.9


def dispatch(dispatcher: CollectingDispatcher, messages: List[Reply]) -> List[EventType]:
    """Sends the messages; returns the event that hands a day worked out to the web chat
    (bot/rasa/rest_channel.py sends it as a header of this answer only)."""
    days = [m.calendar for m in messages if m.calendar]
    for message in messages:
        buttons = [{"title": b.title, "payload": b.payload} for b in message.buttons]
        dispatcher.utter_message(text=message.text, buttons=buttons or None)
    return [SlotSet(CALENDAR_DAY, days[0])] if days else []


def events_of(outcome: Outcome) -> List[EventType]:
    events: List[EventType] = [SlotSet(name, value) for name, value in outcome.slots.items()]
    if outcome.followup:
        events.append(FollowupAction(outcome.followup))
    return events


def remembered_place(turn: Turn, context: Context) -> str | None:
    """A place named in passing, to remember: the first one named, or the new one when the
    worker says they moved ("I moved to Tilburg")."""
    place = turn.place
    if place is None or place.name == context.town:
        return None
    if context.town and not says_moved(turn.text):
        return None
    return place.name


def follow_up(turn: Turn, lang: str, context: Context) -> Outcome | None:
    """A short follow-up read in the context of the conversation's topic, or None."""
    if context.last_topic == "ask_health_insurance" and turn.date \
            and not turn.sure_of_another_topic(context.last_topic, NEW_TOPIC_CONFIDENCE) \
            and count_words(turn.text) <= DATE_FOLLOW_UP_WORDS:
        # "3 pazdziernika" after the health-insurance answer: the day the job ended
        return Outcome.of([replies.insured_until_reply(lang, turn.date)], topic=context.last_topic)
    # A problem the last answers offered as a button is asked about on a weaker guess: "dobra a
    # z tym zwolnieniem co mam robic?" after the homelessness answer that offered the dismissal;
    # not where the message holds the current problem's own words, or doubts the answer ("am
    # auzit ca daca esti bolnav nu te pot da afara, e adevarat?" after the dismissal answer).
    returns_to_offered = turn.intent in context.offered and turn.confidence >= ALSO_CONFIDENCE \
        and context.last_topic not in turn.evidence and not doubts_it(turn.text)
    new_topic = is_topic(turn.intent) and turn.intent != context.last_topic \
        and (turn.confidence >= NEW_TOPIC_CONFIDENCE or returns_to_offered)
    kind = turn.follow_up_after(context.last_topic, new_topic)
    # After the answer on a problem; help nearby and a person have their own follow-ups.
    about_a_problem = context.last_topic not in (None, *REQUESTS)
    if kind is None and about_a_problem and not new_topic and turn.only_names_place:
        kind = "where"  # "btw stau in Hoogezand" after an answer: the help there, same problem
    if kind is None and about_a_problem and not returns_to_offered \
            and turn.stays_on(context.last_topic) and turn.intent != context.last_topic:
        kind = "next"  # more about the same problem: who can look at it with the worker
    if kind is None:
        return None
    if kind == "thanks":
        if turn.intent in ("affirm", "thank"):
            return None  # small talk answers these in kind
        return Outcome.of(replies.acknowledged(lang))
    if new_topic and kind != "where" and turn.follow_up is not None:
        return None  # a short phrase, but the classifier is sure of a new topic (loose ones
        # were weighed in read_in_context)
    topic = context.last_topic
    if kind == "where":
        outcome = help_for_remembered_town(lang, context.town)
        if context.town:  # the town is known now: no longer asked for
            outcome = outcome.with_slots(awaiting_town=False)
        return Outcome(outcome.replies, outcome.slots, topic=topic or outcome.topic,
                       place=outcome.place) if outcome.topic else outcome
    if topic is None:
        return None
    if kind == "how_much":
        related = AMOUNTS_OF.get(topic, topic)
        return Outcome.of(replies.faq_answer(related, lang), topic=topic)
    if kind == "next":
        return Outcome.of(replies.next_step(lang, topic, context.town), topic=topic,
                          place=context.town)
    if kind == "is_it_allowed":
        return Outcome.of(replies.is_that_so(lang, topic, M.IS_IT_ALLOWED), topic=topic)
    return Outcome.of(replies.is_that_so(lang, topic), topic=topic)


def conversation_topic(outcome: Outcome, context: Context) -> str | None:
    """What the conversation is about after this turn. Help nearby and a person are what the
    worker asks for about their problem: "where can I go with this?" after the passport answer
    is still about the passport."""
    if outcome.topic in REQUESTS and context.last_topic not in (None, *REQUESTS):
        return context.last_topic
    if outcome.topic == "find_informatiepunt" and context.last_topic == "ask_human":
        return context.last_topic  # "I am in Winschoten" after asking for a person
    if outcome.topic is None and outcome.slots.get("awaiting_town") and not context.last_topic:
        return "find_informatiepunt"  # "which town?" for someone looking for help
    return outcome.topic or context.last_topic


class LanguageAwareAction(Action, ABC):
    """Answers in the conversation language; asks for a language when none is known yet."""

    # Topic intents remember what was asked while the language menu is shown.
    remembers_pending_topic = False

    @abstractmethod
    def name(self) -> str:
        """The action's name in domain.yml."""

    @abstractmethod
    def reply(self, turn: Turn, lang: str, context: Context, tracker: Tracker) -> Outcome:
        """What this action says and does, in language `lang`."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[Dict[str, Any]]:
        turn = read_turn(tracker.latest_message, tracker.get_slot("language"))
        context = replace(Context.from_slots(tracker.current_slot_values()),
                          offered=offered_topics(tracker.events))
        first = {}
        if turn.language_changed:
            first["language"] = turn.language
        if context.awaiting_town and not self.handles_town():
            first["awaiting_town"] = False
        # "I don't speak that language" only opens a conversation: once one has a language, an
        # unknown word or a short message never takes it away. "Bucuresti" is a town.
        if turn.unsupported and not tracker.get_slot("language") and not context.awaiting_town:
            dispatch(dispatcher, replies.unsupported_language_menu())
            return events_of(Outcome(slots=first))
        if turn.language is None:
            if self.remembers_pending_topic and turn.intent:
                first["pending_topic"] = turn.intent
            dispatch(dispatcher, replies.language_menu())
            return events_of(Outcome(slots=first))
        lang = turn.language
        place = remembered_place(turn, context)
        if place:
            first["town"] = place
            context = replace(context, town=place)
        step = handover_step(turn, lang, context, tracker)
        if step is not None:
            outcome = step
        elif self.is_town_answer(turn, tracker):
            # "Hengelo" may look like a greeting to the classifier: a short answer that names a
            # place, right after "which town?", is the town.
            outcome = give_informatiepunt(turn, lang)
            first.pop("awaiting_town", None)
        elif context.pending_topic and not tracker.get_slot("language") and not turn.topics \
                and not turn.explicit_choice and not turn.is_payload \
                and context.pending_topic != "find_informatiepunt":
            # The language menu was shown for a question; this message gave the language
            # ("na 4as kolko?" after "minimalna zaplata kolko e?"): the question is answered now.
            outcome = Outcome.of(replies.faq_answer(context.pending_topic, lang),
                                 slots={"pending_topic": None}, topic=context.pending_topic)
        else:
            outcome = follow_up(turn, lang, context) or self.reply(turn, lang, context, tracker)
        if step is None:
            outcome = offer_to_add(turn, lang, tracker, outcome)
        if outcome.topic and tracker.get_slot(MISUNDERSTOOD):
            outcome = outcome.with_slots(**{MISUNDERSTOOD: 0})
        topic = conversation_topic(outcome, context)
        if topic != context.last_topic:
            outcome = outcome.with_slots(last_topic=topic)
        outcome = outcome.after(Outcome(slots=first))
        calendar = dispatch(dispatcher, list(outcome.replies))
        record_answer(tracker, turn, outcome)
        return events_of(outcome) + calendar

    def handles_town(self) -> bool:
        return False

    def is_town_answer(self, turn: Turn, tracker: Tracker) -> bool:
        """Right after "which town?", a short reply is the town ("Hengelo" may look like a
        greeting to the classifier, "Bucuresti" like anything), unless it is a button or a
        reply that plainly means something else ("no", "thanks", "a person please")."""
        if self.handles_town() or not tracker.get_slot("awaiting_town"):
            return False
        if turn.is_payload or turn.intent in NOT_A_TOWN_INTENTS:
            return False
        size = len(turn.text.split())
        if 0 < size <= TOWN_ANSWER_MAX_WORDS:
            return True
        # "в ротердам съм, на юг, фейенорд": where the worker is, in more words.
        return size <= TOWN_ANSWER_WITH_PLACE_MAX_WORDS and turn.place is not None \
            and not turn.sure_of_another_topic(None, NEW_TOPIC_CONFIDENCE)
