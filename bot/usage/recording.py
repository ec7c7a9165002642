"""What the action server counts after it answers (bot/usage/stats.py stores it).

One count per answered message: the topic answered, the conversation language, the region of
the remembered town ('unknown' without one) and where the conversation came from. A question that
only gets a follow-up question ("which town?", the language menu) is counted when it is answered.
Counting never breaks an answer: any error is logged as a warning, without message text.

The actions call `record_answer(tracker, turn, outcome)` with the rasa_sdk tracker and the outcome
the reply builder returned; of the tracker only `sender_id`, `events`, `get_slot()` and
`get_latest_input_channel()` are used.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Callable, Iterable

from bot.answers.topics import is_topic
from bot.db.session import shared_engine
from bot.usage.stats import UNKNOWN_REGION, iso_week, record

logger = logging.getLogger(__name__)

QR_SOURCES = frozenset({"nla"})  # src= on the labour inspectors' QR cards
WHATSAPP_CHANNELS = frozenset({"whatsapp", "twilio"})
WEB_SENDER_PREFIX = "web-"  # the web app (bot/web/app.py) prefixes the page's random id


def source_of(sender_id: str | None, channel: str | None, user_events: Iterable[dict]) -> str:
    """qr when any message of the conversation came from a QR card (src=nla: the page sends it
    with every message, a REST client perhaps only with the first), whatsapp, web (the web app),
    or other."""
    for event in user_events:
        metadata = event.get("metadata") if isinstance(event, dict) else None
        if isinstance(metadata, dict) and metadata.get("src") in QR_SOURCES:
            return "qr"
    if channel in WHATSAPP_CHANNELS:
        return "whatsapp"
    if channel == "rest" and isinstance(sender_id, str) and sender_id.startswith(WEB_SENDER_PREFIX):
        return "web"
    return "other"


def region_of(town: str | None) -> str:
    """The arbeidsmarktregio of a remembered municipality (the `town` slot), or 'unknown'."""
    if not town:
        return UNKNOWN_REGION
    from bot.places.gazetteer import gazetteer

    g = gazetteer()
    municipality = g.by_name.get(town.lower())
    if municipality:
        return municipality.region_name
    regions = {m.region_name for m in g.find(town, fuzzy=False)}
    return regions.pop() if len(regions) == 1 else UNKNOWN_REGION


def record_answer(tracker: Any, turn: Any, outcome: Any,
                  today: Callable[[], dt.date] = dt.date.today, engine: Any = None) -> str | None:
    """Counts the answer this turn gave, if it answered a topic (`outcome.topic`, from the reply
    builder: bot/dialogue/outcome.py); returns the topic counted."""
    try:
        topic = outcome.topic
        if not is_topic(topic) or turn.language is None:
            return None
        region = region_of(outcome.place or outcome.slots.get("town") or tracker.get_slot("town"))
        user_events = [e for e in tracker.events
                       if isinstance(e, dict) and e.get("event") == "user"]
        source = source_of(tracker.sender_id, tracker.get_latest_input_channel(), user_events)
        record(engine or shared_engine(), iso_week(today()), topic, turn.language, region, source)
        return topic
    except Exception as error:  # noqa: BLE001 - statistics must never break an answer
        # The type only: a database error's text may quote parameters.
        logger.warning("usage statistics not recorded: %s", type(error).__name__)
        return None
