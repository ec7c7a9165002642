"""Handovers in the database: made only after the worker said yes, withdrawn (deleted at once)
when the worker says so, answered by staff, and purged after the retention period once closed.
Functions take a session first; nothing here logs text."""
from __future__ import annotations

import datetime as dt
import re
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.channels.identifiers import clean_text
from bot.db.handover_models import Handover, HandoverAudit, HandoverReply
from bot.handover import figures

WAITING, ANSWERED, CLOSED, WITHDRAWN = "waiting", "answered", "closed", "withdrawn"
NATIONAL = "national"
MAX_QUESTION = 2000
MAX_TRANSCRIPT = 8000
MAX_REPLY = 4000
PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{16,32}")  # secrets.token_urlsafe(16) makes 22


class HandoverError(ValueError):
    """A request the store refuses (shown to staff as it is)."""


def now() -> dt.datetime:
    return dt.datetime.utcnow()


def create(session: Session, conversation: str, channel: str, language: str, region: str | None,
           question: str, transcript: str | None = None) -> Handover:
    """The worker's question for the team of `region` (the national team without one)."""
    question = clean_text(question or "").strip()[:MAX_QUESTION]
    if not question:
        raise HandoverError("empty question")
    stamp = now()
    handover = Handover(public_id=secrets.token_urlsafe(16), conversation=conversation,
                        channel=channel, language=language, region=region or NATIONAL,
                        question=question,
                        transcript=clean_text(transcript or "")[:MAX_TRANSCRIPT] or None,
                        status=WAITING, created_at=stamp, updated_at=stamp)
    session.add(handover)
    session.flush()
    figures.came_in(session, handover)
    return handover


def open_for(session: Session, conversation: str) -> list[Handover]:
    """The worker's handovers that are not closed: waiting or answered."""
    return list(session.execute(select(Handover).where(
        Handover.conversation == conversation, Handover.status.in_((WAITING, ANSWERED)))
        .order_by(Handover.id)).scalars())


def add_to(session: Session, conversation: str, text: str) -> bool:
    """More words for the question, while no one has answered it yet."""
    text = clean_text(text or "").strip()
    waiting = [h for h in open_for(session, conversation) if h.status == WAITING]
    if not text or not waiting:
        return False
    handover = waiting[-1]
    handover.question = (handover.question + "\n\n" + text)[:MAX_QUESTION * 2]
    handover.updated_at = now()
    return True


def waits_for_a_reply(session: Session, conversation: str) -> bool:
    return any(h.status == WAITING for h in open_for(session, conversation))


def withdraw(session: Session, conversation: str) -> int:
    """The worker takes the question back: deleted at once, with its replies."""
    found = open_for(session, conversation)
    _delete(session, [h.id for h in found])
    return len(found)


def _delete(session: Session, ids: list[int]) -> None:
    """Handovers and their replies (explicitly: SQLite does not always enforce the cascade)."""
    if ids:
        session.execute(delete(HandoverReply).where(HandoverReply.handover_id.in_(ids)))
        session.execute(delete(Handover).where(Handover.id.in_(ids))
                        .execution_options(synchronize_session=False))
        session.flush()


def waiting_in(session: Session, regions: set[str]) -> list[Handover]:
    """The inbox of someone who answers for `regions` (region names and/or "national")."""
    if not regions:
        return []
    return list(session.execute(select(Handover).where(
        Handover.status.in_((WAITING, ANSWERED)), Handover.region.in_(sorted(regions)))
        .order_by(Handover.created_at)).scalars())


def visible(session: Session, public_id: str, regions: set[str]) -> Handover | None:
    """A handover by its public id, only for staff of its region (None otherwise, the same as
    a guessed id: another region's handover is not even said to exist)."""
    if not isinstance(public_id, str) or not PUBLIC_ID.fullmatch(public_id):
        return None  # not an id we make: never sent to the database driver
    handover = session.execute(select(Handover).where(
        Handover.public_id == public_id)).scalar_one_or_none()
    return handover if handover is not None and handover.region in regions else None


def audit(session: Session, handover: Handover, staff: str, action: str) -> None:
    session.add(HandoverAudit(handover_public_id=handover.public_id, staff=staff, action=action,
                              at=now()))


