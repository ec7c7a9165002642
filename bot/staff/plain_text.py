"""An answer as WhatsApp-ready plain text for staff to paste: a *bold* title, the answer with its
dated facts filled in, the sources as bare URLs (WhatsApp links them) and the last-checked line.
No HTML and no markup besides WhatsApp's *bold*."""
from __future__ import annotations

import datetime as dt

from bot import clock
from bot import messages as M
from bot.answers.library import Answer
from bot.i18n import format_day, translate


def title(topic: str, lang: str) -> str:
    menu = M.TOPIC_BUTTONS.get(topic) or M.INSPECTION_TOPIC_BUTTONS.get(topic)
    return translate(lang, menu) if menu else topic.replace("_", " ").capitalize()


def whatsapp_text(answer: Answer, lang: str, today: dt.date | None = None) -> str | None:
    from bot.answers.fact_values import answer_values, fill_in

    text = answer.text(lang)
    if text is None:
        return None
    text = fill_in(text, answer_values(lang, today or clock.today()))
    parts = [f"*{title(answer.topic, lang)}*", "", text]
    if answer.links:
        parts += ["", translate(lang, M.SOURCES), *answer.links]
    parts += ["", translate(lang, M.LAST_CHECKED, date=format_day(lang, answer.last_checked))]
    return "\n".join(parts)
