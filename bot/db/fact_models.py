"""Dated facts that staff update without a release: every proposed value with its validity
period, source and the two people behind it (four eyes). Nothing here is about a worker."""
from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Integer, String, Text

from bot.db.base import Base


class FactRevision(Base):
    """One proposed value of a dated fact, e.g. the minimum wage table from 1 January 2027.

    `fact` names what it sets (`minimum_wage`); `value` is its JSON (amounts as decimal strings
    in cents, e.g. {"hourly": {"21": "15.20", ...}}). status: proposed, approved or rejected; the
    bot uses approved revisions together with data/facts/ (the seed). Rows are never deleted:
    they are the history.
    """

    __tablename__ = "fact_revisions"
    id = Column(Integer, primary_key=True)
    fact = Column(String(40), nullable=False, index=True)
    valid_from = Column(Date, nullable=False)
    valid_until = Column(Date, nullable=False)
    value = Column(Text, nullable=False)
    source_url = Column(String(500), nullable=False)
    status = Column(String(10), nullable=False, index=True)
    proposed_by = Column(String(80), nullable=False)
    proposed_at = Column(DateTime, nullable=False)
    decided_by = Column(String(80))
    decided_at = Column(DateTime)
