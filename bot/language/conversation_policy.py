"""The conversation language: which language the bot answers in, turn after turn.

Order of precedence (design §4.3), highest first:
1. An explicit choice: a language button, or a message such as "po polsku" / "in het Nederlands".
2. A confident detection of another supported language in the user's own message. To switch away
   from a language already in use, the evidence must be strong: a confident guess on a message of
   at least SWITCH_MIN_WORDS words. Short replies ("ok", "tak", "da", "dzieki", "1200") never
   switch.
3. The language already in use (sticky).
4. Channel hints, as priors, in this order: the deep-link `lang` parameter (QR cards), the
   browser's language, the country code of a phone number. The user's words override them.
5. A plausible detection of the first message when nothing else is known ("hi" -> English).
6. Nothing known: None, and the bot shows the language menu with each name in its own language.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.detection import LanguageGuess
from bot.language.folding import count_words
from bot.language.registry import normalise_code

ACCEPT_CONFIDENCE = 0.5   # first language of a conversation, nothing else known
SWITCH_CONFIDENCE = 0.75  # to leave a language already in use
SWITCH_MIN_WORDS = 3

# Where a channel hint may sit in message metadata, in order of precedence.
PRIOR_KEYS = ("lang", "browser_lang", "phone_lang")


@dataclass(frozen=True)
class Decision:
    language: str | None
    reason: str  # explicit | detected | sticky | prior | first-guess | unknown


# Country calling codes of our languages' countries: a phone number is a prior, never a decision.
_COUNTRY_CODES = (("359", "bg"), ("48", "pl"), ("40", "ro"), ("31", "nl"))


def language_from_phone(number: object) -> str | None:
    """'+48 600 ...' or WhatsApp's '48600...' -> 'pl'; other countries -> None."""
    if not isinstance(number, str):
        return None
    digits = re.sub(r"[^\d+]", "", number).lstrip("+")
    if digits.startswith("00"):
        digits = digits[2:]
    for code, lang in _COUNTRY_CODES:
        if digits.startswith(code) and len(digits) > len(code) + 6:
            return lang
    return None


def prior_from_metadata(metadata: object) -> str | None:
    if not isinstance(metadata, dict):
        return None
    for key in PRIOR_KEYS:
        code = normalise_code(metadata.get(key))
        if code:
            return code
    return None


def decide(
    current: str | None,
    text: str,
    guess: LanguageGuess | None,
    explicit: str | None = None,
    prior: str | None = None,
) -> Decision:
    """Apply the order of precedence in the module docstring to one user message."""
    explicit = normalise_code(explicit)
    if explicit:
        return Decision(explicit, "explicit")
    current = normalise_code(current)
    words = count_words(text)
    if guess is not None and guess.code:
        if current and guess.code != current:
            if guess.confidence >= SWITCH_CONFIDENCE and words >= SWITCH_MIN_WORDS:
                return Decision(guess.code, "detected")
        elif not current and guess.confidence >= SWITCH_CONFIDENCE and words >= SWITCH_MIN_WORDS:
            return Decision(guess.code, "detected")
    if current:
        return Decision(current, "sticky")
    prior = normalise_code(prior)
    if prior:
        return Decision(prior, "prior")
    if guess is not None and guess.code and guess.confidence >= ACCEPT_CONFIDENCE:
        return Decision(guess.code, "first-guess")
    return Decision(None, "unknown")
