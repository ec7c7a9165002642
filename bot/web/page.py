"""The chat page's HTML: rendered on the server in the chosen language, every inserted value
escaped, deep-link parameters validated (never reflected as given)."""
from __future__ import annotations

import html
import json
from pathlib import Path
from string import Template

from bot import messages as M
from bot.answers.topics import is_topic
from bot.db.retention import retention_days
from bot.i18n import translate
from bot.language.registry import SUPPORTED_LANGUAGES, native_name, normalise_code
from bot.web.info_pages import PAGES as INFO_PAGES
from bot.web.info_pages import links as info_links
from bot.web.info_pages import title as info_title

TEMPLATE = Template((Path(__file__).parent / "static" / "index.html").read_text(encoding="utf-8"))
# The sources a deep link may name; it may open any topic (bot/answers/topics.py).
SOURCES = frozenset({"web", "nla", "qr", "whatsapp", "partner"})


def deep_link(args: dict) -> dict:
    """Valid deep-link values from query parameters; anything else is dropped."""
    lang = normalise_code(args.get("lang"))
    topic = args.get("topic") if is_topic(args.get("topic")) else None
    src = args.get("src") if args.get("src") in SOURCES else "web"
    return {"lang": lang, "topic": topic, "src": src}


# The page's own strings in every language, so the page follows the conversation language.
PAGE_STRINGS = {"title": M.PAGE_TITLE, "intro": M.PAGE_INTRO, "input_label": M.INPUT_LABEL,
                "send": M.SEND, "language_label": M.LANGUAGE_LABEL, "error": M.CHAT_ERROR,
                "slow_down": M.CHAT_SLOW_DOWN, "you": M.SPEAKER_YOU, "bot": M.SPEAKER_BOT,
                "typing": M.TYPING, "offline": M.OFFLINE_QUEUED, "forget": M.FORGET,
                "share": M.SHARE, "copied": M.COPIED, "listen": M.LISTEN,
                "calendar": M.ADD_TO_CALENDAR, "calendar_title": M.CALENDAR_INSURED,
                "person": M.PERSON_REPLIED,
                "forgotten": M.FORGOTTEN}


def page_strings() -> dict[str, dict[str, str]]:
    return {code: {**{key: translate(code, msg) for key, msg in PAGE_STRINGS.items()},
                   **{name: info_title(name, code) for name in INFO_PAGES}}
            for code in SUPPORTED_LANGUAGES}


def render(link: dict, accept_language: str | None) -> str:
    lang = link["lang"] or normalise_code((accept_language or "").split(",")[0]) or "en"
    esc = html.escape
    languages = "".join(
        f'<button type="button" class="lang" data-lang="{code}" lang="{code}" '
        f'aria-pressed="{"true" if code == lang else "false"}">'
        f'<span class="name">{esc(native_name(code))}</span>'
        f'<span class="code" aria-hidden="true">{code.upper()}</span></button>'
        for code in SUPPORTED_LANGUAGES
    )
    config = json.dumps({"lang": link["lang"], "topic": link["topic"], "src": link["src"],
                         "strings": page_strings(), "keep_days": retention_days()})
    return TEMPLATE.substitute(
        lang=lang,
        title=esc(translate(lang, M.PAGE_TITLE)),
        intro=esc(translate(lang, M.PAGE_INTRO)),
        input_label=esc(translate(lang, M.INPUT_LABEL)),
        send=esc(translate(lang, M.SEND)),
        language_label=esc(translate(lang, M.LANGUAGE_LABEL)),
        languages=languages,
        noscript=esc(translate(lang, M.NOSCRIPT)),
        info_links=info_links(lang),  # escaped there
        forget=esc(translate(lang, M.FORGET)),
        # JSON inside a data attribute, escaped for HTML: no inline script runs.
        config=esc(config, quote=True),
    )
