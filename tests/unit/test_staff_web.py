"""The staff library over HTTP: the real web app (`python -m bot web`) on a free loopback port,
with a database of its own and no Rasa server behind it (sanic-testing is not installed).
Security first: every staff route refuses without a session, viewers cannot edit, forms need
their CSRF token, wrong passwords are rate limited, search strings never reach SQL."""
import re
from functools import lru_cache

import pytest
import requests
from serverkit import base_env, free_port, wait_for_web, web_app

from bot.answers.library import load_library
from bot.db.migrate import upgrade
from bot.db.session import engine_from_url, session_scope
from bot.staff.revisions import load_answers
from bot.staff.users import add_user
from bot.usage.stats import record
from bot.web.app import SECURITY_HEADERS, create_app

pytestmark = pytest.mark.unit
PASSWORD = "staff test password"
SAMPLE = {"topic": "ask_passport_held", "lang": "pl", "filename": "pl.txt", "revision_id": "1",
          "public_id": "a-guessed-handover-id"}


@pytest.fixture(scope="module")
def staff_database(tmp_path_factory):
    """The web app's own database: the answer library and four staff accounts."""
    url = f"sqlite:///{tmp_path_factory.mktemp('staff_db') / 'staff.sqlite3'}"
    upgrade(url)
    engine = engine_from_url(url)
    with session_scope(engine) as session:
        load_answers(session)
        for name, role in (("ann", "editor"), ("bob", "editor"), ("vic", "viewer"),
                           ("rita", "viewer")):
            add_user(session, name, PASSWORD, role)
    engine.dispose()
    return url


