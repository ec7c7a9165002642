"""Usage statistics: aggregate counters only, counted once per answered topic, safe under
concurrency on SQLite and (when reachable) PostgreSQL, rendered as CSV and a static SVG."""
import asyncio
import datetime as dt
import logging
import threading
import xml.etree.ElementTree as ET

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import create_engine, inspect

from actions.conversation import ActionChooseLanguage, ActionNotUnderstood, ActionSmallTalk
from actions.topics import ActionAnswerTopic, ActionFindInformatiepunt
from bot.db.migrate import upgrade
from bot.db.session import engine_from_url, session_scope
from bot.dialogue.outcome import Outcome
from bot.language.detection import detect
from bot.usage.recording import record_answer, region_of, source_of
from bot.usage.stats import UsageRow, chart_svg, check_keys, iso_week, record, to_csv, weekly_counts

WEEK = "2026-W48"


@pytest.fixture
def sqlite_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'stats.sqlite3'}"
    upgrade(url)
    engine = engine_from_url(url)
    yield engine
    engine.dispose()


def rows_of(engine):
    with session_scope(engine) as session:
        return weekly_counts(session)


@pytest.mark.unit
def test_usage_counts_has_only_aggregate_columns(sqlite_engine):
    columns = {c["name"] for c in inspect(sqlite_engine).get_columns("usage_counts")}
    assert columns == {"id", "week", "topic", "language", "region", "source", "count"}


@pytest.mark.unit
def test_record_counts_up_per_key_combination(sqlite_engine):
    for _ in range(3):
        record(sqlite_engine, WEEK, "ask_passport_held", "pl", "Noord-Limburg", "qr")
    record(sqlite_engine, WEEK, "ask_passport_held", "ro", "Noord-Limburg", "qr")
    with session_scope(sqlite_engine) as session:  # in a caller's transaction
        record(session, "2026-W49", "find_informatiepunt", "bg", "unknown", "web")
    assert rows_of(sqlite_engine) == [
        UsageRow(WEEK, "ask_passport_held", "pl", "Noord-Limburg", "qr", 3),
        UsageRow(WEEK, "ask_passport_held", "ro", "Noord-Limburg", "qr", 1),
        UsageRow("2026-W49", "find_informatiepunt", "bg", "unknown", "web", 1),
    ]


@pytest.mark.unit
@pytest.mark.parametrize("keys", [
    ("2026-11-26", "ask_passport_held", "pl", "unknown", "web"),  # a date, not a week
    ("2026-W54", "ask_passport_held", "pl", "unknown", "web"),
    (WEEK, "szef zabral mi paszport", "pl", "unknown", "web"),  # text is never a key
    (WEEK, "greet", "pl", "unknown", "web"),
    (WEEK, "ask_passport_held", "de", "unknown", "web"),
    (WEEK, "ask_passport_held", "pl", "", "web"),
    (WEEK, "ask_passport_held", "pl", "unknown", "nla"),
])
def test_keys_outside_the_vocabularies_are_refused(keys, sqlite_engine):
    with pytest.raises(ValueError):
        check_keys(*keys)
    with pytest.raises(ValueError):
        record(sqlite_engine, *keys)
    assert rows_of(sqlite_engine) == []


@pytest.mark.unit
def test_iso_week_uses_the_iso_year():
    assert iso_week(dt.date(2026, 11, 26)) == "2026-W48"
    assert iso_week(dt.date(2027, 1, 1)) == "2026-W53"
    assert iso_week(dt.date(2025, 12, 29)) == "2026-W01"


def hammer(engine, threads=8, each=25):
    errors = []

    def work():
        try:
            for _ in range(each):
                record(engine, WEEK, "ask_unpaid_wages", "pl", "unknown", "whatsapp")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    assert rows_of(engine) == [UsageRow(WEEK, "ask_unpaid_wages", "pl", "unknown", "whatsapp",
                                        threads * each)]


@pytest.mark.unit
def test_concurrent_increments_are_not_lost_on_sqlite(sqlite_engine):
    hammer(sqlite_engine)


