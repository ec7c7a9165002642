"""Staff pages from Jinja2 templates in bot/staff/templates/, with autoescaping always on:
everything a user typed is shown as text. The one exception is the statistics chart, SVG made
by bot.usage.stats from counts (no text from users), marked safe in views.py.

One environment per staff language (bot/staff/staff_language.py), with the i18n extension and
that language's catalog installed, so that imported macros translate too. Its globals:
`staff_lang`, `_`/`gettext`/`ngettext`, `topic_name(topic, staff_lang)` (topics by their names,
never their intent ids), `status_name` (status values as words) and `role_name`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot import messages as M
from bot.i18n import translate
from bot.language.registry import SUPPORTED_LANGUAGES, native_name
from bot.staff.staff_language import DEFAULT, LANGUAGES, S_, gettext, localize, translations

TEMPLATES = Path(__file__).parent / "templates"

# The intents the bot understands that are no topic of the library (Suggest shows them).
OTHER_INTENTS = {
    "greet": S_("Greeting"),
    "goodbye": S_("Goodbye"),
    "thank": S_("Thanks"),
    "choose_language": S_("Choosing a language"),
    "out_of_scope": S_("Not a topic of the bot"),
    "bot_challenge": S_("Asks whether the bot is a person"),
    "affirm": S_("Yes"),
    "deny": S_("No"),
    "nlu_fallback": S_("Not understood"),
}
# Status values as words (the values themselves stay in attributes and in the database).
STATUS_NAMES = {
    "waiting": S_("waiting"),
    "answered": S_("answered"),
    "closed": S_("closed"),
    "file": S_("file"),
    "proposed": S_("proposed"),
    "approved": S_("approved"),
    "rejected": S_("rejected"),
    "open": S_("open"),
    "planned": S_("planned"),
    "unconfirmed": S_("unconfirmed"),
}
ROLE_NAMES = {"viewer": S_("viewer"), "editor": S_("editor")}


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: str = DEFAULT) -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.globals.update(languages=SUPPORTED_LANGUAGES, language_name=native_name,
                       topic_name=topic_name, staff_lang=lang, staff_languages=LANGUAGES,
                       status_name=lambda status: status_name(status, lang),
                       role_name=lambda role: localize(lang, ROLE_NAMES.get(role, role)))
    return env


def topic_name(topic: str, lang: str = DEFAULT) -> str:
    """A topic by its name ("My passport is being kept"), never its intent id."""
    title = M.TOPIC_TITLES.get(topic)
    if title:
        return translate(lang, title)
    other = OTHER_INTENTS.get(topic)
    if other:
        return gettext(lang, other)
    return (topic or "").replace("_", " ").strip().capitalize()


def status_name(status: str, lang: str = DEFAULT) -> str:
    return gettext(lang, STATUS_NAMES[status]) if status in STATUS_NAMES else status


def render(template: str, lang: str = DEFAULT, **values) -> str:
    lang = lang if lang in LANGUAGES else DEFAULT
    return environment(lang).get_template(template).render(**values)
