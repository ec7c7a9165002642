"""Server-side sessions: the browser holds a random token in a cookie, the database holds its
SHA-256 hash, the user, a CSRF token and when it was last used. A session ends after
STAFF_SESSION_HOURS idle (default 8), a day after login, or at logout."""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.db.staff_models import StaffSession, StaffUser
from bot.staff.settings import ABSOLUTE_SESSION_HOURS, session_idle

PENDING_MINUTES = 10  # to type the code after the password


@dataclass(frozen=True)
class Staff:
    """The logged-in user of a request."""

    name: str
    role: str
    csrf: str

    @property
    def is_editor(self) -> bool:
        return self.role == "editor"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, user: StaffUser, now: dt.datetime | None = None,
                  pending: str | None = None, enrol_secret: str | None = None) -> str:
    """A new session for `user`; returns the token for the cookie (never stored). A `pending`
    session only leads to the second step of the login (bot/staff/two_factor.py)."""
    now = now or dt.datetime.utcnow()
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=token_hash(token), user_id=user.id,
                             csrf_token=secrets.token_urlsafe(32), created_at=now, last_seen=now,
                             pending=pending, enrol_secret=enrol_secret))
    _purge(session, now)
    session.flush()
    return token


def _session_row(session: Session, token: str | None):
    """(session row, user) of a cookie's token, or None."""
    if not token or len(token) > 200:
        return None
    return session.execute(
        select(StaffSession, StaffUser).join(StaffUser, StaffUser.id == StaffSession.user_id)
        .where(StaffSession.token_hash == token_hash(token))).first()


def resume_session(session: Session, token: str | None,
                   now: dt.datetime | None = None) -> Staff | None:
    """The user of a live session, or None; using a session keeps it alive."""
    row = _session_row(session, token)
    if row is None:
        return None
    now = now or dt.datetime.utcnow()
    stored, user = row
    if stored.pending:  # the password was right, the second step is still to come
        return None
    if now - stored.last_seen > session_idle() or \
            now - stored.created_at > dt.timedelta(hours=ABSOLUTE_SESSION_HOURS):
        session.delete(stored)
        return None
    stored.last_seen = now
    return Staff(user.name, user.role, stored.csrf_token)


def pending_session(session: Session, token: str | None, now: dt.datetime | None = None):
    """(session row, user) of a login waiting for its second step, for PENDING_MINUTES."""
    row = _session_row(session, token)
    if row is None or not row[0].pending:
        return None
    now = now or dt.datetime.utcnow()
    if now - row[0].created_at > dt.timedelta(minutes=PENDING_MINUTES):
        session.delete(row[0])
        return None
    return row


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(StaffSession).where(StaffSession.token_hash == token_hash(token)))


def _purge(session: Session, now: dt.datetime) -> None:
    """Sessions past their idle time are of no use; drop them when someone logs in."""
    session.execute(delete(StaffSession).where(StaffSession.last_seen < now - session_idle()))
