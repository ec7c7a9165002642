"""Statistics of the questions left for the team, with nothing that leads to a worker: per ISO
week, region, language and channel, how many came in, the median time to the first reply, and
the share answered within one working day. A row is written when a question comes in and gets
its reply time at the first reply; it has no id of the handover or the conversation, and stays
when the handover is purged."""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.handover_models import Handover, HandoverStat
from bot.usage.stats import iso_week

SATURDAY = 5


def one_working_day_after(at: dt.datetime) -> dt.datetime:
    """The same time on the next working day (Monday to Friday; a question of the weekend
    counts from Monday 00:00). Public holidays are not known here and count as working days."""
    if at.weekday() >= SATURDAY:
        at = dt.datetime.combine(at.date() + dt.timedelta(days=7 - at.weekday()), dt.time())
    due = at + dt.timedelta(days=1)
    while due.weekday() >= SATURDAY:
        due += dt.timedelta(days=1)
    return due


def came_in(session: Session, handover: Handover) -> None:
    row = HandoverStat(week=iso_week(handover.created_at.date()), region=handover.region,
                       language=handover.language, channel=handover.channel)
    session.add(row)
    session.flush()
    handover.stats_id = row.id


def first_reply(session: Session, handover: Handover, at: dt.datetime) -> None:
    row = session.get(HandoverStat, handover.stats_id) if handover.stats_id else None
    if row is None or row.first_reply_minutes is not None:
        return
    row.first_reply_minutes = int((at - handover.created_at).total_seconds() // 60)
    row.within_working_day = int(at <= one_working_day_after(handover.created_at))


@dataclass(frozen=True)
class WeekRow:
    week: str
    region: str
    language: str
    channel: str
    questions: int
    answered: int
    median_minutes: int | None
    within_working_day: str  # a share of all questions, e.g. "75%"


def weekly(session: Session) -> list[WeekRow]:
    groups: dict[tuple, list[HandoverStat]] = {}
    for row in session.execute(select(HandoverStat)).scalars():
        groups.setdefault((row.week, row.region, row.language, row.channel), []).append(row)
    out = []
    for key in sorted(groups, key=lambda k: (k[0], k[1:]), reverse=False):
        rows = groups[key]
        minutes = [r.first_reply_minutes for r in rows if r.first_reply_minutes is not None]
        within = sum(r.within_working_day or 0 for r in rows)
        out.append(WeekRow(*key, len(rows), len(minutes),
                           int(statistics.median(minutes)) if minutes else None,
                           f"{round(100 * within / len(rows))}%"))
    return sorted(out, key=lambda r: r.week, reverse=True)
