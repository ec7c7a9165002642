"""SQLite settings for a file several processes write to (the embedded default only).

WAL lets readers go on while one process writes, and synchronous=NORMAL does not wait for the
disk on every commit: the server processes write on every message, and a wait for the disk blocks
their event loop. A crash of a process loses nothing; a power cut can lose the last commits,
which is acceptable for the embedded single-machine setup (PostgreSQL serves the scaled one).
busy_timeout waits for another process's write instead of failing at once.
"""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA busy_timeout=5000")


def _set_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def pooled_engine(url: str, **kwargs) -> Engine:
    """A SQLite engine that keeps its connections (SQLAlchemy 1.4 opens a new one per session
    for a file database): each message reads and writes several times."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import QueuePool

    return tune(create_engine(url, poolclass=QueuePool, pool_size=5, max_overflow=10,
                              connect_args={"check_same_thread": False}, **kwargs))


def tune(engine: Engine) -> Engine:
    """Apply the pragmas to every connection of a SQLite engine (others are left alone)."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _set_pragmas):
        event.listen(engine, "connect", _set_pragmas)
        engine.dispose()  # connections opened before the listener get replaced
    return engine
