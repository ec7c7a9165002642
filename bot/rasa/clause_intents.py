"""The intent of each clause of a long message, so that a story with two problems shows both:
"they fired me last week, and the agency still has my ID card". The classifier is run once more
on each clause's features, the sum of its tokens' sparse features (the n-grams of those words;
the sentence's word bigrams are left out). The result travels with the parse as
`clause_intents`: [{"name", "confidence"}], read by bot/dialogue/several_topics.py."""
from __future__ import annotations

import re
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, vstack

CLAUSE_INTENTS = "clause_intents"
# Only a clause of at least this many tokens is classified on its own; only a message of at least
# two such clauses has clauses.
MIN_CLAUSE_TOKENS = 3
# At most this many clauses are classified (a long story costs one small matrix product).
MAX_CLAUSES = 8
# Words that join two clauses, folded (bot/language/folding.py): "and", "but", "also" in our
# languages ("и", "а", "но" fold to "i", "a", "no").
JOINING_WORDS = frozenset("""and but also plus i a ale oraz tez takze si dar iar plus ama no
    sashto osven en maar ook bovendien""".split())
_CLAUSE_END = re.compile(r"[,.;:!?()\n]")


def clause_spans(text: str, tokens: list[Any]) -> list[tuple[int, int]]:
    """[start, end) token ranges of the clauses: split at punctuation between two tokens and
    at joining words (which belong to neither side)."""
    spans, start = [], 0
    for i, token in enumerate(tokens):
        if (token.lemma or token.text).lower() in JOINING_WORDS:
            spans.append((start, i))
            start = i + 1
            continue
        after = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
        if _CLAUSE_END.search(text[token.end:after]):
            spans.append((start, i + 1))
            start = i + 1
    spans.append((start, len(tokens)))
    return [(a, b) for a, b in spans if b - a >= MIN_CLAUSE_TOKENS][:MAX_CLAUSES]


def clause_rows(sequence: Any, spans: list[tuple[int, int]]) -> csr_matrix:
    """One feature row per clause: the sum of its tokens' rows."""
    matrix = csr_matrix(sequence)
    return vstack([csr_matrix(matrix[a:b].sum(axis=0)) for a, b in spans], format="csr")


def best_per_clause(probabilities: np.ndarray, classes: list[str]) -> list[dict]:
    return [{"name": classes[int(row.argmax())], "confidence": float(row.max())}
            for row in probabilities]
