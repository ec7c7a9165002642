"""Staff routes for dated facts and what needs checking, registered by bot/staff/views.py:

GET  /staff/facts                           the minimum wage periods in use, proposals, history,
                                            and what needs checking (bot/answers/freshness.py)
POST /staff/facts/minimum-wage/propose      an editor proposes a table (validated)
POST /staff/facts/help-point/propose        an editor proposes a help point's new contact data,
                                            status, or only "checked today" (validated)
POST /staff/facts/proposals/<id>/approve    a second editor approves; the bot uses it in a minute
POST /staff/facts/proposals/<id>/reject     reject, or withdraw one's own
"""
from __future__ import annotations

import datetime as dt

from sanic.request import Request

from bot import clock
from bot.staff import facts
from bot.staff.auth import staff_only
from bot.staff.responses import database, page, refused, see_other
from bot.staff.revisions import LibraryError, NotAllowed
from bot.staff.staff_language import S_, Msg, localize, staff_language

NOTICES = {"proposed": S_("Your proposal waits for a second editor."),
           "approved": S_("Approved: the bot uses these amounts within a minute."),
           "rejected": S_("The proposal was rejected.")}
FORM_FIELDS = ("valid_from", "valid_until", "source_url",
               *(f"hourly_{a}" for a in facts.AGES), *(f"bbl_{a}" for a in facts.BBL_AGES))


def points() -> list[dict]:
    """The help-point records as the bot uses them: the seed with approved changes."""
    from bot.answers.fact_updates import point_updates
    from bot.answers.freshness import seed_points

    updates, records = point_updates(), []
    for point in seed_points():
        change = updates.get(point["name"])
        if change:
            point = {**point, **change["fields"], "record_checked": change["checked"],
                     "source": change["source"]}
        records.append(point)
    return records


def check_reason(item, today: dt.date) -> Msg | str:
    """Why an item needs checking, as a message for the staff language: the words of
    bot/answers/freshness.py's English `reason` (tests/unit/test_staff_language.py holds them
    equal), made from the item's kind and date."""
    from bot.answers.freshness import POINT_MAX_AGE

    if item.kind == "fact":
        if item.date < today:
            return Msg(S_("the newest minimum wage amounts applied until {until}: they have "
                          "expired"), {"until": item.date})
        return Msg(S_("the newest minimum wage amounts apply until {until}: enter the next ones"),
                   {"until": item.date})
    if item.kind == "answer":
        return Msg(S_("last checked {day}, over 180 days ago"), {"day": item.date})
    if item.kind == "help_point":
        if item.date == dt.date.min:
            return Msg(S_("record never checked"))
        if today - item.date > POINT_MAX_AGE:
            return Msg(S_("record last checked {day}, over 12 months ago"), {"day": item.date})
        return Msg(S_("status unconfirmed: is it still open?"))
    return item.reason  # a kind this page does not know: its English words


def show(request: Request, staff, status: int = 200, notice=None, error=None, draft=None):
    from bot.answers.fact_updates import current_wage_table
    from bot.answers.freshness import to_check
    from bot.answers.library import checked_library

    with database() as s:
        revisions = facts.history(s)
    table, records, today = current_wage_table(), points(), clock.today()
    lang = staff_language(request)
    return page(request, "facts.html", status=status, staff=staff, title=S_("Facts"), table=table,
                revisions=revisions, amounts_of=facts.amounts_of, ages=facts.AGES,
                bbl_ages=facts.BBL_AGES, draft=draft or {}, notice=notice, error=error,
                points=records, statuses=facts.POINT_STATUSES,
                field_name=lambda field: localize(lang, facts.FIELD_NAMES.get(field, field)),
                reason=lambda item: localize(lang, check_reason(item, today)),
                checks=to_check(checked_library(), table, records, today))


@staff_only()
async def facts_page(request: Request, staff):
    return show(request, staff, notice=NOTICES.get(request.args.get("done", "")))


@staff_only(editor=True)
async def propose_wage(request: Request, staff):
    form = {name: (request.form.get(name) or "")[:1000] for name in FORM_FIELDS}
    try:
        with database() as s:
            facts.propose_wage(s, form, staff.name)
    except LibraryError as error:
        return show(request, staff, status=422, error=error.text, draft=form)
    return see_other(request, "/staff/facts?done=proposed")


@staff_only(editor=True)
async def propose_answer_check(request: Request, staff):
    from bot.answers.library import load_library

    form = {name: (request.form.get(name) or "")[:1000] for name in ("topic", "source_url")}
    try:
        with database() as s:
            facts.propose_answer_check(s, form, staff.name, set(load_library()), clock.today())
    except LibraryError as error:
        return show(request, staff, status=422, error=error.text)
    return see_other(request, "/staff/facts?done=proposed")


@staff_only(editor=True)
async def propose_point(request: Request, staff):
    fields = ("point", "checked", "source_url", *facts.POINT_FIELDS)
    form = {name: (request.form.get(name) or "")[:1000] for name in fields}
    try:
        with database() as s:
            facts.propose_point(s, form, staff.name, {p["name"] for p in points()},
                                clock.today())
    except LibraryError as error:
        return show(request, staff, status=422, error=error.text)
    return see_other(request, "/staff/facts?done=proposed")


async def decide(request: Request, staff, revision_id: int, action, done: str):
    if not 0 < revision_id < 2 ** 62:
        return page(request, "message.html", status=404, staff=staff, title=S_("Not found"),
                    error=S_("No such proposal."))
    try:
        with database() as s:
            action(s, revision_id, staff.name)
    except NotAllowed as error:
        return refused(request, 403, error.text)
    except LibraryError as error:
        return show(request, staff, status=409, error=error.text)
    from bot.answers.fact_updates import clear_cache

    clear_cache()  # this process at once; the other servers within a minute
    return see_other(request, f"/staff/facts?done={done}")


@staff_only(editor=True)
async def approve_fact(request: Request, staff, revision_id: int):
    return await decide(request, staff, revision_id, facts.approve, "approved")


@staff_only(editor=True)
async def reject_fact(request: Request, staff, revision_id: int):
    return await decide(request, staff, revision_id, facts.reject, "rejected")
