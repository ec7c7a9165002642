"""Phrase lists from data/dialogue/, matched on folded words (bot/language/folding.py), so that
"А след това?", "a sled tova" and "A SLED TOVA!!" are one phrase."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from bot import ROOT
from bot.language.folding import fold_token

DIALOGUE_DIR = ROOT / "data" / "dialogue"


# A word, where Bulgarian in Latin letters may write ч and ш as 4 and 6 ("ve4e", "ni6to",
# "4akam"): one word, folded to "veche", "nishto", "chakam". A digit after a digit stays a number.
_WORD = re.compile(r"(?:[^\W\d_]|(?<=[^\W\d_])[46](?=[^\W\d_])|(?<!\w)[46](?=[^\W\d_]))+")


def words(text: str) -> tuple[str, ...]:
    return tuple(fold_token(w) for w in _WORD.findall(text or ""))


@cache
def phrase_lists(name: str) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """{group: {language: (phrase words, ...)}} from data/dialogue/<name>.yml."""
    path: Path = DIALOGUE_DIR / f"{name}.yml"
    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    return {group: {lang: tuple(words(str(p)) for p in phrases if words(str(p)))
                    for lang, phrases in by_lang.items()}
            for group, by_lang in doc.items()}


def contains(message: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """Whether the phrase's words occur in order in the message, the last one as a prefix
    ("paszport" finds "paszportu", "nie zaplacil" finds "nie zaplacili")."""
    return next(_starts(message, phrase), None) is not None


def occurrences(message: tuple[str, ...], phrase: tuple[str, ...]) -> list[int]:
    """Where the phrase starts in the message, matched as `contains` matches it."""
    return list(_starts(message, phrase))


def _starts(message: tuple[str, ...], phrase: tuple[str, ...]):
    n = len(phrase)
    return (i for i in range(len(message) - n + 1)
            if message[i:i + n - 1] == phrase[:-1] and message[i + n - 1].startswith(phrase[-1]))


def negated(message: tuple[str, ...], at: int) -> bool:
    """Whether a "not" stands right before the words at `at`, or a short word or two of the same
    language before them (data/dialogue/negation.yml): "ne sme uvolneni", "I was not fired", but
    not the Romanian "ne-au dat afara" (they threw us out)."""
    for nots, between in _negation_by_language():
        for back in range(at - 1, max(at - 4, -1), -1):
            if message[back] in nots:
                return True
            if message[back] not in between:
                break
    return False


@cache
def _negation_by_language() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    lists = phrase_lists("negation")
    return tuple((frozenset(w for (w,) in nots),
                  frozenset(w for (w,) in lists["between"].get(lang, ())))
                 for lang, nots in lists["negation"].items())
