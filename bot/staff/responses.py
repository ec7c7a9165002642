"""What every staff handler answers with: a page from a template, a redirect, a refusal, plain
text; and the database session a handler works in. The headers come from the blueprint's
configuration (`StaffConfig`, set on each request by bot/staff/views.py): the web app's security
headers, and never caching, since every staff page is behind a login.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sanic import response
from sanic.request import Request
from sqlalchemy.orm import Session

from bot.db.session import session_scope, shared_engine
from bot.staff.render import render


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
    with session_scope(shared_engine(), expire_on_commit=False) as session:
        yield session


def page(request: Request, template: str, status: int = 200, **values) -> response.HTTPResponse:
    values.setdefault("staff", getattr(request.ctx, "staff", None))
    values.setdefault("notice", None)
    values.setdefault("error", None)
    return response.html(render(template, **values), status=status, headers=headers(request))


def see_other(request: Request, url: str) -> response.HTTPResponse:
    return response.redirect(url, status=303, headers=headers(request))


def refused(request: Request, status: int, message: str) -> response.HTTPResponse:
    return page(request, "message.html", status=status, title="Not allowed", error=message)


def not_found(request: Request, message: str) -> response.HTTPResponse:
    return page(request, "message.html", status=404, title="Not found", error=message)


def plain(request: Request, text: str, status: int = 200, **extra) -> response.HTTPResponse:
    return response.text(text, status=status, content_type="text/plain; charset=utf-8",
                         headers={**headers(request), **extra})