@pytest.fixture(scope="module")
def staff_url(staff_database, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("staff_web")
    env = base_env(DATABASE_URL=staff_database, RASA_URL=f"http://127.0.0.1:{free_port()}",
                   RASA_TOKEN="unused", PROXIES_COUNT="1")  # as behind nginx: X-Forwarded-For
    env.pop("STAFF_COOKIE_SECURE", None)
    app = web_app(tmp, env).start()
    try:
        wait_for_web(app)
        yield app.url
    finally:
        app.stop()
        assert "szef zabral mi paszport" not in app.log.read_text()  # no message text


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(base: str, name: str, password: str = PASSWORD,
          headers: dict | None = None) -> requests.Session:
    client = requests.Session()
    client.headers.update(headers or {})
    form = client.get(f"{base}/staff/login", timeout=10)
    r = client.post(f"{base}/staff/login", data={"csrf": csrf_of(form.text), "name": name,
                                                  "password": password},
                    allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"] == "/staff", r.text[:300]
    return client


def propose_fact(editor, reviewer, base: str, fact: str, form: dict, bad_values) -> tuple:
    """An editor proposes a fact change (each bad value refused with 422, then the form taken);
    returns the proposal's id and the page a second editor sees it on."""
    url = f"{base}/staff/facts/{fact}/propose"
    for bad in bad_values:
        r = editor.post(url, data={**form, **bad}, timeout=10, allow_redirects=False)
        assert r.status_code == 422, bad
    r = editor.post(url, data=form, timeout=10, allow_redirects=False)
    assert r.status_code == 303
    page = reviewer.get(f"{base}/staff/facts", timeout=10).text
    kind = fact.replace("-", "_")
    return re.search(rf'class="proposal" data-id="(\d+)" data-fact="{kind}"', page).group(1), page


@lru_cache(maxsize=1)
def staff_routes():
    """Every route of the staff blueprint, with sample values for its parameters."""
    app = create_app("http://127.0.0.1:9", None, name="staff_routes_test")
    routes = []
    for route in app.router.routes:
        uri = "/" + route.path
        if not uri.startswith("/staff"):
            continue
        filled = re.sub(r"<(\w+)(:[^>]+)?>", lambda m: SAMPLE[m.group(1)], uri)
        routes += [(method, filled) for method in sorted(route.methods) if method != "HEAD"]
    return tuple(routes)


def test_the_blueprint_has_the_routes_we_protect():
    paths = {path for _, path in staff_routes()}
    assert {"/staff", "/staff/login", "/staff/logout", "/staff/suggest", "/staff/stats",
            "/staff/stats.csv", "/staff/topics/ask_passport_held",
            "/staff/answers/ask_passport_held/pl.txt", "/staff/proposals/1/approve",
            "/staff/proposals/1/reject", "/staff/topics/ask_passport_held/pl/propose"} <= paths


# Open without a session: the login form and the language switch (it only sets a cookie).
PUBLIC = ("/staff/login", "/staff/language")


@pytest.mark.parametrize("method, path", sorted(r for r in staff_routes() if r[1] not in PUBLIC))
def test_every_staff_url_refuses_without_a_session(staff_url, method, path):
    r = requests.request(method, staff_url + path, allow_redirects=False, timeout=10,
                         data={"csrf": "x", "text": "x", "message": "x"},
                         cookies={"wnl_staff": "forged-or-expired-token"})
    assert r.status_code in (303, 401), (method, path, r.status_code)
    if r.status_code == 303:
        assert method == "GET" and r.headers["Location"] == "/staff/login"
    assert "Paszport" not in r.text and "passport" not in r.text.lower()
    assert "wnl_staff=" not in r.headers.get("Set-Cookie", "")


def test_login_logout_and_the_cookie_flags(staff_url):
    page = requests.get(f"{staff_url}/staff/login", timeout=10)
    assert page.status_code == 200
    for header, value in SECURITY_HEADERS.items():
        assert page.headers[header] == value
    assert "<script>" not in page.text and "/static/staff.js" in page.text
    client = login(staff_url, "vic")
    cookie = next(c for c in client.cookies if c.name == "wnl_staff")
    assert cookie.path == "/staff" and cookie.has_nonstandard_attr("HttpOnly")
    home = client.get(f"{staff_url}/staff", timeout=10)
    assert home.status_code == 200 and "vic (viewer)" in home.text
    assert home.headers["Cache-Control"] == "no-store"
    r = client.post(f"{staff_url}/staff/logout", data={"csrf": csrf_of(home.text)},
                    allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"] == "/staff/login"
    again = requests.get(f"{staff_url}/staff", cookies={"wnl_staff": cookie.value},
                         allow_redirects=False, timeout=10)
    assert again.status_code == 303  # the session is gone on the server, not just the cookie


def test_session_cookie_is_httponly_samesite_strict(staff_url):
    client = requests.Session()
    form = client.get(f"{staff_url}/staff/login", timeout=10)
    r = client.post(f"{staff_url}/staff/login", allow_redirects=False, timeout=10,
                    data={"csrf": csrf_of(form.text), "name": "rita", "password": PASSWORD})
    header = r.raw.headers.getlist("Set-Cookie")
    session_cookie = next(h for h in header if h.startswith("wnl_staff="))
    assert "HttpOnly" in session_cookie and "SameSite=Strict" in session_cookie
    assert "Path=/staff" in session_cookie
    assert "Secure" not in session_cookie  # plain http on 127.0.0.1 (STAFF_COOKIE_SECURE=auto)
    secure = client.get(f"{staff_url}/staff/login", headers={"Host": "staff.example.nl"},
                        timeout=10).raw.headers.getlist("Set-Cookie")
    assert any("Secure" in h for h in secure)  # any other host: Secure


def test_forms_without_a_valid_csrf_token_are_refused(staff_url):
    anon = requests.Session()
    anon.get(f"{staff_url}/staff/login", timeout=10)
    r = anon.post(f"{staff_url}/staff/login", data={"name": "ann", "password": PASSWORD},
                  allow_redirects=False, timeout=10)
    assert r.status_code == 403 and "wnl_staff=" not in r.headers.get("Set-Cookie", "")
    client = login(staff_url, "ann")
    original = load_library()["ask_passport_held"].text("nl")
    for data in ({"text": original + " x"}, {"text": original + " x", "csrf": "wrong"},
                 {"text": original + " x", "csrf": ""}):
        r = client.post(f"{staff_url}/staff/topics/ask_passport_held/nl/propose", data=data,
                        allow_redirects=False, timeout=10)
        assert r.status_code == 403
    r = client.post(f"{staff_url}/staff/logout", allow_redirects=False, timeout=10)
    assert r.status_code == 403
    topic = client.get(f"{staff_url}/staff/topics/ask_passport_held", timeout=10).text
    assert 'class="proposal" data-id' not in topic  # nothing was proposed


def test_wrong_passwords_are_rate_limited(staff_url):
    client = requests.Session()
    statuses = []
    for attempt in range(7):
        form = client.get(f"{staff_url}/staff/login", timeout=10)
        password = PASSWORD if attempt == 6 else f"wrong password {attempt}"
        r = client.post(f"{staff_url}/staff/login", allow_redirects=False, timeout=10,
                        data={"csrf": csrf_of(form.text), "name": "rita", "password": password})
        statuses.append(r.status_code)
    # Five failures, then refused: even the right password, until the window has passed.
    assert statuses == [401] * 5 + [429, 429]
    assert "Too many failed logins" in r.text and int(r.headers["Retry-After"]) > 0
    login(staff_url, "vic")  # another user from the same address is not locked out


@pytest.mark.parametrize("query", ["' OR 1=1 --", "%", "_", "'; DROP TABLE staff_users; --",
                                   "<script>alert(1)</script>", "paszport' OR '1'='1"])
def test_sql_looking_and_html_searches_return_normally(staff_url, query):
    client = login(staff_url, "vic")
    r = client.get(f"{staff_url}/staff", params={"q": query}, timeout=10)
    assert r.status_code == 200
    assert "<script>alert(1)</script>" not in r.text
    assert client.get(f"{staff_url}/staff", params={"q": "paszport"}, timeout=10).status_code == 200


@pytest.mark.parametrize("query", ["paszport", "passport", "паспорт", "paspoort"])
def test_search_shows_the_topic_in_five_languages_with_sources_and_date(staff_url, query):
    client = login(staff_url, "vic")
    html = client.get(f"{staff_url}/staff", params={"q": query}, timeout=10).text
    first = re.search(r'<section class="topic" id="topic-(\w+)"', html).group(1)
    assert first == "ask_passport_held"
    section = html.split('id="topic-ask_passport_held"')[1].split("</section>")[0]
    answer = load_library()["ask_passport_held"]
    for lang in ("pl", "ro", "bg", "nl", "en"):
        assert f'data-lang="{lang}"' in section
        assert answer.text(lang).splitlines()[0].replace("'", "&#39;") in section
    assert all(link in section for link in answer.links)
    assert answer.last_checked.isoformat() in section


def test_plain_text_answer_for_whatsapp(staff_url):
    client = login(staff_url, "vic")
    r = client.get(f"{staff_url}/staff/answers/ask_passport_held/bg.txt", timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/plain")
    answer = load_library()["ask_passport_held"]
    assert answer.text("bg").splitlines()[0] in r.text and answer.links[0] in r.text
    assert "<a" not in r.text and r.text.startswith("*")
    for bad in ("de.txt", "pl.html", "..%2F..%2Fetc.txt"):
        assert client.get(f"{staff_url}/staff/answers/ask_passport_held/{bad}",
                          timeout=10).status_code == 404
    assert client.get(f"{staff_url}/staff/answers/nothing/pl.txt", timeout=10).status_code == 404


def test_viewers_cannot_propose_or_decide(staff_url):
    viewer = login(staff_url, "vic")
    token = csrf_of(viewer.get(f"{staff_url}/staff", timeout=10).text)
    original = load_library()["ask_passport_held"].text("en")
    r = viewer.post(f"{staff_url}/staff/topics/ask_passport_held/en/propose", timeout=10,
                    data={"csrf": token, "text": original + " Viewer."}, allow_redirects=False)
    assert r.status_code == 403
    editor = login(staff_url, "ann")
    page = editor.get(f"{staff_url}/staff/topics/ask_passport_held", timeout=10).text
    r = editor.post(f"{staff_url}/staff/topics/ask_passport_held/en/propose", timeout=10,
                    data={"csrf": csrf_of(page), "text": original + " From ann."},
                    allow_redirects=False)
    assert r.status_code == 303
    page = editor.get(r.headers["Location"] if r.headers["Location"].startswith("http")
                      else staff_url + r.headers["Location"], timeout=10).text
    pid = re.search(r'class="proposal" data-id="(\d+)" data-lang="en"', page).group(1)
    for action in ("approve", "reject"):
        r = viewer.post(f"{staff_url}/staff/proposals/{pid}/{action}", data={"csrf": token},
                        allow_redirects=False, timeout=10)
        assert r.status_code == 403
    viewer_page = viewer.get(f"{staff_url}/staff/topics/ask_passport_held", timeout=10).text
    assert "/approve" not in viewer_page and "/propose" not in viewer_page
    # Clean up for the next test: ann withdraws it.
    r = editor.post(f"{staff_url}/staff/proposals/{pid}/reject", data={"csrf": csrf_of(page)},
                    allow_redirects=False, timeout=10)
    assert r.status_code == 303


def test_a_proposal_id_too_large_for_the_database_is_a_404_not_a_500(staff_url):
    editor = login(staff_url, "ann")
    page = editor.get(f"{staff_url}/staff/topics/ask_passport_held", timeout=10).text
    for action in ("approve", "reject"):
        r = editor.post(f"{staff_url}/staff/proposals/{10 ** 23}/{action}", timeout=10,
                        data={"csrf": csrf_of(page)}, allow_redirects=False)
        assert r.status_code == 404


def test_a_second_editor_approves_and_the_library_shows_the_new_text(staff_url):
    ann, bob = login(staff_url, "ann"), login(staff_url, "bob")
    page = ann.get(f"{staff_url}/staff/topics/ask_housing_contract", timeout=10).text
    new_text = "Umowa najmu <b>osobno</b> od umowy o pracę. Tekst poprawiony przez zespół."
    r = ann.post(f"{staff_url}/staff/topics/ask_housing_contract/pl/propose", timeout=10,
                 data={"csrf": csrf_of(page), "text": new_text}, allow_redirects=False)
    assert r.status_code == 303
    page = ann.get(f"{staff_url}/staff/topics/ask_housing_contract", timeout=10).text
    pid = re.search(r'class="proposal" data-id="(\d+)" data-lang="pl"', page).group(1)
    assert "<b>osobno</b>" not in page and "&lt;b&gt;osobno&lt;/b&gt;" in page  # escaped
    assert f"/staff/proposals/{pid}/approve" not in page  # not offered to the proposer
    r = ann.post(f"{staff_url}/staff/proposals/{pid}/approve", data={"csrf": csrf_of(page)},
                 allow_redirects=False, timeout=10)
    assert r.status_code == 403  # and refused when tried
    txt = ann.get(f"{staff_url}/staff/answers/ask_housing_contract/pl.txt", timeout=10).text
    assert new_text not in txt
    bob_page = bob.get(f"{staff_url}/staff/topics/ask_housing_contract", timeout=10).text
    r = bob.post(f"{staff_url}/staff/proposals/{pid}/approve", data={"csrf": csrf_of(bob_page)},
                 allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"].endswith("done=approved")
    txt = ann.get(f"{staff_url}/staff/answers/ask_housing_contract/pl.txt", timeout=10).text
    assert new_text in txt
    history = bob.get(f"{staff_url}/staff/topics/ask_housing_contract", timeout=10).text
    history = history.split("<h2>History</h2>")[1]
    assert re.search(r"approved</td>\s*<td>ann, \d{4}-\d\d-\d\d \d\d:\d\d</td>\s*<td>bob, ",
                     history)
    r = bob.post(f"{staff_url}/staff/proposals/{pid}/approve", data={"csrf": csrf_of(bob_page)},
                 allow_redirects=False, timeout=10)
    assert r.status_code == 409  # decided already


def test_a_bad_proposal_shows_why(staff_url):
    ann = login(staff_url, "ann")
    page = ann.get(f"{staff_url}/staff/topics/ask_minimum_wage", timeout=10).text
    r = ann.post(f"{staff_url}/staff/topics/ask_minimum_wage/nl/propose", timeout=10,
                 data={"csrf": csrf_of(page), "text": "Het minimumloon is {oops}."})
    assert r.status_code == 400 and "placeholders" in r.text and "{wage_21}" in r.text


def test_suggest_without_rasa_shows_the_language_and_a_clear_message(staff_url):
    client = login(staff_url, "vic")
    token = csrf_of(client.get(f"{staff_url}/staff/suggest", timeout=10).text)
    r = client.post(f"{staff_url}/staff/suggest", timeout=20,
                    data={"csrf": token, "message": "szef zabral mi paszport"})
    assert r.status_code == 200
    assert 'data-code="pl"' in r.text and "cannot be reached" in r.text
    assert "szef zabral mi paszport" in r.text  # shown back in the form, escaped, not stored
    r = client.post(f"{staff_url}/staff/suggest", timeout=20,
                    data={"csrf": token, "message": "<img src=x onerror=alert(1)>"})
    assert r.status_code == 200 and "<img src=x" not in r.text


def test_statistics_page_and_csv_need_a_login_and_work_with_one(staff_url, staff_database):
    client = login(staff_url, "vic")
    page = client.get(f"{staff_url}/staff/stats", timeout=10)
    assert page.status_code == 200 and "Nothing counted yet" in page.text
    engine = engine_from_url(staff_database)
    for _ in range(3):
        record(engine, "2026-W48", "ask_passport_held", "pl", "Midden-Brabant", "qr")
    record(engine, "2026-W47", "ask_wage_deductions", "ro", "unknown", "whatsapp")
    engine.dispose()
    page = client.get(f"{staff_url}/staff/stats", timeout=10)
    assert page.status_code == 200 and "<svg" in page.text
    # Topics by their names, in the table and in the chart; the id only in an attribute.
    assert ('<td data-topic="ask_passport_held">My passport is being kept</td><td>pl</td>'
            "<td>Midden-Brabant</td><td>qr</td><td>3</td>") in page.text
    assert ">My passport is being kept</text>" in page.text
    assert not re.search(r">[^<]*ask_passport_held", page.text)
    csv = client.get(f"{staff_url}/staff/stats.csv", timeout=10)
    assert csv.status_code == 200
    assert csv.headers["Content-Type"].startswith("text/csv")
    assert csv.headers["Content-Disposition"].startswith("attachment")
    assert "2026-W48,ask_passport_held,pl,Midden-Brabant,qr,3" in csv.text


WAGE_2027 = {"valid_from": "2027-01-01", "valid_until": "2027-06-30",
             "source_url": "https://www.rijksoverheid.nl/onderwerpen/minimumloon/bedragen-minimumloon",
             # Made-up test amounts: 2027 youth shares of 15.20 (87.5, 75, 62.5, 50, 40, 30 %).
             "hourly_21": "15.20", "hourly_20": "13.30", "hourly_19": "11.40", "hourly_18": "9.50",
             "hourly_17": "7.60", "hourly_16": "6.08", "hourly_15": "4.56"}


def propose_wage(client, base, form):
    page = client.get(f"{base}/staff/facts", timeout=10).text
    return client.post(f"{base}/staff/facts/minimum-wage/propose", timeout=10,
                       data={"csrf": csrf_of(page), **form}, allow_redirects=False)


def test_new_minimum_wage_amounts_need_valid_values_and_a_second_editor(staff_url, staff_database,
                                                                        monkeypatch):
    import datetime as dt

    from bot.answers.fact_updates import clear_cache
    from bot.dialogue.replies import faq_answer

    ann, bob, vic = login(staff_url, "ann"), login(staff_url, "bob"), login(staff_url, "vic")
    assert requests.get(f"{staff_url}/staff/facts", timeout=10,
                        allow_redirects=False).status_code == 303
    refused = {
        "youth not its share": {**WAGE_2027, "hourly_20": "12.16"},  # 80%: the 2026 share
        "not https": {**WAGE_2027, "source_url": "http://www.rijksoverheid.nl/x"},
        "more than cents": {**WAGE_2027, "hourly_21": "15.205"},
        "overlaps 1 July 2026": {**WAGE_2027, "valid_from": "2026-12-01"},
        "no date": {**WAGE_2027, "valid_until": "soon"},
    }
    for case, form in refused.items():
        r = propose_wage(ann, staff_url, form)
        assert r.status_code == 422, case
        assert 'role="alert"' in r.text, case
    assert propose_wage(vic, staff_url, WAGE_2027).status_code == 403  # viewers cannot propose
    page = ann.get(f"{staff_url}/staff/facts", timeout=10).text
    r = ann.post(f"{staff_url}/staff/facts/minimum-wage/propose", data=WAGE_2027, timeout=10,
                 allow_redirects=False)
    assert r.status_code == 403  # no CSRF token
    assert propose_wage(ann, staff_url, WAGE_2027).status_code == 303
    page = ann.get(f"{staff_url}/staff/facts", timeout=10).text
    pid = re.search(r'class="proposal" data-id="(\d+)"', page).group(1)
    assert f"/staff/facts/proposals/{pid}/approve" not in page  # not offered to the proposer
    r = ann.post(f"{staff_url}/staff/facts/proposals/{pid}/approve", timeout=10,
                 data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert r.status_code == 403  # no self-approval
    monkeypatch.setenv("DATABASE_URL", staff_database)
    clear_cache()
    before = faq_answer("ask_minimum_wage", "en", dt.date(2027, 1, 15))[0].text
    assert "€15.20" not in before and "applied until 31 December 2026" in before
    page = bob.get(f"{staff_url}/staff/facts", timeout=10).text
    r = bob.post(f"{staff_url}/staff/facts/proposals/{pid}/approve", timeout=10,
                 data={"csrf": csrf_of(page)}, allow_redirects=False)
    assert r.status_code == 303
    page = bob.get(f"{staff_url}/staff/facts", timeout=10).text
    assert 'data-from="2027-01-01"' in page and "approved" in page
    clear_cache()  # what every server does by itself within TTL_SECONDS
    after = faq_answer("ask_minimum_wage", "en", dt.date(2027, 1, 15))[0].text
    assert "€15.20 gross per hour, from 1 January 2027 to 30 June 2027" in after
    assert propose_wage(bob, staff_url, WAGE_2027).status_code == 422  # now it would overlap
    clear_cache()


def login_attempt(base, name, password, address):
    """One login from `address` (as the trusted proxy reports it): the form, then the post."""
    client = requests.Session()
    client.headers["X-Forwarded-For"] = address
    form = client.get(f"{base}/staff/login", timeout=10)
    return lambda: client.post(f"{base}/staff/login", allow_redirects=False, timeout=60,
                               data={"csrf": csrf_of(form.text), "name": name,
                                     "password": password}).status_code


def test_twenty_concurrent_wrong_passwords_give_at_most_five_401(staff_url):
    from concurrent.futures import ThreadPoolExecutor

    attempts = [login_attempt(staff_url, "bob", f"wrong {n}", "10.1.0.1") for n in range(20)]
    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(lambda attempt: attempt(), attempts))
    assert statuses.count(401) <= 5 and set(statuses) <= {401, 429}, statuses
    # The correct password from another address still gets in.
    assert login_attempt(staff_url, "bob", PASSWORD, "10.1.0.2")() == 303


def test_guessing_across_names_is_limited_per_address(staff_url):
    statuses = [login_attempt(staff_url, f"user{n}", "wrong password", "10.2.0.1")()
                for n in range(25)]
    assert statuses == [401] * 20 + [429] * 5
    assert login_attempt(staff_url, "ann", PASSWORD, "10.2.0.1")() == 429  # that address waits
    assert login_attempt(staff_url, "ann", PASSWORD, "10.2.0.9")() == 303


def test_a_name_locked_from_one_address_still_logs_in_from_another(staff_url):
    for n in range(5):
        assert login_attempt(staff_url, "vic", f"wrong {n}", "10.3.0.1")() == 401
    assert login_attempt(staff_url, "vic", PASSWORD, "10.3.0.1")() == 429
    assert login_attempt(staff_url, "vic", PASSWORD, "10.3.0.2")() == 303


def test_a_help_point_record_changes_after_a_second_editor_and_the_card_shows_it(
        staff_url, staff_database, monkeypatch):
    from bot import messages as M
    from bot.answers.fact_updates import clear_cache
    from bot.db.queries import load_regions
    from bot.dialogue.replies import regional_help
    from bot.i18n import translate
    from bot.places.gazetteer import gazetteer

    point = "Informatiepunt Midden-Brabant voor EU arbeidsmigranten"
    ann, bob = login(staff_url, "ann"), login(staff_url, "bob")
    page = ann.get(f"{staff_url}/staff/facts", timeout=10).text
    change = {"csrf": csrf_of(page), "point": point, "phone": "013 542 85 00",
              "opening_hours": "ma-vr 9:00-17:00", "status": "open",
              "source_url": "https://www.tilburg.nl/nieuws/item/informatiepunt-voor-arbeidsmigranten-uit-de-eu"}
    pid, page = propose_fact(ann, bob, staff_url, "help-point", change, (
        {"phone": "call me"}, {"email": "nope"}, {"status": "gone"},
        {"source_url": "http://x.nl"}, {"point": "Nowhere"}))

    engine = engine_from_url(staff_database)
    with session_scope(engine) as session:
        load_regions(session)  # the card needs the region data of this database
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", staff_database)
    gazetteer.cache_clear()
    clear_cache()
    try:
        before = regional_help("pl", "Tilburg").replies[0].text
        assert "013 542 85 00" not in before and translate("pl", M.POINT_UNCONFIRMED) in before
        r = bob.post(f"{staff_url}/staff/facts/proposals/{pid}/approve", timeout=10,
                     data={"csrf": csrf_of(page)}, allow_redirects=False)
        assert r.status_code == 303
        clear_cache()  # what every server does by itself within TTL_SECONDS
        after = regional_help("pl", "Tilburg").replies[0].text
        assert "013 542 85 00" in after and "ma-vr 9:00-17:00" in after
        assert translate("pl", M.POINT_UNCONFIRMED) not in after  # now confirmed open
        # The web app runs on 1 December 2026 (WNL_TODAY): the record was checked that day.
        assert translate("pl", M.RECORD_CHECKED, date="1 grudnia 2026") in after
    finally:
        gazetteer.cache_clear()
        clear_cache()


def test_an_answer_marked_as_checked_by_two_editors_gets_that_date(
        staff_database, tmp_path, monkeypatch):
    """Seven months on, the passport answer needs checking; one editor marks it checked, a
    second approves, and the bot states the new date (the servers' caches are cleared here as
    every server does by itself within TTL_SECONDS)."""
    from bot import messages as M
    from bot.answers.fact_updates import clear_cache
    from bot.dialogue.replies import faq_answer
    from bot.i18n import translate

    env = base_env(DATABASE_URL=staff_database, RASA_URL=f"http://127.0.0.1:{free_port()}",
                   RASA_TOKEN="unused", WNL_TODAY="2027-07-01")
    env.pop("STAFF_COOKIE_SECURE", None)
    app = web_app(tmp_path, env, name="web-2027").start()
    try:
        wait_for_web(app)
        ann, bob = login(app.url, "ann"), login(app.url, "bob")
        page = ann.get(f"{app.url}/staff/facts", timeout=10).text
        assert 'data-kind="answer" data-name="ask_passport_held"' in page
        form = {"csrf": csrf_of(page), "topic": "ask_passport_held",
                "source_url": load_library()["ask_passport_held"].links[0]}
        pid, page = propose_fact(ann, bob, app.url, "answer-checked", form, (
            {"topic": "no_such_topic"}, {"source_url": "http://x.nl"}))
        mine = ann.post(f"{app.url}/staff/facts/proposals/{pid}/approve", timeout=10,
                        data={"csrf": csrf_of(page)}, allow_redirects=False)
        assert mine.status_code == 403  # four eyes: not by the one who proposed it
        monkeypatch.setenv("DATABASE_URL", staff_database)
        clear_cache()
        footer = translate("pl", M.LAST_CHECKED, date="1 lipca 2027")
        assert footer not in faq_answer("ask_passport_held", "pl")[0].text
        r = bob.post(f"{app.url}/staff/facts/proposals/{pid}/approve", timeout=10,
                     data={"csrf": csrf_of(page)}, allow_redirects=False)
        assert r.status_code == 303
        clear_cache()
        assert footer in faq_answer("ask_passport_held", "pl")[0].text
        page = bob.get(f"{app.url}/staff/facts", timeout=10).text
        assert 'data-name="ask_passport_held"' not in page  # checked: nothing to do
        assert 'data-name="ask_health_insurance"' in page  # the others still wait
    finally:
        clear_cache()
        app.stop()


def test_hostile_staff_input_is_a_4xx_never_a_500(staff_url):
    bad_login = login_attempt(staff_url, "a\x00b", "wrong password", "10.4.0.1")()
    assert bad_login == 401
    ann = login(staff_url, "ann")
    page = ann.get(f"{staff_url}/staff/facts", timeout=10).text
    for source in ("https://x.nl/\x00", "https://[", "https://x.nl/" + "a" * 600):
        r = ann.post(f"{staff_url}/staff/facts/minimum-wage/propose", timeout=10,
                     data={"csrf": csrf_of(page), **WAGE_2027, "valid_from": "2028-01-01",
                           "valid_until": "2028-06-30", "source_url": source},
                     allow_redirects=False)
        assert r.status_code == 422, source
    # "Checked today" for an answer, and the language switch, with odd values.
    for odd in ("ask_passport_held\x00", "\udfff", "x" * 5000, "../../etc/passwd"):
        body = (f"csrf={requests.utils.quote(csrf_of(page), safe='')}&topic="
                + requests.utils.quote(odd.encode("utf-8", "surrogatepass"), safe="")
                + "&source_url=https%3A%2F%2Fx.nl%2F%00")
        r = ann.post(f"{staff_url}/staff/facts/answer-checked/propose", data=body.encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"},
                     timeout=10, allow_redirects=False)
        assert r.status_code == 422, odd
        quoted = requests.utils.quote(odd.encode("utf-8", "surrogatepass"), safe="")
        switch = ann.get(f"{staff_url}/staff/language?to={quoted}&next={quoted}", timeout=10,
                         allow_redirects=False)
        assert switch.status_code < 500 and switch.headers.get("Location", "/staff").startswith(
            "/staff"), odd


# The staff pages in Dutch and English (bot/staff/staff_language.py).
DUTCH = {"Accept-Language": "nl-NL,nl;q=0.9,en;q=0.8"}


def visible_text(html: str) -> str:
    """The text a reader sees: no tags, no attributes, no script or style."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts, self.hidden = [], 0

        def handle_starttag(self, tag, attrs):
            self.hidden += tag in ("script", "style", "title")

        def handle_endtag(self, tag):
            self.hidden -= tag in ("script", "style", "title")

        def handle_data(self, data):
            if not self.hidden:
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def dutch_login(base: str, name: str) -> requests.Session:
    return login(base, name, headers=DUTCH)


def test_the_browsers_dutch_gives_the_dutch_login_page(staff_url):
    page = requests.get(f"{staff_url}/staff/login", headers=DUTCH, timeout=10)
    assert page.status_code == 200 and '<html lang="nl">' in page.text
    assert "<h1>Inloggen</h1>" in page.text and "Gebruikersnaam" in page.text
    assert page.headers["Content-Language"] == "nl"
    english = requests.get(f"{staff_url}/staff/login", timeout=10)  # no Accept-Language
    assert '<html lang="en">' in english.text and "<h1>Log in</h1>" in english.text
    assert requests.get(f"{staff_url}/staff/login", timeout=10, headers={
        "Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"}).headers["Content-Language"] == "en"


def test_the_switch_changes_the_language_and_keeps_it(staff_url):
    client = requests.Session()
    client.headers.update(DUTCH)
    page = client.get(f"{staff_url}/staff/login", timeout=10).text
    switch = re.search(r'href="(/staff/language\?to=en&amp;next=[^"]+)"', page).group(1)
    r = client.get(staff_url + switch.replace("&amp;", "&"), allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"] == "/staff/login"
    cookie = next(h for h in r.raw.headers.getlist("Set-Cookie") if h.startswith("staff_lang="))
    assert cookie.startswith("staff_lang=en;") and "Path=/staff" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Max-Age=" in cookie
    for _ in range(2):  # the browser still asks for Dutch: the choice stays
        page = client.get(f"{staff_url}/staff/login", timeout=10).text
        assert '<html lang="en">' in page and "<h1>Log in</h1>" in page
    client.get(f"{staff_url}/staff/language", params={"to": "nl", "next": "/staff/login"},
               timeout=10)
    assert '<html lang="nl">' in client.get(f"{staff_url}/staff/login", timeout=10).text
    # Logged in, the choice holds on every page, and an unknown language changes nothing.
    client.post(f"{staff_url}/staff/login", timeout=10, data={
        "csrf": csrf_of(client.get(f"{staff_url}/staff/login", timeout=10).text),
        "name": "vic", "password": PASSWORD})
    client.get(f"{staff_url}/staff/language", params={"to": "de"}, timeout=10)
    for path in ("/staff", "/staff/facts", "/staff/stats", "/staff/suggest", "/staff/handovers",
                 "/staff/topics/ask_passport_held"):
        assert '<html lang="nl">' in client.get(staff_url + path, timeout=10).text, path


@pytest.mark.parametrize("target", ["https://evil.example/staff", "//evil.example/", "/\\evil",
                                    "/", "/staffing", "/staff/../api/message", ""])
def test_the_switch_never_leads_to_another_site(staff_url, target):
    r = requests.get(f"{staff_url}/staff/language", params={"to": "nl", "next": target},
                     allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["Location"] == "/staff"


def test_after_a_dutch_login_the_pages_name_topics_in_dutch(staff_url, staff_database):
    dutch_title = translate_title("ask_passport_held")
    client = dutch_login(staff_url, "vic")
    library = client.get(f"{staff_url}/staff", timeout=10).text
    assert '<html lang="nl">' in library and "Antwoordenbank" in library
    assert dutch_title in visible_text(library) and "Uitloggen" in library
    searched = client.get(f"{staff_url}/staff", params={"q": "paspoort"}, timeout=10).text
    topic = client.get(f"{staff_url}/staff/topics/ask_passport_held", timeout=10).text
    engine = engine_from_url(staff_database)
    record(engine, "2026-W49", "ask_passport_held", "nl", "Midden-Brabant", "web")
    engine.dispose()
    stats = client.get(f"{staff_url}/staff/stats", timeout=10).text
    for html in (library, searched, topic, stats):
        text = visible_text(html)
        assert dutch_title in text
        assert "ask_passport_held" not in text and not re.search(r"\b(ask|find|report)_\w+", text)
    # The English name only inside the English answer's WhatsApp text ("*My passport ...*").
    assert ">My passport is being kept<" not in library + searched + topic + stats
    assert f">{dutch_title}</text>" in stats and "Vragen per week, per taal" in stats  # chart
    assert "Kopiëren" in searched and 'data-copied="Gekopieerd"' in searched
    assert "Geschiedenis" in topic and "bestand" in visible_text(topic)  # the status, in Dutch


def translate_title(topic: str) -> str:
    from bot import messages as M
    from bot.i18n import translate

    return translate("nl", M.TOPIC_TITLES[topic])


@pytest.mark.parametrize("headers, error", [
    ({}, "Wrong user name or password."), (DUTCH, "Gebruikersnaam of wachtwoord klopt niet."),
])
def test_a_failed_login_links_its_error_to_the_fields(staff_url, headers, error):
    client = requests.Session()
    client.headers.update({**headers, "X-Forwarded-For": "10.5.0.1"})
    form = client.get(f"{staff_url}/staff/login", timeout=10)
    r = client.post(f"{staff_url}/staff/login", timeout=10, data={
        "csrf": csrf_of(form.text), "name": "bob", "password": "not the password"})
    assert r.status_code == 401
    assert re.search(rf'<p class="error" id="login-error" role="alert">{re.escape(error)}</p>',
                     r.text)
    for field in ("name", "password"):
        tag = re.search(rf'<input id="{field}"[^>]*>', r.text).group(0)
        assert 'aria-describedby="login-error"' in tag and 'aria-invalid="true"' in tag
        assert f'<label for="{field}">' in r.text
    assert 'value="bob"' in r.text  # the name stays filled in
    fresh = client.get(f"{staff_url}/staff/login", timeout=10).text
    assert "aria-invalid" not in fresh and "aria-describedby" not in fresh


@pytest.mark.parametrize("headers, heading", [
    ({}, "The form has expired"), (DUTCH, "Het formulier is verlopen"),
])
def test_an_expired_login_form_links_back_and_posts_nothing(staff_url, headers, heading):
    client = requests.Session()
    client.headers.update(headers)
    form = client.get(f"{staff_url}/staff/login", timeout=10)
    client.cookies.clear()  # the form's cookie is gone: the browser was closed, say
    r = client.post(f"{staff_url}/staff/login", timeout=10, allow_redirects=False, data={
        "csrf": csrf_of(form.text), "name": "ann", "password": PASSWORD})
    assert r.status_code == 403 and "wnl_staff=" not in r.headers.get("Set-Cookie", "")
    assert f"<h1>{heading}</h1>" in r.text
    assert re.search(r'<a class="again" href="/staff/login">', r.text)
    assert "<form" not in r.text and 'method="post"' not in r.text  # never a re-post
    assert PASSWORD not in r.text


def test_an_expired_staff_form_links_back_to_its_page(staff_url):
    client = dutch_login(staff_url, "ann")
    original = load_library()["ask_passport_held"].text("nl")
    r = client.post(f"{staff_url}/staff/topics/ask_passport_held/nl/propose", timeout=10,
                    data={"csrf": "an old token", "text": original + " x"},
                    allow_redirects=False)
    assert r.status_code == 403 and "<h1>Het formulier is verlopen</h1>" in r.text
    assert '<a class="again" href="/staff/topics/ask_passport_held">' in r.text
    main = r.text.split("<main>")[1]
    assert "<form" not in main  # only the header's log-out form, none that posts the text
    assert original not in r.text


def test_messages_from_the_code_are_shown_in_dutch(staff_url):
    ann = dutch_login(staff_url, "ann")
    page = ann.get(f"{staff_url}/staff/topics/ask_minimum_wage", timeout=10).text
    r = ann.post(f"{staff_url}/staff/topics/ask_minimum_wage/nl/propose", timeout=10,
                 data={"csrf": csrf_of(page), "text": "Het minimumloon is {oops}."})
    assert r.status_code == 400
    assert "de tekst moet precies deze invulvelden houden: {wage_21}" in r.text
    r = ann.post(f"{staff_url}/staff/facts/minimum-wage/propose", timeout=10,
                 data={"csrf": csrf_of(page), **WAGE_2027, "valid_until": "soon"})
    assert r.status_code == 422 and "Geldig tot en met: schrijf een datum als JJJJ-MM-DD" in r.text
    assert ann.get(f"{staff_url}/staff/answers/nothing/pl.txt", timeout=10).text == \
        "Dit antwoord bestaat niet."
    r = ann.get(f"{staff_url}/staff/handovers/not-a-real-id", timeout=10)
    assert r.status_code == 404 and "Deze vraag staat niet in jouw wachtrijen." in r.text


def test_the_code_page_links_its_error_and_an_expired_one_links_back(staff_url, staff_database):
    from bot.staff.users import set_regions

    engine = engine_from_url(staff_database)
    with session_scope(engine) as session:
        add_user(session, "tess", PASSWORD, "editor")
        set_regions(session, "tess", ["national"], {"national"})  # a queue: two steps
    engine.dispose()
    client = requests.Session()
    client.headers.update(DUTCH)
    form = client.get(f"{staff_url}/staff/login", timeout=10)
    r = client.post(f"{staff_url}/staff/login", timeout=10, data={
        "csrf": csrf_of(form.text), "name": "tess", "password": PASSWORD})
    assert r.url.endswith("/staff/login/enrol") and "<h1>Inloggen in twee stappen</h1>" in r.text
    assert '<code class="secret">' in r.text and "aria-invalid" not in r.text
    wrong = client.post(r.url, timeout=10, data={"csrf": csrf_of(r.text), "code": "abc"})
    assert wrong.status_code == 401
    assert '<p class="error" id="code-error" role="alert">Die code klopt niet.' in wrong.text
    tag = re.search(r'<input id="code"[^>]*>', wrong.text).group(0)
    assert 'aria-describedby="code-error"' in tag and 'aria-invalid="true"' in tag
    old = client.post(r.url, timeout=10, data={"csrf": "an old token", "code": "123456"})
    assert old.status_code == 403 and "<h1>Het formulier is verlopen</h1>" in old.text
    assert '<a class="again" href="/staff/login/enrol">' in old.text and "<form" not in old.text
    assert client.get(r.url, timeout=10).status_code == 200  # the link works: the form again
