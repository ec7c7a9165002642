"""Clean identifiers and text at every entry point (REST, web API, WhatsApp), without Rasa.

A sender id or a metadata value becomes a database key and a URL part, so it must be plain text:
printable, encodable as UTF-8 (no lone surrogate), no NUL, bounded. A lone surrogate once reached
SQLite as a sender, raised UnicodeEncodeError (a ValueError), and Rasa's SQL tracker store read
that as "schema missing" and exited the process. Identifiers that are not clean are refused;
message text is repaired instead, so a worker's question is never lost over one odd character.
"""
from __future__ import annotations

import re

MAX_SENDER_CHARS = 128


def clean_identifier(value: object, max_chars: int = MAX_SENDER_CHARS) -> str | None:
    """The value when it is a usable identifier, else None."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip() or len(value) > max_chars:
        return None
    if not value.isprintable():  # NUL, controls, lone surrogates, line breaks
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def clean_text(value: str) -> str:
    """Message text that every database driver stores: lone surrogates become U+FFFD and NUL
    is dropped (psycopg2 refuses NUL in a string); everything else is kept as typed."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", value)


_SURROGATE = re.compile("[\ud800-\udfff]")
