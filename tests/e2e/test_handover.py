"""A person when it matters, over the real servers: the worker's offer, consent and withdrawal
on the web chat, the staff inbox by region, a staff reply delivered to the chat and recorded in
the Rasa conversation, the rules of who may see and answer what, and the purge."""
import datetime as dt
import json
import re
import uuid

import pytest
import requests
from serverkit import HANDOVER_STAFF_PASSWORD as PASSWORD
from serverkit import csrf_of as csrf
from serverkit import staff_login

from bot import messages as M
from bot.i18n import translate

pytestmark = pytest.mark.e2e


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def button(replies, title):
    found = [b for r in replies for b in r.get("buttons") or [] if b["title"] == title]
    assert found, f"no button {title!r} in {replies}"
    return found[0]["payload"]


def chat(web, chat_id, message):
    r = requests.post(f"{web.url}/api/message", timeout=60,
                      json={"sender": chat_id, "message": message, "metadata": {"src": "web"}})
    assert r.status_code == 200, r.text
    return r.json()["messages"]


SESSIONS: dict[str, requests.Session] = {}
SECRETS: dict[str, str] = {}  # name -> the TOTP secret the enrolment page showed


def login(web, name):
    """A logged-in session, two-step login included (an account with a queue needs it); one
    per account: a TOTP code works once, so a second login in the same 30 s would need the next."""
    if name not in SESSIONS:
        SESSIONS[name] = staff_login(web.url, name, PASSWORD, SECRETS)
    return SESSIONS[name]


def leave_question(web, chat_id, lang, question, with_transcript):
    first = chat(web, chat_id, {"pl": "chce porozmawiac z czlowiekiem",
                                "en": "i want to talk to a real person"}[lang])
    offer = button(first, translate(lang, M.HANDOVER_OFFER))
    explained = chat(web, chat_id, offer)
    assert "{" not in texts(explained) and "30" in texts(explained)  # kept for 30 days
    consent = chat(web, chat_id, question)
    assert texts(consent) == translate(lang, M.HANDOVER_CONSENT,
                                       team=translate(lang, M.TEAM_NATIONAL))
    yes = M.HANDOVER_SEND_ALL if with_transcript else M.HANDOVER_SEND
    return chat(web, chat_id, button(consent, translate(lang, yes)))


def stored(conversation):
    from sqlalchemy import select

    from bot.db.handover_models import Handover
    from bot.db.session import engine_from_url, session_scope

    engine = engine_from_url()
    with session_scope(engine) as session:
        rows = [(h.public_id, h.question, h.transcript, h.status, h.region, h.language)
                for h in session.execute(select(Handover).where(
                    Handover.conversation == conversation)).scalars()]
    engine.dispose()
    return rows


def test_nothing_is_sent_without_a_yes_and_stop_deletes_it_at_once(web):
    chat_id = uuid.uuid4().hex
    first = chat(web, chat_id, "chce porozmawiac z czlowiekiem")
    chat(web, chat_id, button(first, translate("pl", M.HANDOVER_OFFER)))
    consent = chat(web, chat_id, "szef nie oddaje mi paszportu, co robic")
    assert stored(f"web-{chat_id}") == []  # asked, not yet sent
    no = chat(web, chat_id, button(consent, translate("pl", M.HANDOVER_CANCEL)))
    assert texts(no) == translate("pl", M.HANDOVER_CANCELLED)
    assert stored(f"web-{chat_id}") == []
    sent = leave_question(web, chat_id, "pl", "agencja zabrala mi paszport", False)
    assert translate("pl", M.TEAM_NATIONAL) in texts(sent)
    [(_, question, transcript, status, region, lang)] = stored(f"web-{chat_id}")
    assert (question, transcript, status, region, lang) == (
        "agencja zabrala mi paszport", None, "waiting", "national", "pl")
    gone = chat(web, chat_id, "stop")
    assert texts(gone) == translate("pl", M.HANDOVER_WITHDRAWN)
    assert stored(f"web-{chat_id}") == []


