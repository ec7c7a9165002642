"""Rasa input channel for the WhatsApp Cloud API at /webhooks/whatsapp/webhook.

GET answers Meta's verification with hub.challenge when hub.verify_token matches (else 403).
POST is accepted only with a valid X-Hub-Signature-256 of the raw body (else 403). Text, reply
buttons and list replies go to the bot; voice notes, images and locations get a polite answer;
a message id already seen is answered once (across servers with Redis:
bot/channels/seen_messages.py); a message the bot leaves unanswered gets a static reply
(bot/rasa/silence.py); status callbacks are ignored. Phone numbers never
reach the tracker store or the logs: the sender id is a keyed hash, and only the country's
language is kept, as a prior. Configuration comes from the environment (no secret in the repo):
WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID,
WHATSAPP_PSEUDONYM_KEY, WHATSAPP_GRAPH_URL (default Meta's Graph API). Without a secret the
channel refuses every request.
"""
from __future__ import annotations

import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from bot import messages as M
from bot.channels import rate_limits
from bot.channels.graph_client import DEFAULT_GRAPH_URL, GraphClient
from bot.channels.seen_messages import seen_ids
from bot.channels.whatsapp_cloud import outgoing, pseudonym, read_webhook, valid_signature
from bot.handover import delivery
from bot.i18n import translate
from bot.language.conversation_policy import language_from_phone
from bot.rasa.person_replies import recorder
from bot.rasa.rest_channel import add_security_headers
from bot.rasa.silence import never_silent

logger = logging.getLogger(__name__)


class WhatsAppOutput(OutputChannel):
    """Replies to one phone number; the pseudonymous recipient id is never used to send."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    def __init__(self, client: GraphClient, phone: str) -> None:
        self.client, self.phone = client, phone
        self.sent = 0  # read by bot.rasa.silence: no reply at all gets a static one

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for payload in outgoing(self.phone, text):
            await self.client.send(payload)
            self.sent += 1

    async def send_text_with_buttons(self, recipient_id: str, text: str,
                                     buttons: List[Dict[str, Any]], **kwargs: Any) -> None:
        for payload in outgoing(self.phone, text, buttons):
            await self.client.send(payload)
            self.sent += 1


class WhatsAppInput(InputChannel):
    """WhatsApp Cloud API webhook (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        return "whatsapp"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> WhatsAppInput:
        env = os.environ.get
        return cls(
            verify_token=env("WHATSAPP_VERIFY_TOKEN"),
            app_secret=env("WHATSAPP_APP_SECRET"),
            client=GraphClient(env("WHATSAPP_GRAPH_URL", DEFAULT_GRAPH_URL),
                               env("WHATSAPP_PHONE_NUMBER_ID", ""),
                               env("WHATSAPP_ACCESS_TOKEN", "")),
            pseudonym_key=env("WHATSAPP_PSEUDONYM_KEY") or env("WHATSAPP_APP_SECRET") or "",
        )

    def __init__(self, verify_token, app_secret, client: GraphClient, pseudonym_key: str) -> None:
        self.verify_token, self.app_secret = verify_token, app_secret
        self.client, self.pseudonym_key = client, pseudonym_key
        self.seen = seen_ids()
        self.per_sender = rate_limits.per_sender()

    def _first_time(self, message_id: str) -> bool:
        return self.seen.first_time(message_id)

    async def _handle(self, incoming, sender: str, on_new_message, app) -> None:
        output = WhatsAppOutput(self.client, incoming.phone)
        metadata = {"src": "whatsapp", "phone_lang": language_from_phone(incoming.phone)}
        # The worker wrote, so WhatsApp's 24-hour window is open: a staff reply waiting for
        # them goes out first (bot/handover/delivery.py).
        delivered = await self._deliver_replies(sender, incoming.phone, app)
        if incoming.text == delivery.SHOW_REPLY:  # the button of our "a reply waits" template
            if not delivered:
                lang = await conversation_language(app, sender) or metadata["phone_lang"]
                await output.send_text_message(sender, translate(lang or "en",
                                                                 M.PERSON_NO_REPLY_YET))
            self._remember(sender, incoming.phone)
            return
        if incoming.media:
            # Voice notes, photos, locations: say politely that only text can be read.
            await on_new_message(UserMessage(
                "/out_of_scope", output, sender, input_channel=self.name(),
                metadata={**metadata, "media": True}))
        else:
            await on_new_message(UserMessage(incoming.text or "", output, sender,
                                             input_channel=self.name(), metadata=metadata))
        self._remember(sender, incoming.phone)

    async def _deliver_replies(self, sender: str, phone: str, app) -> list[str]:
        try:
            return await delivery.on_worker_message(sender, phone, self.client,
                                                    recorder(app))
        except Exception as error:  # noqa: BLE001 - the worker's own message still gets answered
            logger.error("whatsapp: person replies not delivered: %s", type(error).__name__)
            return []

    def _remember(self, sender: str, phone: str) -> None:
        try:
            delivery.remember_worker(sender, phone)
        except Exception as error:  # noqa: BLE001 - the answer went out; the window is a detail
            logger.error("whatsapp: handover contact not kept: %s", type(error).__name__)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whatsapp_webhook", __name__)
        on_new_message = never_silent(on_new_message)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request):
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request):
            token = request.args.get("hub.verify_token")
            if (self.verify_token and request.args.get("hub.mode") == "subscribe"
                    and token == self.verify_token):
                return response.text(request.args.get("hub.challenge", ""))
            return response.text("forbidden", status=403)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            raw = request.body or b""
            if not valid_signature(self.app_secret, raw,
                                   request.headers.get("x-hub-signature-256")):
                return response.text("forbidden", status=403)
            try:
                body = json.loads(raw.decode("utf-8"))
            # ValueError: also integers over Python's digit limit; RecursionError: deep nesting.
            except (UnicodeDecodeError, ValueError, RecursionError):
                return response.text("invalid JSON", status=400)
            for incoming in read_webhook(body):
                if not self._first_time(incoming.message_id):
                    continue
                sender = pseudonym(self.pseudonym_key, incoming.phone)
                if self.per_sender.retry_after(sender):
                    # One phone flooding the bot: not answered (Meta must not retry: 200).
                    logger.warning("whatsapp: a sender is over the message limit")
                    continue
                try:
                    await self._handle(incoming, sender, on_new_message, request.app)
                except Exception as error:  # noqa: BLE001 - Meta retries a failed delivery
                    # Not seen after all: the retry is handled. The type only, never the text.
                    self.seen.forget(incoming.message_id)
                    logger.error("whatsapp: handling a message failed: %s", type(error).__name__)
                    return response.text("retry", status=503)
            return response.text("ok")

        add_security_headers(webhook)
        return webhook


async def conversation_language(app, sender: str) -> str | None:
    """The language slot of a conversation, or None (no tracker, or it cannot be read)."""
    try:
        tracker = await app.ctx.agent.tracker_store.retrieve(sender)
    except Exception as error:  # noqa: BLE001 - the phone's country is the fallback
        logger.warning("whatsapp: conversation language not read: %s", type(error).__name__)
        return None
    return tracker.get_slot("language") if tracker else None
