"""Staff replies written into the Rasa conversation over Rasa's HTTP API (from the web app,
which holds the token), as bot events with `metadata.from_person`."""
from __future__ import annotations

import logging
from urllib.parse import quote

import aiohttp

logger = logging.getLogger(__name__)
TIMEOUT = aiohttp.ClientTimeout(total=30)


def over_http(rasa_url: str, token: str | None):
    """A `record(conversation, texts)` for bot.handover.delivery; None without a token."""
    if not token:
        return None

    async def record(conversation: str, texts: list[str]) -> None:
        events = [{"event": "bot", "text": text, "metadata": {"from_person": True}}
                  for text in texts]
        url = f"{rasa_url}/conversations/{quote(conversation, safe='')}/tracker/events"
        try:
            async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
                async with session.post(url, params={"token": token}, json=events) as r:
                    if r.status != 200:
                        logger.warning("person reply not recorded in the conversation: %s",
                                       r.status)
        except (aiohttp.ClientError, TimeoutError) as error:
            logger.warning("person reply not recorded in the conversation: %s",
                           type(error).__name__)
    return record
