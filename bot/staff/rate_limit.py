"""Failed logins per user name and client address, kept in the database so the limit holds
across processes and restarts: after MAX_FAILURES within WINDOW, logins for that pair are refused
(HTTP 429) until the oldest failure ages out. A successful login clears the pair's failures."""
from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db.staff_models import LoginFailure

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)


def key(name: str, address: str | None) -> str:
    """A hash of user name and address: the table holds no IP address."""
    return hashlib.sha256(f"{(name or '').strip().lower()}\x00{address or ''}".encode("utf-8")).hexdigest()


def is_limited(session: Session, pair: str, now: dt.datetime | None = None) -> bool:
    now = now or dt.datetime.utcnow()
    failures = session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.key == pair, LoginFailure.failed_at > now - WINDOW))
    return failures >= MAX_FAILURES


def record_failure(session: Session, pair: str, now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.utcnow()
    session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - WINDOW))
    session.add(LoginFailure(key=pair, failed_at=now))
    session.flush()


def clear(session: Session, pair: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.key == pair))
