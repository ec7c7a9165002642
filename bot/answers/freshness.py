"""What needs checking, for staff and the content report: dated facts that expire within
FACT_WARNING or have expired, answers last checked more than ANSWER_MAX_AGE ago, and help-point
records last checked more than POINT_MAX_AGE ago. Each item has its source link. Pure data in,
list out: the date is always given, so nothing here depends on the calendar.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot import ROOT
from bot.answers.library import Answer
from bot.answers.minimum_wage import WageTable

FACT_WARNING = dt.timedelta(days=60)
ANSWER_MAX_AGE = dt.timedelta(days=180)
POINT_MAX_AGE = dt.timedelta(days=365)
POINTS_FILE = ROOT / "data" / "regions" / "informatiepunten.yml"


@dataclass(frozen=True)
class ToCheck:
    kind: str        # fact, answer or help_point
    name: str
    reason: str
    source: str
    date: dt.date    # the date the reason is about (expiry or last check)


def fact_items(table: WageTable, today: dt.date) -> list[ToCheck]:
    until = table.known_until
    if until < today:
        reason = f"the newest minimum wage amounts applied until {until}: they have expired"
    elif until - today <= FACT_WARNING:
        reason = f"the newest minimum wage amounts apply until {until}: enter the next ones"
    else:
        return []
    return [ToCheck("fact", "minimum_wage", reason, table.source_url, until)]


def answer_items(library: dict[str, Answer], today: dt.date) -> list[ToCheck]:
    return [ToCheck("answer", topic, f"last checked {a.last_checked}, over 180 days ago",
                    a.links[0] if a.links else "", a.last_checked)
            for topic, a in sorted(library.items()) if today - a.last_checked > ANSWER_MAX_AGE]


def point_items(points: list[dict], today: dt.date) -> list[ToCheck]:
    items = []
    for p in points:
        checked = p.get("record_checked")
        if checked is None or today - checked > POINT_MAX_AGE:
            items.append(ToCheck("help_point", p["name"],
                                 f"record last checked {checked}, over 12 months ago",
                                 p.get("source", ""), checked or dt.date.min))
        elif p.get("status") == "unconfirmed":
            items.append(ToCheck("help_point", p["name"], "status unconfirmed: is it still open?",
                                 p.get("source", ""), checked))
    return items


def seed_points(path: Path = POINTS_FILE) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["points"]


def to_check(library: dict[str, Answer], table: WageTable, points: list[dict],
             today: dt.date) -> list[ToCheck]:
    return fact_items(table, today) + answer_items(library, today) + point_items(points, today)
