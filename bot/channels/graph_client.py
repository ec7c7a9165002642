"""Sends WhatsApp messages through Meta's Graph API (or the recording twin the tests run). Used by
the Rasa channel for the bot's answers and by the handover delivery for staff replies."""
from __future__ import annotations

import logging
import os

import aiohttp

logger = logging.getLogger(__name__)
DEFAULT_GRAPH_URL = "https://graph.facebook.com/v19.0"
GRAPH_TIMEOUT = aiohttp.ClientTimeout(total=10)


class GraphClient:
    def __init__(self, base_url: str, phone_number_id: str, access_token: str) -> None:
        self.url = f"{base_url.rstrip('/')}/{phone_number_id}/messages"
        self.headers = {"Authorization": f"Bearer {access_token}"}

    async def send(self, payload: dict) -> bool:
        """True when Meta took the message; a network error is raised to the caller."""
        async with aiohttp.ClientSession(timeout=GRAPH_TIMEOUT) as session:
            async with session.post(self.url, json=payload, headers=self.headers) as r:
                if r.status >= 400:
                    logger.warning("whatsapp.send failed with status %s", r.status)
                    return False
                return True


def client_from_env() -> GraphClient | None:
    """The client configured by WHATSAPP_GRAPH_URL, WHATSAPP_PHONE_NUMBER_ID and
    WHATSAPP_ACCESS_TOKEN; None where WhatsApp is not set up."""
    env = os.environ.get
    if not env("WHATSAPP_ACCESS_TOKEN") or not env("WHATSAPP_PHONE_NUMBER_ID"):
        return None
    return GraphClient(env("WHATSAPP_GRAPH_URL", DEFAULT_GRAPH_URL),
                       env("WHATSAPP_PHONE_NUMBER_ID", ""), env("WHATSAPP_ACCESS_TOKEN", ""))
