"""Staff who can read workers' questions log in in two steps (TOTP): enrolment with a QR code
and a first code, ten recovery codes shown once, a code that works once, wrong codes counted
with wrong passwords, and an administrator's reset."""
import re
import uuid

import pyotp
import pytest
import requests
from serverkit import HANDOVER_STAFF_PASSWORD as PASSWORD
from serverkit import csrf_of as csrf
from serverkit import secret_on

pytestmark = pytest.mark.e2e


def account(regions=("national",), role="editor"):
    from bot.db.session import engine_from_url, session_scope
    from bot.staff.users import add_user, set_regions

    name = f"t{uuid.uuid4().hex[:8]}"
    engine = engine_from_url()
    with session_scope(engine) as session:
        add_user(session, name, PASSWORD, role)
        set_regions(session, name, list(regions), {"national", "Noord-Limburg"})
    engine.dispose()
    return name


def password_step(web, name, password=PASSWORD):
    client = requests.Session()
    form = client.get(f"{web.url}/staff/login", timeout=10).text
    r = client.post(f"{web.url}/staff/login", timeout=30, data={
        "name": name, "password": password, "csrf": csrf(form)})
    return client, r


def code_step(client, page, url, code):
    return client.post(url, data={"csrf": csrf(page.text), "code": code}, timeout=10)


def test_enrol_then_log_in_with_a_code_or_a_recovery_code_each_once(web):
    name = account()
    client, r = password_step(web, name)
    assert r.url.endswith("/staff/login/enrol")
    assert 'src="data:image/svg+xml' in r.text  # the QR code, within the page's CSP
    # Half logged in: nothing of the staff pages yet.
    inbox = client.get(f"{web.url}/staff/handovers", timeout=10, allow_redirects=False)
    assert inbox.status_code == 303 and inbox.headers["Location"] == "/staff/login"
    secret = secret_on(r.text)
    wrong = code_step(client, r, r.url, "000000" if pyotp.TOTP(secret).now() != "000000"
                      else "111111")
    assert wrong.status_code == 401 and "not right" in wrong.text
    used = pyotp.TOTP(secret).now()
    done = code_step(client, wrong, r.url, used)
    codes = re.findall(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>", done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "Log out" in client.get(f"{web.url}/staff/handovers", timeout=10).text
    client.post(f"{web.url}/staff/logout", data={"csrf": csrf(
        client.get(f"{web.url}/staff", timeout=10).text)}, timeout=10)

    # Next login: the code step. The code just used does not work again.
    client, r = password_step(web, name)
    assert r.url.endswith("/staff/login/code")
    replay = code_step(client, r, r.url, used)
    assert replay.status_code == 401
    ok = code_step(client, replay, r.url, codes[0])  # a recovery code, once
    assert ok.ok and "Log out" in ok.text
    client, r = password_step(web, name)
    assert code_step(client, r, r.url, codes[0]).status_code == 401


def test_wrong_codes_lock_the_login_like_wrong_passwords(web):
    name = account()
    client, r = password_step(web, name)
    for _ in range(4):  # five failures in all, with the one below
        r = code_step(client, r, f"{web.url}/staff/login/enrol", "12345")
        assert r.status_code == 401
    r = code_step(client, r, f"{web.url}/staff/login/enrol", "12345")
    assert r.status_code == 401
    locked = client.post(f"{web.url}/staff/login/enrol", timeout=10, allow_redirects=False,
                         data={"csrf": csrf(r.text), "code": "123456"})
    assert locked.status_code == 303 and locked.headers.get("Retry-After")
    # The same name from this address is locked for passwords too.
    _, again = password_step(web, name)
    assert again.status_code == 429


def test_accounts_without_a_queue_keep_one_step_and_a_reset_enrols_again(web, capsys):
    from bot.__main__ import main

    plain = account(regions=())
    _, r = password_step(web, plain)
    assert r.url.endswith("/staff") and "Log out" in r.text
    name = account()
    client, r = password_step(web, name)
    code_step(client, r, r.url, pyotp.TOTP(secret_on(r.text)).now())
    assert main(["staff", "reset-2fa", name]) == 0
    assert "at the next login" in capsys.readouterr().out
    _, r = password_step(web, name)
    assert r.url.endswith("/staff/login/enrol")


@pytest.mark.parametrize("odd", ["\udfff", "\x00", "x" * 1_000_000, "1" * 5000],
                         ids=["surrogate", "nul", "1MB", "long-digits"])
def test_odd_codes_and_queues_never_give_a_5xx(web, odd):
    from serverkit import staff_login

    encoded = requests.utils.quote(odd.encode("utf-8", "surrogatepass"), safe="")
    name = account()
    client, r = password_step(web, name)
    body = f"csrf={requests.utils.quote(csrf(r.text), safe='')}&code={encoded}"
    for url in (r.url, f"{web.url}/staff/login/code"):
        got = client.post(url, data=body.encode(), timeout=30,
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert got.status_code < 500
    editor = staff_login(web.url, account(), PASSWORD, {})
    page = editor.get(f"{web.url}/staff/handovers", timeout=10)
    forward = editor.post(f"{web.url}/staff/handovers/{'A' * 22}/forward", timeout=30,
                          data=f"csrf={csrf(page.text)}&region={encoded}".encode(),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert forward.status_code in (404, 413)  # not ours, or over the web app's body limit
    assert requests.get(f"{web.url}/health", timeout=10).ok
