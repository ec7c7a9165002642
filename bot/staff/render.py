"""Staff pages from Jinja2 templates in bot/staff/templates/, with autoescaping always on:
everything a user typed is shown as text. The one exception is the statistics chart, SVG made
by bot.usage.stats from counts (no text from users), marked safe in views.py."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot import messages as M
from bot.i18n import translate
from bot.language.registry import SUPPORTED_LANGUAGES, native_name

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(languages=SUPPORTED_LANGUAGES, language_name=native_name,
                       topic_name=topic_name)
    return env


def topic_name(topic: str, lang: str = "en") -> str:
    """A topic by its name ("My passport is being kept"), never its intent id."""
    title = M.TOPIC_TITLES.get(topic)
    return translate(lang, title) if title else topic


def render(template: str, **values) -> str:
    return environment().get_template(template).render(**values)
