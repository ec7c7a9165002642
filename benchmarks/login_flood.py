"""Chat latency through the web app while someone floods the staff login: argon2 costs about
140 ms of a core per login, in the process that also serves the chat.

Starts the action server, the Rasa server and the web app (tests/serverkit.py), then measures
chat round trips (POST /api/message, one every 0.5 s) for SECONDS without and then with a flood
of wrong-password logins (10 a second, from changing addresses behind a trusted proxy). Prints
p50/p95 and the login answers, and writes benchmarks/results/login_flood.json.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python benchmarks/login_flood.py
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from serverkit import (  # noqa: E402
    action_server,
    base_env,
    new_token,
    rasa_server,
    wait_for_actions,
    wait_for_rasa,
    wait_for_web,
    web_app,
)

RESULTS = ROOT / "benchmarks" / "results" / "login_flood.json"
SECONDS = 15
LOGINS_PER_SECOND = 10


def chat_latencies(web_url: str, seconds: float) -> list[float]:
    samples, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.perf_counter()
        r = requests.post(f"{web_url}/api/message", timeout=60,
                          json={"sender": uuid.uuid4().hex, "message": "szef zabral mi paszport"})
        if r.ok:
            samples.append((time.perf_counter() - started) * 1000)
        time.sleep(0.5)
    return samples


def flood(web_url: str, stop: threading.Event, statuses: Counter) -> None:
    n = 0
    while not stop.is_set():
        n += 1

        def one(n=n):
            client = requests.Session()
            client.headers["X-Forwarded-For"] = f"10.{n // 250 % 250}.{n % 250}.1"
            try:
                form = client.get(f"{web_url}/staff/login", timeout=30).text
                csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
                r = client.post(f"{web_url}/staff/login", allow_redirects=False, timeout=30,
                                data={"csrf": csrf, "name": f"user{n}", "password": "guess" * 3})
                statuses[r.status_code] += 1
            except requests.RequestException:
                statuses["error"] += 1

        threading.Thread(target=one, daemon=True).start()
        time.sleep(1 / LOGINS_PER_SECOND)


def summary(samples: list[float]) -> dict:
    samples = sorted(samples)
    return {"n": len(samples), "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 1)}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        logs, token = Path(tmp), new_token()
        env = base_env(TRACKER_STORE_URL=f"sqlite:///{Path(tmp) / 'tracker.sqlite3'}")
        actions = action_server(logs, env).start()
        rasa = rasa_server(logs, env, token, actions.url).start()
        web = web_app(logs, base_env(RASA_URL=rasa.url, RASA_TOKEN=token, PROXIES_COUNT="1",
                                     CHAT_PER_ADDRESS="100000")).start()
        try:
            wait_for_actions(actions)
            wait_for_rasa(rasa, token, [actions])
            wait_for_web(web)
            chat_latencies(web.url, 3)  # warm up
            quiet = chat_latencies(web.url, SECONDS)
            stop, statuses = threading.Event(), Counter()
            flooder = threading.Thread(target=flood, args=(web.url, stop, statuses), daemon=True)
            flooder.start()
            flooded = chat_latencies(web.url, SECONDS)
            stop.set()
            flooder.join()
        finally:
            for server in (web, rasa, actions):
                server.stop()
    report = {"logins_per_second": LOGINS_PER_SECOND, "seconds": SECONDS,
              "chat_quiet": summary(quiet), "chat_during_flood": summary(flooded),
              "login_answers": {str(k): v for k, v in statuses.items()}}
    print(json.dumps(report, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