def test_a_staff_reply_reaches_the_web_chat_once_and_the_conversation(web, bot, staff):
    chat_id = uuid.uuid4().hex
    leave_question(web, chat_id, "en", "my agency keeps my passport since 2 weeks", True)
    [(public_id, _, transcript, *_)] = stored(f"web-{chat_id}")
    assert "worker: i want to talk to a real person" in transcript  # sent with consent only
    editor = login(web, staff[("editor", "national")])
    inbox = editor.get(f"{web.url}/staff/handovers", timeout=10).text
    assert f"/staff/handovers/{public_id}" in inbox
    page = editor.get(f"{web.url}/staff/handovers/{public_id}", timeout=10).text
    assert "my agency keeps my passport since 2 weeks" in page
    assert "Insert into the reply" in page  # a library answer in the worker's language
    r = editor.post(f"{web.url}/staff/handovers/{public_id}/reply", timeout=10,
                    data={"csrf": csrf(page), "text": "Hello, we can help. Call us tomorrow."})
    assert r.ok
    replies = requests.get(f"{web.url}/api/replies", params={"sender": chat_id}, timeout=10)
    assert replies.json() == {"replies": [{"text": "Hello, we can help. Call us tomorrow."}]}
    again = requests.get(f"{web.url}/api/replies", params={"sender": chat_id}, timeout=10)
    assert again.json() == {"replies": []}  # delivered once
    tracker = requests.get(f"{bot.url}/conversations/web-{chat_id}/tracker",
                           params={"token": bot.token}, timeout=10).json()
    person = [e for e in tracker["events"] if e.get("event") == "bot"
              and (e.get("metadata") or {}).get("from_person")]
    assert [e["text"] for e in person] == ["Hello, we can help. Call us tomorrow."]
    name = staff[("editor", "national")]  # every opening is audited, the page after the reply too
    assert audit(public_id) == [("opened", name), ("replied", name), ("opened", name)]


def audit(public_id):
    from sqlalchemy import select

    from bot.db.handover_models import HandoverAudit
    from bot.db.session import engine_from_url, session_scope

    engine = engine_from_url()
    with session_scope(engine) as session:
        rows = [(a.action, a.staff) for a in session.execute(select(HandoverAudit).where(
            HandoverAudit.handover_public_id == public_id).order_by(HandoverAudit.id)).scalars()]
    engine.dispose()
    return rows


def test_other_regions_viewers_strangers_and_forged_forms_are_refused(web, staff):
    chat_id = uuid.uuid4().hex
    leave_question(web, chat_id, "pl", "pytanie do zespolu", False)
    [(public_id, *_)] = stored(f"web-{chat_id}")
    url = f"{web.url}/staff/handovers/{public_id}"
    # Another region's staff: not even told it exists.
    other = login(web, staff[("editor", "Noord-Limburg")])
    assert public_id not in other.get(f"{web.url}/staff/handovers", timeout=10).text
    assert other.get(url, timeout=10).status_code == 404
    # A viewer reads but cannot reply.
    viewer = login(web, staff[("viewer", "national")])
    page = viewer.get(url, timeout=10).text
    assert "pytanie do zespolu" in page
    assert f'action="/staff/handovers/{public_id}/reply"' not in page
    r = viewer.post(f"{url}/reply", data={"csrf": csrf(page), "text": "x"}, timeout=10)
    assert r.status_code == 403
    # No session, a guessed id, no CSRF token.
    assert requests.post(f"{url}/reply", data={"text": "x"}, timeout=10).status_code == 401
    editor = login(web, staff[("editor", "national")])
    assert editor.get(f"{web.url}/staff/handovers/{'A' * 22}", timeout=10).status_code == 404
    assert editor.post(f"{url}/reply", data={"text": "x"}, timeout=10).status_code == 403
    assert stored(f"web-{chat_id}")[0][3] == "waiting"  # nothing was answered
    assert requests.get(f"{web.url}/api/replies", params={"sender": "../x"},
                        timeout=10).status_code == 400


