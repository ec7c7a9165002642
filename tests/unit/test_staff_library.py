"""The staff answer library without a web server: passwords, accounts and the command line,
sessions, CSRF, login rate limiting, search, proposals and approvals, and the bot's answers
after an approval."""
import datetime as dt

import pytest
from sqlalchemy import select

from bot.__main__ import main
from bot.answers.approved import clear_approved_cache
from bot.answers.library import current_answer, load_library
from bot.db.migrate import upgrade
from bot.db.session import engine_from_url, session_scope
from bot.db.staff_models import AnswerRevision, StaffUser
from bot.dialogue.replies import faq_answer
from bot.staff import csrf, rate_limit
from bot.staff import revisions as library
from bot.staff.passwords import PasswordTooShort, hash_password, verify_password
from bot.staff.plain_text import whatsapp_text
from bot.staff.search import search
from bot.staff.sessions import end_session, resume_session, start_session
from bot.staff.settings import cookie_secure
from bot.staff.users import UserError, add_user, find_user, remove_user, set_role

pytestmark = pytest.mark.unit
PASSWORD = "a long enough password"


@pytest.fixture
def own_db(tmp_path, monkeypatch):
    """A database of its own (migrated, library loaded) as DATABASE_URL, so approvals here never
    change what other tests' bot answers say."""
    url = f"sqlite:///{tmp_path / 'staff.sqlite3'}"
    upgrade(url)
    engine = engine_from_url(url)
    with session_scope(engine) as session:
        library.load_answers(session)
    monkeypatch.setenv("DATABASE_URL", url)
    clear_approved_cache()
    yield engine
    engine.dispose()
    clear_approved_cache()


def texts(engine):
    with session_scope(engine) as session:
        return {t: e.texts for t, e in library.topics(session).items()}


def test_passwords_are_argon2_hashes_and_short_ones_are_refused():
    hashed = hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert verify_password(hashed, PASSWORD)
    assert not verify_password(hashed, PASSWORD + "x")
    assert not verify_password(None, PASSWORD)  # unknown user
    assert not verify_password("not a hash", PASSWORD)
    with pytest.raises(PasswordTooShort):
        hash_password("eleven chrs")


def test_command_line_adds_changes_and_removes_users(own_db, monkeypatch, capsys):
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    assert main(["staff", "add-user", "anna", "--role", "viewer"]) == 0
    assert main(["staff", "add-user", "anna", "--role", "viewer"]) == 1  # exists already
    with session_scope(own_db) as session:
        user = find_user(session, "anna")
        assert user.role == "viewer" and verify_password(user.password_hash, PASSWORD)
    assert main(["staff", "set-role", "anna", "editor"]) == 0
    with session_scope(own_db) as session:
        assert find_user(session, "anna").role == "editor"
    assert main(["staff", "remove-user", "anna"]) == 0
    assert main(["staff", "remove-user", "anna"]) == 1
    monkeypatch.setenv("STAFF_PASSWORD", "too short")
    assert main(["staff", "add-user", "bert", "--role", "editor"]) == 1
    with session_scope(own_db) as session:
        assert session.execute(select(StaffUser)).first() is None
    with pytest.raises(SystemExit):
        main(["staff", "add-user", "carl", "--role", "admin"])
    assert "at least 12 characters" in capsys.readouterr().err


def test_the_session_database_holds_no_users_by_default():
    # tests/conftest.py migrated and loaded it: no default accounts come with the schema or data.
    with session_scope(engine_from_url()) as session:
        names = [u.name for u in session.execute(select(StaffUser)).scalars()]
    assert not any(name in ("admin", "staff", "editor", "viewer") for name in names)


def test_user_names_and_roles_are_checked(own_db):
    with session_scope(own_db) as session:
        with pytest.raises(UserError):
            add_user(session, "has space", PASSWORD, "viewer")
        with pytest.raises(UserError):
            add_user(session, "dora", PASSWORD, "admin")
        add_user(session, "dora", PASSWORD, "viewer")
        with pytest.raises(UserError):
            set_role(session, "dora", "root")
        with pytest.raises(UserError):
            remove_user(session, "nobody")


