"""Sanic app for the chat page: GET / (the page), /static/*, POST /api/message (forwards to the
Rasa REST channel and adds the conversation language for <html lang>), and the staff library at
/staff (bot/staff/, a blueprint).

The browser talks only to this app, so the Rasa server needs no CORS and its token never leaves
the server.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from sanic import Sanic, response
from sanic.request import Request

from bot.answers.topics import is_topic
from bot.channels import rate_limits
from bot.channels.request_body import (
    CALENDAR_HEADER,
    LANGUAGE_HEADER,
    TOPIC_HEADER,
    RequestError,
    validate_body,
)
from bot.channels.source_signature import sign
from bot.handover.conversation_events import over_http
from bot.language.registry import normalise_code
from bot.web.compression import compress
from bot.web.info_pages import render_page
from bot.web.page import SOURCES, deep_link, render

STATIC = Path(__file__).parent / "static"
# chat.js makes a UUID (or digits where crypto.randomUUID is missing); "web-" + it fits the
# REST channel's sender limit.
WEB_SENDER = re.compile(r"[A-Za-z0-9_-]{1,64}")
RASA_TIMEOUT = aiohttp.ClientTimeout(total=30)
logger = logging.getLogger(__name__)
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def create_app(rasa_url: str, rasa_token: str | None, name: str = "wnl_web") -> Sanic:
    app = Sanic(name)
    app.config.REQUEST_MAX_SIZE = 100_000
    app.config.REQUEST_TIMEOUT = 10  # a slow body or slow headers are cut off
    # Behind nginx every client has the proxy's address: PROXIES_COUNT=1 makes Sanic take the
    # client's from X-Forwarded-For as that one trusted proxy wrote it (staff login limits).
    app.config.PROXIES_COUNT = int(os.environ.get("PROXIES_COUNT", "0") or 0)
    app.static("/static", str(STATIC), name="static")

    @app.on_request
    async def refuse_odd_paths(request: Request):
        # A NUL in a path made the static handler fail with a 500 (/static/chat.js%00.css).
        raw = request.raw_url or b""
        if b"%00" in raw or b"\x00" in raw or "\x00" in request.path:
            return response.text("bad request", status=400)

    @app.on_response
    async def security_headers(request: Request, resp):
        # On every answer: pages, static files, the API and error pages.
        for name, value in SECURITY_HEADERS.items():
            resp.headers.setdefault(name, value)
        compress(request, resp)
    from bot.staff.views import staff_blueprint  # the staff library at /staff, behind a login
    app.blueprint(staff_blueprint(rasa_url, rasa_token, SECURITY_HEADERS))

    @app.get("/")
    async def page(request: Request):
        args = {key: request.args.get(key) for key in ("lang", "topic", "src")}
        html = render(deep_link(args), request.headers.get("accept-language"))
        return response.html(html, headers=SECURITY_HEADERS)

    @app.get("/<name:privacy|accessibility>")
    async def info_page(request: Request, name: str):
        lang = normalise_code(request.args.get("lang")) or "en"
        return response.html(render_page(name, lang), headers=SECURITY_HEADERS)

    record = over_http(rasa_url, rasa_token)

    @app.get("/api/replies")
    async def person_replies(request: Request):
        """Replies a person wrote to this chat's question (bot/handover/), shown once; each is
        also written into the Rasa conversation as a bot message from a person."""
        sender = request.args.get("sender") or ""
        if not WEB_SENDER.fullmatch(sender):
            return response.json({"error": "'sender' is not a chat id"}, status=400)
        wait = polls.retry_after(request.remote_addr or request.ip or "")
        if wait is not None:
            return response.json({"error": "too many requests"}, status=429,
                                 headers={"Retry-After": str(int(wait + 0.999))})
        texts = take_replies(f"web-{sender}")
        if texts and record is not None:
            await record(f"web-{sender}", texts)
        return response.json({"replies": [{"text": text} for text in texts]},
                             headers={"Cache-Control": "no-store"})

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok"})

    by_sender, by_address = rate_limits.per_sender(), rate_limits.per_address()
    # Pages ask for a person's reply every 20 s: many phones share one address in a house.
    polls = rate_limits.SlidingWindow(int(os.environ.get("REPLY_POLLS_PER_ADDRESS", "120")))

    def too_many(sender: str, address: str | None):
        wait = by_address.retry_after(address or "") or by_sender.retry_after(sender)
        if wait is None:
            return None
        seconds = str(int(wait + 0.999))
        return response.json({"error": "too many messages", "retry_after": int(seconds)},
                             status=429, headers={"Retry-After": seconds})

    allowed_origins = {o.strip().rstrip("/") for o in
                       os.environ.get("ALLOWED_ORIGINS", "").split(",") if o.strip()}

    @app.post("/api/message")
    async def message(request: Request):
        # Only the page itself may post: JSON (a form or text/plain post from another site is a
        # "simple" request that needs no CORS check), and from this origin when the browser says.
        content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type != "application/json":
            return response.json({"error": "send application/json"}, status=415)
        origin = request.headers.get("origin")
        if origin and not same_origin(origin, request.host, allowed_origins):
            return response.json({"error": "cross-origin request refused"}, status=403)
        try:
            body = request.json
        except Exception:  # noqa: BLE001 - Sanic raises on malformed JSON
            return response.json({"error": "invalid JSON"}, status=400)
        try:
            sender, text, metadata = validate_body(body)
        except RequestError as error:
            return response.json({"error": str(error)}, status=error.status)
        if not WEB_SENDER.fullmatch(sender):  # only the page's own id format (chat.js)
            return response.json({"error": "'sender' is not a chat id"}, status=400)
        refused = too_many(sender, request.remote_addr or request.ip)
        if refused is not None:
            return refused
        metadata = {k: v for k, v in metadata.items()
                    if k in ("lang", "src", "topic", "browser_lang")}
        if metadata.get("src") in SOURCES and rasa_token:  # the page's own deep-link values
            metadata["src_sig"] = sign(rasa_token, f"web-{sender}", metadata["src"])
        else:
            metadata.pop("src", None)
        try:
            async with aiohttp.ClientSession(timeout=RASA_TIMEOUT) as session:
                async with session.post(f"{rasa_url}/webhooks/rest/webhook", json={
                        "sender": f"web-{sender}", "message": text, "metadata": metadata}) as r:
                    if r.status != 200:
                        return response.json({"error": "bot unavailable"}, status=502)
                    messages = await r.json()
                    lang = normalise_code(r.headers.get(LANGUAGE_HEADER))
                    topic = r.headers.get(TOPIC_HEADER)
                    calendar = iso_day(r.headers.get(CALENDAR_HEADER))
        except (aiohttp.ClientError, TimeoutError):
            return response.json({"error": "bot unavailable"}, status=502)
        return response.json({"messages": [clean(m) for m in messages], "lang": lang,
                              "topic": topic if is_topic(topic) else None,
                              "calendar": calendar})

    return app


def take_replies(conversation: str) -> list[str]:
    """The staff replies not yet shown to this conversation, claimed as shown."""
    from bot.handover.delivery import take

    try:
        return take(conversation)
    except Exception as error:  # noqa: BLE001 - no replies rather than a 500; retried next poll
        logger.warning("person replies not read: %s", type(error).__name__)
        return []


def iso_day(value: str | None) -> str | None:
    try:
        return dt.date.fromisoformat(value).isoformat() if value else None
    except ValueError:
        return None


def same_origin(origin: str, host: str, allowed: set[str]) -> bool:
    """Whether a browser's Origin is this site: its host, or one of ALLOWED_ORIGINS (behind a
    proxy that does not pass the Host header on)."""
    if origin.rstrip("/") in allowed:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:  # "http://[": not an origin a browser sends
        return False
    return parts.scheme in ("http", "https") and parts.netloc.lower() == (host or "").lower()


def clean(message: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the page shows."""
    buttons = [{"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
               for b in message.get("buttons") or [] if isinstance(b, dict)]
    return {"text": str(message.get("text") or ""), "buttons": buttons}


def main() -> None:
    port = int(os.environ.get("WEB_PORT", "8080"))
    rasa_url = os.environ.get("RASA_URL", f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")
    app = create_app(rasa_url, os.environ.get("RASA_TOKEN"))
    app.run(host=os.environ.get("WEB_HOST", "127.0.0.1"), port=port, access_log=False,
            workers=1, motd=False)


if __name__ == "__main__":
    main()
