"""The answer library: one YAML file per topic in data/faq/, the answer in every language, its
official sources and the date it was last checked against them.

Loaded on first use (never at import) and cached; `load_library` is the one entry point for the
files. What the bot says comes from `current_answer`: the file's answer with the texts that staff
approved in the library (bot/answers/approved.py) in their place, read from the database at most
every APPROVED_TTL_SECONDS; without a database, or without approved texts, the file's text is used.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot import ROOT
from bot.answers.approved import approved_texts

FAQ_DIR = ROOT / "data" / "faq"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Answer:
    topic: str
    texts: dict[str, str]
    sources: tuple[Source, ...]
    last_checked: dt.date

    def text(self, lang: str) -> str | None:
        return self.texts.get(lang)

    @property
    def links(self) -> list[str]:
        return [s.url for s in self.sources if s.url]


class FaqError(ValueError):
    """An answer file that does not have the shape the bot relies on."""


def parse_answer(path: Path) -> Answer:
    with path.open(encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        raise FaqError(f"{path.name}: not a mapping")
    try:
        topic = doc["topic"]
        answers = doc["answers"]
        checked = doc["last_checked"]
        sources = tuple(Source(s["title"], s.get("url")) for s in doc["sources"])
    except (KeyError, TypeError) as exc:
        raise FaqError(f"{path.name}: missing {exc}") from exc
    if topic != path.stem:
        raise FaqError(f"{path.name}: topic {topic!r} does not match the file name")
    if not isinstance(checked, dt.date):
        raise FaqError(f"{path.name}: last_checked must be a date (YYYY-MM-DD)")
    texts = {lang: str(text).strip() for lang, text in answers.items() if text}
    return Answer(topic, texts, sources, checked)


@cache
def load_library(faq_dir: Path = FAQ_DIR) -> dict[str, Answer]:
    return {path.stem: parse_answer(path) for path in sorted(faq_dir.glob("*.yml"))}


def current_answer(topic: str) -> Answer | None:
    """The answer the bot gives: the file's, with staff-approved texts in their place."""
    answer = load_library().get(topic)
    if answer is None:
        return None
    approved = {lang: text for (t, lang), text in approved_texts().items() if t == topic}
    if approved:
        answer = dataclasses.replace(answer, texts={**answer.texts, **approved})
    return checked(answer)


def checked(answer: Answer) -> Answer:
    """The answer with the day staff last confirmed it against its sources (four eyes,
    bot/staff/facts.py), where that is later than the file's `last_checked`."""
    from bot.answers.fact_updates import answer_checks

    day = answer_checks().get(answer.topic)
    return dataclasses.replace(answer, last_checked=day) if day and day > answer.last_checked \
        else answer


def checked_library() -> dict[str, Answer]:
    """Every answer with its last checked day as the bot states it (for what needs checking)."""
    return {topic: checked(answer) for topic, answer in load_library().items()}
