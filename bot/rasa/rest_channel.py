"""Rasa's REST channel with the request checked before anything reaches the bot.

Rasa's own RestInput answers a JSON list or a missing sender with a 500 and a stack trace. Here:
a body that is not a JSON object, or lacks a usable sender or message, is a 400; a message longer
than MAX_MESSAGE_CHARS is a 413; metadata keeps only the deep-link keys the bot uses, as short
strings. A message the bot leaves unanswered gets a static reply (bot/rasa/silence.py). The route
stays /webhooks/rest/webhook.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import SlotSet, UserUttered
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage, PayloadTooLarge
from sanic.request import Request

from bot.answers.topics import is_topic
from bot.channels import rate_limits
from bot.channels.request_body import (
    CALENDAR_HEADER,
    LANGUAGE_HEADER,
    TOPIC_HEADER,
    RequestError,
    validate_body,
)
from bot.channels.source_signature import shared_secret, trusted_metadata
from bot.language.registry import SUPPORTED_LANGUAGES
from bot.rasa.silence import never_silent

logger = logging.getLogger(__name__)


def _checked(request: Request) -> tuple[str, str, Dict[str, str]]:
    cached = getattr(request.ctx, "checked_body", None)
    if cached is None:
        try:
            cached = validate_body(request.json)
        except RequestError as error:
            if error.status == 413:
                raise PayloadTooLarge(str(error)) from None
            raise InvalidUsage(str(error)) from None
        request.ctx.checked_body = cached
    return cached


# The REST webhook is public behind nginx: its answers carry the web app's headers too.
SECURITY_HEADERS = {"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
                    "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def add_security_headers(bp: Blueprint) -> None:
    @bp.on_response
    async def security_headers(request: Request, resp):
        for name, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(name, value)


def body_sender(request: Request) -> str | None:
    """The sender of a valid body, or None (the handler then answers the 4xx)."""
    try:
        return _checked(request)[0]
    except (InvalidUsage, PayloadTooLarge):
        return None


class SafeRestInput(RestInput):
    """REST channel that validates its input (see module docstring)."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    async def _extract_sender(self, req: Request) -> str | None:
        return _checked(req)[0]

    def _extract_message(self, req: Request) -> str | None:
        return _checked(req)[1]

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        bp = super().blueprint(never_silent(on_new_message))
        by_sender, by_address = rate_limits.per_sender(), rate_limits.per_address()

        @bp.on_request
        async def limit(request: Request):
            # Per conversation always; per address unless it is the web app on this machine
            # (behind a proxy, SANIC_PROXIES_COUNT=1 gives the client's own address).
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            address = request.remote_addr or request.ip
            wait = None if rate_limits.is_loopback(address) else by_address.retry_after(address)
            if wait is None:
                sender = body_sender(request)
                wait = by_sender.retry_after(sender) if sender else None
            if wait is not None:
                seconds = str(int(wait + 0.999))
                return response.json({"error": "too many messages"}, status=429,
                                     headers={"Retry-After": seconds})
            return None

        @bp.on_response
        async def conversation_language(request: Request, resp):
            # The web app shows the page in the conversation language: it comes with the answer
            # instead of costing a second request for the whole tracker.
            if request.method != "POST" or not request.path.endswith("/webhook") \
                    or resp.status != 200:
                return
            sender = body_sender(request)
            agent = getattr(request.app.ctx, "agent", None)
            if not sender or agent is None or agent.tracker_store is None:
                return
            try:
                tracker = await agent.tracker_store.retrieve(sender)
            except Exception as error:  # noqa: BLE001 - the answer goes out without the header
                logger.warning("conversation language not read: %s", type(error).__name__)
                return
            lang = tracker.get_slot("language") if tracker else None
            if lang in SUPPORTED_LANGUAGES:
                resp.headers[LANGUAGE_HEADER] = lang
            topic = tracker.get_slot("last_topic") if tracker else None
            if is_topic(topic):
                resp.headers[TOPIC_HEADER] = topic
            day = day_of_this_answer(tracker) if tracker else None
            if day:
                resp.headers[CALENDAR_HEADER] = day

        add_security_headers(bp)
        return bp

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()

    def get_metadata(self, request: Request) -> Dict[str, Any] | None:
        sender, _, metadata = _checked(request)
        return trusted_metadata(sender, metadata, shared_secret())


def day_of_this_answer(tracker) -> str | None:
    """The day the answer to the latest message worked out, if it did (set after that message:
    an earlier answer's day is not this answer's)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return None
        if isinstance(event, SlotSet) and event.key == "calendar_day" and event.value:
            try:
                return dt.date.fromisoformat(str(event.value)).isoformat()
            except ValueError:
                return None
    return None
