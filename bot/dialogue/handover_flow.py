"""What the bot says while a worker leaves a question for the informatiepunt team: the offer,
the plain explanation (what is sent, who reads it, when, how long it is kept, how to take it
back), the question for consent, and the confirmations. Nothing is sent without a clear yes."""
from __future__ import annotations

import json
from functools import cache

import yaml

from bot import ROOT
from bot import messages as M
from bot.db.retention import retention_days
from bot.dialogue.replies import Button, Reply
from bot.i18n import translate

# Button payloads carry the step as an entity of an intent the bot already has.
START = "start"
SEND, SEND_ALL, CANCEL, WITHDRAW, ADD = "send", "send_all", "cancel", "withdraw", "add"
STEPS = (START, SEND, SEND_ALL, CANCEL, WITHDRAW, ADD)
# Words that take a question back, folded, in every language.
STOP_WORDS = frozenset({"stop", "stopp", "anuleaza", "anulare", "stoi", "stopirai"})


def payload(intent: str, step: str) -> str:
    return f"/{intent}" + json.dumps({"handover": step})


def offer_button(lang: str) -> Button:
    return Button(translate(lang, M.HANDOVER_OFFER), payload("ask_human", START))


def team(lang: str, region: str | None) -> str:
    return translate(lang, M.TEAM_REGION, region=region) if region else \
        translate(lang, M.TEAM_NATIONAL)


@cache
def answer_times() -> dict[str, str]:
    """When a person answers, in each language: the operator's wording (data/handover.yml)."""
    with (ROOT / "data" / "handover.yml").open(encoding="utf-8") as f:
        return dict(yaml.safe_load(f)["answer_time"])


def explain(lang: str, region: str | None, channel: str = "web") -> list[Reply]:
    when = answer_times().get(lang) or answer_times()["en"]
    lines = translate(lang, M.HANDOVER_EXPLAIN, team=team(lang, region), when=when,
                      days=str(retention_days())).split("\n")
    if channel == "whatsapp":  # the number is kept to reply to: said before the last line
        lines.insert(len(lines) - 1, translate(lang, M.HANDOVER_EXPLAIN_PHONE))
    return [Reply("\n".join(lines))]


def consent(lang: str, region: str | None) -> list[Reply]:
    buttons = (Button(translate(lang, M.HANDOVER_SEND), payload("affirm", SEND)),
               Button(translate(lang, M.HANDOVER_SEND_ALL), payload("affirm", SEND_ALL)),
               Button(translate(lang, M.HANDOVER_CANCEL), payload("deny", CANCEL)))
    return [Reply(translate(lang, M.HANDOVER_CONSENT, team=team(lang, region)), buttons)]


def sent(lang: str, region: str | None) -> list[Reply]:
    withdraw = Button(translate(lang, M.HANDOVER_WITHDRAW), payload("deny", WITHDRAW))
    return [Reply(translate(lang, M.HANDOVER_SENT, team=team(lang, region)), (withdraw,))]


def cancelled(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.HANDOVER_CANCELLED))]


def withdrawn(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.HANDOVER_WITHDRAWN))]


def add_button(lang: str) -> Button:
    """Under an answer while the question waits: this message may go to the team as well."""
    return Button(translate(lang, M.HANDOVER_ADD), payload("affirm", ADD))


def added(lang: str) -> list[Reply]:
    return [Reply(translate(lang, M.HANDOVER_ADDED))]
