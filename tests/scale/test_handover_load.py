"""Fifty workers leave a question for the team at the same moment, their messages spread over
two Rasa servers on PostgreSQL + Redis; staff reply to all of them, and two web apps are asked
for the replies at once, again and again. Each question is stored once, each reply delivered
once."""
from __future__ import annotations

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from serverkit import wait_for_web, web_app
from sqlalchemy import create_engine, select

from bot import messages as M
from bot.i18n import translate

pytestmark = [pytest.mark.e2e, pytest.mark.services]
WORKERS = 50


def payload(intent, step):
    return f"/{intent}" + json.dumps({"handover": step})


@pytest.fixture(scope="module")
def web_apps(cluster, tmp_path_factory):
    logs = tmp_path_factory.mktemp("web-apps")
    apps = [web_app(logs, {**cluster.env, "RASA_URL": server.url, "RASA_TOKEN": cluster.token,
                           "REPLY_POLLS_PER_ADDRESS": "1000000"}, name=f"web-{n}")
            for n, server in zip("ab", cluster.servers[:2], strict=True)]
    for app in apps:
        app.start()
    try:
        for app in apps:
            wait_for_web(app)
        yield apps
    finally:
        for app in apps:
            app.stop()


def test_fifty_workers_hand_over_at_once_stored_once_replied_once(cluster, web_apps):
    from bot.db.handover_models import Handover, HandoverReply
    from bot.db.session import session_scope
    from bot.handover import store

    a, b = cluster.servers[:2]
    run = uuid.uuid4().hex[:6]
    chats = [f"{run}{n:03d}" for n in range(WORKERS)]
    steps = ["i want to talk to a person", payload("ask_human", "start"),
             "my agency keeps my passport and does not pay me", payload("affirm", "send")]

    def worker(index_chat):
        index, chat = index_chat
        answers = []
        for turn, message in enumerate(steps):
            server = (a, b)[(index + turn) % 2]  # no stickiness: every step on the other one
            answers.append(cluster.say(server, f"web-{chat}", message))
        return answers

    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(worker, enumerate(chats)))
    sent = translate("en", M.HANDOVER_SENT, team=translate("en", M.TEAM_NATIONAL))
    assert all(sent in "\n".join(m.get("text", "") for m in r[-1]) for r in results)

    engine = create_engine(cluster.database_url, future=True)
    with session_scope(engine) as session:
        handovers = session.execute(select(Handover).where(
            Handover.conversation.like(f"web-{run}%"))).scalars().all()
        assert sorted(h.conversation for h in handovers) == sorted(f"web-{c}" for c in chats)
        for handover in handovers:
            store.reply(session, handover, "load-test", f"reply for {handover.conversation}")

    def poll(chat_app):
        chat, app = chat_app
        got = []
        for _ in range(3):
            r = requests.get(f"{app.url}/api/replies", params={"sender": chat}, timeout=60)
            assert r.status_code == 200
            got += [m["text"] for m in r.json()["replies"]]
        return chat, got

    # Every chat asked for its replies from both web apps at once, three times each.
    with ThreadPoolExecutor(20) as pool:
        polled = list(pool.map(poll, [(c, app) for c in chats for app in web_apps]))
    delivered: dict[str, list[str]] = {}
    for chat, got in polled:
        delivered.setdefault(chat, []).extend(got)
    assert delivered == {c: [f"reply for web-{c}"] for c in chats}
    with session_scope(engine) as session:
        replies = session.execute(select(HandoverReply).join(
            Handover, Handover.id == HandoverReply.handover_id).where(
            Handover.conversation.like(f"web-{run}%"))).scalars().all()
        assert len(replies) == WORKERS and all(r.delivered_at for r in replies)
    engine.dispose()
    # Recorded once in each Rasa conversation, whichever server is asked.
    for n, chat in enumerate(chats[:10]):
        tracker = cluster.tracker((a, b)[n % 2], f"web-{chat}")
        assert [e["text"] for e in tracker["events"] if e.get("event") == "bot"
                and (e.get("metadata") or {}).get("from_person")] == [f"reply for web-{chat}"]
