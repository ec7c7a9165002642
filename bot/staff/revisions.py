"""The answer library in the database: topics, sources and every revision of every answer text.

`load_answers` copies data/faq/ in (idempotent: a file text becomes a new `file` revision only
when it differs from the last one loaded). Editors `propose` a text; a second editor `approve`s
or anyone with the editor role `reject`s it. The current text of (topic, language) is the newest
of the `file` and `approved` revisions, by the time they took effect: so an approved text
replaces the file's, and a later change of the file (re-checked content) replaces both.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.answers.approved import APPROVED, FILE, PROPOSED, REJECTED, current_texts
from bot.answers.library import Answer, Source, load_library
from bot.answers.placeholders import placeholders
from bot.db.staff_models import AnswerRevision, LibrarySource, LibraryTopic
from bot.language.registry import SUPPORTED_LANGUAGES
from bot.staff.staff_language import S_, Msg

FILE_AUTHOR = "data/faq"
MAX_TEXT = 4000  # characters; WhatsApp's limit is 4,096 and the footer follows


class LibraryError(ValueError):
    """A proposal or decision the library refuses (shown to the editor). `text` is the message
    with its values, translated into the staff language when the page is rendered; str() is
    the English text."""

    def __init__(self, message: str, **values):
        self.text = Msg(message, values)
        super().__init__(str(self.text))


class NotAllowed(LibraryError):
    """The user may not do this (HTTP 403): e.g. approving one's own proposal."""


@dataclass
class TopicAnswers:
    topic: str
    texts: dict[str, str]
    sources: list[Source]
    last_checked: dt.date
    pending: list[AnswerRevision] = field(default_factory=list)

    def as_answer(self) -> Answer:
        return Answer(self.topic, dict(self.texts), tuple(self.sources), self.last_checked)


def load_answers(session: Session, library: dict[str, Answer] | None = None,
                 now: dt.datetime | None = None) -> dict[str, int]:
    """Copy data/faq/ into the library tables. Safe to run again: only changed texts are added."""
    library = load_library() if library is None else library
    now = now or dt.datetime.utcnow()
    added = 0
    for topic, answer in library.items():
        row = session.get(LibraryTopic, topic)
        if row is None:
            session.add(LibraryTopic(topic=topic, last_checked=answer.last_checked))
        else:
            row.last_checked = answer.last_checked
        session.execute(delete(LibrarySource).where(LibrarySource.topic == topic))
        session.flush()
        session.add_all(LibrarySource(topic=topic, position=i, title=s.title, url=s.url)
                        for i, s in enumerate(answer.sources))
        for lang, text in answer.texts.items():
            last = session.execute(
                select(AnswerRevision.text).where(
                    AnswerRevision.topic == topic, AnswerRevision.language == lang,
                    AnswerRevision.status == FILE)
                .order_by(AnswerRevision.number.desc()).limit(1)).scalar_one_or_none()
            if last != text:
                session.add(AnswerRevision(
                    topic=topic, language=lang, number=_next_number(session, topic, lang),
                    text=text, status=FILE, proposed_by=FILE_AUTHOR, proposed_at=now,
                    decided_by=FILE_AUTHOR, decided_at=now))
                session.flush()
                added += 1
    session.flush()
    return {"topics": len(library), "new_file_revisions": added}


def _next_number(session: Session, topic: str, lang: str) -> int:
    return (session.scalar(select(func.max(AnswerRevision.number)).where(
        AnswerRevision.topic == topic, AnswerRevision.language == lang)) or 0) + 1


def topics(session: Session) -> dict[str, TopicAnswers]:
    """Every topic with its current texts, sources, check date and pending proposals."""
    current = current_texts(session)
    out: dict[str, TopicAnswers] = {}
    for row in session.execute(select(LibraryTopic).order_by(LibraryTopic.topic)).scalars():
        out[row.topic] = TopicAnswers(row.topic, {}, [], row.last_checked)
    for s in session.execute(select(LibrarySource).order_by(LibrarySource.topic,
                                                            LibrarySource.position)).scalars():
        if s.topic in out:
            out[s.topic].sources.append(Source(s.title, s.url))
    for (topic, lang), revision in current.items():
        if topic in out:
            out[topic].texts[lang] = revision.text
    for revision in session.execute(select(AnswerRevision).where(AnswerRevision.status == PROPOSED)
                                    .order_by(AnswerRevision.id)).scalars():
        if revision.topic in out:
            out[revision.topic].pending.append(revision)
    return out


def history(session: Session, topic: str) -> list[AnswerRevision]:
    """Every revision of a topic, newest first."""
    return list(session.execute(
        select(AnswerRevision).where(AnswerRevision.topic == topic)
        .order_by(AnswerRevision.id.desc())).scalars())


def propose(session: Session, topic: str, lang: str, text: str, editor: str,
            now: dt.datetime | None = None) -> AnswerRevision:
    """A new text for (topic, lang), waiting for a second editor."""
    text = (text or "").replace("\r\n", "\n").strip()
    if lang not in SUPPORTED_LANGUAGES:
        raise LibraryError(S_("unknown language"))
    if session.get(LibraryTopic, topic) is None:
        raise LibraryError(S_("unknown topic"))
    if not text:
        raise LibraryError(S_("the text is empty"))
    if len(text) > MAX_TEXT:
        raise LibraryError(S_("the text is longer than {limit} characters"), limit=MAX_TEXT)
    in_use = current_texts(session).get((topic, lang))
    if in_use is not None and in_use.text == text:
        raise LibraryError(S_("the text is the same as the one in use"))
    # The bot fills in {wage_21} and the like; a missing or unknown one would break the answer.
    expected = placeholders(in_use.text) if in_use is not None else set()
    if placeholders(text) != expected:
        shown = ", ".join("{" + p + "}" for p in sorted(expected)) or Msg(S_("none"))
        raise LibraryError(S_("the text must keep exactly these placeholders: {shown}"),
                           shown=shown)
    now = now or dt.datetime.utcnow()
    revision = AnswerRevision(topic=topic, language=lang, number=_next_number(session, topic, lang),
                              text=text, status=PROPOSED, proposed_by=editor, proposed_at=now)
    session.add(revision)
    session.flush()
    return revision


def _pending(session: Session, revision_id: int) -> AnswerRevision:
    revision = session.get(AnswerRevision, revision_id)
    if revision is None or revision.status != PROPOSED:
        raise LibraryError(S_("no such proposal waiting for a decision"))
    return revision


def approve(session: Session, revision_id: int, editor: str,
            now: dt.datetime | None = None) -> AnswerRevision:
    """A second editor approves: from now on the bot uses this text."""
    revision = _pending(session, revision_id)
    if revision.proposed_by == editor:
        raise NotAllowed(S_("a proposal needs the approval of a second editor"))
    revision.status, revision.decided_by = APPROVED, editor
    revision.decided_at = now or dt.datetime.utcnow()
    session.flush()
    return revision


def reject(session: Session, revision_id: int, editor: str,
           now: dt.datetime | None = None) -> AnswerRevision:
    """Any editor rejects a proposal (the proposer too: that withdraws it)."""
    revision = _pending(session, revision_id)
    revision.status, revision.decided_by = REJECTED, editor
    revision.decided_at = now or dt.datetime.utcnow()
    session.flush()
    return revision
