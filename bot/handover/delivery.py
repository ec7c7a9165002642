"""Getting a staff reply to the worker, once, and into the Rasa conversation.

- Web chat: the page asks for its replies (GET /api/replies, bot/web/app.py): `take`.
- WhatsApp: within 24 hours of the worker's last message the reply goes out as a normal message
  (`after_staff_reply`). Outside that window Meta allows only an approved template: it says a
  reply is waiting (WHATSAPP_REPLY_TEMPLATE, in WHATSAPP_REPLY_TEMPLATE_LANGUAGES), and the reply
  follows when the worker writes back or taps the template's button (`on_worker_message`).

Every reply is claimed before it is sent (bot/handover/store.claim), so two servers never both
send it; a send that fails gives it back for the next chance. `record` writes the delivered
texts into the conversation as bot messages from a person (the caller knows how).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Awaitable, Callable

import aiohttp

from bot import messages as M
from bot.channels.whatsapp_cloud import outgoing
from bot.db.session import shared_session
from bot.handover import store
from bot.handover.contact import seal, unseal
from bot.i18n import translate

logger = logging.getLogger(__name__)
WINDOW = dt.timedelta(hours=24)
# The payload of the template's quick-reply button: "show me the reply", not a question.
SHOW_REPLY = "wnl-show-reply"
DEFAULT_TEMPLATE_LANGUAGES = "pl:pl,ro:ro,bg:bg,nl:nl,en:en"
Record = Callable[[str, list[str]], Awaitable[None]]


def template_languages() -> dict[str, str]:
    """Our language code -> the template's language code at Meta."""
    pairs = os.environ.get("WHATSAPP_REPLY_TEMPLATE_LANGUAGES", DEFAULT_TEMPLATE_LANGUAGES)
    found = {}
    for pair in pairs.split(","):
        ours, _, theirs = pair.partition(":")
        if ours.strip() and theirs.strip():
            found[ours.strip()] = theirs.strip()
    return found


def template_message(phone: str, lang: str) -> dict | None:
    """The approved template that says a reply waits, with our button payload; None when no
    template is configured (the reply then waits for the worker to write)."""
    name = os.environ.get("WHATSAPP_REPLY_TEMPLATE")
    languages = template_languages()
    code = languages.get(lang) or languages.get("en")
    if not name or not code:
        return None
    return {"messaging_product": "whatsapp", "to": phone, "type": "template",
            "template": {"name": name, "language": {"code": code}, "components": [
                {"type": "button", "sub_type": "quick_reply", "index": "0",
                 "parameters": [{"type": "payload", "payload": SHOW_REPLY}]}]}}


def reply_messages(phone: str, lang: str, text: str) -> list[dict]:
    """A reply as WhatsApp messages, marked as written by a person."""
    return outgoing(phone, f"{translate(lang, M.PERSON_REPLIED)}\n\n{text}")


def take(conversation: str) -> list[str]:
    """Web chat: the replies not yet shown, claimed as shown."""
    with shared_session() as session:
        return [r.text for _, r in store.claim(session, conversation)]


async def _send_all(client, messages: list[dict]) -> bool:
    try:
        for message in messages:
            if not await client.send(message):
                return False
    except (aiohttp.ClientError, TimeoutError) as error:
        logger.warning("whatsapp reply not sent: %s", type(error).__name__)
        return False
    return True


async def send_waiting(conversation: str, phone: str, client, record: Record | None) -> list[str]:
    """Sends the conversation's undelivered replies to `phone`; returns the texts sent."""
    with shared_session() as session:
        claimed = [(h.language, r.id, r.text) for h, r in store.claim(session, conversation)]
    sent, failed = [], []
    for lang, reply_id, text in claimed:
        if await _send_all(client, reply_messages(phone, lang, text)):
            sent.append(text)
        else:
            failed.append(reply_id)
    if failed:
        with shared_session() as session:
            store.unclaim(session, failed)
    if sent and record is not None:
        await record(conversation, sent)
    return sent


async def after_staff_reply(conversation: str, client, record: Record | None,
                            now: dt.datetime | None = None) -> str:
    """WhatsApp, right after a staff reply: "sent", "announced" (template) or "waiting"."""
    now = now or store.now()
    with shared_session() as session:
        open_ = store.open_for(session, conversation)
        if not open_:
            return "waiting"
        latest = open_[-1]
        phone, last, lang = unseal(latest.contact), latest.last_worker_at, latest.language
    if client is None or phone is None:
        return "waiting"
    if last is not None and now - last < WINDOW:
        return "sent" if await send_waiting(conversation, phone, client, record) else "waiting"
    with shared_session() as session:
        pending = [r.id for r in store.to_announce(session, conversation)]
    message = template_message(phone, lang)
    if not pending or message is None or not await _send_all(client, [message]):
        return "waiting"
    with shared_session() as session:
        store.announced(session, pending)
    return "announced"


async def on_worker_message(conversation: str, phone: str, client,
                            record: Record | None) -> list[str]:
    """The worker just wrote on WhatsApp, so the window is open: waiting replies go out now."""
    return await send_waiting(conversation, phone, client, record)


def remember_worker(conversation: str, phone: str) -> None:
    """After each WhatsApp message: its time (the window) and, for an open handover, the
    encrypted number to reply to."""
    with shared_session() as session:
        store.worker_wrote(session, conversation, seal(phone))