def test_the_purge_deletes_old_handovers_and_their_text(web, monkeypatch, capsys, tmp_path):
    from sqlalchemy import select, update

    from bot.__main__ import main
    from bot.db.handover_models import Handover, HandoverReply
    from bot.db.session import engine_from_url, session_scope

    chat_id = uuid.uuid4().hex
    leave_question(web, chat_id, "pl", "stare pytanie o wyplate", True)
    engine = engine_from_url()
    with session_scope(engine) as session:
        session.execute(update(Handover).where(Handover.conversation == f"web-{chat_id}")
                        .values(updated_at=dt.datetime.utcnow() - dt.timedelta(days=31)))
    monkeypatch.setenv("RETENTION_DAYS", "30")
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert main(["purge"]) == 0
    assert "handovers unchanged for over 30 days" in capsys.readouterr().out
    assert stored(f"web-{chat_id}") == []
    with session_scope(engine) as session:
        texts_left = [r.text for r in session.execute(select(HandoverReply)).scalars()]
    engine.dispose()
    assert not [t for t in texts_left if "stare pytanie" in t]
    assert json.dumps(texts_left)  # the table is readable after the purge


@pytest.mark.browser
def test_the_web_chat_shows_the_reply_of_a_person_and_keeps_it(browser, web):
    from playwright.sync_api import expect
    from sqlalchemy import select

    from bot.db.handover_models import Handover
    from bot.db.session import engine_from_url, session_scope
    from bot.handover.store import reply

    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{web.url}/?lang=pl&topic=ask_human")
    page.get_by_role("button", name=translate("pl", M.HANDOVER_OFFER)).click()
    expect(page.locator("#log li.bot").last).to_contain_text("30")
    page.fill("#text", "szef trzyma moj paszport od miesiaca")
    page.keyboard.press("Enter")
    page.get_by_role("button", name=translate("pl", M.HANDOVER_SEND)).click()
    sent = translate("pl", M.HANDOVER_SENT, team=translate("pl", M.TEAM_NATIONAL))
    expect(page.locator("#log li.bot").last).to_contain_text(sent)
    chat_id = page.evaluate("JSON.parse(localStorage.getItem('wnl-chat')).sender")
    engine = engine_from_url()
    with session_scope(engine) as session:
        handover = session.execute(select(Handover).where(
            Handover.conversation == f"web-{chat_id}")).scalar_one()
        reply(session, handover, "staff-member", "Dzień dobry, zadzwoń do nas jutro.")
    engine.dispose()
    page.reload()  # the page asks at every visit (and every 20 s while open)
    person = page.locator("#log li.person")
    expect(person).to_have_count(1)
    expect(person).to_contain_text(translate("pl", M.PERSON_REPLIED))
    expect(person).to_contain_text("Dzień dobry, zadzwoń do nas jutro.")
    expect(person).to_have_attribute("data-speaker", translate("pl", M.PERSON_REPLIED))
    page.reload()
    expect(page.locator("#log li.person")).to_have_count(1)  # kept on the phone, shown once
    page.close()


def test_a_person_asked_for_during_the_pay_check_is_offered_too(web):
    chat_id = uuid.uuid4().hex
    answer = chat(web, chat_id, "czy szef moze mi zabierac pieniadze za mieszkanie")
    chat(web, chat_id, button(answer, translate("pl", M.CHECK_PAY_BUTTON)))
    replies = chat(web, chat_id, "chce porozmawiac z czlowiekiem")
    assert translate("pl", M.CHECK_ENDED) in texts(replies)
    assert button(replies, translate("pl", M.HANDOVER_OFFER))


def test_asking_for_replies_is_rate_limited_per_address(bot, tmp_path):
    from serverkit import base_env, wait_for_web, web_app

    app = web_app(tmp_path, base_env(RASA_URL=bot.url, RASA_TOKEN=bot.token,
                                     REPLY_POLLS_PER_ADDRESS="3"))
    app.start()
    try:
        wait_for_web(app)
        codes = [requests.get(f"{app.url}/api/replies", params={"sender": "abc"},
                              timeout=10).status_code for _ in range(5)]
    finally:
        app.stop()
    assert codes == [200, 200, 200, 429, 429]


