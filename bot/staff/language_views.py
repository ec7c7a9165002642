"""The language switch of the staff pages: GET /staff/language?to=nl&next=/staff/facts sets the
`staff_lang` cookie (path /staff, HttpOnly, SameSite=Strict, Secure like the session cookie) and
goes back to `next` when it is a page under /staff on this site, else to /staff: never to another
site. No login is needed: the login page has the switch too."""
from __future__ import annotations

from sanic.request import Request

from bot.staff.auth import set_cookie
from bot.staff.responses import see_other
from bot.staff.staff_language import COOKIE, LANGUAGES, safe_next

ONE_YEAR = 365 * 24 * 3600


async def switch(request: Request):
    resp = see_other(request, safe_next(request.args.get("next")))
    lang = request.args.get("to")
    if lang in LANGUAGES:
        set_cookie(request, resp, COOKIE, lang, max_age=ONE_YEAR)
    return resp
