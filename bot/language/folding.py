"""Folding of phone-typed text so that spelling variants meet: 'zabrał'/'zabral',
'паспорт'/'pasport', '6efa'/'shefa'.

Used by the NLU tokenizer (for features only: the user's text itself is never changed) and by
language identification.
"""
from __future__ import annotations

import re
import unicodedata

# A word: a run of letters, in any script (digits and punctuation split words).
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def count_words(text: str | None) -> int:
    return len(WORD.findall(text or ""))


# Letters NFKD does not decompose.
_EXTRA_FOLDS = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ø": "o", "đ": "d", "ı": "i"})

# Bulgarian Cyrillic -> the Latin spelling Bulgarians use in chat (one common variant).
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "i", "ю": "yu", "я": "ya",
    # Letters of Russian/Ukrainian, so their text folds to something stable too.
    "ы": "y", "э": "e", "ё": "yo", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}

# Chat-style digits inside words: '6' for ш, '4' for ч (Bulgarian), e.g. '6efa', '4akam'.
_DIGIT_LETTERS = re.compile(r"(?<=[a-z])[46]|[46](?=[a-z])")
_DIGIT_MAP = {"6": "sh", "4": "ch"}


def strip_diacritics(text: str) -> str:
    """Remove accents from Latin letters, keep Cyrillic letters as they are."""
    text = text.translate(_EXTRA_FOLDS)
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn":
            continue
        out.append(ch)
    folded = unicodedata.normalize("NFC", "".join(out))
    # NFD splits й into и + breve; NFC after dropping the breve leaves и: that is fine for folding.
    return folded


def fold_token(token: str) -> str:
    """Lower-case, strip diacritics, transliterate Cyrillic, read chat digits as letters."""
    token = strip_diacritics(token.lower())
    if any("\u0400" <= ch <= "\u04ff" for ch in token):
        token = "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in token)
    if any(ch in "46" for ch in token) and any(ch.isalpha() for ch in token):
        token = _DIGIT_LETTERS.sub(lambda m: _DIGIT_MAP[m.group(0)], token)
    return token
