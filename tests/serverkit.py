"""Starting and stopping the real servers the end-to-end and scale-out tests talk to: the action
server and Rasa servers on free loopback ports, with their logs in files."""
from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import requests

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "wnl.tar.gz"
BIN = Path(sys.executable).parent
STARTUP_SECONDS = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Every server the tests start lives on this day (bot/clock.py), so no test depends on the calendar.
TODAY = dt.date(2026, 12, 1)
# The secret the Rasa servers send the action servers (endpoints.yml) in every test run.
ACTION_SERVER_TOKEN = "test-action-server-token"


# The password of the staff accounts the handover tests make (tests/e2e/conftest.py).
HANDOVER_STAFF_PASSWORD = "handover test password"


def base_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false",
            "WNL_TODAY": TODAY.isoformat(), "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN, **extra}


@dataclass
class Server:
    """One server process: its command, environment, port and log file; restartable."""

    name: str
    command: list[str]
    env: dict[str, str]
    port: int
    log: Path
    proc: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=out,
                                         stderr=subprocess.STDOUT)
        return self

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to finish what it is doing."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def tail(self, chars: int = 3000) -> str:
        return f"--- {self.name}\n" + self.log.read_text(errors="replace")[-chars:]


def wait_until(check, servers: list[Server], what: str, seconds: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and all(s.alive() for s in servers):
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not come up\n" + "\n".join(s.tail() for s in servers))


def action_server(logs: Path, env: dict[str, str], name: str = "actions") -> Server:
    port = free_port()
    return Server(name, [str(BIN / "python"), "-m", "bot.rasa.action_server", "--port", str(port)],
                  env, port, logs / f"{name}.log")


def rasa_server(logs: Path, env: dict[str, str], token: str, action_url: str,
                name: str = "rasa") -> Server:
    port = free_port()
    # As in production: bot.rasa.serve reads the token from the environment.
    return Server(name, [str(BIN / "python"), "-m", "bot.rasa.serve", "--model", str(MODEL),
                         "--port", str(port), "--interface", "127.0.0.1", "--enable-api",
                         "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"],
                  {**env, "ACTION_ENDPOINT_URL": f"{action_url}/webhook", "RASA_TOKEN": token,
                   "SANIC_REQUEST_TIMEOUT": "3"}, port, logs / f"{name}.log")


def wait_for_actions(server: Server) -> None:
    wait_until(lambda: requests.get(f"{server.url}/health", timeout=5).ok, [server],
               server.name)


def wait_for_rasa(server: Server, token: str, others: list[Server] = ()) -> None:
    wait_until(lambda: requests.get(f"{server.url}/status", params={"token": token}, timeout=5)
               .json().get("model_file"), [server, *others], server.name)


class FakeGraphAPI:
    """A real HTTP server on loopback standing in for Meta's Graph API: it records every message
    the bot sends, so tests can check what a WhatsApp user would receive."""

    def __init__(self) -> None:
        import http.server
        import json
        import threading

        self.received: list[dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with fake.lock:
                    fake.received.append({"path": self.path,
                                          "auth": self.headers.get("Authorization"),
                                          "json": json.loads(body)})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"messages": [{"id": "wamid.fake"}]}')

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def to(self, phone: str) -> list[dict]:
        with self.lock:
            return [r["json"] for r in self.received if r["json"].get("to") == phone]


def web_app(logs: Path, env: dict[str, str], name: str = "web") -> Server:
    """`python -m bot web` (the chat page and the staff library) on a free port."""
    port = free_port()
    return Server(name, [sys.executable, "-m", "bot", "web"], {**env, "WEB_PORT": str(port)},
                  port, logs / f"{name}.log")


def wait_for_web(server: Server) -> None:
    wait_until(lambda: requests.get(f"{server.url}/health", timeout=5).ok, [server], server.name)


def new_token() -> str:
    return secrets.token_urlsafe(16)


PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def service_unreachable(service: str, error: Exception) -> None:
    """Skip with the reason, or fail when the run requires the services (CI)."""
    import pytest

    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{service} is required (REQUIRE_SERVICES=1) but unreachable: {error}")
    pytest.skip(f"{service} unreachable: {error}")


@contextmanager
def running_bot(logs: Path, env: dict[str, str], token: str) -> Iterator[Server]:
    """An action server and a Rasa server on free ports, answering; stopped afterwards."""
    actions = action_server(logs, env).start()
    rasa = rasa_server(logs, env, token, actions.url).start()
    try:
        wait_for_actions(actions)
        wait_for_rasa(rasa, token, [actions])
        yield rasa
    finally:
        rasa.stop()
        actions.stop()


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile by nearest rank (the benchmarks' latencies)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def secret_on(page: str) -> str:
    """The TOTP secret the enrolment page shows (grouped in fours)."""
    return re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")


def staff_login(base_url: str, name: str, password: str, secrets: dict[str, str]):
    """A requests session logged in to the staff pages, with the two-step login when the account
    needs it: enrolled on first use (the secret is kept in `secrets`), else a fresh code."""
    import pyotp

    client = requests.Session()
    form = client.get(f"{base_url}/staff/login", timeout=10).text
    r = client.post(f"{base_url}/staff/login", timeout=30, data={
        "name": name, "password": password, "csrf": csrf_of(form)})
    if r.url.endswith("/staff/login/enrol"):
        secrets[name] = secret_on(r.text)
        r = client.post(r.url, data={"csrf": csrf_of(r.text),
                                     "code": pyotp.TOTP(secrets[name]).now()}, timeout=10)
        assert "Your recovery codes" in r.text, r.text[:300]
        r = client.get(f"{base_url}/staff", timeout=10)
    elif r.url.endswith("/staff/login/code"):
        r = client.post(r.url, data={"csrf": csrf_of(r.text),
                                     "code": pyotp.TOTP(secrets[name]).now()}, timeout=10)
    assert r.ok and "Log out" in r.text, r.text[:300]
    return client


# Debian's Chromium: Playwright's own browser download does not work here (`make test` installs
# it). Shared by the browser tests and benchmarks/web_page.py.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@contextmanager
def postgres_database(prefix: str = "wnl_test") -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database on 127.0.0.1, dropped afterwards."""
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text("select 1"))
    except Exception as error:  # noqa: BLE001 - any failure to connect means: not here
        admin.dispose()
        service_unreachable("PostgreSQL on 127.0.0.1:5432", error)
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
