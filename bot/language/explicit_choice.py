"""An explicit choice of language in the user's words: "po polsku", "in het Nederlands",
"на български", "romana va rog", "can we talk in romanian".

Matched on folded words (see bot/language/folding.py), by word stems of each language's name as
written in all five languages, so inflected forms ("po rumuńsku", "in bulgara") are found too.
"""
from __future__ import annotations

from bot.language.folding import WORD, fold_token

# Stems of the language names, folded; a word that starts with a stem names that language.
_NAME_STEMS: dict[str, tuple[str, ...]] = {
    "pl": ("polsk", "polish", "polon", "pools", "poolse", "polski"),
    "ro": ("rumun", "romun", "romanian", "roman", "roemeen", "rumansk", "rumunsk"),
    "bg": ("bulgar", "balgar", "bolgar", "bulgaa"),
    "nl": ("holend", "holand", "niderland", "nederland", "dutch", "olandez", "niderl", "hollands",
           "holandsk"),
    "en": ("angiel", "english", "englez", "engels", "anglii", "angliisk", "angliysk", "anglisk"),
}
# Words that start like a language stem but name something else ("romania" the country is fine:
# someone writing "romania" wants Romanian more often than not).
_FALSE_FRIENDS = frozenset({"polskie", "holandia", "holandii", "nederlandse", "nederland"})


def requested_languages(text: str) -> list[str]:
    """Languages named in the text, in order of appearance, without repeats."""
    found: list[str] = []
    for word in WORD.findall(text or ""):
        folded = fold_token(word)
        if folded in _FALSE_FRIENDS:
            continue
        for code, stems in _NAME_STEMS.items():
            if any(folded.startswith(stem) for stem in stems) and code not in found:
                found.append(code)
    return found


def requested_language(text: str) -> str | None:
    """The one language the text asks for, or None when it names none or several."""
    found = requested_languages(text)
    return found[0] if len(found) == 1 else None
