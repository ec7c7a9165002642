"""Questions a worker left for the informatiepunt team (bot/handover/), the staff replies, and
the audit of who opened which handover when (never the text).

The question and the transcript are the only place message text is kept outside Rasa's tracker
store, and the transcript only when the worker agreed to send it. A handover is found from the
worker's side by the pseudonymous conversation id, and from staff pages by a random public id:
numbers in a URL are not guessable keys.
"""
from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Text

from bot.db.base import Base


class Handover(Base):
    __tablename__ = "handovers"
    id = Column(Integer, primary_key=True)
    public_id = Column(String(32), nullable=False, unique=True)
    conversation = Column(String(128), nullable=False, index=True)  # pseudonymous sender id
    channel = Column(String(20), nullable=False)  # web | whatsapp | other
    language = Column(String(5), nullable=False)
    region = Column(String(100), nullable=False, index=True)  # a region name, or "national"
    question = Column(Text, nullable=False)
    transcript = Column(Text)  # only with the worker's consent
    status = Column(String(12), nullable=False, index=True)  # waiting answered closed withdrawn
    created_at = Column(DateTime, nullable=False)
    updated_at = Column(DateTime, nullable=False)
    assigned_to = Column(String(80))
    # WhatsApp only: the phone number, encrypted (bot/handover/contact.py), to send the reply;
    # deleted with the handover. The web chat needs none: the page asks for its replies.
    contact = Column(String(300))
    last_worker_at = Column(DateTime)  # the worker's last message: WhatsApp's 24-hour window
    stats_id = Column(Integer)  # its row in handover_stats, which holds no id of it


class HandoverReply(Base):
    __tablename__ = "handover_replies"
    id = Column(Integer, primary_key=True)
    handover_id = Column(Integer, ForeignKey("handovers.id", ondelete="CASCADE"), nullable=False,
                         index=True)
    staff = Column(String(80), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False)
    delivered_at = Column(DateTime)
    # Outside WhatsApp's 24-hour window: when the template that says a reply waits went out.
    announced_at = Column(DateTime)


class HandoverAudit(Base):
    """Who opened, replied to or closed which handover, and when. No text."""

    __tablename__ = "handover_audit"
    id = Column(Integer, primary_key=True)
    handover_public_id = Column(String(32), nullable=False, index=True)
    staff = Column(String(80), nullable=False)
    action = Column(String(20), nullable=False)  # opened replied closed forwarded
    at = Column(DateTime, nullable=False)


class HandoverStat(Base):
    """One handover for the statistics, without anything that leads back to it or the worker:
    the ISO week it came in, its region, language and channel, and how long the first reply
    took. Kept after the handover is purged."""

    __tablename__ = "handover_stats"
    id = Column(Integer, primary_key=True)
    week = Column(String(8), nullable=False, index=True)  # ISO week, e.g. 2026-W49
    region = Column(String(100), nullable=False)
    language = Column(String(5), nullable=False)
    channel = Column(String(20), nullable=False)
    first_reply_minutes = Column(Integer)
    within_working_day = Column(Integer)  # 1 or 0; empty until the first reply
