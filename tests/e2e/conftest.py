"""Real servers for end-to-end tests: the action server and the Rasa server with the trained model,
on free loopback ports, started once per test session."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from serverkit import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HANDOVER_STAFF_PASSWORD,
    MODEL,
    ROOT,
    FakeGraphAPI,
    action_server,
    base_env,
    new_token,
    rasa_server,
    wait_for_actions,
    wait_for_rasa,
    wait_for_web,
    web_app,
)


@dataclass
class Bot:
    url: str
    token: str
    logs: tuple[Path, ...] = ()  # the action server's and the Rasa server's output
    actions_url: str = ""
    graph_url: str = ""  # the fake Graph API the Rasa server sends WhatsApp messages to

    def say(self, sender: str, text, metadata: dict | None = None) -> list[dict]:
        body = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(f"{self.url}/webhooks/rest/webhook", json=body, timeout=60)
        assert response.status_code == 200, response.text[:500]
        return response.json()

    def slots(self, sender: str) -> dict:
        response = requests.get(f"{self.url}/conversations/{sender}/tracker",
                                params={"token": self.token}, timeout=30)
        response.raise_for_status()
        return response.json()["slots"]

    def healthy(self) -> bool:
        return requests.get(f"{self.url}/status", params={"token": self.token}, timeout=10).ok


WHATSAPP_SECRET = "test-app-secret"
WHATSAPP_VERIFY = "test-verify-token"


@pytest.fixture(scope="session")
def graph() -> FakeGraphAPI:
    fake = FakeGraphAPI()
    yield fake
    fake.server.shutdown()


@pytest.fixture(scope="session")
def bot(tmp_path_factory, graph) -> Bot:
    if not MODEL.exists():
        import subprocess

        subprocess.run(["make", "train"], cwd=ROOT, check=True)
    tmp = tmp_path_factory.mktemp("servers")
    token = new_token()
    env = base_env(
        WHATSAPP_APP_SECRET=WHATSAPP_SECRET, WHATSAPP_VERIFY_TOKEN=WHATSAPP_VERIFY,
        WHATSAPP_ACCESS_TOKEN="test-access-token", WHATSAPP_PHONE_NUMBER_ID="1234",
        WHATSAPP_PSEUDONYM_KEY="test-pseudonym-key", WHATSAPP_GRAPH_URL=graph.url,
        # The embedded tracker store, in a file of this test session (not var/).
        TRACKER_STORE_URL=f"sqlite:///{tmp / 'tracker.sqlite3'}",
        # A short response timeout, so the slow-body test is quick (no lock waits here).
        RASA_RESPONSE_TIMEOUT="15")
    actions = action_server(tmp, env).start()
    rasa = rasa_server(tmp, env, token, actions.url).start()
    try:
        wait_for_actions(actions)
        wait_for_rasa(rasa, token, [actions])
        yield Bot(rasa.url, token, (actions.log, rasa.log), actions.url, graph.url)
    finally:
        rasa.stop()
        actions.stop()


@pytest.fixture
def sender() -> str:
    """A fresh conversation id for each test."""
    return f"test-{uuid.uuid4().hex[:12]}"


@dataclass
class Web:
    url: str
    log: Path | None = None  # the web app's output


@pytest.fixture(scope="session")
def web(bot: Bot, tmp_path_factory) -> Web:
    """The web chat app on a free port, forwarding to the test's Rasa server."""
    # All test clients share 127.0.0.1: the per-address limit is tested on a web app of its own.
    # The web app sends staff replies on WhatsApp: the Rasa server's Graph API and pseudonym
    # key (which also encrypts the number a handover keeps), and a reply template.
    app = web_app(tmp_path_factory.mktemp("web"), base_env(
        RASA_URL=bot.url, RASA_TOKEN=bot.token, CHAT_PER_ADDRESS="100000",
        REPLY_POLLS_PER_ADDRESS="100000", WHATSAPP_GRAPH_URL=bot.graph_url,
        WHATSAPP_ACCESS_TOKEN="test-access-token", WHATSAPP_PHONE_NUMBER_ID="1234",
        WHATSAPP_PSEUDONYM_KEY="test-pseudonym-key", WHATSAPP_REPLY_TEMPLATE="wnl_reply_waiting"))
    app.start()
    try:
        wait_for_web(app)
        yield Web(app.url, app.log)
    finally:
        app.stop()


# Per module, not per session: Playwright's sync API keeps an event loop running in this thread
# while the browser is open, and later tests call asyncio.run().
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def staff():
    """Accounts in the servers' database: editors for the national queue and for a region,
    and a viewer of the national queue."""
    from bot.db.session import engine_from_url, session_scope
    from bot.staff.users import add_user, set_regions

    names = {}
    engine = engine_from_url()
    with session_scope(engine) as session:
        for role, regions in (("editor", ["national"]), ("editor", ["Noord-Limburg"]),
                              ("viewer", ["national"])):
            name = f"h{uuid.uuid4().hex[:8]}"
            add_user(session, name, HANDOVER_STAFF_PASSWORD, role)
            set_regions(session, name, regions, {"national", "Noord-Limburg"})
            names[(role, regions[0])] = name
    engine.dispose()
    return names
