"""The staff library as a Sanic blueprint under /staff (registered by bot.web.app): which URL
goes to which handler. The handlers live by concern, as module-level functions: `auth` (logging
in and out), `language_views` (the Dutch/English switch), `library_views`, `fact_views`,
`suggest_views`, `stats_views`.

The database is used synchronously: queries take milliseconds, and this is a tool for a few
dozen staff. Worker messages pasted into "Suggest" are never logged or stored.
"""
from __future__ import annotations

from sanic import Blueprint
from sanic.request import Request

from bot.staff import (
    auth,
    fact_views,
    handover_views,
    language_views,
    library_views,
    stats_views,
    suggest_views,
    two_factor_views,
)
from bot.staff.responses import StaffConfig

# (method, path under /staff, handler)
ROUTES = (
    ("GET", "/login", auth.login_form),
    ("POST", "/login", auth.login),
    ("GET", "/login/enrol", two_factor_views.enrol_form),
    ("POST", "/login/enrol", two_factor_views.enrol),
    ("GET", "/login/code", two_factor_views.code_form),
    ("POST", "/login/code", two_factor_views.code),
    ("POST", "/logout", auth.logout),
    ("GET", "/language", language_views.switch),
    ("GET", "", library_views.library),
    ("GET", "/topics/<topic:str>", library_views.topic_page),
    ("GET", "/answers/<topic:str>/<filename:str>", library_views.plain_answer),
    ("POST", "/topics/<topic:str>/<lang:str>/propose", library_views.propose),
    ("POST", "/proposals/<revision_id:int>/approve", library_views.approve),
    ("POST", "/proposals/<revision_id:int>/reject", library_views.reject),
    ("GET", "/facts", fact_views.facts_page),
    ("POST", "/facts/minimum-wage/propose", fact_views.propose_wage),
    ("POST", "/facts/help-point/propose", fact_views.propose_point),
    ("POST", "/facts/answer-checked/propose", fact_views.propose_answer_check),
    ("POST", "/facts/proposals/<revision_id:int>/approve", fact_views.approve_fact),
    ("POST", "/facts/proposals/<revision_id:int>/reject", fact_views.reject_fact),
    ("GET", "/suggest", suggest_views.suggest_form),
    ("POST", "/suggest", suggest_views.suggest),
    ("GET", "/handovers", handover_views.inbox),
    ("GET", "/handovers/<public_id:str>", handover_views.handover_page),
    ("POST", "/handovers/<public_id:str>/reply", handover_views.reply),
    ("POST", "/handovers/<public_id:str>/close", handover_views.close),
    ("POST", "/handovers/<public_id:str>/forward", handover_views.forward),
    ("POST", "/handovers/<public_id:str>/assign", handover_views.assign),
    ("GET", "/stats", stats_views.stats),
    ("GET", "/stats.csv", stats_views.stats_csv),
)


def staff_blueprint(rasa_url: str, rasa_token: str | None, headers: dict[str, str]) -> Blueprint:
    bp = Blueprint("staff", url_prefix="/staff")
    settings = StaffConfig(rasa_url, rasa_token, dict(headers))

    @bp.middleware("request")
    async def configure(request: Request) -> None:
        request.ctx.staff_config = settings

    for method, path, handler in ROUTES:
        name = f"{handler.__module__.rsplit('.', 1)[-1]}.{handler.__name__}.{method.lower()}"
        bp.add_route(handler, path, methods=[method], name=name)
    return bp
