"""The staff handlers called as plain functions, without a server: the session, role and CSRF
rules hold for each one, and a logged-in editor gets the page."""
import asyncio
from types import SimpleNamespace

import pytest

from bot.db.migrate import upgrade
from bot.db.session import engine_from_url, session_scope
from bot.staff import auth, fact_views, library_views, stats_views, suggest_views
from bot.staff.responses import StaffConfig
from bot.staff.revisions import load_answers
from bot.staff.sessions import start_session
from bot.staff.settings import COOKIE
from bot.staff.users import add_user

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    """Session tokens of an editor and a viewer in a database of this module's own."""
    url = f"sqlite:///{tmp_path_factory.mktemp('handlers') / 'staff.sqlite3'}"
    upgrade(url)
    engine = engine_from_url(url)
    with session_scope(engine) as session:
        load_answers(session)
        editor = start_session(session, add_user(session, "eda", "a long password 1", "editor"))
        viewer = start_session(session, add_user(session, "vera", "a long password 2", "viewer"))
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        yield {"editor": editor, "viewer": viewer}


def request(method="GET", path="/staff", token=None, form=None, args=None, headers=None,
            cookies=None):
    return SimpleNamespace(
        method=method, path=path, cookies={**({COOKIE: token} if token else {}), **(cookies or {})},
        form=form or {}, args=args or {}, scheme="http", host="127.0.0.1", headers=headers or {},
        ctx=SimpleNamespace(staff_config=StaffConfig(headers={"X-Frame-Options": "DENY"})))


def call(handler, req, *args):
    return asyncio.run(handler(req, *args))


HANDLERS = [
    (library_views.library, "GET", ()), (library_views.topic_page, "GET", ("ask_payslip",)),
    (library_views.plain_answer, "GET", ("ask_payslip", "pl.txt")),
    (fact_views.facts_page, "GET", ()), (suggest_views.suggest_form, "GET", ()),
    (stats_views.stats, "GET", ()), (stats_views.stats_csv, "GET", ()),
    (library_views.propose, "POST", ("ask_payslip", "pl")),
    (library_views.approve, "POST", (1,)), (fact_views.approve_fact, "POST", (1,)),
    (auth.logout, "POST", ()),
]


@pytest.mark.parametrize("handler, method, args", HANDLERS,
                         ids=[h.__module__.rsplit(".", 1)[-1] + "." + h.__name__
                              for h, _, _ in HANDLERS])
def test_no_session_no_content(tokens, handler, method, args):
    path = "/staff/stats.csv" if handler is stats_views.stats_csv else "/staff/x"
    resp = call(handler, request(method, path), *args)
    if method == "GET" and not path.endswith(".csv"):
        assert resp.status == 303 and resp.headers["Location"] == "/staff/login"
    else:
        assert resp.status == 401 and b"Log in first" in resp.body
    assert resp.headers["Cache-Control"] == "no-store"


def test_a_logged_in_editor_gets_the_library_with_the_apps_headers(tokens):
    resp = call(library_views.library, request(token=tokens["editor"], args={"q": "paszport"}))
    assert resp.status == 200 and "ask_passport_held" in resp.body.decode()
    assert resp.headers["X-Frame-Options"] == "DENY"


def test_a_post_without_the_forms_token_is_refused(tokens):
    resp = call(library_views.propose, request("POST", token=tokens["editor"],
                                               path="/staff/topics/ask_payslip/pl/propose",
                                               form={"text": "x"}), "ask_payslip", "pl")
    body = resp.body.decode()
    assert resp.status == 403 and "expired" in body
    # A plain link back to the topic's page, never a form that posts the text again.
    assert '<a class="again" href="/staff/topics/ask_payslip">' in body
    assert "<form" not in body.split("<main>")[1]


def test_the_pages_follow_the_browsers_language_and_the_switch(tokens):
    from bot import messages as M
    from bot.i18n import translate

    dutch = call(library_views.library, request(token=tokens["viewer"],
                                                headers={"accept-language": "nl,en;q=0.5"}))
    body = dutch.body.decode()
    assert dutch.status == 200 and '<html lang="nl">' in body
    assert dutch.headers["Content-Language"] == "nl"
    assert f'ask_passport_held">{translate("nl", M.TOPIC_TITLES["ask_passport_held"])}</a>' \
        in body
    assert "(lezer)" in body and "Uitloggen" in body
    chosen = call(library_views.library, request(token=tokens["viewer"], cookies={
        "staff_lang": "en"}, headers={"accept-language": "nl"}))
    assert '<html lang="en">' in chosen.body.decode() and "(viewer)" in chosen.body.decode()
    refused = call(library_views.approve, request("POST", token=tokens["viewer"],
                                                  headers={"accept-language": "nl"}), 1)
    assert refused.status == 403 and "Het formulier is verlopen" in refused.body.decode()


def test_a_viewer_cannot_approve(tokens):
    from bot.db.session import shared_engine
    from bot.staff.sessions import resume_session

    with session_scope(shared_engine()) as s:
        csrf = resume_session(s, tokens["viewer"]).csrf
    resp = call(library_views.approve, request("POST", token=tokens["viewer"],
                                               form={"csrf": csrf}), 1)
    assert resp.status == 403 and "Only editors" in resp.body.decode()


def test_the_plain_text_of_an_answer(tokens):
    resp = call(library_views.plain_answer, request(token=tokens["viewer"]), "ask_payslip",
                "pl.txt")
    assert resp.status == 200 and resp.content_type.startswith("text/plain")
    assert "https://" in resp.body.decode()
    missing = call(library_views.plain_answer, request(token=tokens["viewer"]), "ask_payslip",
                   "pl.html")
    assert missing.status == 404
