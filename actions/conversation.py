"""Small talk, language choice and the fallback menu."""
from __future__ import annotations

from rasa_sdk import Tracker

from actions.common import MISUNDERSTOOD, LanguageAwareAction
from actions.help_nearby import give_informatiepunt
from actions.topics import TOWN_REPLY_INTENTS, answer_topics
from bot import messages as M
from bot.answers.topics import is_topic
from bot.dialogue import handover_flow, replies
from bot.dialogue.context import Context
from bot.dialogue.outcome import Outcome
from bot.dialogue.turn import Turn
from bot.language.folding import count_words

# A language choice carries a question when it has this many words and the classifier's next
# guess is a topic at least this likely.
QUESTION_MIN_WORDS = 4
QUESTION_CONFIDENCE = 0.05


class ActionSmallTalk(LanguageAwareAction):
    """Greets, thanks, says goodbye, answers yes/no and 'are you a bot?' honestly."""

    def name(self) -> str:
        return "action_small_talk"

    def reply(self, turn: Turn, lang: str, context: Context, tracker: Tracker) -> Outcome:
        return Outcome.of(replies.small_talk(turn.intent or "greet", lang, turn.source))


class ActionChooseLanguage(LanguageAwareAction):
    """Switches language on request, then answers a topic asked before the choice, or the
    question asked with it ("ma poate ajuta cineva, in romana?")."""

    def name(self) -> str:
        return "action_choose_language"

    def reply(self, turn: Turn, lang: str, context: Context, tracker: Tracker) -> Outcome:
        if not turn.explicit_choice:
            # "change language" without naming one
            return Outcome.of(replies.language_menu())
        confirmed = Outcome.of(replies.language_confirmed(lang))
        pending = context.pending_topic
        if pending == "find_informatiepunt":
            return Outcome.of(replies.language_confirmed(lang) + replies.ask_town(lang),
                              slots={"pending_topic": None, "awaiting_town": True})
        if pending:
            return Outcome.of(replies.faq_answer(pending, lang), slots={"pending_topic": None},
                              topic=pending).after(confirmed)
        if turn.is_payload or count_words(turn.text) < QUESTION_MIN_WORDS:
            return confirmed
        # "ma poate ajuta cineva, in romana?": the language, and the question asked with it
        topics = turn.topics or [e["name"] for e in turn.ranking[1:3]
                                 if is_topic(e.get("name"))
                                 and float(e.get("confidence") or 0) >= QUESTION_CONFIDENCE][:1]
        if topics:
            return answer_topics(turn, lang, context, topics).after(confirmed)
        return confirmed


class ActionNotUnderstood(LanguageAwareAction):
    """Answers the problems our own word lists find in a message the classifier did not place;
    otherwise says it did not understand (or that the topic is out of scope) and offers topics."""

    def name(self) -> str:
        return "action_not_understood"

    def handles_town(self) -> bool:
        return True

    def reply(self, turn: Turn, lang: str, context: Context, tracker: Tracker) -> Outcome:
        if context.awaiting_town and turn.intent in TOWN_REPLY_INTENTS:
            return give_informatiepunt(turn, lang)
        if turn.media:
            return Outcome.of(replies.topic_menu(lang, M.MEDIA_NOT_READ))
        if not turn.text.strip():
            return Outcome.of(replies.empty_message(lang))
        if turn.topics:
            return answer_topics(turn, lang, context, turn.topics)
        if turn.place is not None:  # "Zeewolde pomocy": help in the place named
            return give_informatiepunt(turn, lang, fuzzy=False)
        answer = replies.not_understood(lang, out_of_scope=turn.intent == "out_of_scope")
        times = int(tracker.get_slot(MISUNDERSTOOD) or 0) + 1
        if times >= 2:  # twice in a row: a person may understand
            answer = replies.with_extra_button(answer, handover_flow.offer_button(lang))
        return Outcome.of(answer, slots={MISUNDERSTOOD: times})
