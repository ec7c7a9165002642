"""The answer library: one YAML file per topic in data/faq/, the answer in every language, its
official sources and the date it was last checked against them.

Loaded on first use (never at import) and cached; `load_library` is the one entry point.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

FAQ_DIR = Path(__file__).resolve().parent.parent / "data" / "faq"


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


@lru_cache(maxsize=None)
def load_library(faq_dir: Path = FAQ_DIR) -> dict[str, Answer]:
    return {path.stem: parse_answer(path) for path in sorted(faq_dir.glob("*.yml"))}
