"""Answer texts approved by staff, as the bot reads them: which revision of (topic, language) is
in use, and the approved ones cached per database for APPROVED_TTL_SECONDS.

The staff library (bot/staff/revisions.py) writes revisions; this module only reads them, so the
chat never imports the staff wing.
"""
from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.staff_models import AnswerRevision
from bot.timed_cache import TimedCache

FILE, PROPOSED, APPROVED, REJECTED = "file", "proposed", "approved", "rejected"
APPROVED_TTL_SECONDS = 30.0

logger = logging.getLogger(__name__)


def current_texts(session: Session) -> dict[tuple[str, str], AnswerRevision]:
    """The revision in use for every (topic, language): the newest `file` or `approved` one."""
    rows = session.execute(
        select(AnswerRevision).where(AnswerRevision.status.in_((FILE, APPROVED)))
        .order_by(AnswerRevision.decided_at, AnswerRevision.id)).scalars()
    current: dict[tuple[str, str], AnswerRevision] = {}
    for revision in rows:
        current[(revision.topic, revision.language)] = revision
    return current


def approved_texts_in(engine: Engine) -> dict[tuple[str, str], str]:
    """Texts whose revision in use is an approved staff text, by (topic, language)."""
    with Session(engine, future=True) as session:
        return {key: r.text for key, r in current_texts(session).items() if r.status == APPROVED}


_approved: TimedCache[dict[tuple[str, str], str]] = TimedCache(APPROVED_TTL_SECONDS)


def approved_texts() -> dict[tuple[str, str], str]:
    """Approved staff texts by (topic, language) from DATABASE_URL, cached for a short time.
    Never fails: an unreachable or unmigrated database means no approved texts."""
    from bot.db.session import database_url

    url = database_url()
    return _approved.get(url, lambda: _read_or_nothing(url))


def clear_approved_cache() -> None:
    _approved.clear()


def _read_or_nothing(url: str) -> dict[tuple[str, str], str]:
    try:
        return _read_approved(url)
    except Exception as error:  # noqa: BLE001 - the bot answers from the files whatever happens
        logger.warning("approved answer texts unavailable, using data/faq/ (%s)",
                       type(error).__name__)
        return {}


def _read_approved(url: str) -> dict[tuple[str, str], str]:
    from pathlib import Path

    from bot.db.session import shared_engine

    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return {}  # do not create an empty database file by looking
    return approved_texts_in(shared_engine(url))
