"""The body of a chat request (the REST channel, and the web app before it forwards one), checked
without Rasa: a JSON object with a clean sender, a message of at most MAX_MESSAGE_CHARS
(repaired, and plain text unless it is a real button payload), and only the metadata keys the
bot reads, as short clean strings.
"""
from __future__ import annotations

from typing import Any

from bot.channels.identifiers import MAX_SENDER_CHARS, clean_identifier, clean_text
from bot.channels.payloads import plain_unless_payload

MAX_MESSAGE_CHARS = 65_536
# The REST channel's answer carries the conversation language after the message in this header,
# so that the web app shows the page in it without asking Rasa for the whole tracker.
LANGUAGE_HEADER = "X-Conversation-Language"
# ... and the topic it is about, so that "Send to a friend" can link to that topic.
TOPIC_HEADER = "X-Conversation-Topic"
# A day this answer worked out (ISO), for "Add to calendar" on the web chat.
CALENDAR_HEADER = "X-Answer-Calendar-Day"
# Metadata the bot reads (deep links, channel hints); anything else is dropped, not stored.
METADATA_KEYS = ("lang", "src", "src_sig", "topic", "browser_lang")
MAX_METADATA_VALUE_CHARS = 64


class RequestError(ValueError):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def validate_body(body: Any) -> tuple[str, str, dict[str, str]]:
    """(sender, message, metadata) from a decoded JSON body, or RequestError.

    The sender and metadata values must be clean identifiers (bot/channels/identifiers.py); the
    message text is repaired (lone surrogates, NUL) so that no database driver can fail on it.
    """
    if not isinstance(body, dict):
        raise RequestError("the body must be a JSON object")
    sender = clean_identifier(body.get("sender"), MAX_SENDER_CHARS)
    if sender is None:
        raise RequestError("'sender' must be a non-empty string of printable characters")
    message = body.get("message")
    if not isinstance(message, str):
        raise RequestError("'message' must be a string")
    if len(message) > MAX_MESSAGE_CHARS:
        raise RequestError("'message' is too long", status=413)
    raw_metadata = body.get("metadata")
    metadata = {}
    if isinstance(raw_metadata, dict):
        for key in METADATA_KEYS:
            value = clean_identifier(raw_metadata.get(key), MAX_METADATA_VALUE_CHARS)
            if isinstance(raw_metadata.get(key), str) and value is not None:
                metadata[key] = value
    return sender, plain_unless_payload(clean_text(message)), metadata
