"""The chat's own information pages: privacy (/privacy) and the accessibility statement
(/accessibility), in every language, from data/pages/<name>.yml. Rendered on the server with
every value escaped; no script."""
from __future__ import annotations

import html
from functools import cache

import yaml

from bot import ROOT
from bot import messages as M
from bot.db.retention import retention_days
from bot.i18n import translate
from bot.language.registry import SUPPORTED_LANGUAGES

PAGES_DIR = ROOT / "data" / "pages"
PAGES = ("privacy", "accessibility")


@cache
def page_text(name: str) -> dict:
    with (PAGES_DIR / f"{name}.yml").open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def title(name: str, lang: str) -> str:
    titles = page_text(name)["title"]
    return titles.get(lang) or titles["en"]


def body_html(text: str) -> str:
    """Paragraphs and "- " lists as HTML, every piece of text escaped."""
    out = []
    for block in text.strip().split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        items = [line[2:] for line in lines if line.startswith("- ")]
        intro = [line for line in lines if not line.startswith("- ")]
        if intro:
            out.append("<p>" + html.escape(" ".join(intro)) + "</p>")
        if items:
            out.append("<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>")
    return "\n".join(out)


def render_page(name: str, lang: str) -> str:
    lang = lang if lang in SUPPORTED_LANGUAGES else "en"
    doc = page_text(name)
    text = (doc["body"].get(lang) or doc["body"]["en"]).replace("{days}", str(retention_days()))
    esc = html.escape
    back = esc(translate(lang, M.PAGE_TITLE))
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title(name, lang))}</title>\n"
            f'<link rel="stylesheet" href="/static/chat.css">\n</head>\n<body class="info">\n'
            f"<header><h1>{esc(title(name, lang))}</h1></header>\n<main>\n{body_html(text)}\n"
            f'<p><a href="/?lang={lang}">{back}</a></p>\n</main>\n</body>\n</html>\n')


def links(lang: str) -> str:
    """The links to both pages, for the chat page's footer."""
    return " ".join(f'<a href="/{name}?lang={lang}" data-page="{name}" data-s="{name}">'
                    f"{html.escape(title(name, lang))}</a>" for name in PAGES)
