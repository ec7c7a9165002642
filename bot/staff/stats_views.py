"""Staff routes for usage statistics (bot/usage/stats.py): a table with a chart, and CSV.

The page is in the staff language: topics by their names, in the table and in the chart; the
chart's headings (English, from bot.usage.stats.chart_svg) are swapped for their translations.
The CSV keeps the topic ids: it is data for spreadsheets."""
from __future__ import annotations

import html
import re
from dataclasses import astuple, replace

from markupsafe import Markup
from sanic import response
from sanic.request import Request

from bot.handover import figures as handover_figures
from bot.staff.auth import staff_only
from bot.staff.render import topic_name
from bot.staff.responses import database, headers, page
from bot.staff.sessions import Staff
from bot.staff.staff_language import DEFAULT, S_, gettext, staff_language
from bot.usage import stats as usage_stats

# The fixed texts of chart_svg, as it writes them.
CHART_TEXTS = (S_("Questions answered per week by language, and per topic"),
               S_("Questions per week, by language"), S_("No questions counted yet."))
PER_TOPIC = S_("Questions per topic, {first} to {last}")
_PER_TOPIC = re.compile(r">Questions per topic, ([^<]*) to ([^<]*)<")


def usage_rows() -> list:
    with database() as s:
        return list(usage_stats.weekly_counts(s))


def chart(rows: list, lang: str) -> str:
    """The usage chart with topic names and headings in `lang` (made from counts only)."""
    svg = usage_stats.chart_svg([replace(row, topic=topic_name(row.topic, lang)) for row in rows])
    if lang == DEFAULT:
        return svg
    for text in CHART_TEXTS:
        svg = svg.replace(f">{text}<", f">{html.escape(gettext(lang, text))}<")
    heading = html.escape(gettext(lang, PER_TOPIC))
    return _PER_TOPIC.sub(lambda m: ">" + heading.format(first=m.group(1), last=m.group(2)) + "<",
                          svg)


@staff_only()
async def stats(request: Request, staff: Staff):
    rows = usage_rows()
    # The chart is SVG drawn by bot.usage.stats from counts only: no text from users.
    svg = Markup(chart(rows, staff_language(request)))
    with database() as s:
        handovers = [astuple(row) for row in handover_figures.weekly(s)]
    return page(request, "stats.html", staff=staff, title=S_("Statistics"), rows=rows, chart=svg,
                handovers=handovers)


@staff_only()
async def stats_csv(request: Request, staff: Staff):
    return response.text(usage_stats.to_csv(usage_rows()),
                         content_type="text/csv; charset=utf-8",
                         headers={**headers(request),
                                  "Content-Disposition": 'attachment; filename="wnl-usage.csv"'})
