"""First messages as workers write them (benchmarks/first_messages/<lang>.yml, 121 per language,
written apart from the NLU training data and from benchmarks/conversations/), each sent as a new
conversation over the REST channel of real Rasa and action servers.

A message is right when the bot deals with its topic (slot last_topic; the most urgent one where
two problems are raised) in the message's language. This is the calibration set: the thresholds
that decide which of a message's topics is answered (bot/dialogue/several_topics.py) are chosen
on it, so its failures are printed in full and may be studied. Prints the share right per language
and the topics most often taken for others; writes benchmarks/results/first_messages.json.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python benchmarks/first_messages.py [--only pl,bg]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serverkit import base_env, new_token, running_bot  # noqa: E402

from benchmarks.conversations import Bot, check_turn, save  # noqa: E402

DATA = ROOT / "benchmarks" / "first_messages"
RESULTS = ROOT / "benchmarks" / "results" / "first_messages.json"


def load(only: set[str] | None) -> dict[str, list[dict]]:
    sets = {}
    for path in sorted(DATA.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not only or doc["language"] in only:
            sets[doc["language"]] = doc["messages"]
    return sets


def run(bot: Bot, sets: dict[str, list[dict]]) -> dict:
    report: dict = {"by_language": {}, "failures": []}
    for lang, messages in sets.items():
        right = 0
        confusions: Counter = Counter()
        for message in messages:
            sender = f"first-{uuid.uuid4().hex[:8]}"
            turn = {"text": message["text"], "topic": message["topic"]}
            replies = bot.say(sender, message["text"])
            slots = bot.slots(sender)
            failures = check_turn(lang, turn, replies, slots, set())
            right += not failures
            if failures:
                confusions[f"{message['topic']} -> {slots.get('last_topic')}"] += 1
                report["failures"].append({"language": lang, "kinds": failures, **turn,
                                           "got": slots.get("last_topic"),
                                           "reply_language": slots.get("language")})
        report["by_language"][lang] = {"messages": len(messages),
                                       "right": round(right / len(messages), 4),
                                       "confusions": dict(confusions.most_common(5))}
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated languages")
    args = parser.parse_args()
    sets = load(set(args.only.split(",")) if args.only else None)
    token = new_token()
    with tempfile.TemporaryDirectory() as tmp:
        env = base_env(TRACKER_STORE_URL=f"sqlite:///{Path(tmp) / 'tracker.sqlite3'}",
                       CHAT_PER_SENDER="100000", CHAT_PER_ADDRESS="100000")
        with running_bot(Path(tmp), env, token) as rasa:
            started = time.perf_counter()
            report = run(Bot(rasa.url, token), sets)
            report["seconds"] = round(time.perf_counter() - started, 1)
    print(f"{sum(len(m) for m in sets.values())} first messages ({report['seconds']} s)")
    for lang, row in report["by_language"].items():
        listed = "; ".join(f"{k} {n}" for k, n in row["confusions"].items()) or "-"
        print(f"  {lang}: {row['right']:.3f} of {row['messages']} right; most often: {listed}")
    for failure in report["failures"]:
        print(f"  {failure['language']} {failure['kinds']} expected {failure['topic']} "
              f"got {failure['got']} ({failure['reply_language']}): {failure['text'][:90]!r}")
    save(report, RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
