"""Short follow-ups ("and then?", "where can I go with this?", "really?", "ok"), recognised from
the phrase lists in data/dialogue/follow_ups.yml in any of our languages, whatever the classifier
made of them: on their own they look like greetings, goodbyes or nothing at all."""
from __future__ import annotations

import re
from functools import cache

from bot.dialogue.phrases import contains, phrase_lists, words
from bot.dialogue.several_topics import REQUESTS, evidence

# A follow-up phrase may be followed by a few more words ("a potem co?", "ok dzieki za pomoc").
MAX_EXTRA_WORDS = 2
# A loose follow-up (read_in_context) is a message of at most this many words, with at most
# LOOSE_GAP words between the phrase's words.
LOOSE_MAX_WORDS = 12
LOOSE_GAP = 2
# A loose phrase of this many words is a follow-up even where the classifier is sure of another
# topic: "is dat echt zo, ook bij een uitzendbureau?" is doubt, not a question about agencies.
SURE_PHRASE_WORDS = 3
KINDS = ("next", "where", "is_that_so", "is_it_allowed", "thanks", "how_much")
# "How much?" after a topic: the answer that holds its amounts.
AMOUNTS_OF = {
    "ask_wage_deductions": "ask_wage_deductions", "ask_housing_contract": "ask_wage_deductions",
    "ask_minimum_wage": "ask_minimum_wage", "ask_unpaid_wages": "ask_minimum_wage",
    "ask_payslip": "ask_minimum_wage", "ask_holiday_allowance": "ask_holiday_allowance",
    "ask_sick_pay": "ask_sick_pay", "ask_temp_agency": "ask_minimum_wage",
}


def follow_up_kind(text: str) -> str | None:
    """The kind of follow-up a message is, or None. The longest phrase that fits wins."""
    best = _best(_fits(text), loose=False)
    return best[1] if best else None


def _best(fits: list[tuple[int, str, bool]], loose: bool) -> tuple[int, str] | None:
    """The longest fitting phrase as (length, kind): strict fits only, or, for `loose`, any fit
    but thanks ("ok but they did not pay" is a new question)."""
    chosen = [(size, kind) for size, kind, is_loose in fits
              if (kind != "thanks" if loose else not is_loose)]
    return max(chosen) if chosen else None


def opens_like_a_follow_up(text: str) -> bool:
    """The message asks about the answer: it opens as a follow-up does, after a joining word or
    two ("cat trebuie sa-mi ramana minim?", "ok and what we do now, ...", "mag dat als je ziek
    bent??"), or ends in doubt ("zic ca il tin ei pana se termina contractul. e legal asa?").
    Such a question is often full of another topic's words ("minim", "ziek", "contractul") and
    still about this one."""
    return _asks_about_it(text, [kind for kind in KINDS if kind not in ("thanks", "where")])


def doubts_it(text: str) -> bool:
    """The message opens or ends in doubt about what was said ("chiar ...?", "..., e adevarat?",
    "..., is that legal?")."""
    return _asks_about_it(text, ["is_that_so", "is_it_allowed"])


def _asks_about_it(text: str, kinds: list[str]) -> bool:
    message = words(text)
    leads, first_words, doubt = _asking_phrases(tuple(kinds))
    for _ in range(2):
        if len(message) > 1 and message[0] in leads:
            message = message[1:]
    if not message:
        return False
    return message[0] in first_words or any(message[-len(phrase):] == phrase for phrase in doubt)


@cache
def _asking_phrases(kinds: tuple[str, ...]):
    """The joining words, the first words of the phrases of `kinds`, and the doubt phrases of
    two words or more (read once: asked several times a turn)."""
    lists = phrase_lists("follow_ups")
    leads = frozenset(lead[0] for by_lang in lists["lead_in"].values() for lead in by_lang)
    first_words = frozenset(phrase[0] for kind in kinds for phrases in lists[kind].values()
                            for phrase in phrases)
    doubt = tuple(phrase for kind in ("is_that_so", "is_it_allowed")
                  for phrases in lists[kind].values() for phrase in phrases if len(phrase) > 1)
    return leads, first_words, doubt


def asks_something_new(text: str) -> bool:
    """ "one more thing", "i jeszcze jedno", "si inca ceva", "и още нещо", "nog een vraag": the
    worker says a new question is coming, whatever it looks like."""
    message = words(text)
    return any(contains(message, phrase) for phrases in phrase_lists("follow_ups")
               ["new_question"].values() for phrase in phrases)


def refers_back(message: tuple[str, ...]) -> bool:
    """ "cu asta", "with this", "z tym", "с това" and a who or where: help with what was said."""
    lists = phrase_lists("follow_ups")
    asks = {word for words_ in lists["who_or_where"].values() for (word,) in words_}
    return bool(asks & set(message)) and any(
        contains(message, phrase) for phrases in lists["refers_back"].values()
        for phrase in phrases)


def read_in_context(text: str, last_topic: str | None, other_topic_sure: bool) -> str | None:
    """The follow-up kind to answer in the context of `last_topic`, or None.
    - A loose follow-up (the phrase's words in order with a word or two between or after:
      "gdzie moge sie zglosic?", "serieus? ook met een vast contract?") counts only when our word
      lists find no other problem in the message, and the classifier is not sure of another
      topic, unless the phrase is a long one ("is dat echt zo, ook bij een uitzendbureau?").
    - A short message that asks who or where and refers back ("stau in Hoogeveen, e cineva aici
      sa ma ajute cu asta?") asks for help with the same problem, unless the classifier is sure
      it is about another topic ("and who pays the doctor with this accident")."""
    fits = _fits(text)
    strict = _best(fits, loose=False)
    if strict is not None or last_topic is None:
        return strict[1] if strict else None
    message = words(text)
    if len(message) > LOOSE_MAX_WORDS or set(evidence(text)) - {last_topic, *REQUESTS}:
        return None
    loose = _best(fits, loose=True)
    if loose is not None and (not other_topic_sure or loose[0] >= SURE_PHRASE_WORDS):
        return loose[1]
    if not other_topic_sure and refers_back(message):
        return "where"
    return None


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
