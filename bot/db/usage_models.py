"""Usage statistics as aggregates only: how many questions per ISO week, topic, language, region
and source. No message text, no sender id, no time finer than the week: a row cannot be traced
back to a person or a conversation. Written by bot.usage.stats.record()."""
from __future__ import annotations

from sqlalchemy import Column, Integer, String, UniqueConstraint

from bot.db.base import Base


class UsageCount(Base):
    """One counter: answered questions in a week for a topic, language, region and source."""

    __tablename__ = "usage_counts"
    __table_args__ = (
        UniqueConstraint("week", "topic", "language", "region", "source",
                         name="uq_usage_counts_keys"),
    )
    id = Column(Integer, primary_key=True)
    week = Column(String(8), nullable=False)  # ISO week, '2026-W48'
    topic = Column(String(60), nullable=False)
    language = Column(String(8), nullable=False)
    region = Column(String(100), nullable=False)  # arbeidsmarktregio name, or 'unknown'
    source = Column(String(10), nullable=False)  # web, whatsapp, qr, other
    count = Column(Integer, nullable=False, default=0)
