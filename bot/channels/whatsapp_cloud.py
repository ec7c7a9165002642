"""WhatsApp Cloud API, without Rasa: webhook signatures, reading incoming messages, pseudonymous
sender ids, and the JSON of outgoing messages (text split at the length limit, reply buttons,
lists). The Rasa channel (bot.rasa.whatsapp_channel) and the Graph API client use these.
"""
from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from bot.channels.identifiers import clean_identifier, clean_text
from bot.channels.payloads import plain_unless_payload

MAX_TEXT = 4096          # characters in one text message
MAX_MESSAGE_ID = 256
PHONE = re.compile(r"[0-9]{1,20}")
MAX_BUTTONS = 3          # reply buttons in one interactive message
MAX_ROWS = 10            # rows in one list message
MAX_BUTTON_TITLE = 20
MAX_ROW_TITLE = 24
MAX_INTERACTIVE_BODY = 1024
LIST_LABEL = "☰"
MEDIA_TYPES = frozenset({"audio", "voice", "image", "video", "document", "sticker", "location",
                         "contacts"})


def valid_signature(app_secret: str | None, raw_body: bytes, header: str | None) -> bool:
    """X-Hub-Signature-256 is "sha256=" + the HMAC-SHA256 of the raw body with the app secret."""
    if not app_secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header[len("sha256="):])


def pseudonym(key: str, phone: str) -> str:
    """A stable sender id that does not reveal the phone number (keyed hash)."""
    digest = hmac.new(key.encode(), phone.encode(), hashlib.sha256).hexdigest()
    return f"wa-{digest[:32]}"


@dataclass(frozen=True)
class Incoming:
    message_id: str
    phone: str
    text: str | None      # the text to give the bot (a reply button gives its payload)
    media: bool = False   # voice note, image, location...: answered politely, not read


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def read_webhook(body: object) -> list[Incoming]:
    """The user messages in a webhook body; status callbacks and anything malformed are skipped."""
    out: list[Incoming] = []
    for entry in _list(_dict(body).get("entry")):
        for change in _list(_dict(entry).get("changes")):
            for message in _list(_dict(_dict(change).get("value")).get("messages")):
                parsed = _read_message(message)
                if parsed:
                    out.append(parsed)
    return out


def _read_message(message: object) -> Incoming | None:
    if not isinstance(message, dict):
        return None
    message_id = clean_identifier(message.get("id"), MAX_MESSAGE_ID)
    phone, kind = message.get("from"), message.get("type")
    # A WhatsApp id is the phone number in digits; anything else is not from Meta.
    if message_id is None or not isinstance(phone, str) or not PHONE.fullmatch(phone):
        return None
    if kind == "text":
        body = _dict(message.get("text")).get("body")
        # WhatsApp caps a message at 4,096 characters: anything longer is not from a phone.
        return Incoming(message_id, phone, _text(body))
    if kind == "interactive":
        interactive = _dict(message.get("interactive"))
        reply = _dict(interactive.get("button_reply")) or _dict(interactive.get("list_reply"))
        return Incoming(message_id, phone, _text(reply.get("id") or reply.get("title")))
    if kind == "button":
        button = _dict(message.get("button"))
        return Incoming(message_id, phone, _text(button.get("payload") or button.get("text")))
    if kind in MEDIA_TYPES:
        return Incoming(message_id, phone, None, media=True)
    return None


def _text(value: object) -> str:
    return plain_unless_payload(clean_text(value[:MAX_TEXT])) if isinstance(value, str) else ""


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Parts of at most `limit` characters, cut at paragraph, line or word boundaries."""
    parts, rest = [], text
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit),
                  rest.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return parts + [rest] if rest else parts


def _short(title: str, limit: int) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def outgoing(to: str, text: str, buttons: list[dict] | None = None) -> list[dict]:
    """Graph API message objects for one bot reply: text, reply buttons (up to 3) or a list."""
    buttons = [b for b in buttons or [] if b.get("payload")]
    if not buttons:
        return [{"messaging_product": "whatsapp", "to": to, "type": "text",
                 "text": {"body": part, "preview_url": False}} for part in split_text(text)]
    messages = []
    body = text
    if len(text) > MAX_INTERACTIVE_BODY:
        # The answer goes as text; the buttons follow with the last line as their prompt.
        messages += outgoing(to, text)
        body = text.strip().splitlines()[-1][:MAX_INTERACTIVE_BODY] or "…"
    if len(buttons) <= MAX_BUTTONS:
        action = {"buttons": [{"type": "reply", "reply": {
            "id": b["payload"][:256], "title": _short(b["title"], MAX_BUTTON_TITLE)}}
            for b in buttons]}
        kind = "button"
    else:
        # The list's opening button and section need a label; a symbol reads in every language.
        action = {"button": LIST_LABEL,
                  "sections": [{"title": LIST_LABEL, "rows": [
                      {"id": b["payload"][:200], "title": _short(b["title"], MAX_ROW_TITLE)}
                      for b in buttons[:MAX_ROWS]]}]}
        kind = "list"
    messages.append({"messaging_product": "whatsapp", "to": to, "type": "interactive",
                     "interactive": {"type": kind, "body": {"text": body}, "action": action}})
    return messages
