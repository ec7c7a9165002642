"""Handover latency: from the worker's "yes, send it" to the question in the staff inbox, and
from the staff member's "Send the reply" to the reply reaching the worker, on the web chat (the
reply poll) and on WhatsApp (the fake Graph API receives it), p50/p95. Two setups:

  embedded  one Rasa server, SQLite for the tracker store and the bot's database
  shared    two Rasa servers on PostgreSQL (tracker store and bot database) + Redis (locks);
            the worker's messages alternate between them

The web page asks for replies every 20 s; this measures the system, so the benchmark asks every
20 ms: add up to 20 s for a worker with the page open. Prints a table and writes
benchmarks/results/handover.json.

    python benchmarks/handover.py [--setup embedded|shared|both] [--workers 30]
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack, contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serverkit import (  # noqa: E402
    MODEL,
    FakeGraphAPI,
    action_server,
    base_env,
    csrf_of,
    new_token,
    percentile,
    postgres_database,
    rasa_server,
    staff_login,
    wait_for_actions,
    wait_for_rasa,
    wait_for_web,
    web_app,
)

RESULTS = ROOT / "benchmarks" / "results" / "handover.json"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
SECRET, PSEUDONYM_KEY = "bench-app-secret", "bench-pseudonym-key"
PASSWORD = "handover benchmark password"
POLL = 0.02


def summary(samples_ms: list[float]) -> dict:
    return {"n": len(samples_ms), "p50_ms": round(percentile(samples_ms, 50), 1),
            "p95_ms": round(percentile(samples_ms, 95), 1), "max_ms": round(max(samples_ms), 1)}


def payload(intent: str, step: str) -> str:
    return f"/{intent}" + json.dumps({"handover": step})


@contextmanager
def servers(setup: str, logs: Path):
    """(rasa urls, web url, token, graph) of a running setup."""
    with ExitStack() as stack:
        graph = FakeGraphAPI()
        stack.callback(graph.server.shutdown)
        if setup == "shared":
            import redis

            tracker = stack.enter_context(postgres_database("wnl_bench_tracker"))
            database = stack.enter_context(postgres_database("wnl_bench_app"))
            redis.Redis.from_url(REDIS_URL).flushdb()
            extra = {"TRACKER_STORE_URL": tracker, "DATABASE_URL": database,
                     "LOCK_STORE_URL": REDIS_URL}
        else:
            extra = {"TRACKER_STORE_URL": f"sqlite:///{logs / 'tracker.sqlite3'}",
                     "DATABASE_URL": f"sqlite:///{logs / 'wnl.sqlite3'}"}
        env = base_env(**extra, WHATSAPP_APP_SECRET=SECRET, WHATSAPP_VERIFY_TOKEN="bench",
                       WHATSAPP_ACCESS_TOKEN="bench", WHATSAPP_PHONE_NUMBER_ID="1234",
                       WHATSAPP_PSEUDONYM_KEY=PSEUDONYM_KEY, WHATSAPP_GRAPH_URL=graph.url,
                       CHAT_PER_ADDRESS="1000000", REPLY_POLLS_PER_ADDRESS="1000000")
        subprocess.run([sys.executable, "-m", "bot", "regions", "load"], env=env, check=True,
                       capture_output=True)
        token = new_token()
        actions = action_server(logs, env).start()
        stack.callback(actions.stop)
        count = 2 if setup == "shared" else 1
        rasas = [rasa_server(logs, env, token, actions.url, name=f"rasa-{n}")
                 for n in range(count)]
        for rasa in rasas:
            rasa.start()
            stack.callback(rasa.stop)
            wait_for_actions(actions)
            wait_for_rasa(rasa, token, [actions])
        web = web_app(logs, {**env, "RASA_URL": rasas[0].url, "RASA_TOKEN": token})
        web.start()
        stack.callback(web.stop)
        wait_for_web(web)
        yield [r.url for r in rasas], web.url, env, graph


def staff(web_url: str, env: dict) -> requests.Session:
    name = f"bench{uuid.uuid4().hex[:6]}"
    for command in (["add-user", name, "--role", "editor"], ["set-regions", name, "national"]):
        subprocess.run([sys.executable, "-m", "bot", "staff", *command], check=True,
                       env={**env, "STAFF_PASSWORD": PASSWORD}, capture_output=True)
    return staff_login(web_url, name, PASSWORD, {})


def say_rest(url: str, sender: str, message: str) -> list:
    r = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message},
                      timeout=60)
    r.raise_for_status()
    return r.json()


def say_whatsapp(url: str, phone: str, message: str) -> None:
    if message.startswith("/"):
        body = {"type": "interactive", "interactive": {"type": "button_reply",
                                                       "button_reply": {"id": message,
                                                                        "title": "x"}}}
    else:
        body = {"type": "text", "text": {"body": message}}
    raw = json.dumps({"entry": [{"changes": [{"value": {"messages": [
        {"from": phone, "id": f"wamid.{uuid.uuid4().hex}", **body}]}}]}]}).encode()
    signature = hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    r = requests.post(f"{url}/webhooks/whatsapp/webhook", data=raw, timeout=60, headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": f"sha256={signature}"})
    r.raise_for_status()


def new_public_id(client: requests.Session, web_url: str, known: set[str]) -> str | None:
    import re

    page = client.get(f"{web_url}/staff/handovers", timeout=30).text
    ids = set(re.findall(r'href="/staff/handovers/([A-Za-z0-9_-]{16,32})"', page))
    fresh = ids - known
    return fresh.pop() if fresh else None


def wait(check, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(POLL)
    raise TimeoutError("the handover benchmark waited too long")


def one_worker(channel: str, n: int, rasa: list[str], web_url: str, graph, client,
               known: set[str]) -> dict:
    chat, phone = uuid.uuid4().hex, "48" + str(uuid.uuid4().int)[:9]
    steps = ["i want to talk to a person", payload("ask_human", "start"),
             "my agency keeps my passport and does not pay me", payload("affirm", "send")]
    for turn, message in enumerate(steps):
        url = rasa[(n + turn) % len(rasa)]
        if turn == len(steps) - 1:
            yes = time.perf_counter()
        if channel == "web":
            say_rest(url, f"web-{chat}", message)
        else:
            say_whatsapp(url, phone, message)
    public_id = wait(lambda: new_public_id(client, web_url, known))
    to_inbox = (time.perf_counter() - yes) * 1000
    known.add(public_id)
    page = client.get(f"{web_url}/staff/handovers/{public_id}", timeout=30).text
    before = len(graph.to(phone))
    sent = time.perf_counter()
    client.post(f"{web_url}/staff/handovers/{public_id}/reply", timeout=30,
                data={"csrf": csrf_of(page), "text": "We can help: call us tomorrow."})
    if channel == "web":
        wait(lambda: requests.get(f"{web_url}/api/replies", params={"sender": chat},
                                  timeout=30).json()["replies"])
    else:
        wait(lambda: len(graph.to(phone)) > before)
    return {"to_inbox_ms": to_inbox, "to_worker_ms": (time.perf_counter() - sent) * 1000}


def measure(setup: str, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp, servers(setup, Path(tmp)) as (rasa, web_url, env,
                                                                               graph):
        client = staff(web_url, env)
        known: set[str] = set()
        one_worker("web", 0, rasa, web_url, graph, client, known)  # warm-up
        result = {}
        for channel in ("web", "whatsapp"):
            runs = [one_worker(channel, n, rasa, web_url, graph, client, known)
                    for n in range(workers)]
            result[channel] = {k: summary([r[k] for r in runs])
                               for k in ("to_inbox_ms", "to_worker_ms")}
            print(f"  {setup:8} {channel:8} yes -> inbox p50 "
                  f"{result[channel]['to_inbox_ms']['p50_ms']:>6} p95 "
                  f"{result[channel]['to_inbox_ms']['p95_ms']:>6} ms | reply -> worker p50 "
                  f"{result[channel]['to_worker_ms']['p50_ms']:>6} p95 "
                  f"{result[channel]['to_worker_ms']['p95_ms']:>6} ms", flush=True)
        return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--setup", choices=["embedded", "shared", "both"], default="both")
    parser.add_argument("--workers", type=int, default=30, help="handovers per channel")
    args = parser.parse_args()
    if not MODEL.exists():
        print("no trained model: run `make train` first", file=sys.stderr)
        return 1
    report = {"cpus": os.cpu_count(), "workers_per_channel": args.workers,
              "poll_interval_s": POLL, "page_poll_interval_s": 20, "setups": {}}
    for setup in (["embedded", "shared"] if args.setup == "both" else [args.setup]):
        report["setups"][setup] = measure(setup, args.workers)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
