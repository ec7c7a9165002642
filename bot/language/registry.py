"""The one registry of languages the bot speaks (style: warehouse KNOWN_LOCALES).

Everything that loops over languages -- NLU files, FAQ completeness, the language menu, catalog
compilation -- reads SUPPORTED_LANGUAGES, so adding a language starts here.
"""
from __future__ import annotations

from babel import Locale

# Order is the order of the language menu: the four worker languages, then English as fallback.
SUPPORTED_LANGUAGES: tuple[str, ...] = ("pl", "ro", "bg", "nl", "en")
FALLBACK_LANGUAGE = "en"


def is_supported(code: object) -> bool:
    return isinstance(code, str) and code in SUPPORTED_LANGUAGES


def normalise_code(value: object) -> str | None:
    """'pl-PL', 'PL', 'pl_PL' -> 'pl'; anything unsupported or malformed -> None."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if is_supported(code) else None


def native_name(code: str) -> str:
    """The language's name written in that language, e.g. 'polski', 'български' (Babel/CLDR)."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def english_name(code: str) -> str:
    return Locale.parse(code).get_display_name("en") or code
