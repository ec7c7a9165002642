"""Several Rasa servers behind a (simulated) load balancer that keeps nothing sticky: the messages
of one conversation land on any server, and the conversation stays whole."""
from __future__ import annotations

import hashlib
import hmac
import json
import random
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import create_engine, text

from bot import messages as M
from bot.i18n import translate
from bot.language.registry import SUPPORTED_LANGUAGES

pytestmark = [pytest.mark.e2e, pytest.mark.services]

# Ten turns of one worker's conversation: every one gets an answer, none needs a button.
TURNS = [
    "szef zabral mi paszport",
    "czy moga mi zabrac 300 euro za pokoj",
    "ile wynosi minimalna stawka",
    "skonczyla sie praca czy mam ubezpieczenie",
    "nie dostalem wyplaty",
    "gdzie jest pomoc",
    "Tilburg",
    "jestem chory co z wyplata",
    "dziekuje",
    "co z urlopem",
]
CONVERSATIONS = 50
# The channels' answer when the bot could not handle a message: must never show up here.
STATIC = {translate(lang, M.BOT_UNAVAILABLE) for lang in SUPPORTED_LANGUAGES}


def static_replies(replies: list[list[dict]]) -> int:
    return sum(1 for reply in replies for m in reply if m.get("text") in STATIC)


def user_texts(tracker: dict) -> list[str]:
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


def test_alternating_servers_keep_language_and_slots(cluster):
    a, b, _ = cluster.servers
    sender = f"alt-{uuid.uuid4().hex[:10]}"
    first = cluster.say(a, sender, "mi-au luat pasaportul")
    assert "pașaport" in first[0]["text"].lower() or "pasaport" in first[0]["text"].lower()
    asked = cluster.say(b, sender, "unde gasesc ajutor")  # Romanian, other server
    assert any("oraș" in m.get("text", "").lower() or "oras" in m.get("text", "").lower()
               for m in asked), asked
    help_ = cluster.say(a, sender, "Tilburg")
    assert "Midden-Brabant" in " ".join(m.get("text", "") for m in help_)
    ok = cluster.say(b, sender, "ok")  # too short to change the language
    assert ok
    slots = cluster.tracker(b, sender)["slots"]
    assert slots["language"] == "ro"
    assert slots["town"] == "Tilburg"
    assert cluster.tracker(a, sender)["slots"] == slots


def converse(cluster, servers, sender: str, failures: list, answers: dict) -> None:
    """One worker's ten turns, each on the next server in turn (round robin, no stickiness);
    a request that fails is sent again to another server, as a load balancer retry would."""
    for turn, message in enumerate(TURNS):
        for attempt in range(len(servers) * 3):
            server = servers[(turn + attempt) % len(servers)]
            if not server.alive():
                continue
            try:
                reply = cluster.say(server, sender, message)
            except (requests.RequestException, AssertionError):
                failures.append((sender, turn))
                continue
            answers.setdefault(sender, []).append(reply)
            break
        else:
            raise AssertionError(f"turn {turn} of {sender} never answered")


def run_load(cluster, servers, prefix: str, during=None) -> tuple[list[str], list, dict]:
    senders = [f"{prefix}-{n}-{uuid.uuid4().hex[:6]}" for n in range(CONVERSATIONS)]
    failures: list = []
    answers: dict = {}
    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        futures = [pool.submit(converse, cluster, servers, s, failures, answers) for s in senders]
        if during:
            during(answers)
        for future in futures:
            future.result()
    return senders, failures, answers


def test_fifty_conversations_answered_exactly_once_in_order(cluster):
    a, b, _ = cluster.servers
    senders, failures, answers = run_load(cluster, [a, b], "load")
    assert failures == []
    for sender in senders:
        assert len(answers[sender]) == len(TURNS)
        assert static_replies(answers[sender]) == 0, f"a turn of {sender} failed"
        assert all(reply for reply in answers[sender]), f"a turn of {sender} got no answer"
        assert user_texts(cluster.tracker(random.choice([a, b]), sender)) == TURNS
    engine = create_engine(cluster.tracker_url)
    with engine.connect() as c:
        stored = c.execute(text(
            "SELECT count(*) FROM events WHERE type_name = 'user' AND sender_id LIKE 'load-%'"
        )).scalar()
        bot_events = c.execute(text(
            "SELECT count(*) FROM events WHERE type_name = 'bot' AND sender_id LIKE 'load-%'"
        )).scalar()
    engine.dispose()
    assert stored == CONVERSATIONS * len(TURNS)
    assert bot_events == sum(len(reply) for replies in answers.values() for reply in replies)


def test_messages_of_one_conversation_sent_at_once_are_processed_one_by_one(cluster):
    """The Redis lock store serialises a burst to both servers: every message once, each
    followed by its own answer before the next message is read."""
    a, b, _ = cluster.servers
    sender = f"burst-{uuid.uuid4().hex[:10]}"
    cluster.say(a, sender, "po polsku")
    burst = [f"{text} {n}"
             for n, text in enumerate(["paszport", "wyplata", "ubezpieczenie", "urlop"] * 2)]
    with ThreadPoolExecutor(len(burst)) as pool:
        replies = list(pool.map(lambda i: cluster.say([a, b][i % 2], sender, burst[i]),
                                range(len(burst))))
    assert all(replies)
    assert static_replies(replies) == 0, "a message failed and got the static reply"
    events = cluster.tracker(b, sender)["events"]
    texts = user_texts({"events": events})
    assert sorted(texts[1:]) == sorted(burst)
    # Between two user messages the bot answered and listened again: no interleaving.
    kinds = [e["event"] if e["event"] != "action" else e["name"] for e in events]
    user_positions = [i for i, k in enumerate(kinds) if k == "user"]
    for start, end in zip(user_positions, user_positions[1:], strict=False):
        between = kinds[start + 1:end]
        assert "bot" in between and between[-1] == "action_listen", between