def test_sessions_expire_when_idle_and_end_at_logout(own_db, monkeypatch):
    now = dt.datetime(2026, 3, 1, 9, 0)
    with session_scope(own_db) as session:
        user = add_user(session, "eva", PASSWORD, "editor")
        token = start_session(session, user, now)
    with session_scope(own_db) as session:
        staff = resume_session(session, token, now + dt.timedelta(hours=7))
        assert staff.name == "eva" and staff.is_editor and staff.csrf
        assert resume_session(session, token + "x", now) is None
        assert resume_session(session, None, now) is None
    with session_scope(own_db) as session:  # 7 h after the last use: still alive
        assert resume_session(session, token, now + dt.timedelta(hours=14)) is not None
    with session_scope(own_db) as session:  # more than 8 h idle: gone for good
        assert resume_session(session, token, now + dt.timedelta(hours=22, minutes=1)) is None
    with session_scope(own_db) as session:
        assert resume_session(session, token, now + dt.timedelta(hours=14)) is None
    with session_scope(own_db) as session:
        other = start_session(session, find_user(session, "eva"), now)
        end_session(session, other)
    with session_scope(own_db) as session:
        assert resume_session(session, other, now) is None
    monkeypatch.setenv("STAFF_SESSION_HOURS", "1")
    with session_scope(own_db) as session:
        third = start_session(session, find_user(session, "eva"), now)
    with session_scope(own_db) as session:
        assert resume_session(session, third, now + dt.timedelta(minutes=61)) is None


def test_csrf_tokens_compare_whole_and_never_empty():
    token = csrf.new_token()
    assert csrf.valid(token, token)
    assert not csrf.valid(token, token[:-1])
    assert not csrf.valid(token, "")
    assert not csrf.valid("", "")
    assert not csrf.valid(None, None)


def test_secure_cookie_unless_plain_http_on_loopback(monkeypatch):
    monkeypatch.delenv("STAFF_COOKIE_SECURE", raising=False)
    assert not cookie_secure("http", "127.0.0.1:8080")
    assert not cookie_secure("http", "localhost:8080")
    assert not cookie_secure("http", "[::1]:8080")
    assert cookie_secure("http", "staff.example.nl")
    assert cookie_secure("https", "localhost:8443")
    monkeypatch.setenv("STAFF_COOKIE_SECURE", "1")
    assert cookie_secure("http", "127.0.0.1:8080")
    monkeypatch.setenv("STAFF_COOKIE_SECURE", "0")
    assert not cookie_secure("https", "staff.example.nl")


def test_five_failed_logins_per_name_and_address_lock_for_fifteen_minutes(own_db):
    now = dt.datetime(2026, 3, 1, 9, 0)
    pair = rate_limit.key("Eva", "10.0.0.1")
    assert pair == rate_limit.key(" eva ", "10.0.0.1") and "10.0.0.1" not in pair
    with session_scope(own_db) as session:
        for minute in range(5):
            assert not rate_limit.is_limited(session, pair, now)
            rate_limit.record_failure(session, pair, now + dt.timedelta(minutes=minute))
    with session_scope(own_db) as session:  # held in the database: a new session sees it
        assert rate_limit.is_limited(session, pair, now + dt.timedelta(minutes=5))
        assert not rate_limit.is_limited(session, rate_limit.key("eva", "10.0.0.2"), now)
        assert not rate_limit.is_limited(session, pair, now + dt.timedelta(minutes=16))
        rate_limit.clear(session, pair)
        assert not rate_limit.is_limited(session, pair, now + dt.timedelta(minutes=5))


@pytest.mark.parametrize("query", ["paszport", "passport", "паспорт", "paspoort", "pașaport",
                                   "PASZPORT", "pasport", "paszportu"])
