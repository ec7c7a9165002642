"""Real servers for end-to-end tests: the action server and the Rasa server with the trained model,
on free loopback ports, started once per test session."""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "wnl.tar.gz"
BIN = Path(sys.executable).parent
STARTUP_SECONDS = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, seconds: float, what: str, logs: list[Path], procs) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and all(p.poll() is None for p in procs):
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    tails = "\n".join(f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:] for p in logs)
    raise RuntimeError(f"{what} did not come up\n{tails}")


@dataclass
class Bot:
    url: str
    token: str
    logs: tuple[Path, ...] = ()  # the action server's and the Rasa server's output

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
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with fake.lock:
                    fake.received.append({"path": self.path, "auth": self.headers.get("Authorization"),
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
        subprocess.run(["make", "train"], cwd=ROOT, check=True)
    tmp = tmp_path_factory.mktemp("servers")
    rasa_port, action_port = free_port(), free_port()
    token = secrets.token_urlsafe(16)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false",
           "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
           "WHATSAPP_APP_SECRET": WHATSAPP_SECRET, "WHATSAPP_VERIFY_TOKEN": WHATSAPP_VERIFY,
           "WHATSAPP_ACCESS_TOKEN": "test-access-token", "WHATSAPP_PHONE_NUMBER_ID": "1234",
           "WHATSAPP_PSEUDONYM_KEY": "test-pseudonym-key", "WHATSAPP_GRAPH_URL": graph.url,
           # The embedded tracker store, in a file of this test session (not var/).
           "TRACKER_STORE_URL": f"sqlite:///{tmp / 'tracker.sqlite3'}"}
    action_log, rasa_log = tmp / "actions.log", tmp / "rasa.log"
    log_files = [action_log.open("w"), rasa_log.open("w")]
    procs = [
        subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(action_port)],
            cwd=ROOT, env=env, stdout=log_files[0], stderr=subprocess.STDOUT),
        subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(rasa_port),
             "--interface", "127.0.0.1", "--enable-api", f"--auth-token={token}",
             "--endpoints", "endpoints.yml", "--credentials", "credentials.yml"],
            cwd=ROOT, env=env, stdout=log_files[1], stderr=subprocess.STDOUT),
    ]
    try:
        logs = [action_log, rasa_log]
        wait_until(lambda: requests.get(f"http://127.0.0.1:{action_port}/health", timeout=5).ok,
                   STARTUP_SECONDS, "action server", logs, procs)
        served = Bot(f"http://127.0.0.1:{rasa_port}", token, tuple(logs))
        wait_until(lambda: requests.get(f"{served.url}/status", params={"token": token}, timeout=5)
                   .json().get("model_file"), STARTUP_SECONDS, "Rasa server", logs, procs)
        yield served
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in log_files:
            log.close()


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
    port = free_port()
    log = (tmp_path_factory.mktemp("web") / "web.log").open("w")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WEB_PORT": str(port), "RASA_URL": bot.url,
           "RASA_TOKEN": bot.token}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "web"], cwd=ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=5).ok,
                   STARTUP_SECONDS, "web app", [Path(log.name)], [proc])
        yield Web(f"http://127.0.0.1:{port}", Path(log.name))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
