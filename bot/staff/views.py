"""The staff library's routes, as a Sanic blueprint under /staff (registered by bot.web.app).

Every route but the login form needs a session (`staff_only`): without one, a page answers
303 to the login form and anything else (plain text, CSV, form posts) 401, never content.
Every POST carries the session's CSRF token (403 without it); editing needs the editor role (403).
The database is used synchronously: queries take milliseconds, and this is a tool for a few
dozen staff. Worker messages pasted into "Suggest" are never logged or stored.
"""
from __future__ import annotations

import asyncio
import re
from contextlib import contextmanager
from dataclasses import astuple
from functools import wraps
from typing import Iterator

import aiohttp
from markupsafe import Markup
from sanic import Blueprint, response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot import usage_stats
from bot.channels.identifiers import clean_identifier
from bot.db.session import session_scope, shared_engine
from bot.languages import SUPPORTED_LANGUAGES
from bot.staff import csrf, passwords, rate_limit
from bot.staff import library as lib
from bot.staff.passwords import hash_password, needs_rehash, verify_password
from bot.staff.plain_text import whatsapp_text
from bot.staff.render import render
from bot.staff.search import MAX_QUERY, search
from bot.staff.sessions import Staff, end_session, resume_session, start_session
from bot.staff.settings import COOKIE, COOKIE_PATH, LOGIN_CSRF_COOKIE, cookie_secure
from bot.staff.users import find_user

RASA_TIMEOUT = aiohttp.ClientTimeout(total=15)
MAX_MESSAGE = 2000
NOTICES = {"proposed": "Your proposal waits for a second editor.",
           "approved": "Approved: the bot uses this text within a minute.",
           "rejected": "The proposal was rejected."}
_TXT = re.compile(r"^([a-z]{2})\.txt$")


@contextmanager
def database() -> Iterator[Session]:
    """A session on DATABASE_URL (the engine is built at the first request, not at import);
    objects stay readable after commit: pages are rendered after the session ends."""
    with session_scope(shared_engine(), expire_on_commit=False) as session:
        yield session


