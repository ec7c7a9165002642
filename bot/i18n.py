"""Translations of the bot's own strings (bot.messages) from the Babel catalogs in locales/.

The catalogs are read straight from their .po files when first needed: they are small, and this
leaves no compiled .mo file that could go stale beside its source.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

from bot import ROOT
from bot.language.registry import FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES

LOCALES_DIR = ROOT / "locales"
# Dates and amounts in English are written for readers in Europe: "3 February 2026", "€14.71".
FORMAT_LOCALES = {"en": "en_GB"}
DOMAIN = "messages"


def catalog_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> dict[str, str]:
    path = catalog_path(lang)
    if not path.exists():
        return {}
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    return {
        msg.id: msg.string
        for msg in catalog
        if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy
    }


def translate(lang: str | None, message: str, **values: str) -> str:
    """`message` in `lang` (English when missing), with `{placeholders}` filled in."""
    lang = lang if lang in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE
    text = _translations(lang).get(message, message) if lang != "en" else message
    return tidy(text.format(**values)) if values else text


def tidy(text: str) -> str:
    """Punctuation after filled-in values: a Bulgarian date ends in "г.", so a sentence that
    ends with one must not add a second full stop ("2026 г..")."""
    return text.replace("г..", "г.") if "г.." in text else text


def format_day(lang: str | None, day: dt.date) -> str:
    """A date written the way the language writes it: '3 lutego 2026', '3 februari 2026'."""
    return format_date(day, format="long", locale=_format_locale(lang))


def format_share(lang: str | None, share: Decimal) -> str:
    """A share written as a percentage the way the language writes it: '25%', '87,5 %'."""
    return format_percent(share, format="#,##0.#%", locale=_format_locale(lang))


def format_money(lang: str | None, amount: Decimal, currency: str = "EUR") -> str:
    """An amount written the way the language writes it: '14,71 €' (pl), '€ 14,71' (nl)."""
    return format_currency(amount, currency, locale=_format_locale(lang))


def format_number(lang: str | None, number: Decimal) -> str:
    """'37,5' in Polish, '37.5' in English."""
    return format_decimal(number, locale=_format_locale(lang))


def _format_locale(lang: str | None) -> str:
    lang = lang if lang in SUPPORTED_LANGUAGES else FALLBACK_LANGUAGE
    return FORMAT_LOCALES.get(lang, lang)
