"""What every staff handler answers with: a page from a template, a redirect, a refusal, plain
text; and the database session a handler works in. The headers come from the blueprint's
configuration (`StaffConfig`, set on each request by bot/staff/views.py): the web app's security
headers, and never caching, since every staff page is behind a login.

Pages are in the request's staff language (bot/staff/staff_language.py): `page` translates the
title, notice and error it is given (English strings marked with `S_`, or `Msg`s with values).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sanic import response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.db.session import shared_session
from bot.staff.render import render
from bot.staff.staff_language import S_, here, localize, staff_language


@dataclass(frozen=True)
class StaffConfig:
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def config(request: Request) -> StaffConfig:
    return getattr(request.ctx, "staff_config", None) or StaffConfig()


def headers(request: Request) -> dict[str, str]:
    return {**config(request).headers, "Cache-Control": "no-store"}


@contextmanager
def database() -> Iterator[Session]:
    """A session on DATABASE_URL (the engine is built at the first request, not at import);
    objects stay readable after commit: pages are rendered after the session ends."""
    with shared_session(expire_on_commit=False) as session:
        yield session


def page(request: Request, template: str, status: int = 200, **values) -> response.HTTPResponse:
    lang = staff_language(request)
    values.setdefault("staff", getattr(request.ctx, "staff", None))
    for key in ("title", "notice", "error"):
        values[key] = localize(lang, values.get(key))
    values.setdefault("here", here(request))
    return response.html(render(template, lang, **values), status=status,
                         headers={**headers(request), "Content-Language": lang})


def see_other(request: Request, url: str) -> response.HTTPResponse:
    return response.redirect(url, status=303, headers=headers(request))


def refused(request: Request, status: int, message) -> response.HTTPResponse:
    return page(request, "message.html", status=status, title=S_("Not allowed"), error=message)


def not_found(request: Request, message) -> response.HTTPResponse:
    return page(request, "message.html", status=404, title=S_("Not found"), error=message)


def expired(request: Request, back: str, message) -> response.HTTPResponse:
    """A form whose CSRF token has expired: 403, what happened, and a plain link (GET) to the
    form; never a page that posts the data again."""
    return page(request, "expired.html", status=403, title=S_("The form has expired"),
                message=localize(staff_language(request), message), back=back)


def plain(request: Request, text: str, status: int = 200, **extra) -> response.HTTPResponse:
    return response.text(text, status=status, content_type="text/plain; charset=utf-8",
                         headers={**headers(request), **extra})


def plain_message(request: Request, message: str, status: int, **extra) -> response.HTTPResponse:
    """A short message (marked with `S_`) as plain text, in the staff language."""
    return plain(request, localize(staff_language(request), message), status, **extra)