def staff_blueprint(rasa_url: str, rasa_token: str | None, headers: dict[str, str]) -> Blueprint:
    bp = Blueprint("staff", url_prefix="/staff")
    page_headers = {**headers, "Cache-Control": "no-store"}

    def page(template: str, status: int = 200, **values) -> response.HTTPResponse:
        values.setdefault("staff", None)
        values.setdefault("notice", None)
        values.setdefault("error", None)
        return response.html(render(template, **values), status=status, headers=page_headers)

    def see_other(url: str) -> response.HTTPResponse:
        # A copy: Sanic's redirect() writes Location into the dict it is given.
        return response.redirect(url, status=303, headers=dict(page_headers))

    def refused(request: Request, status: int, message: str) -> response.HTTPResponse:
        staff = getattr(request.ctx, "staff", None)
        return page("message.html", status=status, staff=staff, title="Not allowed", error=message)

    def staff_only(editor: bool = False):
        def wrap(handler):
            @wraps(handler)
            async def checked(request: Request, *args, **kwargs):
                with database() as s:
                    staff = resume_session(s, request.cookies.get(COOKIE))
                if staff is None:
                    if request.method == "GET" and not request.path.endswith((".txt", ".csv")):
                        return see_other("/staff/login")
                    return response.text("Log in first.", status=401, headers=page_headers)
                request.ctx.staff = staff
                if request.method == "POST" and not csrf.valid(staff.csrf, request.form.get(csrf.FIELD)):
                    return refused(request, 403, "This form has expired or did not come from this "
                                                 "site. Reload the page and try again.")
                if editor and not staff.is_editor:
                    return refused(request, 403, "Only editors can change answers.")
                return await handler(request, staff, *args, **kwargs)
            return checked
        return wrap

    def set_cookie(request: Request, resp, name: str, value: str, max_age: int | None = None):
        resp.cookies[name] = value
        cookie = resp.cookies[name]
        cookie["path"] = COOKIE_PATH
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        if cookie_secure(request.scheme, request.host):
            cookie["secure"] = True
        if max_age is not None:
            cookie["max-age"] = max_age

    def login_page(request: Request, status: int = 200, error: str | None = None, name: str = ""):
        token = csrf.new_token()
        resp = page("login.html", status=status, title="Log in", login_csrf=token, error=error,
                    name=name)
        set_cookie(request, resp, LOGIN_CSRF_COOKIE, token)
        return resp

    # --- logging in and out -------------------------------------------------------------

    @bp.get("/login")
    async def login_form(request: Request):
        with database() as s:
            if resume_session(s, request.cookies.get(COOKIE)):
                return see_other("/staff")
        return login_page(request)

    @bp.post("/login")
    async def login(request: Request):
        if not csrf.valid(request.cookies.get(LOGIN_CSRF_COOKIE), request.form.get(csrf.FIELD)):
            return refused(request, 403, "The login form has expired. Reload the page and try again.")
        # NUL or a lone surrogate in a name would fail in the driver (a 500): as clean text or "".
        name = clean_identifier((request.form.get("name") or "").strip()[:80], 80) or ""
        password = (request.form.get("password") or "")[:1000]
        address = request.remote_addr or request.ip  # the trusted proxy's header when set
        with database() as s:
            attempt = rate_limit.reserve(s, name, address)
            user = find_user(s, name) if attempt else None
            stored = user.password_hash if user else None
        if attempt is None:
            resp = login_page(request, 429, "Too many failed logins. Try again in 15 minutes.", name)
            resp.headers["Retry-After"] = str(int(rate_limit.WINDOW.total_seconds()))
            return resp
        ok = await passwords.verify_bounded(stored, password)
        if ok is None:  # too many logins being checked at once: the chat comes first
            with database() as s:
                rate_limit.release(s, attempt)
            resp = login_page(request, 429, "Many people are logging in. Try again in a moment.",
                              name)
            resp.headers["Retry-After"] = "5"
            return resp
        with database() as s:
            if not ok:  # the attempt stays counted
                return login_page(request, 401, "Wrong user name or password.", name)
            rate_limit.succeeded(s, attempt)
            user = find_user(s, name)
            if user is None:  # removed in the meantime
                return login_page(request, 401, "Wrong user name or password.", name)
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            token = start_session(s, user)
        resp = see_other("/staff")
        set_cookie(request, resp, COOKIE, token)
        set_cookie(request, resp, LOGIN_CSRF_COOKIE, "", max_age=0)
        return resp

    @bp.post("/logout")
    @staff_only()
    async def logout(request: Request, staff: Staff):
        with database() as s:
            end_session(s, request.cookies.get(COOKIE))
        resp = see_other("/staff/login")
        set_cookie(request, resp, COOKIE, "", max_age=0)
        return resp

    # --- the library ----------------------------------------------------------------------

    def copies(entry: lib.TopicAnswers) -> dict[str, str]:
        answer = entry.as_answer()
        return {lang: whatsapp_text(answer, lang) for lang in entry.texts}

    @bp.get("")
    @staff_only()
    async def library(request: Request, staff: Staff):
        query = (request.args.get("q") or "")[:MAX_QUERY]
        with database() as s:
            entries = lib.topics(s)
        hits = search(query, {t: e.texts for t, e in entries.items()}) if query.strip() else []
        results = [(hit, entries[hit.topic], copies(entries[hit.topic])) for hit in hits]
        return page("library.html", staff=staff, title="Answer library", query=query,
                    results=results, entries=entries)

    @bp.get("/topics/<topic:str>")
    @staff_only()
    async def topic_page(request: Request, staff: Staff, topic: str):
        return show_topic(request, staff, topic, notice=NOTICES.get(request.args.get("done", "")))

    def show_topic(request: Request, staff: Staff, topic: str, status: int = 200,
                   notice: str | None = None, error: str | None = None, drafts=None):
        with database() as s:
            entry = lib.topics(s).get(topic)
            revisions = lib.history(s, topic) if entry else []
        if entry is None:
            return page("message.html", status=404, staff=staff, title="Not found",
                        error="There is no such topic.")
        return page("topic.html", status=status, staff=staff, title=topic, entry=entry,
                    plain=copies(entry), revisions=revisions, notice=notice, error=error,
                    drafts=drafts or {})

    @bp.get("/answers/<topic:str>/<filename:str>")
    @staff_only()
    async def plain_answer(request: Request, staff: Staff, topic: str, filename: str):
        match = _TXT.match(filename)
        with database() as s:
            entry = lib.topics(s).get(topic)
        text = whatsapp_text(entry.as_answer(), match.group(1)) if entry and match else None
        if text is None:
            return response.text("No such answer.", status=404, headers=page_headers)
        return response.text(text, content_type="text/plain; charset=utf-8", headers=page_headers)

    # --- proposals and decisions (editors) ---------------------------------------------------

    @bp.post("/topics/<topic:str>/<lang:str>/propose")
    @staff_only(editor=True)
    async def propose(request: Request, staff: Staff, topic: str, lang: str):
        text = (request.form.get("text") or "")[:lib.MAX_TEXT + 1000]
        try:
            with database() as s:
                lib.propose(s, topic, lang, text, staff.name)
        except lib.LibraryError as error:
            drafts = {lang: text} if lang in SUPPORTED_LANGUAGES else {}
            return show_topic(request, staff, topic, status=400, error=str(error), drafts=drafts)
        return see_other(f"/staff/topics/{topic}?done=proposed")

    async def decide(request: Request, staff: Staff, revision_id: int, action, done: str):
        if not 0 < revision_id < 2 ** 62:  # the database's integers are 64-bit: 10**23 is no id
            return page("message.html", status=404, staff=staff, title="Not found",
                        error="No such proposal.")
        try:
            with database() as s:
                revision = action(s, revision_id, staff.name)
                topic = revision.topic
        except lib.NotAllowed as error:
            return refused(request, 403, str(error))
        except lib.LibraryError as error:
            return page("message.html", status=409, staff=staff, title="Not possible",
                        error=str(error))
        from bot.faq import clear_approved_cache

        clear_approved_cache()
        return see_other(f"/staff/topics/{topic}?done={done}")

    @bp.post("/proposals/<revision_id:int>/approve")
    @staff_only(editor=True)
    async def approve(request: Request, staff: Staff, revision_id: int):
        return await decide(request, staff, revision_id, lib.approve, "approved")

    @bp.post("/proposals/<revision_id:int>/reject")
    @staff_only(editor=True)
    async def reject(request: Request, staff: Staff, revision_id: int):
        return await decide(request, staff, revision_id, lib.reject, "rejected")

    from bot.staff.fact_views import add_fact_routes

    add_fact_routes(bp, staff_only, page, see_other, refused, database)

    # --- suggest: what a worker's message is about ------------------------------------------

    @bp.get("/suggest")
    @staff_only()
    async def suggest_form(request: Request, staff: Staff):
        return page("suggest.html", staff=staff, title="Suggest", message="", result=None)

    @bp.post("/suggest")
    @staff_only()
    async def suggest(request: Request, staff: Staff):
        from bot.language_id import detect

        message = (request.form.get("message") or "")[:MAX_MESSAGE]
        guess = detect(message)
        ranking, reachable = await parse(message)
        with database() as s:
            entries = lib.topics(s)
        lang = guess.code or "en"
        best = next((r["name"] for r in ranking if r["name"] in entries), None)
        answer = None
        if best:
            entry = entries[best]
            answer = {"topic": best, "lang": lang, "text": entry.texts.get(lang),
                      "plain": whatsapp_text(entry.as_answer(), lang), "entry": entry}
        result = {"language": guess.code, "confidence": guess.confidence, "lang": lang,
                  "ranking": ranking, "reachable": reachable, "answer": answer,
                  "known": set(entries)}
        return page("suggest.html", staff=staff, title="Suggest", message=message, result=result)

    async def parse(message: str) -> tuple[list[dict], bool]:
        """The Rasa server's top intents for the message, or ([], False) when it is away."""
        if not message.strip():
            return [], True
        params = {"token": rasa_token} if rasa_token else {}
        try:
            async with aiohttp.ClientSession(timeout=RASA_TIMEOUT) as session:
                async with session.post(f"{rasa_url}/model/parse", params=params,
                                        json={"text": message}) as r:
                    if r.status != 200:
                        return [], False
                    parsed = await r.json()
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            return [], False
        ranking = parsed.get("intent_ranking") or []
        return [{"name": str(i.get("name")), "confidence": float(i.get("confidence") or 0)}
                for i in ranking[:5] if isinstance(i, dict)], True

    # --- statistics (bot.usage_stats) -------------------------------------------------------

    def usage_rows() -> list:
        with database() as s:
            return list(usage_stats.weekly_counts(s))

    @bp.get("/stats")
    @staff_only()
    async def stats(request: Request, staff: Staff):
        rows = usage_rows()
        # The chart is SVG drawn by bot.usage_stats from counts only: no text from users.
        chart = Markup(usage_stats.chart_svg(rows))
        cells = [astuple(row) for row in rows]
        return page("stats.html", staff=staff, title="Statistics", rows=cells, chart=chart)

    @bp.get("/stats.csv")
    @staff_only()
    async def stats_csv(request: Request, staff: Staff):
        return response.text(usage_stats.to_csv(usage_rows()),
                             content_type="text/csv; charset=utf-8",
                             headers={**page_headers, "Content-Disposition":
                                      'attachment; filename="wnl-usage.csv"'})

    return bp