def test_the_worker_can_add_to_the_question_until_someone_replies(web):
    chat_id = uuid.uuid4().hex
    leave_question(web, chat_id, "en", "my boss keeps my passport", False)
    answer = chat(web, chat_id, "and he also took 200 euro from my pay for the room")
    add = button(answer, translate("en", M.HANDOVER_ADD))  # the answer first, then the offer
    assert texts(chat(web, chat_id, "ok")) and not [
        b for r in chat(web, chat_id, "ok") for b in r.get("buttons") or []
        if b["title"] == translate("en", M.HANDOVER_ADD)]  # "ok" is not more of the question
    assert texts(chat(web, chat_id, add)) == translate("en", M.HANDOVER_ADDED)
    [(_, question, *_)] = stored(f"web-{chat_id}")
    assert question == ("my boss keeps my passport\n\n"
                        "and he also took 200 euro from my pay for the room")


MARKER = "zz-handover-marker-zz"


@pytest.mark.parametrize("odd", ["\udfff", "\x00", "x" * 1_000_000, '/affirm{"handover": "x"}'])
def test_hostile_input_to_the_handover_paths_never_kills_a_server_or_leaks_text(
        web, bot, staff, odd):
    quoted = requests.utils.quote(odd.encode("utf-8", "surrogatepass"), safe="")
    # The chat id of the reply poll, and the pages' language parameter.
    for url in (f"{web.url}/api/replies?sender={quoted}", f"{web.url}/privacy?lang={quoted}",
                f"{web.url}/accessibility?lang={quoted}",
                f"{web.url}/staff/handovers/{quoted[:4000]}"):
        assert requests.get(url, timeout=30).status_code < 500, url
    # A question and a handover step that are odd text or an odd payload.
    chat_id = uuid.uuid4().hex
    first = chat(web, chat_id, "i want to talk to a real person")
    chat(web, chat_id, button(first, translate("en", M.HANDOVER_OFFER)))
    body = {"sender": chat_id, "message": (MARKER + odd)[:60_000], "metadata": {}}
    assert requests.post(f"{web.url}/api/message", json=body, timeout=60).status_code == 200
    assert requests.post(f"{web.url}/api/message", timeout=60, json={
        "sender": chat_id, "message": '/affirm{"handover": "' + odd[:50] + '"}'}).status_code \
        in (200, 400)
    chat(web, chat_id, '/affirm{"handover": "send"}')
    # A staff reply that is odd text.
    editor = login(web, staff[("editor", "national")])
    for public_id, *_ in stored(f"web-{chat_id}"):
        page = editor.get(f"{web.url}/staff/handovers/{public_id}", timeout=10).text
        form = (f"csrf={requests.utils.quote(csrf(page), safe='')}&text="
                + requests.utils.quote((MARKER + odd).encode("utf-8", "surrogatepass"), safe=""))
        r = editor.post(f"{web.url}/staff/handovers/{public_id}/reply", timeout=30,
                        data=form.encode(), headers={
                            "Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code < 500
    assert requests.get(f"{web.url}/api/replies", params={"sender": chat_id},
                        timeout=10).status_code == 200
    assert bot.healthy() and requests.get(f"{web.url}/health", timeout=10).ok
    for log in (*bot.logs, web.log):
        assert MARKER not in log.read_text(errors="replace")


def test_a_question_sent_on_to_another_team_leaves_the_first_queue(web, staff):
    chat_id = uuid.uuid4().hex
    leave_question(web, chat_id, "pl", "pracuje w Venlo, szef nie placi", False)
    [(public_id, *_)] = stored(f"web-{chat_id}")
    national = login(web, staff[("editor", "national")])
    page = national.get(f"{web.url}/staff/handovers/{public_id}", timeout=10).text
    assert '<option value="Noord-Limburg">' in page
    # Assigned to an editor of the queue; a viewer or a stranger cannot be given it.
    me = staff[("editor", "national")]
    for wrong in (staff[("viewer", "national")], staff[("editor", "Noord-Limburg")], "nobody"):
        r = national.post(f"{web.url}/staff/handovers/{public_id}/assign", timeout=10,
                          data={"csrf": csrf(page), "to": wrong})
        assert r.status_code == 400
    r = national.post(f"{web.url}/staff/handovers/{public_id}/assign", timeout=10,
                      data={"csrf": csrf(page), "to": me})
    assert r.ok and f'<option value="{me}" selected>' in r.text
    bad = national.post(f"{web.url}/staff/handovers/{public_id}/forward", timeout=10,
                        data={"csrf": csrf(page), "region": "Atlantis"})
    assert bad.status_code == 400
    r = national.post(f"{web.url}/staff/handovers/{public_id}/forward", timeout=10,
                      data={"csrf": csrf(page), "region": "Noord-Limburg"})
    assert r.ok
    assert public_id not in national.get(f"{web.url}/staff/handovers", timeout=10).text
    regional = login(web, staff[("editor", "Noord-Limburg")])
    assert f"/staff/handovers/{public_id}" in regional.get(
        f"{web.url}/staff/handovers", timeout=10).text
    assert stored(f"web-{chat_id}")[0][4] == "Noord-Limburg"
    assert {("assigned", me), ("forwarded", me)} <= set(audit(public_id))


def test_the_statistics_count_questions_and_reply_times_without_ids(web, staff):
    from sqlalchemy import select

    from bot.db.handover_models import HandoverStat
    from bot.db.session import engine_from_url, session_scope
    from bot.usage.stats import iso_week

    chat_id = uuid.uuid4().hex
    leave_question(web, chat_id, "en", "my room is gone and i have no money", False)
    [(public_id, *_)] = stored(f"web-{chat_id}")
    editor = login(web, staff[("editor", "national")])
    page = editor.get(f"{web.url}/staff/handovers/{public_id}", timeout=10).text
    editor.post(f"{web.url}/staff/handovers/{public_id}/reply", timeout=10,
                data={"csrf": csrf(page), "text": "We call you today."})
    week = iso_week(dt.datetime.utcnow().date())
    stats = editor.get(f"{web.url}/staff/stats", timeout=10).text
    row = re.search(rf"<tr><td>{week}</td><td>national</td><td>en</td><td>web</td>"
                    r"<td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)%</td></tr>", stats)
    assert row, stats[-2000:]
    assert int(row.group(1)) >= int(row.group(2)) >= 1 and int(row.group(4)) > 0
    engine = engine_from_url()
    with session_scope(engine) as session:
        columns = set(HandoverStat.__table__.columns.keys())
        assert session.execute(select(HandoverStat)).first() is not None
    engine.dispose()
    assert columns == {"id", "week", "region", "language", "channel", "first_reply_minutes",
                       "within_working_day"}  # nothing that leads back to the worker


@pytest.mark.browser
def test_staff_answer_in_chromium_after_a_two_step_login(browser, web):
    import pyotp
    from playwright.sync_api import expect

    from bot.db.session import engine_from_url, session_scope
    from bot.staff.users import add_user, set_regions

    name = f"b{uuid.uuid4().hex[:8]}"
    engine = engine_from_url()
    with session_scope(engine) as session:
        add_user(session, name, PASSWORD, "editor")
        set_regions(session, name, ["national"], {"national"})
    engine.dispose()
    chat_id = uuid.uuid4().hex
    leave_question(web, chat_id, "pl", "agencja trzyma moj paszport i nie chce oddac", False)
    [(public_id, *_)] = stored(f"web-{chat_id}")

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{web.url}/staff/handovers")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Two-step login")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for the authenticator app")).to_be_visible()
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    page.fill("#code", pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("ul.recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Continue to the library").click()
    page.goto(f"{web.url}/staff/handovers")
    page.locator(f"a[href='/staff/handovers/{public_id}']").click()
    expect(page.locator("blockquote.question")).to_have_text(
        "agencja trzyma moj paszport i nie chce oddac")
    page.get_by_role("button", name="Insert into the reply").first.click()
    inserted = page.locator("#reply").input_value()
    assert inserted and inserted == page.locator("#answer-1").input_value()
    page.fill("#reply", inserted + "\n\nZadzwoń do nas: jesteśmy tu od 9 do 17.")
    page.get_by_role("button", name="Send the reply").click()
    expect(page.locator(".reply")).to_contain_text("jesteśmy tu od 9 do 17")
    page.close()
    replies = requests.get(f"{web.url}/api/replies", params={"sender": chat_id}, timeout=10)
    assert replies.json()["replies"][0]["text"].endswith("jesteśmy tu od 9 do 17.")