@pytest.mark.services
def test_concurrent_increments_are_not_lost_on_postgresql(postgres_url):
    upgrade(postgres_url)
    engine = create_engine(postgres_url, future=True, pool_size=8)
    try:
        hammer(engine)
    finally:
        engine.dispose()


ROWS = [
    UsageRow("2026-W47", "ask_passport_held", "pl", "Noord-Limburg", "qr", 4),
    UsageRow("2026-W48", "ask_passport_held", "ro", "unknown", "web", 2),
    UsageRow("2026-W48", "find_informatiepunt", "bg", "Midden-Brabant", "whatsapp", 5),
]


@pytest.mark.unit
def test_csv_has_a_header_and_one_line_per_counter():
    assert to_csv(ROWS).splitlines() == [
        "week,topic,language,region,source,count",
        "2026-W47,ask_passport_held,pl,Noord-Limburg,qr,4",
        "2026-W48,ask_passport_held,ro,unknown,web,2",
        "2026-W48,find_informatiepunt,bg,Midden-Brabant,whatsapp,5",
    ]


@pytest.mark.unit
def test_chart_is_static_svg_with_escaped_labels():
    hostile = ROWS + [UsageRow("2026-W48", "<script>alert(1)</script>", "en", "unknown",
                               "other", 1)]
    svg = chart_svg(hostile)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert "href" not in svg and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    texts = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "2026-W47" in texts and "find_informatiepunt" in texts
    assert ">8<" in svg and ">4<" in svg  # the totals of week 48 (2 + 5 + 1) and week 47


@pytest.mark.unit
def test_chart_without_data_says_so():
    assert "No questions counted yet" in chart_svg([])


# What is counted: the outcome the reply builder returns (bot/dialogue/outcome.py), no guessing.

@pytest.mark.unit
@pytest.mark.parametrize("outcome, town, expected", [
    (Outcome(topic="ask_passport_held"), None, ("ask_passport_held", "unknown")),
    (Outcome(topic="ask_human", place="Venlo"), None, ("ask_human", "Noord-Limburg")),
    (Outcome(topic="find_informatiepunt", slots={"town": "Tilburg"}), "Venlo",
     ("find_informatiepunt", "Midden-Brabant")),  # the town named now, not the one before
    (Outcome(topic="ask_sick_pay"), "Venlo", ("ask_sick_pay", "Noord-Limburg")),
    (Outcome(slots={"awaiting_town": True}), None, None),  # "which town?": not answered yet
    (Outcome(topic="greet"), None, None),  # not a topic
])
def test_what_an_outcome_counts(outcome, town, expected, sqlite_engine):
    t = tracker("x", "ask_passport_held", slots={"language": "en", "town": town})
    from bot.dialogue.turn import read_turn

    counted = record_answer(t, read_turn(t.latest_message, "en"), outcome,
                            today=lambda: dt.date(2026, 11, 26), engine=sqlite_engine)
    rows = rows_of(sqlite_engine)
    if expected is None:
        assert counted is None and rows == []
    else:
        assert counted == expected[0]
        assert [(r.topic, r.region) for r in rows] == [expected]


@pytest.mark.unit
@pytest.mark.parametrize("sender, channel, metadata, expected", [
    ("web-1234", "rest", [{"src": "web"}], "web"),
    ("web-1234", "rest", [{"src": "nla"}, {"src": "web"}], "qr"),
    ("demo", "rest", [{"src": "nla"}, {}], "qr"),  # only the first message carried it
    ("demo", "rest", [{}], "other"),
    ("a1b2c3", "whatsapp", [{}], "whatsapp"),
    ("whatsapp:+48", "twilio", [None], "whatsapp"),
    ("x", None, [], "other"),
])
def test_source_of_a_conversation(sender, channel, metadata, expected):
    events = [{"event": "user", "metadata": m} for m in metadata]
    assert source_of(sender, channel, events) == expected


@pytest.mark.unit
def test_region_of_the_remembered_municipality():
    assert region_of("Venlo") == "Noord-Limburg"
    assert region_of("Tilburg") == "Midden-Brabant"
    assert region_of(None) == "unknown"
    assert region_of("Atlantis") == "unknown"


