"""The web chat as a worker's phone meets it after scanning an inspector's QR card: first load
(bytes, requests) and the time from opening the deep link to the first answer, on a fast
connection and on an emulated slow 3G profile (400 kbit/s down and up, 400 ms latency) with a
4x slower CPU, in Debian's Chromium at 360x740. Real Rasa, action and web servers.
Goals (issue 18): first load under 30 KB, first answer under 2 s on the slow profile.
Writes benchmarks/results/web_page.json.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python benchmarks/web_page.py
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serverkit import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    base_env,
    new_token,
    running_bot,
    wait_for_web,
    web_app,
)

RESULTS = ROOT / "benchmarks" / "results" / "web_page.json"
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400 * 1024 / 8,
           "uploadThroughput": 400 * 1024 / 8}
RUNS = 5
DEEP_LINK = "/?lang=pl&topic=ask_passport_held&src=nla"
GOAL_BYTES, GOAL_SLOW_MS = 30_000, 2_000


def one_run(browser, url: str, slow: bool) -> dict:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    if slow:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes: list[int] = []
    def transferred(request) -> int:
        if "/api/" in request.url:
            return 0
        size = request.sizes()
        return size["responseBodySize"] + size["responseHeadersSize"]

    page.on("requestfinished", lambda r: sizes.append(transferred(r)))
    started = time.perf_counter()
    page.goto(url + DEEP_LINK)
    page.locator("#log li.bot").first.wait_for(timeout=60_000)
    first_answer_ms = (time.perf_counter() - started) * 1000
    page_requests = len([s for s in sizes if s])
    context.close()
    return {"first_answer_ms": first_answer_ms, "bytes": sum(sizes), "requests": page_requests}


def main() -> int:
    from playwright.sync_api import sync_playwright

    token = new_token()
    report: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        logs = Path(tmp)
        env = base_env(TRACKER_STORE_URL=f"sqlite:///{logs / 'tracker.sqlite3'}",
                       CHAT_PER_ADDRESS="100000")
        with running_bot(logs, env, token) as rasa:
            web = web_app(logs, base_env(RASA_URL=rasa.url, RASA_TOKEN=token,
                                         CHAT_PER_ADDRESS="100000")).start()
            try:
                wait_for_web(web)
                with sync_playwright() as p:
                    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                    for name, slow in (("fast", False), ("slow_3g_cpu_4x", True)):
                        runs = [one_run(browser, web.url, slow) for _ in range(RUNS)]
                        times = sorted(r["first_answer_ms"] for r in runs)
                        report[name] = {
                            "first_load_bytes": runs[0]["bytes"],
                            "requests": runs[0]["requests"],
                            "first_answer_ms_p50": round(statistics.median(times)),
                            "first_answer_ms_max": round(times[-1]), "runs": RUNS}
                    browser.close()
            finally:
                web.stop()
    for name, row in report.items():
        print(f"{name}: first load {row['first_load_bytes']} bytes in {row['requests']} "
              f"requests; deep link to first answer p50 {row['first_answer_ms_p50']} ms, "
              f"max {row['first_answer_ms_max']} ms")
    slow = report["slow_3g_cpu_4x"]
    fast_enough = slow["first_answer_ms_p50"] < GOAL_SLOW_MS
    print(f"goals: first load < {GOAL_BYTES} bytes: {slow['first_load_bytes'] < GOAL_BYTES}; "
          f"first answer < {GOAL_SLOW_MS} ms on slow 3G: {fast_enough}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
