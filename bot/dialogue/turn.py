"""One user turn, read from Rasa's parse data and slots into what the reply needs: the language
to answer in, whether it was chosen explicitly, and whether the user wrote in a language we do
not speak. Pure data in, data out: the actions pass in `tracker.latest_message` and slot values.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.language.conversation_policy import decide, prior_from_metadata
from bot.language.detection import LanguageGuess
from bot.language.explicit_choice import requested_language
from bot.language.folding import count_words
from bot.language.registry import normalise_code

# A message in an unsupported language must have this many words before we say so: "ok" is not
# Hungarian, whatever langdetect thinks.
UNSUPPORTED_MIN_WORDS = 2


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


def read_turn(parse: dict | None, current_language: str | None) -> Turn:
    parse = parse or {}
    intent = (parse.get("intent") or {}).get("name")
    text = parse.get("text") or ""
    guess = _guess(parse)
    explicit = _explicit(parse, intent, text)
    prior = prior_from_metadata(parse.get("metadata"))
    decision = decide(current_language, text, guess, explicit=explicit, prior=prior)
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
    )
