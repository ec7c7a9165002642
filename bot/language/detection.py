"""Which of our languages is one message written in? Built for short, diacritic-less phone text.

langdetect alone guesses badly on "nie dostalem wyplaty" or "ok" (and is random unless seeded), so
the evidence is combined:
1. script: Cyrillic is Bulgarian unless it shows Russian or Ukrainian (letters Bulgarian lacks,
   a soft sign not before о, frequent Russian/Ukrainian words, or langdetect when Bulgarian words
   are missing);
2. letters only one of our languages has (ą ę ł ś ż ź ć ń; ă ș ț â î), and letters none of ours
   has (ő ř ľ ñ ...), which point to a language we do not speak;
3. frequent words per language, with and without diacritics, including Bulgarian in Latin letters;
4. a character n-gram model of each language learned from our own NLU examples
   (bot.language.char_ngrams);
5. frequent words and letters of languages we do not speak (Hungarian, Lithuanian, Slovak,
   Spanish, German, Turkish...), so their speakers get the language menu instead of a wrong guess;
6. langdetect, seeded and limited to our five, as a tie-breaker on longer messages where the
   evidence above is nearly even, and to tell Russian or Ukrainian from Bulgarian when a Cyrillic
   message has no Bulgarian word. Both are rare, which keeps its cost off the common path.
Dutch domain words (loonstrook, BSN, gemeente...) are weak evidence for Dutch: alone they say
Dutch, but they never pull a Polish sentence to Dutch. Words such as "ok" or town names count for
no language.

`detect()` returns a LanguageGuess with `code` None when it cannot tell; `unsupported` carries a
code ("uk", "hu", "other") when the text looks like a language we do not speak.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot import ROOT
from bot.language.char_ngrams import default_model
from bot.language.folding import fold_token
from bot.language.quoted import own_words
from bot.language.registry import SUPPORTED_LANGUAGES

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

# Dutch words that workers of every language use: weak evidence for Dutch only.
DUTCH_DOMAIN_WORDS = frozenset("""
loonstrook loonstroken huurcontract zorgverzekering uitzendbureau uitzendbureaus gemeente bsn
vakantiegeld vakantiebijslag ontslag werkgever inhouding inhoudingen huisarts digid rni brp
informatiepunt zorgtoeslag toeslag arbeidsinspectie eigen risico ziektewet ww uwv sncu cao
uitzendbeding loon huur salarisstrook reservering belastingdienst verzekering zorgpas ziek melden
ziekmelding minimumloon keurmerk
""".split())
# Words that say nothing about the language.
NEUTRAL_WORDS = frozenset("""
ok okay oke okej okey euro eur tilburg venlo westland naaldwijk rotterdam amsterdam breda
eindhoven utrecht zwolle horst venray almere emmen den haag bosch nl holland nederland whatsapp
sms email mail internet online app id pin fnv pdf
""".split())

# Letters that only one of our languages has (after lower-casing).
_SPECIFIC_LETTERS = {"pl": set("ąęłśżźćń"), "ro": set("ășşțţâî")}
LEXICON_FILE = ROOT / "data" / "language" / "lexicon.yml"


def _read_word_lists(path: Path = LEXICON_FILE) -> dict[str, dict[str, frozenset[str]]]:
    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    return {part: {code: frozenset(str(words).split()) for code, words in doc[part].items()}
            for part in ("ours", "foreign")}


# Read once when the detector is first imported: a few kilobytes, used on every message.
_WORD_LISTS = _read_word_lists()

# Languages we do not speak but whose speakers write to us: letters none of ours uses, and
# frequent words that are not words of ours. Enough to say "not ours", and mostly which one.
FOREIGN_LETTERS = {
    "hu": set("őű"), "cs": set("řěů"), "sk": set("ľĺŕôä"), "lt": set("ėįųū"),
    "es": set("ñ¿¡"), "tr": set("ğı"), "de": set("ß"), "pt": set("ãõ"),
}
_ANY_FOREIGN_LETTER = set().union(*FOREIGN_LETTERS.values()) | set("áíúýčšžťďňöüçà")
FOREIGN_LEXICON: dict[str, frozenset[str]] = _WORD_LISTS["foreign"]
_FOREIGN_MIN_EVIDENCE = 2.0
# Words with letters none of ours uses (á, č, ö...), to call a message foreign without a name.
_FOREIGN_ACCENTED_WORDS = 2

# Cyrillic letters Bulgarian does not use: Russian and Ukrainian.
_NON_BULGARIAN_CYRILLIC = {"ы": "ru", "э": "ru", "ё": "ru",
                           "і": "uk", "ї": "uk", "є": "uk", "ґ": "uk"}
# Bulgarian writes ь only before о ("шофьор"); Russian and Ukrainian use it freely ("деньги").
_SOFT_SIGN_NOT_BULGARIAN = re.compile(r"ь(?!о)")
_RUSSIAN_OR_UKRAINIAN_WORDS = {
    "что": "ru", "мне": "ru", "меня": "ru", "это": "ru", "нет": "ru", "если": "ru", "когда": "ru",
    "деньги": "ru", "сейчас": "ru", "понимаю": "ru", "спасибо": "ru", "пожалуйста": "ru",
    "где": "ru", "почему": "ru", "работодатель": "ru", "паспорт": None,
    "дякую": "uk", "де": "uk", "чому": "uk", "мені": "uk", "що": "uk", "допомогу": "uk",
    "будь": "uk", "ласка": "uk", "можу": "uk", "отримати": "uk",
}

# Frequent words per language, folded (data/language/lexicon.yml).
LEXICON: dict[str, frozenset[str]] = _WORD_LISTS["ours"]

# Weights of the evidence. Tuned on tests/nlu_heldout/ (phone messages labelled by language),
# not on the benchmark set tests/langid/.
_W_LEXICON = 1.0
_W_LETTER = 1.5
_W_NGRAM = 1.5
_W_NGRAM_SHORT = 0.9
_W_DUTCH_DOMAIN = 0.3
_NGRAM_SHARPNESS = 8.0
_EVIDENCE_FOR_FULL_CONFIDENCE = 2.5
_W_LANGDETECT = 1.0
_LANGDETECT_TRIALS = 3
# Mean log-probability per character n-gram under the best of our languages below which a message
# looks unlike all of them (5th percentile of tests/nlu_heldout/ is about -7.3), and the share of
# our own words below which langdetect is asked what it is.
_OUT_OF_DISTRIBUTION = -7.0
_OWN_WORDS_SHARE = 0.34
_CLOSE_CALL = 0.3
# Bulgarian in Latin letters writes я as "q" and ч, ш as "4", "6" ("nqmam", "ve4e", "ni6to"):
# no other language near it does, so such a message is never called Slovenian or Croatian.
_LATIN_BULGARIAN = re.compile(r"[a-z][46][a-z]|[a-z]q(?!u)")
_UNSUPPORTED_MIN_WORDS = 3
# The head of a message that is read for its language: the rest of a long paste adds nothing.
DETECT_MAX_CHARS = 2000


@dataclass(frozen=True)
class LanguageGuess:
    code: str | None
    confidence: float
    unsupported: str | None = None
    scores: dict[str, float] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict:
        out: dict = {"code": self.code, "confidence": round(self.confidence, 3)}
        if self.unsupported:
            out["unsupported"] = self.unsupported
        return out


UNKNOWN = LanguageGuess(None, 0.0)


@lru_cache(maxsize=1)
def _langdetect_factory():
    # Loading langdetect's profiles takes ~0.5 s: do it once, on first use.
    from langdetect import DetectorFactory, detector_factory

    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory._factory


def _langdetect_probabilities(text: str) -> dict[str, float]:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        detector = _langdetect_factory().create()
        # 3 random trials instead of 7: same top language on our sets, under half the time.
        detector.n_trial = _LANGDETECT_TRIALS
        detector.append(text)
        return {p.lang: p.prob for p in detector.get_probabilities()}
    except LangDetectException:
        return {}


def _langdetect_top(text: str) -> tuple[str | None, float]:
    probabilities = _langdetect_probabilities(text)
    if not probabilities:
        return None, 0.0
    return max(probabilities.items(), key=lambda kv: kv[1])


def _cyrillic_guess(lowered: str, letters: list[str]) -> LanguageGuess:
    for ch in letters:
        if ch in _NON_BULGARIAN_CYRILLIC:
            return LanguageGuess(None, 0.0, unsupported=_NON_BULGARIAN_CYRILLIC[ch])
    words = _WORD.findall(lowered)
    if _SOFT_SIGN_NOT_BULGARIAN.search(lowered):
        return LanguageGuess(None, 0.0, unsupported="ru")
    bulgarian_words = sum(1 for w in words if fold_token(w) in LEXICON["bg"])
    bulgarian_words += lowered.count("ъ")  # very frequent in Bulgarian, rare elsewhere
    foreign = [_RUSSIAN_OR_UKRAINIAN_WORDS[w] for w in words if _RUSSIAN_OR_UKRAINIAN_WORDS.get(w)]
    if foreign and len(foreign) >= bulgarian_words:
        return LanguageGuess(None, 0.0, unsupported=foreign[0])
    if len(words) >= _UNSUPPORTED_MIN_WORDS and bulgarian_words == 0:
        top, prob = _langdetect_top(lowered)
        if top in ("ru", "uk") and prob > 0.95:
            return LanguageGuess(None, 0.0, unsupported=top)
    return LanguageGuess("bg", 0.99 if len(letters) >= 4 else 0.9, scores={"bg": 1.0})


def _ngram_posterior(words: list[str]) -> tuple[dict[str, float], float]:
    """Softmax over our languages of the n-gram model, and the best mean log-probability."""
    likelihoods = default_model(DUTCH_DOMAIN_WORDS | NEUTRAL_WORDS).log_likelihoods(words)
    if not likelihoods:
        return {}, 0.0
    best = max(likelihoods.values())
    weights = {k: math.exp(_NGRAM_SHARPNESS * (v - best)) for k, v in likelihoods.items()}
    total = sum(weights.values())
    return {k: w / total for k, w in weights.items()}, best


def _unsupported(words: list[str], foreign: dict[str, float], ours: dict[str, float]) -> str | None:
    """The code of a language we do not speak, when its evidence beats ours."""
    code, evidence = max(foreign.items(), key=lambda kv: kv[1])
    if evidence >= _FOREIGN_MIN_EVIDENCE and evidence > max(ours.values()):
        return code
    own_letters = any(ch in letters_ for letters_ in _SPECIFIC_LETTERS.values()
                      for w in words for ch in w)
    accented = sum(1 for w in words if any(ch in _ANY_FOREIGN_LETTER for ch in w))
    if accented >= _FOREIGN_ACCENTED_WORDS and not own_letters:
        return code if evidence > 0 else "other"
    return None


def _unlike_ours(words: list[str], best_fit: float, scores: dict[str, float],
                 latin_bulgarian: bool = False) -> str | None:
    """For a longer message that fits none of our languages' letter statistics and has few of our
    words, ask langdetect (over all its languages) which language it is."""
    if len(words) < _UNSUPPORTED_MIN_WORDS or best_fit > _OUT_OF_DISTRIBUTION:
        return None
    if latin_bulgarian and max(scores, key=scores.get) == "bg":
        return None
    own_words = sum(1 for w in words if any(fold_token(w) in lex for lex in LEXICON.values()))
    if own_words / len(words) >= _OWN_WORDS_SHARE:
        return None
    top, prob = _langdetect_top(" ".join(words))
    if top and top not in SUPPORTED_LANGUAGES and prob > 0.9:
        return top
    return None


def _break_close_calls(words: list[str], scores: dict[str, float]) -> None:
    """When two of our languages are nearly tied on a longer message, let langdetect (limited to
    our five) add its vote. Rare, so its cost stays off the common path."""
    if len(words) < _UNSUPPORTED_MIN_WORDS:
        return
    first, second = sorted(scores.values(), reverse=True)[:2]
    if first - second > _CLOSE_CALL:
        return
    probabilities = _langdetect_probabilities(" ".join(words))
    for code in scores:
        scores[code] += _W_LANGDETECT * probabilities.get(code, 0.0)


def detect(text: str) -> LanguageGuess:
    """Guess the language of one message; see the module docstring for the evidence used."""
    # Empty, a button payload such as /greet, or a text that only looks like one (the channels
    # put a word joiner before it, bot/channels/payloads.py): no words of a language.
    if not text or text.lstrip("\u2060").startswith("/"):
        return UNKNOWN
    text = own_words(text)  # a pasted letter is not the language the worker writes in
    lowered = text.lower()
    letters = [ch for ch in lowered if ch.isalpha()]
    if not letters:
        return UNKNOWN
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic / len(letters) > 0.5:
        return _cyrillic_guess(lowered, letters)

    scores = {code: 0.0 for code in SUPPORTED_LANGUAGES}
    foreign = {code: 0.0 for code in FOREIGN_LEXICON}
    language_words: list[str] = []
    for word in _WORD.findall(lowered):
        folded = fold_token(word)
        if folded in NEUTRAL_WORDS:
            continue
        if folded in DUTCH_DOMAIN_WORDS:
            scores["nl"] += _W_DUTCH_DOMAIN
            continue
        language_words.append(word)
        for code, specific in _SPECIFIC_LETTERS.items():
            if any(ch in specific for ch in word):
                scores[code] += _W_LETTER
        owners = [code for code, lexicon in LEXICON.items() if folded in lexicon]
        for code in owners:
            scores[code] += _W_LEXICON / len(owners)
        if not owners:
            for code, lexicon in FOREIGN_LEXICON.items():
                foreign[code] += _W_LEXICON if folded in lexicon else 0.0
        for code, letters_ in FOREIGN_LETTERS.items():
            if any(ch in letters_ for ch in word):
                foreign.setdefault(code, 0.0)
                foreign[code] += _FOREIGN_MIN_EVIDENCE
    if not language_words and not scores["nl"]:
        return UNKNOWN
    # "oran4eriqta", "nqkoi": Bulgarian in Latin letters, as surely as a letter of its own.
    latin_bulgarian = len(_LATIN_BULGARIAN.findall(lowered))
    scores["bg"] += _W_LETTER * latin_bulgarian

    if language_words:
        unsupported = _unsupported(language_words, foreign, scores)
        if unsupported:
            return LanguageGuess(None, 0.0, unsupported=unsupported, scores=scores)
        posterior, best_fit = _ngram_posterior(language_words)
        unsupported = _unlike_ours(language_words, best_fit, scores, latin_bulgarian > 0)
        if unsupported:
            return LanguageGuess(None, 0.0, unsupported=unsupported, scores=scores)
        # On one or two words, a known word says more than letter statistics.
        weight = _W_NGRAM if len(language_words) > 2 else _W_NGRAM_SHORT
        for code, p in posterior.items():
            scores[code] += weight * p
        _break_close_calls(language_words, scores)

    total = sum(scores.values())
    if total <= 0:
        return UNKNOWN
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    share = ranked[0][1] / total
    strength = 1.0 - math.exp(-2.0 * total / _EVIDENCE_FOR_FULL_CONFIDENCE)
    confidence = share * strength
    if ranked[0][1] == ranked[1][1]:
        return LanguageGuess(None, confidence, scores=scores)
    return LanguageGuess(ranked[0][0], confidence, scores=scores)