def reply(session: Session, handover: Handover, staff: str, text: str) -> HandoverReply:
    text = clean_text((text or "").replace("\r\n", "\n")).strip()
    if not text:
        raise HandoverError("Write a reply first.")
    if len(text) > MAX_REPLY:
        raise HandoverError(f"The reply is longer than {MAX_REPLY} characters.")
    if handover.status not in (WAITING, ANSWERED):
        raise HandoverError("This handover is closed.")
    answer = HandoverReply(handover_id=handover.id, staff=staff, text=text, created_at=now())
    session.add(answer)
    figures.first_reply(session, handover, answer.created_at)
    handover.status, handover.updated_at = ANSWERED, now()
    handover.assigned_to = handover.assigned_to or staff
    audit(session, handover, staff, "replied")
    session.flush()
    return answer


def close(session: Session, handover: Handover, staff: str) -> None:
    handover.status, handover.updated_at = CLOSED, now()
    audit(session, handover, staff, "closed")


def assign(session: Session, handover: Handover, staff: str, to: str) -> None:
    handover.assigned_to, handover.updated_at = to, now()
    audit(session, handover, staff, "assigned")


def forward(session: Session, handover: Handover, staff: str, region: str) -> None:
    handover.region, handover.updated_at, handover.assigned_to = region, now(), None
    audit(session, handover, staff, "forwarded")


def replies_of(session: Session, handover: Handover) -> list[HandoverReply]:
    return list(session.execute(select(HandoverReply).where(
        HandoverReply.handover_id == handover.id).order_by(HandoverReply.id)).scalars())


def undelivered(session: Session, conversation: str) -> list[tuple[Handover, HandoverReply]]:
    """Staff replies the worker has not been shown yet, oldest first."""
    rows = session.execute(select(Handover, HandoverReply).join(
        HandoverReply, HandoverReply.handover_id == Handover.id).where(
        Handover.conversation == conversation, HandoverReply.delivered_at.is_(None))
        .order_by(HandoverReply.id)).all()
    return [(h, r) for h, r in rows]


def claim(session: Session, conversation: str) -> list[tuple[Handover, HandoverReply]]:
    """The undelivered replies, each marked delivered by one conditional UPDATE: of two servers
    or polls that claim at once, only one gets a reply (delivered once). A failed send gives it
    back with `unclaim`."""
    stamp, claimed = now(), []
    for handover, answer in undelivered(session, conversation):
        won = session.execute(update(HandoverReply).where(
            HandoverReply.id == answer.id, HandoverReply.delivered_at.is_(None))
            .values(delivered_at=stamp).execution_options(synchronize_session=False)).rowcount
        if won == 1:
            claimed.append((handover, answer))
    session.flush()
    return claimed


def unclaim(session: Session, reply_ids: list[int]) -> None:
    if reply_ids:
        session.execute(update(HandoverReply).where(HandoverReply.id.in_(reply_ids))
                        .values(delivered_at=None).execution_options(synchronize_session=False))


def to_announce(session: Session, conversation: str) -> list[HandoverReply]:
    """Undelivered replies no template has announced yet (outside WhatsApp's 24 hours)."""
    return [r for _, r in undelivered(session, conversation) if r.announced_at is None]


def announced(session: Session, reply_ids: list[int]) -> None:
    if reply_ids:
        session.execute(update(HandoverReply).where(HandoverReply.id.in_(reply_ids))
                        .values(announced_at=now()).execution_options(synchronize_session=False))


def worker_wrote(session: Session, conversation: str, sealed_contact: str | None,
                 at: dt.datetime | None = None) -> int:
    """The worker wrote on WhatsApp: the 24-hour window opens again, and the handover keeps the
    (encrypted) number to send the reply to. Only handovers that are still open."""
    values = {"last_worker_at": at or now()}
    if sealed_contact:
        values["contact"] = sealed_contact
    return session.execute(update(Handover).where(
        Handover.conversation == conversation, Handover.status.in_((WAITING, ANSWERED)))
        .values(**values).execution_options(synchronize_session=False)).rowcount


def purge(session: Session, older_than: dt.datetime) -> int:
    """Closed handovers whose last change is older than the retention period, and any open one
    idle that long (the conversation it belongs to is purged too)."""
    ids = list(session.execute(select(Handover.id).where(
        Handover.updated_at < older_than)).scalars())
    _delete(session, ids)
    return len(ids)
