"""Usage statistics as aggregates: counters per ISO week, topic, language, region and source
(table usage_counts, bot/db/usage_models.py), never message text, sender ids or exact times.

`record()` adds one to a counter (an atomic upsert), `weekly_counts()` reads them back, and
`to_csv()` and `chart_svg()` render them for the staff pages (/staff/stats.csv, /staff/stats).
Every value comes from a fixed vocabulary (the topics of bot/answers/topics.py,
SUPPORTED_LANGUAGES, SOURCES, the region names in the database, 'unknown'): nothing a user typed
can become a key.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.answers.topics import is_topic
from bot.db.usage_models import UsageCount
from bot.language.registry import SUPPORTED_LANGUAGES

# web: the web chat page; whatsapp: WhatsApp (Cloud API or Twilio); qr: a labour inspector's
# QR card (src=nla); other: anything else, e.g. a direct call to the REST channel.
SOURCES: tuple[str, ...] = ("web", "whatsapp", "qr", "other")
UNKNOWN_REGION = "unknown"
MAX_REGION_CHARS = 100
_WEEK = re.compile(r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$")

SessionOrEngine = Session | Connection | Engine


@dataclass(frozen=True, order=True)
class UsageRow:
    week: str
    topic: str
    language: str
    region: str
    source: str
    count: int


def iso_week(day: dt.date) -> str:
    """'2026-W48': the ISO year and week of a day (1 January may be in the previous year's W53)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def check_keys(week: str, topic: str, language: str, region: str, source: str) -> None:
    """ValueError unless every key comes from its vocabulary."""
    if not isinstance(week, str) or not _WEEK.match(week):
        raise ValueError("week must be an ISO week such as 2026-W48")
    if not is_topic(topic):
        raise ValueError("unknown topic")
    if language not in SUPPORTED_LANGUAGES:
        raise ValueError("unsupported language")
    if source not in SOURCES:
        raise ValueError("unknown source")
    if not isinstance(region, str) or not region or len(region) > MAX_REGION_CHARS:
        raise ValueError("region must be a region name or 'unknown'")


def record(session_or_engine: SessionOrEngine, week: str, topic: str, language: str, region: str,
           source: str) -> None:
    """Adds one to the counter of these keys, safely when several processes count at once.

    With an Engine the increment is committed here; with a Session or Connection the caller
    commits. SQLite and PostgreSQL get one atomic INSERT ... ON CONFLICT DO UPDATE; other
    databases an UPDATE, an INSERT when no row was there, and the UPDATE again when a concurrent
    INSERT won the race."""
    check_keys(week, topic, language, region, source)
    keys = {"week": week, "topic": topic, "language": language, "region": region, "source": source}
    if isinstance(session_or_engine, Engine):
        with session_or_engine.begin() as connection:
            _increment(connection, keys)
    else:
        _increment(session_or_engine, keys)


def _increment(executor: Session | Connection, keys: dict) -> None:
    bind = executor.get_bind() if isinstance(executor, Session) else executor
    dialect = bind.dialect.name
    table = UsageCount.__table__
    if dialect in ("sqlite", "postgresql"):
        if dialect == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        statement = insert(table).values(**keys, count=1)
        statement = statement.on_conflict_do_update(
            index_elements=list(keys), set_={"count": table.c["count"] + 1})
        executor.execute(statement)
        return
    matching = [table.c[name] == value for name, value in keys.items()]
    increment = update(table).where(*matching).values(count=table.c["count"] + 1)
    if executor.execute(increment).rowcount:
        return
    try:
        with executor.begin_nested():
            executor.execute(table.insert().values(**keys, count=1))
    except IntegrityError:  # another process inserted the row first: add to it
        executor.execute(increment)


def weekly_counts(session: Session | Connection) -> list[UsageRow]:
    """Every counter, sorted by week, topic, language, region and source."""
    t = UsageCount.__table__
    result = session.execute(select(t.c.week, t.c.topic, t.c.language, t.c.region, t.c.source,
                                    t.c["count"]))
    return sorted(UsageRow(*row) for row in result)


CSV_FIELDS = ("week", "topic", "language", "region", "source", "count")


def to_csv(rows: list[UsageRow]) -> str:
    """The counters as CSV with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for row in rows:
        writer.writerow([row.week, row.topic, row.language, row.region, row.source, row.count])
    return out.getvalue()


# One colour per language (colour-blind-safe palette, Okabe-Ito), in menu order.
LANGUAGE_COLOURS = {"pl": "#0072B2", "ro": "#E69F00", "bg": "#009E73", "nl": "#D55E00",
                    "en": "#CC79A7"}
OTHER_COLOUR = "#999999"


def chart_svg(rows: list[UsageRow], max_weeks: int = 12) -> str:
    """A self-contained SVG: questions per week (the last `max_weeks`) stacked by language,
    and questions per topic over those weeks. No script, no external resources; every label
    is escaped."""
    e = html.escape
    per_week: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        per_week[row.week][row.language] += row.count
    weeks = sorted(per_week)[-max_weeks:]
    per_topic: dict[str, int] = defaultdict(int)
    for row in rows:
        if row.week in weeks:
            per_topic[row.topic] += row.count
    topics = sorted(per_topic.items(), key=lambda item: (-item[1], item[0]))
    languages = sorted({lang for w in weeks for lang in per_week[w]},
                       key=lambda c: (SUPPORTED_LANGUAGES + (c,)).index(c))

    width, left, top, chart_h = 720, 50, 40, 200
    bar_gap = 8
    topic_top = top + chart_h + 70
    height = topic_top + 20 * max(len(topics), 1) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="usage-title" '
        'font-family="sans-serif" font-size="12">',
        '<title id="usage-title">Questions answered per week by language, and per topic</title>',
        f'<text x="{left}" y="20" font-size="14" font-weight="bold">'
        'Questions per week, by language</text>',
    ]
    if not weeks:
        parts.append(f'<text x="{left}" y="{top + 20}">No questions counted yet.</text>')
        parts.append("</svg>")
        return "\n".join(parts)

    peak = max(sum(per_week[w].values()) for w in weeks) or 1
    slot = (width - left - 20) / len(weeks)
    bar_w = max(slot - bar_gap, 4)
    base = top + chart_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{width - 20}" y2="{base}" stroke="#333"/>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>')
    parts.append(f'<text x="{left - 6}" y="{base}" text-anchor="end">0</text>')
    for i, week in enumerate(weeks):
        x = left + i * slot + bar_gap / 2
        y = float(base)
        for lang in languages:
            n = per_week[week].get(lang, 0)
            if not n:
                continue
            h = chart_h * n / peak
            y -= h
            colour = LANGUAGE_COLOURS.get(lang, OTHER_COLOUR)
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{colour}"><title>{e(week)} {e(lang)}: {n}</title></rect>')
        total = sum(per_week[week].values())
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
                     f'{total}</text>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{base + 14}" text-anchor="middle" '
                     f'font-size="10">{e(week)}</text>')
    legend_x = left
    for lang in languages:
        colour = LANGUAGE_COLOURS.get(lang, OTHER_COLOUR)
        parts.append(f'<rect x="{legend_x}" y="{base + 24}" width="10" height="10" '
                     f'fill="{colour}"/>')
        parts.append(f'<text x="{legend_x + 14}" y="{base + 33}">{e(lang)}</text>')
        legend_x += 50

    parts.append(f'<text x="{left}" y="{topic_top - 10}" font-size="14" font-weight="bold">'
                 f'Questions per topic, {e(weeks[0])} to {e(weeks[-1])}</text>')
    label_w = 170
    topic_peak = max(n for _, n in topics) or 1
    for i, (topic, n) in enumerate(topics):
        y = topic_top + i * 20
        w = (width - left - label_w - 60) * n / topic_peak
        parts.append(f'<text x="{left + label_w - 6}" y="{y + 12}" text-anchor="end">'
                     f'{e(topic)}</text>')
        parts.append(f'<rect x="{left + label_w}" y="{y + 2}" width="{w:.1f}" height="14" '
                     'fill="#0072B2"/>')
        parts.append(f'<text x="{left + label_w + w + 4:.1f}" y="{y + 13}">{n}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
