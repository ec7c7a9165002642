"""Retention: conversations leave Rasa's SQL tracker store when their last event is older than
RETENTION_DAYS (default 30). `python -m bot purge` runs it; schedule it daily (README).

Rasa's SQLTrackerStore keeps one row per event in the table `events` (sender_id, type_name,
timestamp as float epoch seconds, intent_name, action_name, data). A conversation is all the rows
of one sender_id; it is deleted whole, in one statement, so a conversation that gets a new event
while the purge runs is kept. The table is reflected, not declared: it belongs to Rasa.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import MetaData, Table, create_engine, delete, func, inspect, select

DEFAULT_RETENTION_DAYS = 30
EVENTS_TABLE = "events"


@dataclass(frozen=True)
class PurgeResult:
    table_found: bool
    conversations: int = 0
    events: int = 0


def retention_days() -> int:
    """RETENTION_DAYS from the environment (a positive whole number), default 30."""
    value = os.environ.get("RETENTION_DAYS", "").strip()
    if not value:
        return DEFAULT_RETENTION_DAYS
    days = int(value)
    if days < 1:
        raise ValueError("RETENTION_DAYS must be at least 1")
    return days


def purge(url: str, days: int, dry_run: bool = False, now: float | None = None) -> PurgeResult:
    """Deletes (or with dry_run only counts) the conversations whose last event is older than
    `days` days before `now` (epoch seconds; default: the current time)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    cutoff = (time.time() if now is None else now) - days * 86_400
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return PurgeResult(table_found=False)  # no conversation stored yet; do not create the file
    engine = create_engine(url, future=True)
    try:
        if not inspect(engine).has_table(EVENTS_TABLE):
            return PurgeResult(table_found=False)
        events = Table(EVENTS_TABLE, MetaData(), autoload_with=engine)
        expired = (select(events.c.sender_id)
                   .group_by(events.c.sender_id)
                   .having(func.max(events.c.timestamp) < cutoff))
        with engine.begin() as connection:
            conversations = connection.execute(
                select(func.count()).select_from(expired.subquery())).scalar_one()
            if dry_run:
                n_events = connection.execute(
                    select(func.count()).select_from(events)
                    .where(events.c.sender_id.in_(expired))).scalar_one()
            else:
                # One statement: a conversation that just got a new event no longer matches.
                n_events = connection.execute(
                    delete(events).where(events.c.sender_id.in_(expired))).rowcount
        return PurgeResult(True, conversations, n_events)
    finally:
        engine.dispose()