# The actions count through record_answer.

def tracker(text, intent, slots=None, sender="web-abc", channel="rest", src="web"):
    parse = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": [],
             "language": detect(text).as_dict(), "metadata": {"src": src}}
    return Tracker.from_dict({
        "sender_id": sender,
        "slots": {"language": None, "pending_topic": None, "awaiting_town": None, "town": None,
                  **(slots or {})},
        "latest_message": parse,
        "events": [{"event": "user", "text": text, "parse_data": parse, "input_channel": channel,
                    "metadata": {"src": src}}],
        "paused": False, "followup_action": None, "active_loop": {},
        "latest_action_name": "action_listen",
    })


def run(action, t, engine, monkeypatch):
    monkeypatch.setattr("bot.usage.recording.shared_engine", lambda *_: engine)
    asyncio.run(action.run(CollectingDispatcher(), t, {}))


@pytest.mark.unit
def test_actions_count_answered_topics_once(sqlite_engine, monkeypatch):
    run(ActionAnswerTopic(), tracker("szef zabral mi paszport", "ask_passport_held", src="nla"),
        sqlite_engine, monkeypatch)
    run(ActionAnswerTopic(), tracker("my boss took my passport", "ask_passport_held",
                                     slots={"town": "Venlo"}, sender="demo"),
        sqlite_engine, monkeypatch)
    run(ActionFindInformatiepunt(), tracker("gdzie jest pomoc", "find_informatiepunt"),
        sqlite_engine, monkeypatch)  # asks "which town?": not yet counted
    run(ActionNotUnderstood(), tracker("Tilburg", "nlu_fallback",
                                       slots={"awaiting_town": True, "language": "pl"}),
        sqlite_engine, monkeypatch)  # the town: now the help is given
    run(ActionSmallTalk(), tracker("dzien dobry", "greet"), sqlite_engine, monkeypatch)
    run(ActionChooseLanguage(), tracker("po polsku", "choose_language", sender="a1",
                                        channel="whatsapp",
                                        slots={"pending_topic": "ask_sick_pay"}),
        sqlite_engine, monkeypatch)
    week = iso_week(dt.date.today())
    assert rows_of(sqlite_engine) == sorted([
        UsageRow(week, "ask_passport_held", "pl", "unknown", "qr", 1),
        UsageRow(week, "ask_passport_held", "en", "Noord-Limburg", "other", 1),
        UsageRow(week, "find_informatiepunt", "pl", "Midden-Brabant", "web", 1),
        UsageRow(week, "ask_sick_pay", "pl", "unknown", "whatsapp", 1),
    ])


class BrokenEngine:
    def begin(self):
        raise RuntimeError("database on fire: szef zabral mi paszport")


@pytest.mark.unit
def test_a_database_error_never_breaks_the_answer_nor_logs_text(monkeypatch, caplog):
    monkeypatch.setattr("bot.usage.stats.Engine", BrokenEngine)
    monkeypatch.setattr("bot.usage.recording.shared_engine", lambda *_: BrokenEngine())
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.WARNING):
        asyncio.run(ActionAnswerTopic().run(
            dispatcher, tracker("szef zabral mi paszport", "ask_passport_held"), {}))
    assert "0800 51 51" in dispatcher.messages[0]["text"]
    assert "usage statistics not recorded: RuntimeError" in caplog.text
    assert "paszport" not in caplog.text


@pytest.mark.unit
def test_record_answer_returns_the_topic_counted(sqlite_engine):
    t = tracker("boss took my passport", "ask_passport_held", slots={"language": "en"})
    from bot.dialogue.turn import read_turn

    turn = read_turn(t.latest_message, "en")
    assert record_answer(t, turn, Outcome(topic="ask_passport_held"),
                         today=lambda: dt.date(2026, 11, 26),
                         engine=sqlite_engine) == "ask_passport_held"
    assert rows_of(sqlite_engine) == [UsageRow(WEEK, "ask_passport_held", "en", "unknown", "web",
                                               1)]
