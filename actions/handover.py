"""Leaving a question for the informatiepunt team, step by step (bot/dialogue/handover_flow.py
says what the bot says; bot/handover/store.py keeps the handover). Nothing is stored before the
worker says yes; "stop" or the button deletes it at once."""
from __future__ import annotations

from typing import Any

from bot.dialogue import handover_flow as flow
from bot.dialogue.context import Context
from bot.dialogue.outcome import Outcome
from bot.dialogue.phrases import words
from bot.dialogue.turn import Turn

STAGE, QUESTION = "handover_stage", "handover_question"
ASKING, CONSENTING, SENT = "question", "consent", "sent"
TRANSCRIPT_MESSAGES = 10
# A message this long, while the question waits, may be more about it ("ok" is not).
ADD_MIN_WORDS = 3


def team_region(town: str | None) -> str | None:
    """The region whose team reads the question: the remembered town's, where a help point of
    that region is on record; None (the national team) otherwise."""
    if not town:
        return None
    from bot.places.gazetteer import gazetteer

    try:
        g = gazetteer()
        municipality = g.by_name.get(town.lower())
        if municipality and g.help_points(municipality):
            return municipality.region_name
    except Exception:  # noqa: BLE001 - no region data: the national team
        return None
    return None


def channel_of(tracker: Any) -> str:
    channel = tracker.get_latest_input_channel()
    if channel in ("whatsapp", "twilio"):
        return "whatsapp"
    return "web" if str(tracker.sender_id).startswith("web-") else "other"


def transcript_of(tracker: Any) -> str:
    """The last messages of the conversation, worker and bot, as plain lines."""
    lines = []
    for event in tracker.events:
        if not isinstance(event, dict) or event.get("event") not in ("user", "bot"):
            continue
        text = (event.get("text") or "").strip()
        if text and not text.startswith("/"):
            lines.append(("worker: " if event["event"] == "user" else "bot: ") + text)
    return "\n".join(lines[-TRANSCRIPT_MESSAGES:])


def handover_step(turn: Turn, lang: str, context: Context, tracker: Any) -> Outcome | None:
    """The next step of a handover this message makes, or None when it is not about one."""
    step = turn.entity("handover")
    stage = tracker.get_slot(STAGE)
    stop = not turn.is_payload and set(words(turn.text)) & flow.STOP_WORDS \
        and len(words(turn.text)) <= 3
    region = team_region(context.town)
    if step == flow.START:
        return Outcome.of(flow.explain(lang, region, channel_of(tracker)),
                          slots={STAGE: ASKING}, topic="ask_human")
    if step == flow.WITHDRAW or (stop and stage in (ASKING, CONSENTING, SENT)):
        withdrawn = _withdraw(str(tracker.sender_id))
        reply = flow.withdrawn(lang) if withdrawn or stage == SENT else flow.cancelled(lang)
        return Outcome.of(reply, slots={STAGE: None, QUESTION: None})
    if stage == ASKING and not turn.is_payload and turn.text.strip():
        return Outcome.of(flow.consent(lang, region),
                          slots={STAGE: CONSENTING, QUESTION: turn.text.strip()})
    if stage == SENT and step == flow.ADD:
        added = _add(str(tracker.sender_id), tracker.get_slot(QUESTION) or "")
        return Outcome.of(flow.added(lang) if added else flow.cancelled(lang),
                          slots={QUESTION: None})
    if stage == CONSENTING and step is None and turn.intent == "affirm" and not turn.is_payload:
        step = flow.SEND  # a typed "yes": the question only, not the transcript
    if stage == CONSENTING and step in (flow.SEND, flow.SEND_ALL):
        question = tracker.get_slot(QUESTION) or ""
        transcript = transcript_of(tracker) if step == flow.SEND_ALL else None
        _create(str(tracker.sender_id), channel_of(tracker), lang, region, question, transcript)
        return Outcome.of(flow.sent(lang, region), slots={STAGE: SENT, QUESTION: None},
                          topic="ask_human")
    if stage == CONSENTING and (step == flow.CANCEL or turn.intent == "deny"):
        return Outcome.of(flow.cancelled(lang), slots={STAGE: None, QUESTION: None})
    return None


def offer_to_add(turn: Turn, lang: str, tracker: Any, outcome: Outcome) -> Outcome:
    """While the question waits for a reply, a new question of the worker is answered as usual
    and may be added to it with one tap (nothing is added without that tap)."""
    if tracker.get_slot(STAGE) != SENT or turn.is_payload or not outcome.replies \
            or len(words(turn.text)) < ADD_MIN_WORDS or not _waiting(str(tracker.sender_id)):
        return outcome
    from bot.dialogue.replies import with_extra_button

    replies = with_extra_button(list(outcome.replies), flow.add_button(lang))
    return Outcome(tuple(replies), {**outcome.slots, QUESTION: turn.text.strip()},
                   outcome.followup, outcome.topic, outcome.place)


def _in_store(operation, *args):
    """One handover store operation in its own session (bot/handover/store.py)."""
    from bot.db.session import shared_session

    with shared_session() as session:
        return operation(session, *args)


def _waiting(conversation: str) -> bool:
    from bot.handover.store import waits_for_a_reply

    return _in_store(waits_for_a_reply, conversation)


def _add(conversation: str, text: str) -> bool:
    from bot.handover.store import add_to

    return _in_store(add_to, conversation, text)


def _create(conversation, channel, lang, region, question, transcript) -> None:
    from bot.handover.store import create

    _in_store(create, conversation, channel, lang, region, question, transcript)


def _withdraw(conversation: str) -> int:
    from bot.handover.store import withdraw

    return _in_store(withdraw, conversation)
