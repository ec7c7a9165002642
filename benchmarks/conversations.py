"""Whole conversations as workers write them (benchmarks/conversations/<lang>.yml, written
independently of the NLU data and of the test stories), over the REST channel of real Rasa and
action servers. After each turn the conversation's slots are read back from Rasa's tracker API.

A turn is right when every check it names holds:
  topic     the topic the bot is dealing with (slot last_topic) is the expected one. Asking for
            a person after a problem may keep the problem as the topic (the person is asked about
            it): such a turn is right when the reply is the answer on reaching a person, and the
            kept topic stands for ask_human in the rest of that conversation
  language  the reply language (slot language) is the conversation's language
  place     once a place was named, the remembered town lies in the expected region
  also      every other problem the message raised is offered as a button
  date      every figure the reply must state ("14.99") is in the reply, as the language writes it
Prints the share of turns right per language and the failure kinds, and how often a place named
anywhere in a message ends on the right region; writes benchmarks/results/conversations.json.

Odd-numbered conversations (pl-01, pl-03, ...) are the dev half: their failures are printed, and
may be studied to find what the bot gets wrong. The even-numbered half is the test half: only its
figures are printed, never its texts or failures, so that it stays a fair measure.

    DATABASE_URL=sqlite:///var/bench.sqlite3 python benchmarks/conversations.py [--only pl,bg]
        [--show pl-23,bg-25]   (dev conversations only: every turn with the bot's replies)
        [--studied]   (benchmarks/conversations/studied/: 580 more conversations, written apart
                       and then studied, all dev: their failures are printed with their texts)
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from collections import Counter
from functools import cache
from pathlib import Path

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from serverkit import base_env, new_token, running_bot  # noqa: E402

from bot.usage.recording import region_of  # noqa: E402

DATA = ROOT / "benchmarks" / "conversations"
RESULTS = ROOT / "benchmarks" / "results" / "conversations.json"
STUDIED = DATA / "studied"
STUDIED_RESULTS = ROOT / "benchmarks" / "results" / "conversations_studied.json"
GOAL = 0.95
PERSON_ANSWERS = ROOT / "data" / "faq" / "ask_human.yml"


def load(only: set[str] | None, folder: Path = DATA) -> dict[str, list[dict]]:
    sets = {}
    for path in sorted(folder.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if only and doc["language"] not in only:
            continue
        sets[doc["language"]] = doc["conversations"]
    return sets


def figure_written(reply: str, figure: str) -> bool:
    """ "14.99" is right as "14,99" or "14.99" (locales differ), with or without "€ "."""
    flat = reply.replace("\u00a0", " ")
    return figure in flat or figure.replace(".", ",") in flat


class Bot:
    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token
        self.http = requests.Session()

    def say(self, sender: str, text: str) -> list[dict]:
        r = self.http.post(f"{self.url}/webhooks/rest/webhook",
                           json={"sender": sender, "message": text}, timeout=60)
        r.raise_for_status()
        return r.json()

    def slots(self, sender: str) -> dict:
        r = self.http.get(f"{self.url}/conversations/{sender}/tracker",
                          params={"token": self.token, "include_events": "NONE"}, timeout=30)
        r.raise_for_status()
        return r.json().get("slots") or {}


@cache
def person_answer(lang: str) -> str:
    """The first line of the answer on reaching a person, as the worker sees it."""
    answers = yaml.safe_load(PERSON_ANSWERS.read_text(encoding="utf-8"))["answers"]
    return answers[lang].splitlines()[0].strip()


def check_turn(lang: str, turn: dict, replies: list[dict], slots: dict,
               person_topics: set[str]) -> list[str]:
    """The failure kinds of one turn (empty: right). `person_topics` gathers the problem topics
    the bot kept while it answered a request for a person in this conversation."""
    failures = []
    text = "\n".join(r.get("text") or "" for r in replies)
    topic = slots.get("last_topic")
    if turn["topic"] == "ask_human" and topic != "ask_human" and person_answer(lang) in text:
        person_topics.add(topic)
    if topic != turn["topic"] and not (turn["topic"] == "ask_human" and topic in person_topics):
        failures.append("topic")
    if slots.get("language") != lang:
        failures.append("language")
    if turn.get("region") and region_of(slots.get("town")) != turn["region"]:
        failures.append("place")
    offered = {b.get("payload", "").split("{")[0].lstrip("/")
               for r in replies for b in r.get("buttons") or []}
    if any(topic not in offered for topic in turn.get("also") or []):
        failures.append("also")
    if any(not figure_written(text, str(figure)) for figure in turn.get("names") or []):
        failures.append("date")
    return failures


def save(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"written {path.relative_to(ROOT)}")


def half(conversation_id: str) -> str:
    number = int(conversation_id.rsplit("-", 1)[-1])
    return "dev" if number % 2 else "test"


def run(bot: Bot, sets: dict[str, list[dict]]) -> dict:
    report: dict = {"by_language": {}, "failures": [], "routing": {}, "halves": {}}
    for lang, conversations in sets.items():
        right = total = 0
        kinds: Counter = Counter()
        routed = [0, 0]
        halves = {"dev": [0, 0], "test": [0, 0]}
        roles: dict[str, Counter] = {"dev": Counter(), "test": Counter()}
        confusions: dict[str, Counter] = {"dev": Counter(), "test": Counter()}
        for conversation in conversations:
            sender = f"bench-{conversation['id']}-{uuid.uuid4().hex[:6]}"
            region_before = None
            person_topics: set[str] = set()
            failed = False
            for number, turn in enumerate(conversation["turns"], 1):
                replies = bot.say(sender, turn["text"])
                slots = bot.slots(sender)
                failures = check_turn(lang, turn, replies, slots, person_topics)
                total += 1
                right += not failures
                halves[half(conversation["id"])][0] += not failures
                halves[half(conversation["id"])][1] += 1
                kinds.update(failures)
                if failures:
                    # Which kind of turn fails, without its text: the first message, a follow-up
                    # of some kind, a later new question; and whether an earlier turn failed.
                    role = (f"first ({'+'.join(failures)})" if number == 1
                            else turn.get("follow_up") or "new question")
                    after = " after a failure" if failed else ""
                    roles[half(conversation["id"])][role + after] += 1
                    if "topic" in failures:  # which topic is taken for which, like bench-nlu
                        confusions[half(conversation["id"])][
                            f"{turn['topic']} -> {slots.get('last_topic')}"] += 1
                failed = failed or bool(failures)
                if turn.get("region") and turn.get("region") != region_before:
                    routed[1] += 1  # a place named in this message
                    routed[0] += "place" not in failures
                region_before = turn.get("region")
                if failures and half(conversation["id"]) == "dev":
                    report["failures"].append({
                        "conversation": conversation["id"], "turn": number, "kinds": failures,
                        "expected": turn,
                        "got": {"topic": slots.get("last_topic"), "language": slots.get("language"),
                                "town": slots.get("town")}})
        report["by_language"][lang] = {"turns": total, "right": round(right / total, 4),
                                       "failures": dict(kinds)}
        report["halves"][lang] = {name: round(ok / n, 4) if n else None
                                  for name, (ok, n) in halves.items()}
        report.setdefault("failed_turns", {})[lang] = {name: dict(c) for name, c in roles.items()}
        report.setdefault("confusions", {})[lang] = {name: dict(c.most_common(5))
                                                     for name, c in confusions.items()}
        report["routing"][lang] = {"places": routed[1],
                                   "right": round(routed[0] / routed[1], 4) if routed[1] else None}
    return report


def show(sets: dict[str, list[dict]], ids: list[str]) -> int:
    """Every turn of some dev conversations with the bot's replies, to study a failure."""
    if any(half(i) != "dev" for i in ids):
        print("only dev conversations (odd numbers) may be shown")
        return 2
    wanted = [c for conversations in sets.values() for c in conversations if c["id"] in ids]
    token = new_token()
    with tempfile.TemporaryDirectory() as tmp:
        env = base_env(TRACKER_STORE_URL=f"sqlite:///{Path(tmp) / 'tracker.sqlite3'}",
                       CHAT_PER_SENDER="100000", CHAT_PER_ADDRESS="100000")
        with running_bot(Path(tmp), env, token) as rasa:
            bot = Bot(rasa.url, token)
            for conversation in wanted:
                sender = f"show-{uuid.uuid4().hex[:6]}"
                print(f"== {conversation['id']}")
                for turn in conversation["turns"]:
                    replies = bot.say(sender, turn["text"])
                    slots = bot.slots(sender)
                    got = (f"{slots.get('last_topic')} "
                           f"({slots.get('language')}, {slots.get('town')})")
                    print(f"  > {turn['text']}\n    expected {turn['topic']} got {got}")
                    for reply in replies:
                        buttons = [b.get("payload") for b in reply.get("buttons") or []]
                        print(f"    < {(reply.get('text') or '')[:160]!r} {buttons}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated languages")
    parser.add_argument("--show", help="comma-separated dev conversations to print in full")
    parser.add_argument("--studied", action="store_true",
                        help="the studied conversations (all dev) instead of the benchmark's")
    args = parser.parse_args()
    sets = load(set(args.only.split(",")) if args.only else None,
                STUDIED if args.studied else DATA)
    if args.show:
        return show(sets, args.show.split(","))
    token = new_token()
    with tempfile.TemporaryDirectory() as tmp:
        logs = Path(tmp)
        env = base_env(TRACKER_STORE_URL=f"sqlite:///{logs / 'tracker.sqlite3'}",
                       CHAT_PER_SENDER="100000", CHAT_PER_ADDRESS="100000")
        with running_bot(logs, env, token) as rasa:
            started = time.perf_counter()
            report = run(Bot(rasa.url, token), sets)
            report["seconds"] = round(time.perf_counter() - started, 1)
    turns = sum(v["turns"] for v in report["by_language"].values())
    print(f"{sum(len(c) for c in sets.values())} conversations, {turns} turns "
          f"({report['seconds']} s); goal: {GOAL:.0%} of turns right in every language")
    for lang, row in report["by_language"].items():
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(row["failures"].items())) or "-"
        routing = report["routing"][lang]
        print(f"  {lang}: {row['right']:.3f} of {row['turns']} turns right; failures: {kinds}; "
              f"places routed right: {routing['right']} of {routing['places']}; "
              f"dev {report['halves'][lang]['dev']}, test {report['halves'][lang]['test']}")
    for lang, by_half in report["failed_turns"].items():
        for name, roles in by_half.items():
            listed = ", ".join(f"{k} {n}" for k, n in sorted(roles.items())) or "-"
            print(f"  {lang} {name} failed turns: {listed}")
    # Dev only: counts of the test half's confusions steer word lists towards the test half.
    for lang, by_half in report["confusions"].items():
        listed = "; ".join(f"{k} {n}" for k, n in by_half["dev"].items()) or "-"
        print(f"  {lang} dev, topics most often taken for others: {listed}")
    # Dev failures only, without their texts: a set read on every run is soon a set tuned to.
    for failure in report["failures"]:
        expected = {k: v for k, v in failure["expected"].items()
                    if k != "text" or args.studied}  # the studied set's texts may be read
        print(f"  {failure['conversation']} turn {failure['turn']}: {failure['kinds']} "
              f"expected {expected} got {failure['got']}")
    save(report, STUDIED_RESULTS if args.studied else RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
