"""Staff routes for the questions workers left for the team (bot/handover/store.py):

GET  /staff/handovers                  the waiting questions of the staff member's regions
GET  /staff/handovers/<public id>      one question: text, consented transcript, matching
                                       library answers in the worker's language, a reply box
POST /staff/handovers/<public id>/reply    an editor replies (delivered to the worker's chat)
POST /staff/handovers/<public id>/close    an editor closes the question
POST /staff/handovers/<public id>/forward  an editor sends it on to another region's queue
POST /staff/handovers/<public id>/assign   an editor gives it to an editor of its queue

Staff of one region never see another region's questions: a handover outside the staff
member's queues is "not found", like a guessed id. Every opening is audited, without text.
"""
from __future__ import annotations

from collections import Counter

from sanic.request import Request
from sqlalchemy import select

from bot.channels.graph_client import client_from_env
from bot.db.models import Region
from bot.dialogue.phrases import words
from bot.dialogue.several_topics import evidence
from bot.handover import delivery, store
from bot.handover.conversation_events import over_http
from bot.staff import revisions as lib
from bot.staff.auth import staff_only
from bot.staff.plain_text import whatsapp_text
from bot.staff.responses import config, database, not_found, page, see_other
from bot.staff.search import search
from bot.staff.sessions import Staff
from bot.staff.staff_language import S_, Msg, localize, staff_language
from bot.staff.users import answering, find_user, regions_of

LIBRARY_MATCHES = 3
NOT_IN_QUEUES = S_("No such question in your queues.")
# The store's refusals (bot/handover/store.py, in English) as messages in the staff language.
STORE_ERRORS = {
    "Write a reply first.": Msg(S_("Write a reply first.")),
    f"The reply is longer than {store.MAX_REPLY} characters.":
        Msg(S_("The reply is longer than {limit} characters."), {"limit": store.MAX_REPLY}),
    "This handover is closed.": Msg(S_("This question is closed.")),
}


def queues(session, staff: Staff) -> set[str]:
    """The staff member's queues; none until the account has its two-step login (a session
    from before the queues were given does not open them)."""
    user = find_user(session, staff.name)
    return regions_of(user) if user is not None and user.totp_secret else set()


def without_two_step(session, staff: Staff) -> bool:
    user = find_user(session, staff.name)
    return user is not None and bool(regions_of(user)) and not user.totp_secret


def matching_topics(question: str, entries: dict) -> list[str]:
    """The library topics a worker's question is about: the problems our word lists find in it
    (bot/dialogue/several_topics.py), then the topics most of its words find in the library."""
    texts = {t: e.texts for t, e in entries.items()}
    votes: Counter = Counter()
    for word in {w for w in words(question) if len(w) >= 4}:
        votes.update(hit.topic for hit in search(word, texts)[:LIBRARY_MATCHES])
    found = [t for t in evidence(question) if t in entries]
    found += [t for t, _ in votes.most_common() if t not in found]
    return found[:LIBRARY_MATCHES]


def waiting_time(handover) -> Msg:
    minutes = int((store.now() - handover.created_at).total_seconds() // 60)
    if minutes >= 60:
        return Msg(S_("{hours} h {minutes} min"), {"hours": minutes // 60, "minutes": minutes % 60})
    return Msg(S_("{minutes} min"), {"minutes": minutes})


@staff_only()
async def inbox(request: Request, staff: Staff):
    with database() as s:
        regions = queues(s, staff)
        handovers = store.waiting_in(s, regions)
        enrol_first = without_two_step(s, staff)
    lang = staff_language(request)
    return page(request, "handovers.html", staff=staff, title=S_("Questions"),
                regions=sorted(regions), handovers=handovers,
                waiting=lambda h: localize(lang, waiting_time(h)), enrol_first=enrol_first)


def show(request: Request, staff: Staff, public_id: str, status: int = 200, error=None,
         draft: str = ""):
    with database() as s:
        handover = store.visible(s, public_id, queues(s, staff))
        if handover is None:
            return not_found(request, NOT_IN_QUEUES)
        store.audit(s, handover, staff.name, "opened")
        replies = store.replies_of(s, handover)
        entries = lib.topics(s)
        regions = queue_names(s)
        colleagues = answering(s, handover.region)
    answers = [(topic, whatsapp_text(entries[topic].as_answer(), handover.language))
               for topic in matching_topics(handover.question, entries)
               if handover.language in entries[topic].texts]
    return page(request, "handover.html", status=status, staff=staff, title=S_("Question"),
                handover=handover, replies=replies, answers=answers, error=error, draft=draft,
                regions=[r for r in regions if r != handover.region], colleagues=colleagues)


def queue_names(session) -> list[str]:
    """Where a question can be sent on: every region on record, and the national team."""
    names = sorted(r.name for r in session.execute(select(Region)).scalars())
    return [store.NATIONAL, *names]


@staff_only()
async def handover_page(request: Request, staff: Staff, public_id: str):
    return show(request, staff, public_id)


@staff_only(editor=True)
async def reply(request: Request, staff: Staff, public_id: str):
    text = (request.form.get("text") or "")[:store.MAX_REPLY + 1000]
    try:
        with database() as s:
            handover = store.visible(s, public_id, queues(s, staff))
            if handover is None:
                return not_found(request, NOT_IN_QUEUES)
            store.reply(s, handover, staff.name, text)
            conversation, channel = handover.conversation, handover.channel
    except store.HandoverError as error:
        return show(request, staff, public_id, status=400,
                    error=STORE_ERRORS.get(str(error), str(error)), draft=text)
    if channel == "whatsapp":  # the web chat asks for its replies; WhatsApp gets them sent
        settings = config(request)
        await delivery.after_staff_reply(conversation, client_from_env(),
                                         over_http(settings.rasa_url, settings.rasa_token))
    return see_other(request, f"/staff/handovers/{public_id}")


@staff_only(editor=True)
async def close(request: Request, staff: Staff, public_id: str):
    with database() as s:
        handover = store.visible(s, public_id, queues(s, staff))
        if handover is None:
            return not_found(request, NOT_IN_QUEUES)
        store.close(s, handover, staff.name)
    return see_other(request, "/staff/handovers")


@staff_only(editor=True)
async def forward(request: Request, staff: Staff, public_id: str):
    region = (request.form.get("region") or "")[:200]
    with database() as s:
        handover = store.visible(s, public_id, queues(s, staff))
        if handover is None:
            return not_found(request, NOT_IN_QUEUES)
        if region not in queue_names(s) or region == handover.region:
            return show(request, staff, public_id, status=400, error=S_("Choose another queue."))
        store.forward(s, handover, staff.name, region)
    return see_other(request, "/staff/handovers")


@staff_only(editor=True)
async def assign(request: Request, staff: Staff, public_id: str):
    to = (request.form.get("to") or "")[:200]
    with database() as s:
        handover = store.visible(s, public_id, queues(s, staff))
        if handover is None:
            return not_found(request, NOT_IN_QUEUES)
        if to not in answering(s, handover.region):
            return show(request, staff, public_id, status=400,
                        error=S_("Choose an editor who answers this queue."))
        store.assign(s, handover, staff.name, to)
    return see_other(request, f"/staff/handovers/{public_id}")
