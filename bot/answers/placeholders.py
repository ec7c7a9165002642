"""{name} placeholders in answer texts: dated facts filled in when the answer is given.

The one pattern for them. "{}" counts as a placeholder with an empty name, which no fact has:
staff cannot save it and the content report flags it, instead of it reaching a worker.
"""
from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"{(\w*)}")


def placeholders(text: str) -> set[str]:
    """The names of the placeholders in a text."""
    return set(PLACEHOLDER.findall(text))


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with every known placeholder replaced; an unknown one is left as it is."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