def test_search_in_any_language_finds_the_passport_topic_first(query):
    library_texts = {t: a.texts for t, a in load_library().items()}
    hits = search(query, library_texts)
    assert hits and hits[0].topic == "ask_passport_held", [h.topic for h in hits[:3]]


def test_search_reads_the_database_texts():
    with session_scope(engine_from_url()) as session:
        entries = library.topics(session)
    assert set(entries) == set(load_library())
    assert search("zorgverzekering", {t: e.texts for t, e in entries.items()})[0].topic == \
        "ask_health_insurance"


@pytest.mark.parametrize("query", ["' OR 1=1 --", "%", "_", "%%", "\" OR \"\"=\"", "\x00", ""])
def test_sql_looking_searches_find_nothing(query):
    assert search(query, {t: a.texts for t, a in load_library().items()}) == []


@pytest.mark.parametrize("query", ["'; DROP TABLE staff_users; --", "paszport' OR '1'='1",
                                   "a" * 5000, "паспорт%"])
def test_sql_looking_searches_are_just_words(query):
    library_texts = {t: a.texts for t, a in load_library().items()}
    assert all(hit.topic in library_texts for hit in search(query, library_texts))
    with session_scope(engine_from_url()) as session:  # every table is still there
        assert session.execute(select(StaffUser)).all() is not None
        assert len(library.topics(session)) == len(library_texts)


def test_loading_the_library_again_adds_nothing(own_db):
    with session_scope(own_db) as session:
        assert library.load_answers(session)["new_file_revisions"] == 0
        count = len(session.execute(select(AnswerRevision)).all())
    assert count == sum(len(a.texts) for a in load_library().values())


def make_editors(engine, *names):
    with session_scope(engine) as session:
        for name in names:
            add_user(session, name, PASSWORD, "editor")


def test_a_proposal_needs_a_second_editor_and_history_keeps_everything(own_db):
    make_editors(own_db, "ann", "bob")
    original = load_library()["ask_passport_held"].text("pl")
    new_text = original + "\n- Nowa linia od zespołu."
    with session_scope(own_db) as session:
        proposal = library.propose(session, "ask_passport_held", "pl", new_text, "ann")
        with pytest.raises(library.NotAllowed):
            library.approve(session, proposal.id, "ann")
        pid = proposal.id
    assert texts(own_db)["ask_passport_held"]["pl"] == original  # not before approval
    with session_scope(own_db) as session:
        library.approve(session, pid, "bob")
        with pytest.raises(library.LibraryError):
            library.approve(session, pid, "bob")  # decided already
    assert texts(own_db)["ask_passport_held"]["pl"] == new_text
    with session_scope(own_db) as session:
        rejected = library.propose(session, "ask_passport_held", "pl", "Inny tekst.", "bob")
        library.reject(session, rejected.id, "ann")
        history = library.history(session, "ask_passport_held")
        mine = [(r.number, r.language, r.status, r.proposed_by, r.decided_by)
                for r in history if r.language == "pl"]
    assert mine == [(3, "pl", "rejected", "bob", "ann"), (2, "pl", "approved", "ann", "bob"),
                    (1, "pl", "file", "data/faq", "data/faq")]
    assert texts(own_db)["ask_passport_held"]["pl"] == new_text


@pytest.mark.parametrize("text, why", [
    ("", "empty"), ("x" * 4001, "longer"), ("Stawka {wage_21} za godzinę.", "placeholders"),
])
def test_proposals_are_checked(own_db, text, why):
    with session_scope(own_db) as session:
        with pytest.raises(library.LibraryError, match=why):
            library.propose(session, "ask_passport_held", "pl", text, "ann")


