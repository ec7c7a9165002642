"""Rasa's tracker store and lock store, chosen from the environment (see bot/db/store_urls.py).

endpoints.yml names these classes instead of Rasa's `SQL` / `redis` types because Rasa refuses an
unset ${VARIABLE} in endpoints.yml: here an unset TRACKER_STORE_URL means the embedded SQLite file
and an unset LOCK_STORE_URL the in-process lock store. Each `__new__` returns Rasa's own store
(the Redis one made atomic across servers), so everything else Rasa does with them is unchanged.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from bot.db.sqlite_tuning import pooled_engine
from bot.db.store_urls import lock_store_url, tracker_store_url
from bot.rasa.patches import written_for

LOCK_KEY_PREFIX = "wnl"


class EnvTrackerStore:
    """Rasa's SQLTrackerStore on TRACKER_STORE_URL (PostgreSQL), or on var/tracker.sqlite3."""

    def __new__(cls, domain: Any = None, event_broker: Any = None, **_: Any):
        from rasa.core.tracker_store import SQLTrackerStore

        url = tracker_store_url()
        if url.startswith("sqlite:///"):
            from pathlib import Path

            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        store = guarded_sql_tracker_store(SQLTrackerStore)(
            domain=domain, host=url, event_broker=event_broker)
        if store.engine.dialect.name == "sqlite":
            from sqlalchemy.orm import sessionmaker

            store.engine.dispose()
            store.engine = pooled_engine(url)
            store.sessionmaker = sessionmaker(bind=store.engine)
        return store


class TrackerStoreRowError(RuntimeError):
    """One conversation's row could not be read or written; the server goes on serving."""


def guarded_sql_tracker_store(base: type) -> type:
    """SQLTrackerStore whose session scope does not exit the process on a bad row.

    Rasa 3.6's `session_scope` catches any ValueError raised inside it, takes it for a missing
    PostgreSQL schema and calls sys.exit(1). A driver error on one conversation's data is also a
    ValueError (SQLite: UnicodeEncodeError for a lone surrogate; psycopg2: a NUL byte), so one
    request took the whole server down. Here the schema check keeps Rasa's behaviour, and an
    error in the body fails that request only, as TrackerStoreRowError (the type is logged, never
    the value, which may quote the message). On another Rasa version the class is Rasa's own.
    """
    import contextlib
    import logging

    from rasa.core.tracker_store import ensure_schema_exists
    from rasa.shared.utils.cli import print_error_and_exit

    if not written_for(base, "session_scope", "tracker store guard not installed"):
        return base

    class GuardedSQLTrackerStore(base):
        @contextlib.contextmanager
        def session_scope(self):
            session = self.sessionmaker()
            try:
                try:
                    ensure_schema_exists(session)
                except ValueError as schema:  # Rasa's own case: a configured schema is missing
                    print_error_and_exit(
                        f"Requested PostgreSQL schema '{schema}' was not found in the database.")
                try:
                    yield session
                except ValueError as error:
                    logging.getLogger(__name__).error(
                        "tracker store: one conversation failed with %s", type(error).__name__)
                    raise TrackerStoreRowError(type(error).__name__) from None
            finally:
                session.close()

    return GuardedSQLTrackerStore


# How often a message waiting for its conversation's lock looks again. Rasa's default is 1 s:
# a burst of 20 messages to one conversation took 19 s, almost all of it waiting.
LOCK_POLL_SECONDS = 0.05


def fast_polling(base: type) -> type:
    """`base` (a Rasa lock store) polling every LOCK_POLL_SECONDS instead of every second.
    Only on the Rasa versions this was written for; elsewhere Rasa's own class, with a log line."""
    if not written_for(base, "_acquire_lock", "lock store polling not changed"):
        return base

    class FastPolling(base):
        async def _acquire_lock(self, conversation_id, ticket, wait_time_in_seconds):
            return await super()._acquire_lock(conversation_id, ticket,
                                               min(wait_time_in_seconds, LOCK_POLL_SECONDS))

    FastPolling.__name__ = FastPolling.__qualname__ = f"FastPolling{base.__name__}"
    return FastPolling


def redis_settings(url: str) -> dict[str, Any]:
    """RedisLockStore's arguments from redis://[:password@]host[:port][/db]."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError("LOCK_STORE_URL must be a redis:// or rediss:// URL")
    db = parts.path.lstrip("/")
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 6379,
        "db": int(db) if db else 1,
        "username": parts.username or None,
        "password": parts.password or None,
        "use_ssl": parts.scheme == "rediss",
        "key_prefix": LOCK_KEY_PREFIX,
    }


def atomic_redis_lock_store(**settings: Any):
    """Rasa's RedisLockStore whose read-modify-write steps are atomic across servers.

    Rasa 3.6 reads a conversation's ticket queue from Redis, changes it and writes it back, with
    nothing in between stopping another server doing the same: under a burst of one conversation's
    messages to two servers, tickets were overwritten or the queue deleted under a waiting message,
    which then failed with a LockError (found by tests/scale). Here each of those steps holds a
    short Redis mutex for that conversation.
    """
    from rasa.core.lock_store import RedisLockStore

    class AtomicRedisLockStore(fast_polling(RedisLockStore)):
        def _mutex(self, conversation_id: str):
            return self.red.lock(f"{self.key_prefix}mutex:{conversation_id}", timeout=MUTEX_SECONDS,
                                 blocking_timeout=MUTEX_SECONDS)

        def issue_ticket(self, conversation_id: str, lock_lifetime: float = None) -> int:
            from rasa.core.lock_store import LOCK_LIFETIME

            with self._mutex(conversation_id):
                return super().issue_ticket(conversation_id, lock_lifetime or LOCK_LIFETIME)

        def update_lock(self, conversation_id: str) -> None:
            with self._mutex(conversation_id):
                super().update_lock(conversation_id)

        def cleanup(self, conversation_id: str, ticket_number: int) -> None:
            with self._mutex(conversation_id):
                super().cleanup(conversation_id, ticket_number)

    return AtomicRedisLockStore(**settings)


# Longest a server holds a conversation's mutex (a few Redis round trips; expires if it dies).
MUTEX_SECONDS = 5


class EnvLockStore:
    """Redis lock store on LOCK_STORE_URL (atomic, see above), or Rasa's InMemoryLockStore."""

    def __new__(cls, endpoint_config: Any = None, **_: Any):
        from rasa.core.lock_store import InMemoryLockStore

        url = lock_store_url()
        if not url:
            return fast_polling(InMemoryLockStore)()
        return atomic_redis_lock_store(**redis_settings(url))
