"""The staff answer library (bot/staff/): staff accounts, their server-side sessions, failed
logins for rate limiting, and the answers with every revision (proposed, approved, rejected).

Revisions name people by their user name (not a foreign key), so the history stays readable
after an account is removed. Session tokens and login-attempt keys are stored only as SHA-256
hashes: a copy of the database gives no live session and no IP address.
"""
from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint

from bot.db.base import Base


class StaffUser(Base):
    __tablename__ = "staff_users"
    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False, unique=True)
    password_hash = Column(String(200), nullable=False)  # argon2id, with its parameters
    role = Column(String(10), nullable=False)  # viewer | editor
    created_at = Column(DateTime, nullable=False)
    # The handover queues this person answers: region names, and/or "national" (comma-separated).
    regions = Column(String(1000))
    # Two-factor login (bot/staff/two_factor.py): the TOTP secret, set once the person proved
    # the app with a code, and the last time step used (a code works once).
    totp_secret = Column(String(64))
    totp_last_step = Column(Integer)


class RecoveryCode(Base):
    """A one-time code for a lost phone; only its SHA-256 hash is kept."""

    __tablename__ = "staff_recovery_codes"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False,
                     index=True)
    code_hash = Column(String(64), nullable=False)
    used_at = Column(DateTime)


class StaffSession(Base):
    """A logged-in browser: the cookie holds the token, the table only its hash."""

    __tablename__ = "staff_sessions"
    token_hash = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False,
                     index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False)
    last_seen = Column(DateTime, nullable=False)
    # Empty once the login is complete. "code": the password was right, the one-time code is
    # still to come; "enrol": the account must set up its authenticator app first.
    pending = Column(String(10))
    enrol_secret = Column(String(64))  # the secret shown while enrolling, until it is proved


class LoginFailure(Base):
    """One failed login; `key` is a hash of user name and client address."""

    __tablename__ = "staff_login_failures"
    id = Column(Integer, primary_key=True)
    key = Column(String(64), nullable=False, index=True)
    failed_at = Column(DateTime, nullable=False)


class LibraryTopic(Base):
    """A topic of data/faq/ with the date its answers were last checked against the sources."""

    __tablename__ = "library_topics"
    topic = Column(String(60), primary_key=True)
    last_checked = Column(Date, nullable=False)


class LibrarySource(Base):
    __tablename__ = "library_sources"
    id = Column(Integer, primary_key=True)
    topic = Column(String(60), ForeignKey("library_topics.topic"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    title = Column(String(300), nullable=False)
    url = Column(String(500))


class AnswerRevision(Base):
    """One text of an answer in one language.

    status: `file` (the text of data/faq/ when it was loaded), `proposed` (by an editor),
    `approved` (by a second editor), `rejected`. The bot uses the newest of `file` and `approved`
    by `decided_at`; when that is an approved revision, its text replaces the file's.
    """

    __tablename__ = "answer_revisions"
    __table_args__ = (UniqueConstraint("topic", "language", "number",
                                       name="uq_answer_revisions_topic_language_number"),)
    id = Column(Integer, primary_key=True)
    topic = Column(String(60), ForeignKey("library_topics.topic"), nullable=False, index=True)
    language = Column(String(8), nullable=False)
    number = Column(Integer, nullable=False)  # 1, 2, ... per topic and language
    text = Column(Text, nullable=False)
    status = Column(String(10), nullable=False, index=True)
    proposed_by = Column(String(80), nullable=False)
    proposed_at = Column(DateTime, nullable=False)
    decided_by = Column(String(80))
    decided_at = Column(DateTime)


class SeenMessage(Base):
    """A WhatsApp message id already answered (its hash), for a day: a delivery Meta retries,
    even after a restart, is answered once. Used when no Redis is configured."""

    __tablename__ = "seen_messages"
    id_hash = Column(String(64), primary_key=True)
    seen_at = Column(DateTime, nullable=False, index=True)