def test_a_proposal_keeps_the_facts_placeholders(own_db):
    original = load_library()["ask_minimum_wage"].text("nl")
    assert "{wage_21}" in original
    with session_scope(own_db) as session:
        with pytest.raises(library.LibraryError, match="placeholders"):
            library.propose(session, "ask_minimum_wage", "nl",
                            original.replace("{wage_21}", "€ 14"), "ann")
        with pytest.raises(library.LibraryError, match="unknown"):
            library.propose(session, "no_such_topic", "nl", "tekst", "ann")
        with pytest.raises(library.LibraryError, match="unknown"):
            library.propose(session, "ask_minimum_wage", "de", "Text", "ann")
        library.propose(session, "ask_minimum_wage", "nl", original + "\nNieuw.", "ann")


def test_the_bot_answers_with_the_approved_text(own_db):
    make_editors(own_db, "ann", "bob")
    before = faq_answer("ask_passport_held", "ro")[0].text
    new_text = "Pașaportul este al dumneavoastră. Text aprobat de echipă."
    with session_scope(own_db) as session:
        pid = library.propose(session, "ask_passport_held", "ro", new_text, "ann").id
    clear_approved_cache()
    assert faq_answer("ask_passport_held", "ro")[0].text == before  # proposed is not enough
    with session_scope(own_db) as session:
        library.approve(session, pid, "bob")
    clear_approved_cache()  # the bot's processes see it within APPROVED_TTL_SECONDS
    after = faq_answer("ask_passport_held", "ro")[0].text
    assert after.startswith(new_text) and after != before
    assert load_library()["ask_passport_held"].links[0] in after  # sources and date stay
    assert faq_answer("ask_passport_held", "pl")[0].text.startswith(
        load_library()["ask_passport_held"].text("pl"))  # other languages unchanged
    assert load_library()["ask_passport_held"].text("ro") != new_text  # files untouched


def test_a_later_change_of_the_file_replaces_an_approved_text(own_db):
    make_editors(own_db, "ann", "bob")
    with session_scope(own_db) as session:
        pid = library.propose(session, "ask_human", "en", "Approved text.", "ann").id
        library.approve(session, pid, "bob")
    assert texts(own_db)["ask_human"]["en"] == "Approved text."
    changed = {t: a for t, a in load_library().items()}
    answer = changed["ask_human"]
    changed["ask_human"] = type(answer)(answer.topic,
                                        {**answer.texts, "en": "Re-checked file text."},
                                        answer.sources, answer.last_checked)
    with session_scope(own_db) as session:
        assert library.load_answers(session, changed)["new_file_revisions"] == 1
    assert texts(own_db)["ask_human"]["en"] == "Re-checked file text."


def test_the_bot_uses_the_files_when_the_database_is_away(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'none.sqlite3'}")
    clear_approved_cache()
    try:
        assert current_answer("ask_passport_held") == load_library()["ask_passport_held"]
        assert not (tmp_path / "missing").exists()
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        (tmp_path / "empty.sqlite3").write_bytes(b"")  # a database without the tables
        clear_approved_cache()
        assert current_answer("ask_passport_held") == load_library()["ask_passport_held"]
        monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
        clear_approved_cache()
        assert faq_answer("ask_passport_held", "pl")[0].text.startswith(
            load_library()["ask_passport_held"].text("pl"))
    finally:
        clear_approved_cache()


def test_whatsapp_text_is_plain_with_sources_and_date_at_the_end():
    answer = load_library()["ask_passport_held"]
    text = whatsapp_text(answer, "bg", dt.date(2026, 3, 1))
    lines = text.splitlines()
    assert lines[0].startswith("*") and lines[0].endswith("*")
    assert answer.text("bg").splitlines()[0] in text
    assert "<" not in text and ">" not in text
    assert lines[-1].startswith("Последна проверка") or "2026" in lines[-1]
    assert lines[-2] == ""
    assert lines[-3] == answer.links[-1] and all(link in lines for link in answer.links)
    filled = whatsapp_text(load_library()["ask_minimum_wage"], "pl", dt.date(2026, 3, 1))
    assert "{wage_21}" not in filled and "€" in filled
