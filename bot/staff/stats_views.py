"""Staff routes for usage statistics (bot/usage/stats.py): a table with a chart, and CSV."""
from __future__ import annotations

from dataclasses import astuple

from markupsafe import Markup
from sanic import response
from sanic.request import Request

from bot.handover import figures as handover_figures
from bot.staff.auth import staff_only
from bot.staff.responses import database, headers, page
from bot.staff.sessions import Staff
from bot.usage import stats as usage_stats


def usage_rows() -> list:
    with database() as s:
        return list(usage_stats.weekly_counts(s))


@staff_only()
async def stats(request: Request, staff: Staff):
    rows = usage_rows()
    # The chart is SVG drawn by bot.usage.stats from counts only: no text from users.
    chart = Markup(usage_stats.chart_svg(rows))
    cells = [astuple(row) for row in rows]
    with database() as s:
        handovers = [astuple(row) for row in handover_figures.weekly(s)]
    return page(request, "stats.html", staff=staff, title="Statistics", rows=cells, chart=chart,
                handovers=handovers)


@staff_only()
async def stats_csv(request: Request, staff: Staff):
    return response.text(usage_stats.to_csv(usage_rows()),
                         content_type="text/csv; charset=utf-8",
                         headers={**headers(request),
                                  "Content-Disposition": 'attachment; filename="wnl-usage.csv"'})
