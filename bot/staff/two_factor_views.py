"""The second step of a staff login (bot/staff/two_factor.py):

GET/POST /staff/login/enrol   first time: the secret as a QR code, then a first code; answers
                              with the ten recovery codes, shown once
GET/POST /staff/login/code    the code of the authenticator app, or a recovery code

Both need the half-done session the password step left in the cookie; its CSRF token guards the
form (an expired one: 403, a page with a link to the form, never a form that posts it again). A
wrong code counts as a failed login (the same budgets, bot/staff/rate_limit.py). When the step
succeeds, the half-done session is replaced by a new one (a new token).
"""
from __future__ import annotations

import datetime as dt

from sanic.request import Request

from bot.staff import csrf, rate_limit, two_factor
from bot.staff.auth import set_cookie
from bot.staff.responses import database, expired, page, plain_message, see_other
from bot.staff.sessions import end_session, pending_session, start_session
from bot.staff.settings import COOKIE
from bot.staff.staff_language import S_

MAX_CODE = 40


def _pending(request: Request, kind: str):
    with database() as s:
        found = pending_session(s, request.cookies.get(COOKIE))
        if found is None or found[0].pending != kind:
            return None
        stored, user = found
        return {"name": user.name, "csrf": stored.csrf_token, "secret": stored.enrol_secret}


def _form(request: Request, kind: str, status: int = 200, error: str | None = None):
    state = _pending(request, kind)
    if state is None:
        return see_other(request, "/staff/login")
    values = {"title": S_("Two-step login"), "form_csrf": state["csrf"], "error": error,
              "kind": kind}
    if kind == two_factor.ENROL:
        uri = two_factor.provisioning_uri(state["secret"], state["name"])
        values.update(qr=two_factor.qr_data_uri(uri), secret=two_factor.grouped(state["secret"]))
    return page(request, "two_factor.html", status=status, **values)


async def enrol_form(request: Request):
    return _form(request, two_factor.ENROL)


async def code_form(request: Request):
    return _form(request, two_factor.CODE)


def _finish(request: Request, token: str, codes: list[str] | None = None):
    resp = page(request, "recovery_codes.html", title=S_("Recovery codes"), codes=codes) if codes \
        else see_other(request, "/staff")
    set_cookie(request, resp, COOKIE, token)
    return resp


async def _submit(request: Request, kind: str):
    code = (request.form.get("code") or "")[:MAX_CODE]
    address = request.remote_addr or request.ip
    with database() as s:
        found = pending_session(s, request.cookies.get(COOKIE))
        if found is None or found[0].pending != kind:
            return plain_message(request, S_("Log in first."), status=401)
        stored, user = found
        if not csrf.valid(stored.csrf_token, request.form.get(csrf.FIELD)):
            return expired(request, f"/staff/login/{kind}", S_(
                "This form has expired, so the code was not checked. Open the form again and "
                "type the newest code."))
        attempt = rate_limit.reserve(s, user.name, address)
        if attempt is None:
            end_session(s, request.cookies.get(COOKIE))
            resp = see_other(request, "/staff/login")
            resp.headers["Retry-After"] = str(int(rate_limit.WINDOW.total_seconds()))
            return resp
        codes = None
        if kind == two_factor.ENROL:
            step = two_factor.matching_step(stored.enrol_secret, code, None,
                                            dt.datetime.now(dt.timezone.utc))
            ok = step is not None
            if ok:
                codes = two_factor.enrolled(s, user, stored.enrol_secret, step)
        else:
            ok = two_factor.check(user, code) or two_factor.use_recovery_code(s, user, code)
        if ok:
            rate_limit.succeeded(s, attempt)
            end_session(s, request.cookies.get(COOKIE))
            token = start_session(s, user)
    if not ok:  # the attempt stays counted
        return _form(request, kind, 401, S_("That code is not right. Try the newest code."))
    return _finish(request, token, codes)


async def enrol(request: Request):
    return await _submit(request, two_factor.ENROL)


async def code(request: Request):
    return await _submit(request, two_factor.CODE)
