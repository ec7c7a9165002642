"""Message ids already answered, so a delivery the sender retries is answered once.

Several Rasa servers behind a load balancer share them in Redis (LOCK_STORE_URL, the same server
as the lock store); one server keeps them in the project database (DATABASE_URL, table
`seen_messages`), so a retry after a restart is still recognised. Only a hash of the provider's
opaque message id is kept, for a day. Memory is the last resort when neither can be reached.
"""
from __future__ import annotations

import logging
from collections import OrderedDict

from bot.db.store_urls import lock_store_url

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


class DatabaseSeen:
    def __init__(self, url: str | None = None) -> None:
        self.url = url
        self.fallback = MemorySeen()
        self.inserted = 0

    def _engine(self):
        from bot.db.session import shared_engine

        return shared_engine(self.url)

    @staticmethod
    def _hash(message_id: str) -> str:
        import hashlib

        return hashlib.sha256(message_id.encode("utf-8")).hexdigest()

    def first_time(self, message_id: str) -> bool:
        import datetime as dt

        from sqlalchemy import delete
        from sqlalchemy.exc import IntegrityError

        from bot.db.session import session_scope
        from bot.db.staff_models import SeenMessage

        now = dt.datetime.utcnow()
        try:
            with session_scope(self._engine()) as session:
                session.add(SeenMessage(id_hash=self._hash(message_id), seen_at=now))
                self.inserted += 1
                if self.inserted % 100 == 1:  # now and then: forget what is over a day old
                    session.execute(delete(SeenMessage).where(
                        SeenMessage.seen_at < now - dt.timedelta(seconds=REDIS_TTL_SECONDS)))
            return True
        except IntegrityError:
            return False
        except Exception as error:  # noqa: BLE001 - answer rather than drop the message
            logger.warning("seen_messages: database unavailable (%s), using this process's memory",
                           type(error).__name__)
            return self.fallback.first_time(message_id)

    def forget(self, message_id: str) -> None:
        from sqlalchemy import delete

        from bot.db.session import session_scope
        from bot.db.staff_models import SeenMessage

        self.fallback.forget(message_id)
        try:
            with session_scope(self._engine()) as session:
                session.execute(delete(SeenMessage).where(
                    SeenMessage.id_hash == self._hash(message_id)))
        except Exception as error:  # noqa: BLE001 - the retry is then answered as a duplicate
            logger.warning("seen_messages: could not forget a message id (%s)",
                           type(error).__name__)


def seen_ids() -> MemorySeen | RedisSeen | DatabaseSeen:
    url = lock_store_url()
    return RedisSeen(url) if url else DatabaseSeen()
