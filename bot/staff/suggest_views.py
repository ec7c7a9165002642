"""Staff route "Suggest": what a worker's message is about (its language, the Rasa server's top
intents) and the library answer for it. The message is never logged or stored."""
from __future__ import annotations

import asyncio

import aiohttp
from sanic.request import Request

from bot.language.detection import detect
from bot.staff import revisions as lib
from bot.staff.auth import staff_only
from bot.staff.plain_text import whatsapp_text
from bot.staff.responses import config, database, page
from bot.staff.sessions import Staff
from bot.staff.staff_language import S_

RASA_TIMEOUT = aiohttp.ClientTimeout(total=15)
MAX_MESSAGE = 2000


@staff_only()
async def suggest_form(request: Request, staff: Staff):
    return page(request, "suggest.html", staff=staff, title=S_("Suggest"), message="",
                result=None)


@staff_only()
async def suggest(request: Request, staff: Staff):
    message = (request.form.get("message") or "")[:MAX_MESSAGE]
    guess = detect(message)
    settings = config(request)
    ranking, reachable = await parse(message, settings.rasa_url, settings.rasa_token)
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
    return page(request, "suggest.html", staff=staff, title=S_("Suggest"), message=message,
                result=result)


async def parse(message: str, rasa_url: str, rasa_token: str | None) -> tuple[list[dict], bool]:
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
