"""Short follow-ups ("and then?", "where can I go with this?", "really?", "ok"), recognised from
the phrase lists in data/dialogue/follow_ups.yml in any of our languages, whatever the classifier
made of them: on their own they look like greetings, goodbyes or nothing at all."""
from __future__ import annotations

import re

from bot.dialogue.phrases import phrase_lists, words

# A follow-up phrase may be followed by a few more words ("a potem co?", "ok dzieki za pomoc").
MAX_EXTRA_WORDS = 2
# A loose follow-up (loose_follow_up_kind) is a message of at most this many words, with at most
# LOOSE_GAP words between the phrase's words.
LOOSE_MAX_WORDS = 12
LOOSE_GAP = 2
KINDS = ("next", "where", "is_that_so", "thanks", "how_much")
# "How much?" after a topic: the answer that holds its amounts.
AMOUNTS_OF = {
    "ask_wage_deductions": "ask_wage_deductions", "ask_housing_contract": "ask_wage_deductions",
    "ask_minimum_wage": "ask_minimum_wage", "ask_unpaid_wages": "ask_minimum_wage",
    "ask_payslip": "ask_minimum_wage", "ask_holiday_allowance": "ask_holiday_allowance",
    "ask_sick_pay": "ask_sick_pay", "ask_temp_agency": "ask_minimum_wage",
}


def follow_up_kind(text: str) -> str | None:
    """The kind of follow-up a message is, or None. The longest phrase that fits wins."""
    fits = _fits(text)
    strict = [(size, kind) for size, kind, loose in fits if not loose]
    return max(strict)[1] if strict else None


def loose_follow_up_kind(text: str) -> str | None:
    """A follow-up in more words: the phrase's words in order with a word or two between or
    after ("gdzie moge sie zglosic?", "serieus? ook met een vast contract?"). Never "ok" and
    thanks: "ok but they did not pay" is a new question. Whether it is read in context is for
    read_in_context() to decide."""
    fits = [(size, kind) for size, kind, loose in _fits(text) if kind != "thanks"]
    return max(fits)[1] if fits else None


def read_in_context(text: str, last_topic: str | None, other_topic_sure: bool) -> str | None:
    """The follow-up kind to answer in the context of `last_topic`, or None. A loose follow-up
    counts only when the message shows no other problem, by our word lists or by a classifier
    that is sure of another topic."""
    from bot.dialogue.several_topics import evidence

    kind = follow_up_kind(text)
    if kind is not None or last_topic is None:
        return kind
    kind = loose_follow_up_kind(text)
    if kind is None or other_topic_sure or set(evidence(text)) - {last_topic}:
        return None
    return kind


def _fits(text: str) -> list[tuple[int, str, bool]]:
    """(phrase length, kind, loose) of every phrase the message fits."""
    message = words(text)
    if not message or (text or "").lstrip().startswith("/"):
        return []
    lists = phrase_lists("follow_ups")
    forms = [message]
    # "а към кого да се обърна?", "and where can I go?": one word that only joins on ("a", "and",
    # "en") may go before the phrase.
    if len(message) > 1 and any(message[:1] == lead for leads in lists["lead_in"].values()
                                for lead in leads):
        forms.append(message[1:])
    # Where the first word of each form ends a sentence ("serieus? ook met ...").
    ends = [bool(re.match(rf"^\W*(?:\w+\W+){{{n}}}\w+\s*[?!.,]", text or "")) for n in (0, 1)]
    found = []
    for form, first_ends in zip(forms, ends[:len(forms)], strict=True):
        for kind in KINDS:
            for phrases in lists[kind].values():
                for phrase in phrases:
                    if form[:len(phrase)] == phrase and len(form) - len(phrase) <= MAX_EXTRA_WORDS:
                        found.append((len(phrase), kind, False))
                    elif len(form) <= LOOSE_MAX_WORDS and _in_order(form, phrase, first_ends):
                        found.append((len(phrase), kind, True))
    return found


def _in_order(message: tuple[str, ...], phrase: tuple[str, ...], first_ends: bool) -> bool:
    """The phrase starts the message and its words follow in order, at most LOOSE_GAP words
    apart; a one-word phrase must end a sentence of its own ("serieus? ook met ...")."""
    if message[:1] != phrase[:1]:
        return False
    at = 0
    for word in phrase[1:]:
        window = message[at + 1:at + 2 + LOOSE_GAP]
        if word not in window:
            return False
        at = at + 1 + window.index(word)
    return len(phrase) > 1 or first_ends
