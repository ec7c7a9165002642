"""The scaled-out setup for real: Rasa servers sharing a PostgreSQL tracker store and a Redis lock
store, one action server, all on loopback. Skipped with the reason when PostgreSQL or Redis is
unreachable, except with REQUIRE_SERVICES=1 (CI), where that fails."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import requests
from serverkit import (
    MODEL,
    FakeGraphAPI,
    Server,
    action_server,
    base_env,
    new_token,
    postgres_database,
    rasa_server,
    service_unreachable,
    wait_for_actions,
    wait_for_rasa,
)

# A Redis database of its own, emptied before and after: the tests never touch other data.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
# A server killed while holding a conversation's lock: the others wait this long at most.
TEST_LOCK_LIFETIME = "20"


@pytest.fixture(scope="session")
def postgres_tracker_url():
    with postgres_database("wnl_scale") as url:
        yield url


@pytest.fixture(scope="session")
def postgres_app_url():
    """The servers' own database (handovers, staff, usage) on PostgreSQL too, migrated."""
    import subprocess
    import sys

    with postgres_database("wnl_scale_app") as url:
        for command in (["regions", "load"], ["library", "load"]):  # migrates first
            subprocess.run([sys.executable, "-m", "bot", *command], check=True,
                           env={**base_env(), "DATABASE_URL": url}, capture_output=True)
        yield url


@pytest.fixture(scope="session")
def redis_lock_url():
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_timeout=3)
        client.flushdb()
    except Exception as error:  # noqa: BLE001
        service_unreachable("Redis on 127.0.0.1:6379", error)
    yield REDIS_URL
    client.flushdb()


# WhatsApp as the e2e tests configure it, sending to a recording fake Graph API.
WHATSAPP_SECRET = "scale-app-secret"


@dataclass
class Cluster:
    token: str
    actions: Server
    servers: list[Server]
    tracker_url: str
    graph: FakeGraphAPI
    database_url: str = ""
    env: dict | None = None
    whatsapp_secret: str = WHATSAPP_SECRET

    def say(self, server: Server, sender: str, message: str, timeout: float = 60) -> list[dict]:
        r = requests.post(f"{server.url}/webhooks/rest/webhook",
                          json={"sender": sender, "message": message}, timeout=timeout)
        assert r.status_code == 200, r.text[:300]
        return r.json()

    def tracker(self, server: Server, sender: str) -> dict:
        r = requests.get(f"{server.url}/conversations/{sender}/tracker",
                         params={"token": self.token}, timeout=30)
        r.raise_for_status()
        return r.json()

    def restart(self, server: Server) -> None:
        server.start()
        wait_for_rasa(server, self.token)


@pytest.fixture(scope="session")
def cluster(postgres_tracker_url, postgres_app_url, redis_lock_url, tmp_path_factory):
    """Two action servers and three Rasa servers on one PostgreSQL and one Redis."""
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    logs = tmp_path_factory.mktemp("cluster")
    graph = FakeGraphAPI()
    env = base_env(TRACKER_STORE_URL=postgres_tracker_url, LOCK_STORE_URL=redis_lock_url,
                   DATABASE_URL=postgres_app_url, FACTS_TTL_SECONDS="3",
                   TICKET_LOCK_LIFETIME=TEST_LOCK_LIFETIME, WHATSAPP_APP_SECRET=WHATSAPP_SECRET,
                   WHATSAPP_VERIFY_TOKEN="scale-verify", WHATSAPP_ACCESS_TOKEN="scale-access",
                   WHATSAPP_PHONE_NUMBER_ID="1234", WHATSAPP_PSEUDONYM_KEY="scale-pseudonym-key",
                   WHATSAPP_GRAPH_URL=graph.url)
    token = new_token()
    # Two action servers, as action servers scale out too: rasa-a uses the first, rasa-b and
    # rasa-c the second. Facts staff approve must reach both (tests/scale/test_scale_out.py).
    actions = action_server(logs, env).start()
    more_actions = action_server(logs, env, name="actions-2").start()
    servers = [rasa_server(logs, env, token, (actions if n == "a" else more_actions).url,
                           name=f"rasa-{n}") for n in "abc"]
    try:
        # The first server creates the tables; the others start once it is up.
        servers[0].start()
        wait_for_actions(actions)
        wait_for_actions(more_actions)
        wait_for_rasa(servers[0], token, [actions])
        for server in servers[1:]:
            server.start()
        with ThreadPoolExecutor(len(servers) - 1) as pool:
            list(pool.map(lambda s: wait_for_rasa(s, token, [more_actions]), servers[1:]))
        yield Cluster(token, actions, servers, postgres_tracker_url, graph, postgres_app_url,
                      env)
    finally:
        for server in [*servers, actions, more_actions]:
            server.stop()
        graph.server.shutdown()
