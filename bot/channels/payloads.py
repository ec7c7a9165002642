"""Which texts are button payloads ("/intent{json}") and which are words a user typed.

Rasa reads any text that starts with "/" as a payload, and when it does not parse it logs the
whole text in a warning: a 60 KB message gave 120 KB of log, with the user's words in it. Here a
text is a payload only when it is short and names a known intent with known entities, as our
buttons send them; anything else gets an invisible word joiner in front, so Rasa reads it as the
plain text it is (and logs nothing). The user's words are otherwise unchanged.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot import ROOT

DOMAIN_FILE = ROOT / "domain.yml"
MAX_PAYLOAD_CHARS = 300
NOT_A_PAYLOAD = "\u2060"  # WORD JOINER: not whitespace, so Rasa's strip() keeps it
# Rasa's own intents a client may send as payloads ("/restart" starts the conversation afresh).
RASA_DEFAULT_INTENTS = frozenset({"restart", "session_start", "back"})
_PAYLOAD = re.compile(r"/(?P<intent>[a-z_]{1,60})(?P<entities>\{[^{}]*\})?")


@lru_cache(maxsize=1)
def known_names(domain_file: Path = DOMAIN_FILE) -> tuple[frozenset[str], frozenset[str]]:
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8"))
    intents = set(domain.get("intents") or ()) | RASA_DEFAULT_INTENTS
    return frozenset(intents), frozenset(domain.get("entities") or ())


def is_payload(text: str) -> bool:
    if len(text) > MAX_PAYLOAD_CHARS:
        return False
    match = _PAYLOAD.fullmatch(text)
    if not match:
        return False
    intents, entities = known_names()
    if match.group("intent") not in intents:
        return False
    if not match.group("entities"):
        return True
    try:
        values = json.loads(match.group("entities"))
    except ValueError:
        return False
    return isinstance(values, dict) and set(values) <= entities and all(
        isinstance(v, str) and len(v) <= 64 for v in values.values())


def plain_unless_payload(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("/") and not is_payload(stripped):
        return NOT_A_PAYLOAD + stripped
    return text
