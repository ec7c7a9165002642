"""Dated facts as the bot uses them: the seed in data/facts/ together with the values staff
approved in the database (bot/staff/facts.py, four eyes), re-read at most every TTL_SECONDS, so
every server uses an approved minimum wage within a minute, without a restart.

Never fails: without a database, or before the migration, the seed alone is used.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from decimal import Decimal
from pathlib import Path

from bot.answers.minimum_wage import WagePeriod, WageTable, wage_table
from bot.timed_cache import TimedCache

# How long a process uses the approved facts it read (FACTS_TTL_SECONDS; "within a minute").
TTL_SECONDS = float(os.environ.get("FACTS_TTL_SECONDS", "30") or 30)
MINIMUM_WAGE = "minimum_wage"
HELP_POINT = "help_point"
# "This answer was checked against its sources today", approved by a second editor.
ANSWER_CHECKED = "answer_checked"
logger = logging.getLogger(__name__)
_cache: TimedCache[WageTable] = TimedCache(TTL_SECONDS)


def period_from_value(valid_from: dt.date, valid_until: dt.date, value: str, source: str,
                      checked: dt.date) -> WagePeriod:
    doc = json.loads(value)
    return WagePeriod(valid_from, valid_until,
                      {int(a): Decimal(v) for a, v in doc["hourly"].items()}, source, checked,
                      {int(a): Decimal(v) for a, v in (doc.get("bbl") or {}).items()})


def merged(seed: WageTable, approved: list[WagePeriod]) -> WageTable:
    """The seed's periods with the approved ones added; an approved period replaces a seed period
    that starts on the same day (a correction)."""
    starts = {p.start for p in approved}
    periods = [p for p in seed.periods if p.start not in starts] + approved
    return WageTable(tuple(sorted(periods, key=lambda p: p.start)), seed.planned, seed.source_url)


def current_wage_table() -> WageTable:
    from bot.db.session import database_url

    url = database_url()
    return _cache.get(url, lambda: _merged_or_seed(url))


def _merged_or_seed(url: str) -> WageTable:
    try:
        return merged(wage_table(), approved_wage_periods(url))
    except Exception as error:  # noqa: BLE001 - the bot answers from the seed whatever happens
        logger.warning("approved facts unavailable, using data/facts/ (%s)", type(error).__name__)
        return wage_table()


def approved_revisions(url: str, fact: str) -> list:
    """The approved FactRevision rows of one fact, oldest decision first; none without the
    database or its table (looking never creates an empty SQLite file)."""
    from sqlalchemy import inspect, select

    from bot.db.fact_models import FactRevision
    from bot.db.session import session_scope, shared_engine

    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return []
    engine = shared_engine(url)
    if not inspect(engine).has_table(FactRevision.__tablename__):
        return []
    with session_scope(engine, expire_on_commit=False) as session:
        return list(session.execute(select(FactRevision).where(
            FactRevision.fact == fact, FactRevision.status == "approved")
            .order_by(FactRevision.decided_at)).scalars())


def approved_wage_periods(url: str) -> list[WagePeriod]:
    return [period_from_value(r.valid_from, r.valid_until, r.value, r.source_url,
                              r.decided_at.date()) for r in approved_revisions(url, MINIMUM_WAGE)]


_point_cache: TimedCache[dict] = TimedCache(TTL_SECONDS)
_check_cache: TimedCache[dict] = TimedCache(TTL_SECONDS)


def _cached_or_nothing(cache: TimedCache[dict], read, what: str) -> dict:
    """`read(url)` of DATABASE_URL, kept TTL_SECONDS; {} when the database cannot tell (the
    seed data is used whatever happens)."""
    from bot.db.session import database_url

    url = database_url()

    def load() -> dict:
        try:
            return read(url)
        except Exception as error:  # noqa: BLE001 - never fails: the files' data is used
            logger.warning("%s unavailable (%s)", what, type(error).__name__)
            return {}

    return cache.get(url, load)


def point_updates() -> dict[str, dict]:
    """Approved changes to help-point records by point name, oldest first applied: the fields
    staff changed and the day the record was checked. Never fails (no database: no changes)."""
    return _cached_or_nothing(_point_cache, _read_point_updates, "help-point updates")


def _read_point_updates(url: str) -> dict[str, dict]:
    updates: dict[str, dict] = {}
    for row in approved_revisions(url, HELP_POINT):
        doc = json.loads(row.value)
        entry = updates.setdefault(doc["name"], {"fields": {}})
        entry["fields"].update(doc.get("fields") or {})
        entry["checked"] = dt.date.fromisoformat(doc["checked"])
        entry["source"] = row.source_url
    return updates


def updated_point(point, updates: dict[str, dict]):
    """A help point (bot.places.gazetteer.HelpPoint) with the approved changes of its record
    applied."""
    import dataclasses

    change = updates.get(point.name)
    if not change:
        return point
    fields = {"where" if k == "address" else k: v for k, v in change["fields"].items()}
    return dataclasses.replace(point, **fields, checked=change["checked"], source=change["source"])


def answer_checks() -> dict[str, dt.date]:
    """The newest approved "checked today" of each topic's answer. Never fails."""
    return _cached_or_nothing(_check_cache, _read_answer_checks, "answer checks")


def _read_answer_checks(url: str) -> dict[str, dt.date]:
    found: dict[str, dt.date] = {}
    for row in approved_revisions(url, ANSWER_CHECKED):
        doc = json.loads(row.value)
        day = dt.date.fromisoformat(doc["checked"])
        found[doc["topic"]] = max(day, found.get(doc["topic"], day))
    return found


def clear_cache() -> None:
    _cache.clear()
    _point_cache.clear()
    _check_cache.clear()
