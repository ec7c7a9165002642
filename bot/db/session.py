"""Engine and sessions. The engine is built from DATABASE_URL once per process by the entry
point that needs it; connection errors surface as DatabaseUnavailable."""
from __future__ import annotations

import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot import ROOT
from bot.db.sqlite_tuning import pooled_engine

DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'wnl.sqlite3'}"


class DatabaseUnavailable(RuntimeError):
    """The database named by DATABASE_URL cannot be reached."""


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def engine_from_url(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        return pooled_engine(url, future=True)
    return create_engine(url, future=True, pool_pre_ping=True)


def shared_engine(url: str | None = None) -> Engine:
    """One engine (and connection pool) per database per process, for the long-running servers."""
    return _engine_for(url or database_url())


@cache
def _engine_for(url: str) -> Engine:
    return engine_from_url(url)


@contextmanager
def session_scope(engine: Engine, expire_on_commit: bool = True) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back on an error.
    `expire_on_commit=False` keeps loaded objects readable after the block (rendering pages)."""
    factory = sessionmaker(bind=engine, future=True, expire_on_commit=expire_on_commit)
    session = factory()
    try:
        yield session
        session.commit()
    except OperationalError as error:
        session.rollback()
        # The type only: the driver's text may quote parameters.
        raise DatabaseUnavailable(type(error.orig).__name__) from error
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def shared_session(expire_on_commit: bool = True) -> Iterator[Session]:
    """A session on DATABASE_URL through this process's shared engine (the servers' way)."""
    with session_scope(shared_engine(), expire_on_commit=expire_on_commit) as session:
        yield session
