"""Failed logins, kept in the database so the limits hold across processes and restarts.

Three budgets within WINDOW, each a key in `staff_login_failures` (hashes: no name or address is
stored): MAX_FAILURES per user name and client address, MAX_ADDRESS_FAILURES per address across
all names (guessing many names from one place), MAX_GLOBAL_FAILURES in all. An attempt is counted
*before* its password is checked (`reserve`), in one synchronous step, so concurrent attempts
cannot all pass the check (20 concurrent wrong passwords once gave 20 x 401). A correct password
takes its attempt back and clears the pair. A locked pair does not lock the same name from
another address: behind a proxy the client address comes from the trusted proxy's header
(PROXIES_COUNT, see bot/web/app.py).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db.staff_models import LoginFailure

MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
MAX_GLOBAL_FAILURES = 300
WINDOW = dt.timedelta(minutes=15)
GLOBAL = "global"


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def key(name: str, address: str | None) -> str:
    """A hash of user name and address: the table holds no IP address."""
    return _hash(f"{(name or '').strip().lower()}\x00{address or ''}")


def address_key(address: str | None) -> str:
    return _hash(f"address\x00{address or ''}")


@dataclass
class Attempt:
    keys: tuple[str, str, str]
    rows: list[int]


def _count(session: Session, k: str, now: dt.datetime) -> int:
    return session.scalar(select(func.count()).select_from(LoginFailure).where(
        LoginFailure.key == k, LoginFailure.failed_at > now - WINDOW))


def reserve(session: Session, name: str, address: str | None,
            now: dt.datetime | None = None) -> Attempt | None:
    """Count this attempt as a failure now; None (and nothing counted) when a budget is spent."""
    now = now or dt.datetime.utcnow()
    session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - WINDOW))
    keys = (key(name, address), address_key(address), GLOBAL)
    limits = (MAX_FAILURES, MAX_ADDRESS_FAILURES, MAX_GLOBAL_FAILURES)
    if any(_count(session, k, now) >= limit for k, limit in zip(keys, limits, strict=True)):
        return None
    rows = [LoginFailure(key=k, failed_at=now) for k in keys]
    session.add_all(rows)
    session.flush()
    return Attempt(keys, [r.id for r in rows])


def release(session: Session, attempt: Attempt) -> None:
    """The attempt was not a failure after all (right password, or not checked at all)."""
    session.execute(delete(LoginFailure).where(LoginFailure.id.in_(attempt.rows)))


def succeeded(session: Session, attempt: Attempt) -> None:
    release(session, attempt)
    session.execute(delete(LoginFailure).where(LoginFailure.key == attempt.keys[0]))


def is_limited(session: Session, pair: str, now: dt.datetime | None = None) -> bool:
    now = now or dt.datetime.utcnow()
    return _count(session, pair, now) >= MAX_FAILURES


def record_failure(session: Session, pair: str, now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.utcnow()
    session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= now - WINDOW))
    session.add(LoginFailure(key=pair, failed_at=now))
    session.flush()


def clear(session: Session, pair: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.key == pair))