def test_a_server_killed_under_load_loses_no_conversation(cluster):
    a, _, c = cluster.servers
    killed = threading.Event()

    def kill_c_midway(answers: dict) -> None:
        """SIGKILL once about a third of the 500 turns are answered."""
        def watch():
            while sum(len(replies) for replies in list(answers.values())) < CONVERSATIONS * 3:
                time.sleep(0.05)
            c.kill()
            killed.set()
        threading.Thread(target=watch, daemon=True).start()

    senders, failures, answers = run_load(cluster, [a, c], "kill", during=kill_c_midway)
    assert killed.is_set() and not c.alive()
    for sender in senders:
        assert len(answers[sender]) == len(TURNS)
        assert static_replies(answers[sender]) == 0, f"a turn of {sender} failed"
        texts = user_texts(cluster.tracker(a, sender))
        # In order and complete; a message whose request died with the server may have been
        # stored before the retry (at most once more per failed request).
        assert [t for i, t in enumerate(texts) if i == 0 or t != texts[i - 1]] == TURNS
        assert len(texts) - len(TURNS) <= sum(1 for s, _ in failures if s == sender)
    # The killed server, restarted, carries on with the conversations it had.
    cluster.restart(c)
    for sender in senders[:5]:
        reply = cluster.say(c, sender, "a paszport?")
        assert reply
        assert cluster.tracker(c, sender)["slots"]["language"] == "pl"
        assert cluster.tracker(c, sender)["slots"]["town"] == "Tilburg"


def test_a_whatsapp_delivery_retried_on_another_server_is_answered_once(cluster):
    """Meta retries a webhook it thinks failed; behind a load balancer the retry may reach
    another server. The message ids are shared in Redis: one answer."""
    a, b, _ = cluster.servers

    def delivery(phone: str) -> tuple[bytes, dict]:
        body = json.dumps({"object": "whatsapp_business_account", "entry": [{"changes": [{
            "value": {"messages": [{"from": phone, "id": f"wamid.{uuid.uuid4().hex}",
                                    "type": "text",
                                    "text": {"body": "szef zabral mi paszport"}}]}}]}]}
        ).encode()
        signature = hmac.new(cluster.whatsapp_secret.encode(), body, hashlib.sha256).hexdigest()
        return body, {"Content-Type": "application/json",
                      "X-Hub-Signature-256": f"sha256={signature}"}

    def post(server, body, headers) -> int:
        return requests.post(f"{server.url}/webhooks/whatsapp/webhook", data=body, headers=headers,
                             timeout=60).status_code

    def wait_for_replies(phone: str) -> list:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not cluster.graph.to(phone):
            time.sleep(0.2)
        time.sleep(2)  # a second answer would arrive within this
        return cluster.graph.to(phone)

    once, twice = ("48" + str(uuid.uuid4().int)[:9] for _ in range(2))
    assert post(a, *delivery(once)) == 200
    single = wait_for_replies(once)
    assert single and "paszport" in json.dumps(single, ensure_ascii=False).lower()
    body, headers = delivery(twice)
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda server: post(server, body, headers), [a, b, a, b]))
    assert statuses == [200] * 4
    assert len(wait_for_replies(twice)) == len(single)


def test_a_minimum_wage_staff_approved_reaches_every_server_without_a_restart(cluster):
    """A correction of the minimum wage from 1 July 2026, approved by two editors (the staff
    flow itself is tested in tests/unit/test_staff_web.py), is what every Rasa server and both
    action servers answer once their caches expire (FACTS_TTL_SECONDS, 30 s by default)."""
    import datetime as dt

    from bot.answers.minimum_wage import wage_table
    from bot.db.fact_models import FactRevision
    from bot.db.session import session_scope

    seed = next(p for p in wage_table().periods if p.start == dt.date(2026, 7, 1))
    hourly = {str(age): str(amount) for age, amount in seed.hourly.items()}
    hourly["21"] = "15.07"  # a correction no seed has: the bot can only have it from staff
    engine = create_engine(cluster.database_url, future=True)
    with session_scope(engine) as session:
        revision = FactRevision(
            fact="minimum_wage", valid_from=seed.start, valid_until=seed.until,
            value=json.dumps({"hourly": hourly, "bbl": {str(a): str(v)
                                                        for a, v in seed.bbl.items()}}),
            source_url=seed.source, status="approved", proposed_by="ann",
            proposed_at=dt.datetime.utcnow(), decided_by="bob", decided_at=dt.datetime.utcnow())
        session.add(revision)
        session.flush()
        revision_id = revision.id
    try:
        def quoted(server) -> str:
            replies = cluster.say(server, f"wage-{uuid.uuid4().hex[:8]}",
                                  "ile wynosi minimalna stawka godzinowa")
            return " ".join(r.get("text", "") for r in replies)

        deadline = time.monotonic() + 30  # the caches live FACTS_TTL_SECONDS (3 s here)
        answers = {}
        while time.monotonic() < deadline:
            answers = {s.name: quoted(s) for s in cluster.servers}
            if all("15,07" in text for text in answers.values()):
                break
            time.sleep(1)
        assert all("15,07" in text and "14,99" not in text for text in answers.values()), answers
    finally:
        with session_scope(engine) as session:
            session.execute(text("DELETE FROM fact_revisions WHERE id = :id"), {"id": revision_id})
        engine.dispose()
