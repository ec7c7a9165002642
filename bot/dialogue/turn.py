"""One user turn, read from Rasa's parse data and slots into what the reply needs: the language
to answer in, whether it was chosen explicitly, whether the user wrote in a language we do not
speak, and (read once, on first use) the place it names, its amounts, whether it is a follow-up
and every topic it raises. Pure data in, data out: the actions pass in `tracker.latest_message`
and slot values.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from bot.answers.topics import is_topic
from bot.calculators.amounts import amounts_with_roles
from bot.dialogue.follow_ups import (
    asks_something_new,
    follow_up_kind,
    opens_like_a_follow_up,
    read_in_context,
)
from bot.dialogue.several_topics import (
    ALSO_CONFIDENCE,
    PART_OF,
    REQUESTS,
    confidence_of,
    evidence,
    topics_raised,
)
from bot.language.conversation_policy import decide, prior_from_metadata
from bot.language.detection import DETECT_MAX_CHARS, LanguageGuess, detect
from bot.language.explicit_choice import requested_language
from bot.language.folding import count_words
from bot.language.registry import normalise_code

# A message in an unsupported language must have this many words before we say so: "ok" is not
# Hungarian, whatever langdetect thinks.
UNSUPPORTED_MIN_WORDS = 2
# After an answer, a message of at most STAY_MAX_WORDS words that raises no other problem's words,
# and whose topic the classifier gives less than STAY_BELOW, asks more about the same problem:
# "and the other days? they must pay?" after the sick-pay answer is not a question on unpaid
# wages. (Chosen on the dev conversations and a fresh set of conversations; see the README.)
STAY_MAX_WORDS = 20
STAY_BELOW = 0.7
# A message that opens as a question on the answer ("how many days notice then?", "cat trebuie
# sa-mi ramana minim?") stays on the problem unless the classifier is this sure of another.
STAY_BELOW_WHEN_ASKED = 0.9
# Intents that are what the message is whatever the context: small talk, a language, a person.
NOT_ABOUT_THE_PROBLEM = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge",
                                   "choose_language", *REQUESTS})
# A message that names a place and at most this many other words says where the worker is
# ("btw stau in Hoogezand", "mieszkam w Venlo", "ik woon nu in Emmen").
PLACE_STATEMENT_WORDS = 4

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Turn:
    intent: str | None
    text: str
    language: str | None
    explicit_choice: bool
    unsupported: str | None
    language_changed: bool
    check_requested: bool = False  # a calculator button: /ask_wage_deductions{"check": "pay"}
    source: str | None = None  # where the user came from: web, nla (inspection QR card)...
    media: bool = False  # a voice note, photo or location (WhatsApp): nothing to read
    ranking: tuple = field(default=(), repr=False)  # the classifier's intent ranking
    confidence: float = 0.0  # the classifier's confidence in `intent`
    entities: tuple = field(default=(), repr=False)  # (name, value) pairs, from payloads too
    clauses: tuple = field(default=(), repr=False)  # the intent of each clause of a long message

    def entity(self, name: str) -> str | None:
        return next((value for key, value in self.entities if key == name), None)

    @property
    def is_payload(self) -> bool:
        return self.text.startswith("/")

    @cached_property
    def place(self):
        """The one municipality the message names exactly (no typo matching: "halen" is not
        Leudal), or None: none, several, or no region data."""
        if self.is_payload or not self.text.strip():
            return None
        from bot.places.gazetteer import gazetteer  # loaded on first use: 7,000 names

        try:
            found = gazetteer().find(self.text, fuzzy=False, in_passing=True)
        except Exception as error:  # noqa: BLE001 - no region data: nothing to remember
            logger.warning("regions unavailable (%s)", type(error).__name__)
            return None
        return found[0] if len(found) == 1 else None

    @cached_property
    def only_names_place(self) -> bool:
        """The message says where the worker is and nothing else: no other problem's words,
        no more than PLACE_STATEMENT_WORDS words besides the place."""
        if self.place is None or set(evidence(self.text)) - set(REQUESTS):
            return False
        from bot.places.gazetteer import gazetteer

        rest = gazetteer().without_places(self.text[:DETECT_MAX_CHARS])
        return count_words(rest) <= PLACE_STATEMENT_WORDS

    def stays_on(self, last_topic: str | None) -> bool:
        """Whether this message asks more about `last_topic` (see STAY_BELOW)."""
        if not last_topic or self.is_payload or self.media or self.intent in NOT_ABOUT_THE_PROBLEM:
            return False
        if count_words(self.text) > STAY_MAX_WORDS:
            return False
        if not is_topic(self.intent) and "?" not in self.text \
                and not self.asks_about_the_answer and not self.ranked_topic:
            return False  # "ms", "qwrtz pfft blorg": not understood, unless asked as a question
        # Missing pay is part of a sick-pay question asked later too ("serio pierwszy dzien nic
        # nie placa??"); a lost job only when told with the question: "and if they fire me?"
        # after the insurance answer is a question of its own.
        if asks_something_new(self.text):
            return False  # "i jeszcze jedno, ...": the worker says a new question comes
        same = {last_topic} | PART_OF.get(last_topic, set()) - {"ask_dismissal"}
        if set(evidence(self.text)) - same - set(REQUESTS):
            return False
        below = STAY_BELOW_WHEN_ASKED if self.asks_about_the_answer else STAY_BELOW
        return not (is_topic(self.intent) and self.intent not in same
                    and self.confidence >= below)

    @cached_property
    def asks_about_the_answer(self) -> bool:
        """It opens as a follow-up does or ends in doubt (bot/dialogue/follow_ups.py)."""
        return not self.is_payload and opens_like_a_follow_up(self.text)

    @property
    def evidence(self) -> list[str]:
        """The topics whose words the message holds (data/dialogue/topic_words.yml)."""
        return [] if self.is_payload else evidence(self.text)

    @property
    def ranked_topic(self) -> str | None:
        """The topic the classifier ranks first where its intent is the fallback ("ok and what
        we do now, can we get some money from uwv" is understood, if only just)."""
        if self.intent != "nlu_fallback" or len(self.ranking) < 2:
            return None
        entry = self.ranking[1]
        name = entry.get("name") if isinstance(entry, dict) else None
        return name if is_topic(name) and confidence_of(entry) >= ALSO_CONFIDENCE else None

    @cached_property
    def amounts(self) -> dict[str, Decimal]:
        return {} if self.is_payload else amounts_with_roles(self.text)

    @cached_property
    def date(self):
        """A date the message names ("3 pazdziernika", "14.11"), for today's calendar."""
        if self.is_payload:
            return None
        from bot import clock
        from bot.calculators.dates import find_date

        return find_date(self.text, clock.today())

    @cached_property
    def follow_up(self) -> str | None:
        return follow_up_kind(self.text)

    def follow_up_after(self, last_topic: str | None, sure_of_other_topic: bool) -> str | None:
        """The follow-up kind of this message read after `last_topic` (loose ones included)."""
        return read_in_context(self.text, last_topic, sure_of_other_topic)

    def sure_of_another_topic(self, last_topic: str | None, confidence: float) -> bool:
        """Whether the message is about a topic other than `last_topic` (or its part, as losing
        the job is part of the insurance question): the classifier is sure of one, or the
        message holds one's words. A weak guess is not enough: "op 3 oktober" after the
        insurance answer is the day the job ended, whatever the classifier half thinks."""
        same = {last_topic} | PART_OF.get(last_topic or "", set())
        if self.intent not in same and is_topic(self.intent) and self.confidence >= confidence:
            return True
        return any(topic not in same for topic in evidence(self.text))

    @cached_property
    def topics(self) -> list[str]:
        """Every topic the message raises, the one to answer first."""
        return topics_raised(self.text, self.intent, list(self.ranking), list(self.clauses))


def _guess(parse: dict) -> LanguageGuess | None:
    info = parse.get("language")
    if not isinstance(info, dict):
        return None
    code = normalise_code(info.get("code"))
    try:
        confidence = float(info.get("confidence") or 0.0)
    except (TypeError, ValueError):
        confidence = 0.0
    return LanguageGuess(code, confidence, unsupported=info.get("unsupported"))


def _explicit(parse: dict, intent: str | None, text: str) -> str | None:
    for entity in parse.get("entities") or []:
        if isinstance(entity, dict) and entity.get("entity") == "lang":
            code = normalise_code(entity.get("value"))
            if code:
                return code
    if intent == "choose_language":
        return requested_language(text)
    return None


def _source(metadata: object) -> str | None:
    source = metadata.get("src") if isinstance(metadata, dict) else None
    return source if isinstance(source, str) else None


def _guess_without_places(text: str) -> LanguageGuess | None:
    """The language of a first message the detector was unsure of, read again without its place
    names: "aveti o adresa in Zeeuws-Vlaanderen? stau in Terneuzen" is Romanian."""
    from bot.places.gazetteer import gazetteer  # loaded on first use: 7,000 names

    head = text[:DETECT_MAX_CHARS]  # a 1 MB paste is read no further than the detector reads
    try:
        rest = gazetteer().without_places(head)
    except Exception as error:  # noqa: BLE001 - no region data: the first reading stands
        logger.warning("regions unavailable (%s)", type(error).__name__)
        return None
    return detect(rest) if rest != head else None


def read_turn(parse: dict | None, current_language: str | None) -> Turn:
    parse = parse or {}
    intent = (parse.get("intent") or {}).get("name")
    text = parse.get("text") or ""
    guess = _guess(parse)
    explicit = _explicit(parse, intent, text)
    prior = prior_from_metadata(parse.get("metadata"))
    # A short follow-up ("ok, multumesc", "a sega?") keeps the conversation's language, whatever
    # language its words are in: the worker reacts to the answer, and does not ask for another.
    if current_language and follow_up_kind(text):
        guess = None
    decision = decide(current_language, text, guess, explicit=explicit, prior=prior)
    if decision.language is None and not (guess and guess.unsupported):
        decision = decide(None, text, _guess_without_places(text), prior=prior)
    unsupported = None
    long_enough = count_words(text) >= UNSUPPORTED_MIN_WORDS
    if guess and guess.unsupported and not explicit and long_enough:
        unsupported = guess.unsupported
    return Turn(
        intent=intent,
        text=text,
        language=decision.language,
        explicit_choice=decision.reason == "explicit",
        unsupported=unsupported,
        language_changed=decision.language != normalise_code(current_language),
        source=_source(parse.get("metadata")),
        media=isinstance(parse.get("metadata"), dict) and parse["metadata"].get("media") is True,
        check_requested=any(isinstance(e, dict) and e.get("entity") == "check"
                            for e in parse.get("entities") or []),
        ranking=tuple(e for e in parse.get("intent_ranking") or [] if isinstance(e, dict)),
        confidence=confidence_of(parse.get("intent")),
        entities=tuple((str(e.get("entity")), str(e.get("value")))
                       for e in parse.get("entities") or [] if isinstance(e, dict)),
        clauses=tuple(e for e in parse.get("clause_intents") or [] if isinstance(e, dict)),
    )
