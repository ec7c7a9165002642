"""The language of the staff pages, Dutch or English, and their translations.

Which language: the `staff_lang` cookie the switch in every page's header sets
(GET /staff/language?to=nl, bot/staff/language_views.py), else the browser's Accept-Language (Dutch
when the browser ranks Dutch above English), else English. English is the msgid.

The strings are in a gettext domain of their own, `staff`: locales/staff.pot and
locales/nl/LC_MESSAGES/staff.po (`make translations` extracts them from the templates and from
the `S_` markers in bot/staff/*.py). Like bot/i18n.py, the .po file is read when first needed,
without a compiled .mo file. Messages that Python code shows to staff are marked with `S_` (a
no-op) or carried with their values as a `Msg`, and translated when the page is rendered.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from bot import ROOT

LANGUAGES = ("en", "nl")
DEFAULT = "en"
COOKIE = "staff_lang"
DOMAIN = "staff"
LOCALES_DIR = ROOT / "locales"
MAX_HEADER = 1000  # characters of Accept-Language that are read
MAX_NEXT = 500
HOME = "/staff"


def S_(message: str) -> str:
    """Marks an English message for the staff catalog; `localize` translates it when shown."""
    return message


@dataclass(frozen=True)
class Msg:
    """A message with `{placeholders}` and their values; a value that is a Msg is translated
    too, any other value is data and shown as it is (names, regions, numbers, dates)."""

    message: str
    values: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return localize(DEFAULT, self)


def catalog_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> Translations:
    """The staff catalog of `lang` as gettext translations (none for English: the msgids)."""
    path = catalog_path(lang)
    if lang == DEFAULT or lang not in LANGUAGES or not path.exists():
        return Translations(domain=DOMAIN)
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def localize(lang: str, text):
    """A message (a string, marked or not, or a Msg) in `lang`; None stays None. A string that
    is no msgid (a user name, a region) comes back as it is."""
    if text is None:
        return None
    if isinstance(text, Msg):
        values = {k: localize(lang, v) if isinstance(v, Msg) else v
                  for k, v in text.values.items()}
        return gettext(lang, text.message).format(**values)
    return gettext(lang, str(text))


def from_accept_language(header: str | None) -> str:
    """nl when the browser ranks Dutch above English (and any q > 0), else en."""
    ranked = []
    for position, part in enumerate((header or "")[:MAX_HEADER].split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and 0 < q <= 1:  # NaN is neither
            ranked.append((-q, position, primary))
    return min(ranked)[2] if ranked else DEFAULT


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The switch's choice first, then the browser's."""
    if cookie in LANGUAGES:
        return cookie
    return from_accept_language(accept_language)


def staff_language(request) -> str:
    """The language of this request's staff pages (kept on the request)."""
    chosen = getattr(request.ctx, "staff_lang", None)
    if chosen in LANGUAGES:
        return chosen
    headers = getattr(request, "headers", None) or {}
    chosen = choose(request.cookies.get(COOKIE), headers.get("accept-language"))
    request.ctx.staff_lang = chosen
    return chosen


_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def safe_next(target: str | None) -> str:
    """A path under /staff on this site to go back to, or /staff: never another site."""
    target = target or ""
    if len(target) > MAX_NEXT or _UNSAFE.search(target) or target.startswith("//") \
            or ".." in target:
        return HOME
    try:
        parts = urlsplit(target)
    except ValueError:
        return HOME
    if parts.scheme or parts.netloc or parts.fragment:
        return HOME
    if parts.path != HOME and not parts.path.startswith(HOME + "/"):
        return HOME
    return target


# After a POST the switch leads to the page the form was on (the POST URL has no GET page).
_FORM_PAGES = (
    (re.compile(r"^/staff/topics/([^/]+)/[^/]+/propose$"), r"/staff/topics/\1"),
    (re.compile(r"^/staff/handovers/([^/]+)/(?:reply|close|forward|assign)$"),
     r"/staff/handovers/\1"),
    (re.compile(r"^/staff/facts/.+$"), "/staff/facts"),
    (re.compile(r"^/staff/(login|login/code|login/enrol|suggest)$"), r"/staff/\1"),
)


def form_page(path: str) -> str:
    """The GET page with the form that posts to `path` (/staff when there is none)."""
    for pattern, page in _FORM_PAGES:
        if pattern.match(path or ""):
            return pattern.sub(page, path)
    return HOME


def here(request) -> str:
    """Where the language switch returns to: this page, or after a POST the form's page."""
    path = getattr(request, "path", "") or HOME
    if getattr(request, "method", "GET") != "GET":
        return form_page(path)
    query = getattr(request, "query_string", "") or ""
    return safe_next(f"{path}?{query}" if query else path)
