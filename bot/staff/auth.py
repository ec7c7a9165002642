"""Who may use the staff library: logging in (rate limited, bot/staff/rate_limit.py), server-side
sessions in a cookie, the CSRF check on every POST, and the editor role.

Accounts that can read workers' questions log in in two steps (bot/staff/two_factor_views.py).
Every route but the login forms is wrapped in `staff_only`: without a session a page answers 303
to the login form and anything else (plain text, CSV, form posts) 401, never content. Every POST
carries the session's CSRF token (without it: 403, a page that says the form has expired and
links to the form, bot/staff/responses.expired); editing needs the editor role (403).
"""
from __future__ import annotations

from functools import wraps

from sanic.request import Request

from bot.channels.identifiers import clean_identifier
from bot.staff import csrf, passwords, rate_limit, two_factor
from bot.staff.passwords import hash_password, needs_rehash
from bot.staff.responses import database, expired, page, plain_message, refused, see_other
from bot.staff.sessions import Staff, end_session, resume_session, start_session
from bot.staff.settings import COOKIE, COOKIE_PATH, LOGIN_CSRF_COOKIE, cookie_secure
from bot.staff.staff_language import S_, form_page
from bot.staff.users import find_user

MAX_NAME = 80
MAX_PASSWORD = 1000
WRONG_PASSWORD = S_("Wrong user name or password.")


def staff_only(editor: bool = False):
    """The handler runs with the logged-in Staff as its second argument, or not at all."""
    def wrap(handler):
        @wraps(handler)
        async def checked(request: Request, *args, **kwargs):
            with database() as s:
                staff = resume_session(s, request.cookies.get(COOKIE))
            if staff is None:
                if request.method == "GET" and not request.path.endswith((".txt", ".csv")):
                    return see_other(request, "/staff/login")
                return plain_message(request, S_("Log in first."), status=401)
            request.ctx.staff = staff
            if request.method == "POST" and not csrf.valid(staff.csrf,
                                                           request.form.get(csrf.FIELD)):
                return expired(request, form_page(request.path), S_(
                    "This form has expired or did not come from this site, so nothing was "
                    "saved. Open the page again and fill in the form once more."))
            if editor and not staff.is_editor:
                return refused(request, 403, S_("Only editors can change answers."))
            return await handler(request, staff, *args, **kwargs)
        return checked
    return wrap


def set_cookie(request: Request, resp, name: str, value: str, max_age: int | None = None) -> None:
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["path"] = COOKIE_PATH
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    if cookie_secure(request.scheme, request.host):
        cookie["secure"] = True
    if max_age is not None:
        cookie["max-age"] = max_age


def login_page(request: Request, status: int = 200, error: str | None = None, name: str = "",
               invalid: bool = False):
    """The login form; `error` is shown linked to the fields, `invalid` marks them wrong."""
    token = csrf.new_token()
    resp = page(request, "login.html", status=status, title=S_("Log in"), login_csrf=token,
                error=error, name=name, invalid=invalid)
    set_cookie(request, resp, LOGIN_CSRF_COOKIE, token)
    return resp


async def login_form(request: Request):
    with database() as s:
        if resume_session(s, request.cookies.get(COOKIE)):
            return see_other(request, "/staff")
    return login_page(request)


async def login(request: Request):
    if not csrf.valid(request.cookies.get(LOGIN_CSRF_COOKIE), request.form.get(csrf.FIELD)):
        return expired(request, "/staff/login", S_(
            "The login form has expired, so you were not logged in. Open the login form again "
            "and log in."))
    # NUL or a lone surrogate in a name would fail in the driver (a 500): as clean text or "".
    name = clean_identifier((request.form.get("name") or "").strip()[:MAX_NAME], MAX_NAME) or ""
    password = (request.form.get("password") or "")[:MAX_PASSWORD]
    address = request.remote_addr or request.ip  # the trusted proxy's header when set
    with database() as s:
        attempt = rate_limit.reserve(s, name, address)
        user = find_user(s, name) if attempt else None
        stored = user.password_hash if user else None
    if attempt is None:
        resp = login_page(request, 429, S_("Too many failed logins. Try again in 15 minutes."),
                          name)
        resp.headers["Retry-After"] = str(int(rate_limit.WINDOW.total_seconds()))
        return resp
    ok = await passwords.verify_bounded(stored, password)
    if ok is None:  # too many logins being checked at once: the chat comes first
        with database() as s:
            rate_limit.release(s, attempt)
        resp = login_page(request, 429, S_("Many people are logging in. Try again in a moment."),
                          name)
        resp.headers["Retry-After"] = "5"
        return resp
    with database() as s:
        if not ok:  # the attempt stays counted
            return login_page(request, 401, WRONG_PASSWORD, name, invalid=True)
        rate_limit.succeeded(s, attempt)
        user = find_user(s, name)
        if user is None:  # removed in the meantime
            return login_page(request, 401, WRONG_PASSWORD, name, invalid=True)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        if user.totp_secret:
            token, next_page = start_session(s, user, pending=two_factor.CODE), "/staff/login/code"
        elif two_factor.required(user):
            token = start_session(s, user, pending=two_factor.ENROL,
                                  enrol_secret=two_factor.new_secret())
            next_page = "/staff/login/enrol"
        else:
            token, next_page = start_session(s, user), "/staff"
    resp = see_other(request, next_page)
    set_cookie(request, resp, COOKIE, token)
    set_cookie(request, resp, LOGIN_CSRF_COOKIE, "", max_age=0)
    return resp


@staff_only()
async def logout(request: Request, staff: Staff):
    with database() as s:
        end_session(s, request.cookies.get(COOKIE))
    resp = see_other(request, "/staff/login")
    set_cookie(request, resp, COOKIE, "", max_age=0)
    return resp
