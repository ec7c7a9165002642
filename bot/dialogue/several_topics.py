"""Every problem one message raises: the classifier's intent, the topics its ranking gives real
weight, the topic of a clause the classifier is sure of (bot/rasa/clause_intents.py), and the
topics our own word lists find (data/dialogue/topic_words.yml). The most urgent is answered; the
others are offered ("You also asked about ...")."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from bot.answers.topics import URGENCY, is_topic
from bot.dialogue.phrases import contains, negated, occurrences, phrase_lists, words

# A story is read this far for its problems: a 64 KB paste costs no more than a long story.
EVIDENCE_MAX_CHARS = 4000
# An amount of money: two digits or more, or a number with a currency ("2 days" is not one).
_AMOUNT = re.compile(r"\d{2,}|\d\s*(?:€|e\b|eur|evro|евро|zl|zł|lei|лв)", re.IGNORECASE)
# A second intent of the classifier's ranking counts as a problem raised from this confidence.
ALSO_CONFIDENCE = 0.3
# A clause of a long message raises its topic from this confidence. The classifier's rows are
# unit length (bot/rasa/linear_intent_classifier.py), so a clause of a few words is often
# near-certain of some topic: on 425 first messages written apart from the benchmarks and the
# training data, the main topic is right for 0.944 from 0.8, 0.958 from 0.9, 0.962 from 0.95,
# 0.960 from 0.98; the second problems of the dev conversations are offered alike (40 of 42).
CLAUSE_CONFIDENCE = 0.95
# Where no topic of the whole message's ranking reaches UNSURE_BELOW, a clause raises its topic
# from CLAUSE_CONFIDENCE_WHEN_UNSURE.
UNSURE_BELOW = 0.5
CLAUSE_CONFIDENCE_WHEN_UNSURE = 0.9
# Asking for help or a person is what the worker wants done: it stays the answer, the problems
# in the same message are offered with it.
REQUESTS = ("find_informatiepunt", "ask_human")


# A topic that is part of another's story, not a second problem: losing the job is why the
# worker asks about health insurance or the room.
PART_OF = {
    "ask_health_insurance": {"ask_dismissal"},
    "ask_housing_contract": {"ask_dismissal"},
    "ask_homelessness": {"ask_housing_contract"},
    # Not dismissal: "they end my contract because I am sick" is a dismissal, answered first.
    # Pay missing while sick is what sick pay is about: "no salary the first days?".
    "ask_sick_pay": {"ask_health_insurance", "ask_unpaid_wages"},
}


# Words of a topic that, beside the words of another, tell that other's story wherever its
# topic came from: "they did not pay my sick days" is the sick-pay question, not missing pay to
# answer before the dismissal (PART_OF holds only for the classifier's intent).
TOLD_WITH = {"ask_sick_pay": {"ask_unpaid_wages"}}


# A phrase that starts with a "not" ("nie zaplacili") is never read as denied.
NEGATIONS = frozenset(w for phrases in phrase_lists("negation")["negation"].values()
                      for (w,) in phrases)
# Topics a "not" before their words denies. Not the others: a missing rent contract, insurance,
# pay or payslip is what those questions are about ("nooit huurcontract gekregen").
DENIABLE = frozenset({"ask_dismissal"})


def evidence(text: str) -> list[str]:
    """Topics whose words the message contains (data/dialogue/topic_words.yml and the other
    persons and tenses of its phrases, topic_word_forms.yml); some words count only beside an
    amount (topic_words_with_amount.yml: "110 for the room")."""
    return list(_evidence((text or "")[:EVIDENCE_MAX_CHARS]))


@lru_cache(maxsize=256)
def _evidence(text: str) -> tuple[str, ...]:
    """One turn asks for a message's evidence several times (its topics, whether it is a
    follow-up, whether it stays on the problem): read once."""
    message = words(text)
    present, ordered = set(message), sorted(set(message))

    def holds(phrase: tuple[str, ...]) -> bool:
        if len(phrase) > 1:  # its first word must be in the message as it is
            return phrase[0] in present and contains(message, phrase)
        at = bisect_left(ordered, phrase[0])  # one word, matched as a prefix ("paszportu")
        return at < len(ordered) and ordered[at].startswith(phrase[0])

    def said(topic: str, phrase: tuple[str, ...]) -> bool:
        """Found, and not denied where a "not" can deny the topic: "ne sme uvolneni" (we are
        not fired) is no dismissal; "never got a rent contract" is the rent-contract question."""
        if not holds(phrase):
            return False
        return topic not in DENIABLE or phrase[0] in NEGATIONS or any(
            not negated(message, at) for at in occurrences(message, phrase))

    def beside_amount(phrase: tuple[str, ...]) -> bool:
        """ "110 for the room", not "the contract for the room" (beside some amount)."""
        return holds(phrase) and any(at == 0 or message[at - 1] not in _contract_words()
                                     for at in occurrences(message, phrase))

    found = [topic for name in ("topic_words", "topic_word_forms")
             for topic, by_lang in phrase_lists(name).items()
             if any(said(topic, phrase) for phrases in by_lang.values() for phrase in phrases)]
    if _AMOUNT.search(text):
        with_amount = phrase_lists("topic_words_with_amount")
        found += [topic for topic, by_lang in with_amount.items() if not topic.startswith("_")
                  and any(beside_amount(phrase) for phrases in by_lang.values()
                          for phrase in phrases)]
    return tuple(dict.fromkeys(found))


@cache
def _contract_words() -> frozenset[str]:
    """The words for a contract before which "for the room" is no deduction."""
    return frozenset(phrase[0] for phrases in
                     phrase_lists("topic_words_with_amount")["_not_after"].values()
                     for phrase in phrases)


def urgency(topic: str) -> int:
    return URGENCY.index(topic) if topic in URGENCY else len(URGENCY)


def confidence_of(entry: object) -> float:
    """The confidence of an intent, ranking or clause entry of a parse (0 when unreadable)."""
    try:
        return float(entry.get("confidence") or 0.0) if isinstance(entry, dict) else 0.0
    except (TypeError, ValueError):
        return 0.0


def topics_raised(text: str, intent: str | None, ranking: list[dict] | None = None,
                  clauses: list[dict] | None = None) -> list[str]:
    """The topics of one message, the one to answer first: a request for help or a person if
    that is what the message is; otherwise the most urgent problem (URGENCY), then the rest."""
    if (text or "").lstrip().startswith("/"):
        return [intent] if is_topic(intent) else []
    raised = [intent] if is_topic(intent) else []
    for entry in (ranking or [])[1:3]:
        name = entry.get("name") if isinstance(entry, dict) else None
        if is_topic(name) and confidence_of(entry) >= ALSO_CONFIDENCE:
            raised.append(name)
    # A clause asks for a person or help nearby only as part of the whole message's request.
    # Where the whole message left the classifier unsure (a long story), a clause it is nearly
    # sure of says more.
    top = max((confidence_of(e) for e in ranking or []
               if isinstance(e, dict) and is_topic(e.get("name"))), default=0.0)
    unsure = bool(ranking) and top < UNSURE_BELOW
    needed = CLAUSE_CONFIDENCE_WHEN_UNSURE if unsure else CLAUSE_CONFIDENCE
    raised += [c.get("name") for c in clauses or []
               if is_topic(c.get("name")) and c.get("name") not in REQUESTS
               and confidence_of(c) >= needed]
    found = evidence(text)
    told = {part for topic in raised + found for part in TOLD_WITH.get(topic, ())}
    raised += [t for t in found if t not in told or t in raised]
    part_of = PART_OF.get(intent or "", set())
    unique = [t for t in dict.fromkeys(raised) if t == intent or t not in part_of]
    if unique and unique[0] in REQUESTS:
        return unique[:1] + sorted(unique[1:], key=urgency)
    # sorted() is stable: topics of equal urgency keep the classifier's order
    return sorted(unique, key=urgency)
