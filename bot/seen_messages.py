"""Message ids already answered, so a delivery the sender retries is answered once.

One process remembers them in memory; several Rasa servers behind a load balancer share them in
Redis (LOCK_STORE_URL, the same server as the lock store) so a retry that lands on another server
is still recognised. Only the provider's opaque message id is kept, for a day.
"""
from __future__ import annotations

import logging
from collections import OrderedDict

from bot.stores import lock_store_url

logger = logging.getLogger(__name__)
MEMORY_IDS = 10_000
REDIS_TTL_SECONDS = 24 * 3600
REDIS_PREFIX = "wnl:seen:"


class MemorySeen:
    def __init__(self, size: int = MEMORY_IDS) -> None:
        self.size = size
        self.ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, message_id: str) -> bool:
        if message_id in self.ids:
            return False
        self.ids[message_id] = None
        if len(self.ids) > self.size:
            self.ids.popitem(last=False)
        return True

    def forget(self, message_id: str) -> None:
        """Handling failed: let the provider's retry through."""
        self.ids.pop(message_id, None)


class RedisSeen:
    def __init__(self, url: str) -> None:
        import redis

        self.red = redis.Redis.from_url(url, socket_timeout=2)
        self.fallback = MemorySeen()

    def first_time(self, message_id: str) -> bool:
        try:
            return bool(self.red.set(REDIS_PREFIX + message_id, 1, nx=True, ex=REDIS_TTL_SECONDS))
        except Exception:  # noqa: BLE001 - Redis down: answer rather than drop the message
            logger.warning("seen_messages: Redis unavailable, using this process's memory")
            return self.fallback.first_time(message_id)

    def forget(self, message_id: str) -> None:
        self.fallback.forget(message_id)
        try:
            self.red.delete(REDIS_PREFIX + message_id)
        except Exception:  # noqa: BLE001 - the retry is then answered as a duplicate, at worst
            logger.warning("seen_messages: Redis unavailable, could not forget a message id")


def seen_ids() -> MemorySeen | RedisSeen:
    url = lock_store_url()
    return RedisSeen(url) if url else MemorySeen()
