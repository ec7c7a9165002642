"""Never silence: when the bot produced no reply to a message (the action server is down, or an
action failed), the channel sends a short static message in the conversation language instead.

Rasa logs the failed action and carries on with no reply; the user would see nothing. The
conversation language is read from the tracker store (the `language` slot); failing that, from
the message itself or its deep-link hint.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from bot import messages as M
from bot.i18n import translate

logger = logging.getLogger(__name__)


FRESH_START = frozenset({"/restart", "/session_start"})


def said_anything(output: Any) -> bool:
    """Whether the output channel sent or collected at least one message."""
    return bool(getattr(output, "messages", None)) or getattr(output, "sent", 0) > 0


def _agent() -> Any:
    """The Agent of the Rasa server this process runs (Rasa keeps it on its Sanic app)."""
    from sanic import Sanic

    for app in list(Sanic._app_registry.values()):
        agent = getattr(app.ctx, "agent", None)
        if agent is not None:
            return agent
    return None


async def conversation_language(message: UserMessage) -> str | None:
    from bot.language.conversation_policy import prior_from_metadata
    from bot.language.detection import DETECT_MAX_CHARS, detect

    try:
        agent = _agent()
        if agent is not None and agent.tracker_store is not None:
            tracker = await agent.tracker_store.retrieve(message.sender_id)
            if tracker is not None and tracker.get_slot("language"):
                return tracker.get_slot("language")
    except Exception:  # noqa: BLE001 - the store may be what failed; fall back to the text
        logger.warning("silence: tracker store unavailable for the language")
    text = message.text or ""
    if text and not text.startswith("/"):
        guess = detect(text[:DETECT_MAX_CHARS])
        if guess.code and guess.confidence >= 0.5:
            return guess.code
    return prior_from_metadata(message.metadata)


def static_reply(lang: str | None) -> str:
    return translate(lang, M.BOT_UNAVAILABLE)


def never_silent(on_new_message: Callable[[UserMessage], Awaitable[Any]]
                 ) -> Callable[[UserMessage], Awaitable[Any]]:
    """on_new_message, followed by the static reply when the bot said nothing."""

    async def handle(message: UserMessage) -> Any:
        try:
            result = await on_new_message(message)
        except Exception as error:  # noqa: BLE001 - a stack trace must not reach the user
            # The type only: an exception's text may quote the message.
            logger.error("silence: handling a message failed: %s", type(error).__name__)
            result = None
        if not said_anything(message.output_channel):
            lang = await conversation_language(message)
            if (message.text or "").strip() in FRESH_START:
                # Rasa's own /restart and /session_start answer nothing: greet, not "unavailable".
                text = translate(lang, M.GREETING)
            else:
                logger.warning("silence: no reply from the bot; sent the static message")
                text = static_reply(lang)
            await message.output_channel.send_text_message(message.sender_id, text)
        return result

    return handle
