"""Search the library in any language: the words of a query are folded like the NLU folds them
(lower case, no diacritics, Cyrillic transliterated: 'паспорт' -> 'pasport') and matched against
the folded words of every topic's answers in all languages and its names, exactly, as a prefix,
or within a small typo distance (rapidfuzz). Everything happens in Python: the query never
reaches SQL, so '%', '_' or "' OR 1=1 --" are just (mostly empty) words.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot import messages as M
from bot.i18n import translate
from bot.language.folding import WORD, fold_token
from bot.language.registry import SUPPORTED_LANGUAGES

MAX_QUERY = 200
MIN_WORD = 3  # shorter words ('or', 'i', 'na') match nearly everything
FUZZY_CUTOFF = 80
MIN_SCORE = 75


@dataclass(frozen=True)
class Hit:
    topic: str
    score: float  # how well the query's words are matched, 0-100
    in_name: bool  # every word matches the topic's name
    languages: int  # in how many languages' answers every word matches
    mentions: int  # how often the words occur (exactly or as a prefix)

    @property
    def rank(self) -> float:
        return self.score + 10 * self.in_name + 2 * self.languages + min(self.mentions, 10)


def words(text: str) -> list[str]:
    return [fold_token(w) for w in WORD.findall(text or "")]


def query_words(query: str) -> list[str]:
    found = words((query or "")[:MAX_QUERY])
    return list(dict.fromkeys(w for w in found if len(w) >= MIN_WORD))


def topic_names(topic: str) -> list[str]:
    """The topic id and, where the menu has one, its button title in every language."""
    names = [topic.replace("_", " ")]
    title = M.TOPIC_BUTTONS.get(topic) or M.INSPECTION_TOPIC_BUTTONS.get(topic)
    if title:
        names += [translate(lang, title) for lang in SUPPORTED_LANGUAGES]
    return names


def _match(word: str, vocabulary: list[str]) -> float:
    if word in vocabulary:
        return 100.0
    if len(word) >= 4 and any(v.startswith(word) for v in vocabulary):
        return 98.0
    best = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    return best[1] if best else 0.0


@lru_cache(maxsize=512)
def _index(topic: str, texts: tuple[tuple[str, str], ...]):
    """The folded words of a topic (cached: texts change only when a proposal is approved)."""
    name_words = sorted({w for name in topic_names(topic) for w in words(name)})
    all_words = [w for _, text in texts for w in words(text)]
    lang_words = {lang: sorted(set(words(text))) for lang, text in texts}
    everything = sorted(set(name_words).union(*lang_words.values()))
    return name_words, all_words, lang_words, everything


def search(query: str, texts: dict[str, dict[str, str]]) -> list[Hit]:
    """Topics matching `query`, best first. `texts` is {topic: {language: answer text}}."""
    wanted = query_words(query)
    if not wanted:
        return []
    hits = []
    for topic, by_lang in texts.items():
        name_words, all_words, lang_words, everything = _index(topic,
                                                               tuple(sorted(by_lang.items())))
        if not everything:
            continue
        score = sum(_match(w, everything) for w in wanted) / len(wanted)
        if score < MIN_SCORE:
            continue
        in_name = all(_match(w, name_words) >= FUZZY_CUTOFF for w in wanted)
        languages = sum(1 for vocab in lang_words.values()
                        if vocab and all(_match(w, vocab) >= FUZZY_CUTOFF for w in wanted))
        mentions = sum(1 for v in all_words for w in wanted
                       if v == w or (len(w) >= 4 and v.startswith(w)))
        hits.append(Hit(topic, round(score, 1), in_name, languages, mentions))
    return sorted(hits, key=lambda h: (-h.rank, h.topic))
