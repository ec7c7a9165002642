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

from sanic.request import Request

from bot import clock
from bot.staff import facts
from bot.staff.auth import staff_only
from bot.staff.responses import database, page, refused, see_other
from bot.staff.revisions import LibraryError, NotAllowed

NOTICES = {"proposed": "Your proposal waits for a second editor.",
           "approved": "Approved: the bot uses these amounts within a minute.",
           "rejected": "The proposal was rejected."}
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

def show(request: Request, staff, status: int = 200, notice=None, error=None, draft=None):
    from bot.answers.fact_updates import current_wage_table
    from bot.answers.freshness import to_check
    from bot.answers.library import load_library

    with database() as s:
        revisions = facts.history(s)
    table, records = current_wage_table(), points()
    return page(request, "facts.html", status=status, staff=staff, title="Facts", table=table,
                revisions=revisions, amounts_of=facts.amounts_of, ages=facts.AGES,
                bbl_ages=facts.BBL_AGES, draft=draft or {}, notice=notice, error=error,
                points=records, statuses=facts.POINT_STATUSES,
                checks=to_check(load_library(), table, records, clock.today()))

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
        return show(request, staff, status=422, error=str(error), draft=form)
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
        return show(request, staff, status=422, error=str(error))
    return see_other(request, "/staff/facts?done=proposed")

async def decide(request: Request, staff, revision_id: int, action, done: str):
    if not 0 < revision_id < 2 ** 62:
        return page(request, "message.html", status=404, staff=staff, title="Not found",
                    error="No such proposal.")
    try:
        with database() as s:
            action(s, revision_id, staff.name)
    except NotAllowed as error:
        return refused(request, 403, str(error))
    except LibraryError as error:
        return show(request, staff, status=409, error=str(error))
    from bot.answers.fact_updates import clear_cache

    clear_cache()  # this process at once; the other servers within a minute
    return see_other(request, f"/staff/facts?done={done}")

@staff_only(editor=True)
async def approve_fact(request: Request, staff, revision_id: int):
    return await decide(request, staff, revision_id, facts.approve, "approved")

@staff_only(editor=True)
async def reject_fact(request: Request, staff, revision_id: int):
    return await decide(request, staff, revision_id, facts.reject, "rejected")
