"""Privacy end to end: a conversation on the web page (from a QR card and not), the REST
channel and WhatsApp leaves no message text in any server log at INFO, and the project database
gets only aggregate counts: no text, no sender id, no phone number."""
import time
import uuid
from collections import Counter

import pytest
import requests
from sqlalchemy import MetaData, select
from test_whatsapp_channel import replies, signed_post, text

from bot.db.session import engine_from_url
from bot.usage.stats import weekly_counts

pytestmark = pytest.mark.e2e

MARKER = "ZXQ-secret-marker"


def post_web(web, sender, message, src=None):
    metadata = {"lang": "pl", "browser_lang": "pl-PL", **({"src": src} if src else {})}
    r = requests.post(f"{web.url}/api/message", json={"sender": sender, "message": message,
                                                       "metadata": metadata}, timeout=60)
    assert r.status_code == 200, r.text[:300]
    assert r.json()["messages"], "the bot answered nothing"


def counts(engine):
    with engine.connect() as connection:
        return Counter({(r.topic, r.language, r.region, r.source): r.count
                        for r in weekly_counts(connection)})


def everything_stored(engine) -> str:
    """Every value of every table of the project database, as one string."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    with engine.connect() as connection:
        return "\n".join(repr(tuple(row)) for table in metadata.sorted_tables
                         for row in connection.execute(select(table)))


def test_conversations_leave_no_text_in_logs_and_only_counts_in_the_database(bot, web, graph):
    engine = engine_from_url()  # DATABASE_URL: the test database the servers use
    before = counts(engine)
    qr_web, plain_web, rest = (f"privacy-{uuid.uuid4().hex[:10]}" for _ in range(3))
    phone = "48" + str(uuid.uuid4().int)[:9]

    post_web(web, qr_web, f"szef zabral mi paszport {MARKER}", src="nla")  # from a QR card
    post_web(web, plain_web, f"gdzie jest pomoc w Tilburgu {MARKER}", src="web")
    post_web(web, plain_web, f"szef zabral mi paszport {MARKER}", src="web")
    # A REST client's own src=nla is not trusted: only the web app's signed deep links count.
    bot.say(rest, f"seful mi-a luat pasaportul si nu mi-l da {MARKER}", {"src": "nla"})
    bot.say(rest, f"nu am primit salariul de doua saptamani {MARKER}")
    bot.say(rest, "multumesc")  # small talk is not counted
    assert signed_post(bot, text(phone, f"шефа ми взе паспорта {MARKER}")).status_code == 200
    assert replies(graph, phone, 1)

    expected = Counter({
        ("ask_passport_held", "pl", "unknown", "qr"): 1,
        ("find_informatiepunt", "pl", "Midden-Brabant", "web"): 1,
        ("ask_passport_held", "pl", "Midden-Brabant", "web"): 1,
        ("ask_passport_held", "ro", "unknown", "other"): 1,
        ("ask_unpaid_wages", "ro", "unknown", "other"): 1,
        ("ask_passport_held", "bg", "unknown", "whatsapp"): 1,
    })
    deadline = time.monotonic() + 20
    while counts(engine) - before != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    assert counts(engine) - before == expected

    stored = everything_stored(engine)
    engine.dispose()
    assert "'Midden-Brabant', 'web'" in stored  # the dump does include the counters
    for secret in (MARKER, qr_web, plain_web, rest, phone):
        assert secret not in stored, f"{secret!r} is stored in the project database"

    logs = {path.name: path.read_text(errors="replace") for path in (*bot.logs, web.log)}
    assert set(logs) == {"actions.log", "rasa.log", "web.log"}
    for name, log in logs.items():
        assert MARKER not in log, f"{name} contains message text"
        for secret in (qr_web, plain_web, rest, phone):
            assert secret not in log, f"{name} contains a sender id or phone number"
