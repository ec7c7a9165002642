"""A small character n-gram language model per supported language (multinomial naive Bayes),
trained at first use from our own NLU examples (data/intents/<lang>.yml).

It is what langdetect would be if it had learned from phone messages of labour migrants:
diacritic-less Polish, Latin-script Bulgarian, Dutch words mixed in. Pure Python, a few
microseconds per message.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from bot import ROOT
from bot.language.folding import WORD
from bot.language.nlu_examples import load_examples
from bot.language.registry import SUPPORTED_LANGUAGES

INTENTS_DIR = ROOT / "data" / "intents"
ORDERS = (1, 2, 3, 4)
SMOOTHING = 0.5


def ngrams(word: str):
    padded = f" {word} "
    for n in ORDERS:
        for i in range(len(padded) - n + 1):
            yield padded[i:i + n]


@dataclass(frozen=True)
class CharNgramModel:
    counts: dict[str, Counter]
    totals: dict[str, int]
    vocabulary: int

    def log_likelihoods(self, words: list[str]) -> dict[str, float]:
        """Mean log-probability per n-gram of the words, per language."""
        grams = [g for w in words for g in ngrams(w)]
        if not grams:
            return {}
        out = {}
        for lang in self.counts:
            counts, denominator = self.counts[lang], self.totals[lang] + SMOOTHING * self.vocabulary
            out[lang] = sum(math.log((counts.get(g, 0) + SMOOTHING) / denominator)
                            for g in grams) / len(grams)
        return out


def train(examples: dict[str, list[str]], skip: frozenset[str] = frozenset()) -> CharNgramModel:
    counts = {lang: Counter() for lang in examples}
    for lang, texts in examples.items():
        for text in texts:
            for word in WORD.findall(text.lower()):
                if word not in skip:
                    counts[lang].update(ngrams(word))
    vocabulary = len(set().union(*counts.values())) if counts else 0
    return CharNgramModel(counts, {k: sum(c.values()) for k, c in counts.items()}, vocabulary)


@lru_cache(maxsize=1)
def default_model(skip: frozenset[str] = frozenset()) -> CharNgramModel:
    examples = {
        lang: [text for _, text in load_examples(INTENTS_DIR / f"{lang}.yml")]
        for lang in SUPPORTED_LANGUAGES
    }
    return train(examples, skip)
