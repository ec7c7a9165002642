"""Load: complete REST round trips (message in, answers out) at 1, 10 and 50 concurrent
conversations, and in the same run the bare /model/parse on the same server with the same
messages, reported as a ratio; resident memory of every server process. Two setups:

  embedded  one Rasa server (SQLite tracker store, in-process lock store) and one action server
  shared    two Rasa servers on PostgreSQL + Redis (127.0.0.1), one action server; each
            conversation's messages go round robin to both servers (no stickiness)

Each conversation sends its messages one after the other. Two ways of pacing them, both reported:
think 0 s (the next message the moment the answer arrives: a saturating stress test) and think
1 s (a worker who reads for a second, still far faster than anyone types on a phone).

Prints a table and writes benchmarks/results/load.json.

    python benchmarks/load.py [--setup embedded|shared|both] [--messages 10] [--think 0 1]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serverkit import (  # noqa: E402
    MODEL,
    action_server,
    base_env,
    new_token,
    percentile,
    rasa_server,
    wait_for_actions,
    wait_for_rasa,
)

RESULTS = ROOT / "benchmarks" / "results" / "load.json"
CONCURRENCY = (1, 10, 50)
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
# A worker's questions in the five languages, as typed on a phone (no buttons, no forms).
MESSAGES = [
    "szef zabral mi paszport", "czy moga mi zabrac 300 euro za pokoj",
    "ile wynosi minimalna stawka",
    "mi-au luat pasaportul", "nu am primit salariul", "unde gasesc ajutor",
    "шефа ми взе паспорта", "имам ли още застраховка", "mijn baas houdt mijn paspoort",
    "moet ik uit het huis als mijn contract stopt", "boss took my passport",
    "am I still insured after my job ended", "dziekuje", "co z urlopem", "jestem chory",
]


def summary(samples: list[float], wall: float, errors: int) -> dict:
    return {"requests": len(samples), "errors": errors,
            "p50_ms": round(percentile(samples, 50), 1),
            "p95_ms": round(percentile(samples, 95), 1),
            "p99_ms": round(percentile(samples, 99), 1),
            "throughput_per_s": round(len(samples) / wall, 1) if wall else 0.0}


async def run_clients(urls: list[str], token: str, concurrency: int, per_client: int,
                      parse_only: bool, think: float = 0.0) -> dict:
    samples: list[float] = []
    errors = 0

    async def client(session: aiohttp.ClientSession, n: int) -> None:
        nonlocal errors
        sender = f"bench-{uuid.uuid4().hex[:10]}"
        for turn in range(per_client):
            text = MESSAGES[(n + turn) % len(MESSAGES)]
            url = urls[turn % len(urls)]
            started = time.perf_counter()
            try:
                if parse_only:
                    async with session.post(f"{url}/model/parse", params={"token": token},
                                            json={"text": text}) as r:
                        ok = r.status == 200 and "intent" in await r.json()
                else:
                    async with session.post(f"{url}/webhooks/rest/webhook",
                                            json={"sender": sender, "message": text}) as r:
                        ok = r.status == 200 and bool(await r.json())
            except (aiohttp.ClientError, asyncio.TimeoutError):
                ok = False
            if ok:
                samples.append((time.perf_counter() - started) * 1000)
            else:
                errors += 1
            if think:
                await asyncio.sleep(think)

    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout,
                                     connector=aiohttp.TCPConnector(limit=0)) as session:
        started = time.perf_counter()
        # Conversations start spread over the first think time, as people do not all press
        # "send" in the same millisecond.
        await asyncio.gather(*(delayed(client(session, n), think * n / concurrency)
                               for n in range(concurrency)))
        wall = time.perf_counter() - started
    return summary(samples, wall, errors)


async def delayed(coroutine, seconds: float):
    await asyncio.sleep(seconds)
    return await coroutine


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pids += [int(c) for c in children]
        except (OSError, StopIteration):
            continue
    return round(total / 1024, 1)


async def _burst(url: str, count: int) -> dict:
    """`count` messages to one conversation at once: how long until the last is answered.
    The lock store serves them one after the other; each waits for its turn by polling."""
    sender = f"burst-{uuid.uuid4().hex[:8]}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=300)) as session:
        async def one(n: int) -> int:
            async with session.post(f"{url}/webhooks/rest/webhook",
                                    json={"sender": sender, "message": f"hallo {n}"}) as r:
                await r.read()
                return r.status

        started = time.perf_counter()
        statuses = await asyncio.gather(*(one(n) for n in range(count)))
        return {"messages": count,
                "seconds_to_last_answer": round(time.perf_counter() - started, 2),
                "errors": sum(1 for s in statuses if s != 200)}


def burst(url: str, count: int = 20) -> dict:
    return asyncio.run(_burst(url, count))


def measure(urls: list[str], token: str, messages: int, think: float) -> dict:
    levels = {}
    # Warm-up: the first parse and the first action call load lazily.
    asyncio.run(run_clients(urls, token, 2, 3, parse_only=False))
    for concurrency in CONCURRENCY:
        round_trip = asyncio.run(run_clients(urls, token, concurrency, messages, False, think))
        parse = asyncio.run(run_clients(urls, token, concurrency, messages, True, think))
        ratio = {k: round(round_trip[k] / parse[k], 2) if parse[k] else None
                 for k in ("p50_ms", "p95_ms")}
        levels[str(concurrency)] = {"round_trip": round_trip, "parse": parse,
                                    "round_trip_over_parse": ratio}
        print(f"  think {think:g} s {concurrency:>3} conv.  "
              f"round trip p50 {round_trip['p50_ms']:>6} p95 "
              f"{round_trip['p95_ms']:>6} p99 {round_trip['p99_ms']:>6} ms, "
              f"{round_trip['throughput_per_s']:>5}/s, errors {round_trip['errors']}  |  parse p50 "
              f"{parse['p50_ms']:>6} p95 {parse['p95_ms']:>6} ms  |  ratio p50 {ratio['p50_ms']} "
              f"p95 {ratio['p95_ms']}", flush=True)
    return levels


def start(setup: str, logs: Path) -> tuple[list, str, dict]:
    """The servers of one setup, running; returns (servers, token, cleanup info)."""
    token = new_token()
    extra: dict = {}
    cleanup: dict = {}
    if setup == "shared":
        import redis
        from sqlalchemy import create_engine, text

        name = f"wnl_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        redis.Redis.from_url(REDIS_URL).flushdb()
        extra = {"TRACKER_STORE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}",
                 "LOCK_STORE_URL": REDIS_URL}
        cleanup = {"admin": admin, "database": name}
    else:
        extra = {"TRACKER_STORE_URL": f"sqlite:///{logs / 'tracker.sqlite3'}"}
    env = base_env(**extra)
    actions = action_server(logs, env).start()
    count = 2 if setup == "shared" else 1
    servers = [rasa_server(logs, env, token, actions.url, name=f"rasa-{n}") for n in range(count)]
    servers[0].start()
    wait_for_actions(actions)
    wait_for_rasa(servers[0], token, [actions])
    for server in servers[1:]:
        server.start()
        wait_for_rasa(server, token, [actions])
    return [actions, *servers], token, cleanup


def stop(servers: list, cleanup: dict) -> None:
    for server in servers:
        server.stop()
    if cleanup:
        from sqlalchemy import text

        with cleanup["admin"].connect() as c:
            c.execute(text(f'DROP DATABASE "{cleanup["database"]}" WITH (FORCE)'))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--setup", choices=["embedded", "shared", "both"], default="both")
    parser.add_argument("--messages", type=int, default=10, help="messages per conversation")
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 1.0],
                        help="seconds between an answer and the next message (default: 0 and 1)")
    args = parser.parse_args()
    if not MODEL.exists():
        print("no trained model: run `make train` first", file=sys.stderr)
        return 1
    report: dict = {"cpus": os.cpu_count(), "messages_per_conversation": args.messages,
                    "setups": {}}
    for setup in (["embedded", "shared"] if args.setup == "both" else [args.setup]):
        with tempfile.TemporaryDirectory() as tmp:
            print(f"{setup}:", flush=True)
            servers, token, cleanup = start(setup, Path(tmp))
            try:
                rasa = [s for s in servers if s.name.startswith("rasa")]
                runs = {f"think_{think:g}s": measure([s.url for s in rasa], token, args.messages,
                                                      think) for think in args.think}
                bursts = burst(rasa[0].url)
                print(f"  burst of 20 to one conversation: {bursts}", flush=True)
                memory = {s.name: rss_mb(s.proc.pid) for s in servers}
                print("  resident memory: " + ", ".join(f"{k} {v} MB" for k, v in memory.items()))
                report["setups"][setup] = {"runs": runs, "burst": bursts, "rss_mb": memory}
            finally:
                stop(servers, cleanup)
    report["goals"] = {
        f"{setup} {pace}": {
            "p95_under_250ms_at_10": levels["10"]["round_trip"]["p95_ms"] < 250,
            "round_trip_at_most_2x_parse_at_10":
                (levels["10"]["round_trip_over_parse"]["p50_ms"] or 99) <= 2,
            "no_errors_at_50": levels["50"]["round_trip"]["errors"] == 0,
        }
        for setup, result in report["setups"].items() for pace, levels in result["runs"].items()
    }
    for name, goals in report["goals"].items():
        print(f"goals {name}: " + ", ".join(
            f"{k} {'yes' if v else 'NO'}" for k, v in goals.items()))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
