"""Reading Rasa NLU example files (data/intents/*.yml, tests/nlu_heldout/*.yml) as plain pairs."""
from __future__ import annotations

from pathlib import Path

import yaml


def load_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) for every example in one NLU file, in file order."""
    with Path(path).open(encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    pairs = []
    for block in doc.get("nlu", []):
        intent = block.get("intent")
        if not intent:
            continue
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((intent, line[2:].strip()))
    return pairs
