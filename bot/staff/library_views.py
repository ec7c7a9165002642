"""Staff routes for the answer library: search, one topic with its history, the WhatsApp-ready
text of an answer, and (editors, four eyes) proposing, approving and rejecting answer texts."""
from __future__ import annotations

import re

from sanic.request import Request

from bot.answers.approved import clear_approved_cache
from bot.language.registry import SUPPORTED_LANGUAGES
from bot.staff import revisions as lib
from bot.staff.auth import staff_only
from bot.staff.plain_text import whatsapp_text
from bot.staff.render import topic_name
from bot.staff.responses import database, page, plain, plain_message, refused, see_other
from bot.staff.search import MAX_QUERY, search
from bot.staff.sessions import Staff
from bot.staff.staff_language import S_, staff_language

NOTICES = {"proposed": S_("Your proposal waits for a second editor."),
           "approved": S_("Approved: the bot uses this text within a minute."),
           "rejected": S_("The proposal was rejected.")}
_TXT = re.compile(r"^([a-z]{2})\.txt$")
MAX_ID = 2 ** 62  # the database's integers are 64-bit: 10**23 is no id


def copies(entry: lib.TopicAnswers) -> dict[str, str]:
    answer = entry.as_answer()
    return {lang: whatsapp_text(answer, lang) for lang in entry.texts}


@staff_only()
async def library(request: Request, staff: Staff):
    query = (request.args.get("q") or "")[:MAX_QUERY]
    with database() as s:
        entries = lib.topics(s)
    hits = search(query, {t: e.texts for t, e in entries.items()}) if query.strip() else []
    results = [(hit, entries[hit.topic], copies(entries[hit.topic])) for hit in hits]
    lang = staff_language(request)  # all topics by their names in the staff language, A to Z
    by_name = dict(sorted(entries.items(), key=lambda item: topic_name(item[0], lang).lower()))
    return page(request, "library.html", staff=staff, title=S_("Answer library"), query=query,
                results=results, entries=by_name)


@staff_only()
async def topic_page(request: Request, staff: Staff, topic: str):
    return show_topic(request, staff, topic, notice=NOTICES.get(request.args.get("done", "")))


def show_topic(request: Request, staff: Staff, topic: str, status: int = 200,
               notice: str | None = None, error: str | None = None, drafts=None):
    with database() as s:
        entry = lib.topics(s).get(topic)
        revisions = lib.history(s, topic) if entry else []
    if entry is None:
        return page(request, "message.html", status=404, staff=staff, title=S_("Not found"),
                    error=S_("There is no such topic."))
    return page(request, "topic.html", status=status, staff=staff,
                title=topic_name(topic, staff_language(request)),
                entry=entry,
                plain=copies(entry), revisions=revisions, notice=notice, error=error,
                drafts=drafts or {})


@staff_only()
async def plain_answer(request: Request, staff: Staff, topic: str, filename: str):
    match = _TXT.match(filename)
    with database() as s:
        entry = lib.topics(s).get(topic)
    text = whatsapp_text(entry.as_answer(), match.group(1)) if entry and match else None
    if text is None:
        return plain_message(request, S_("No such answer."), status=404)
    return plain(request, text)


@staff_only(editor=True)
async def propose(request: Request, staff: Staff, topic: str, lang: str):
    text = (request.form.get("text") or "")[:lib.MAX_TEXT + 1000]
    try:
        with database() as s:
            lib.propose(s, topic, lang, text, staff.name)
    except lib.LibraryError as error:
        drafts = {lang: text} if lang in SUPPORTED_LANGUAGES else {}
        return show_topic(request, staff, topic, status=400, error=error.text, drafts=drafts)
    return see_other(request, f"/staff/topics/{topic}?done=proposed")


async def decide(request: Request, staff: Staff, revision_id: int, action, done: str):
    if not 0 < revision_id < MAX_ID:
        return page(request, "message.html", status=404, staff=staff, title=S_("Not found"),
                    error=S_("No such proposal."))
    try:
        with database() as s:
            revision = action(s, revision_id, staff.name)
            topic = revision.topic
    except lib.NotAllowed as error:
        return refused(request, 403, error.text)
    except lib.LibraryError as error:
        return page(request, "message.html", status=409, staff=staff, title=S_("Not possible"),
                    error=error.text)
    clear_approved_cache()
    return see_other(request, f"/staff/topics/{topic}?done={done}")


@staff_only(editor=True)
async def approve(request: Request, staff: Staff, revision_id: int):
    return await decide(request, staff, revision_id, lib.approve, "approved")


@staff_only(editor=True)
async def reject(request: Request, staff: Staff, revision_id: int):
    return await decide(request, staff, revision_id, lib.reject, "rejected")
