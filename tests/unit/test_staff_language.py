"""The staff pages in Dutch and English (bot/staff/staff_language.py): the language choice, the
`staff` catalog (complete, not stale, placeholders kept), messages of the Python code translated
when shown, and topics by their names."""
import datetime as dt
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po

from bot import messages as M
from bot.i18n import translate
from bot.staff import staff_language as L
from bot.staff.render import OTHER_INTENTS, STATUS_NAMES, render, status_name, topic_name

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
POT = ROOT / "locales" / "staff.pot"
DUTCH = ROOT / "locales" / "nl" / "LC_MESSAGES" / "staff.po"
# str.format placeholders (Python messages), %(name)s (templates), HTML tags, a literal %%.
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s|</?\w+[^>]*>|%%")


def read(path: Path):
    with path.open("rb") as f:
        return read_po(f, locale="nl" if path == DUTCH else None)


def texts(string) -> tuple:
    return string if isinstance(string, tuple) else (string,)


def test_the_staff_template_has_every_string_the_pages_and_code_use(tmp_path):
    out = tmp_path / "staff.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel-staff.cfg",
         "-k", "S_", "--add-comments=Translators:", "--add-location=never", "--no-wrap",
         "--omit-header", "-o", str(out), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    assert {m.id for m in read(out)} == {m.id for m in read(POT)}, (
        "locales/staff.pot is stale: run make translations"
    )


def test_the_dutch_catalog_has_every_string_of_the_template():
    assert {m.id for m in read(POT) if m.id} == {m.id for m in read(DUTCH) if m.id}, (
        "locales/nl/LC_MESSAGES/staff.po is behind locales/staff.pot: run make translations"
    )


def test_every_dutch_string_is_translated_and_keeps_its_placeholders():
    catalog = read(DUTCH)
    assert catalog.plural_forms.startswith("nplurals=2;")
    for message in catalog:
        if not message.id:
            continue
        assert all(texts(message.string)), f"untranslated {message.id!r}"
        assert not message.fuzzy, f"fuzzy {message.id!r}"
        for english, dutch in zip(texts(message.id) * 2, texts(message.string), strict=False):
            assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(dutch)), (
                message.id, message.string)


def test_the_python_marker_is_not_one_the_bots_own_catalog_extracts():
    """The bot's catalog (make translations, -k N_ plus Babel's defaults) must not pick up the
    staff messages: S_ is no default keyword."""
    from babel.messages.extract import DEFAULT_KEYWORDS

    assert "S_" not in DEFAULT_KEYWORDS
    with (ROOT / "locales" / "messages.pot").open("rb") as f:
        bot_ids = {m.id for m in read_po(f)}
    assert "Wrong user name or password." not in bot_ids


@pytest.mark.parametrize("header, lang", [
    (None, "en"), ("", "en"), ("nl", "nl"), ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
    ("en-GB,en;q=0.9,nl;q=0.8", "en"), ("pl,nl;q=0.7,en;q=0.5", "nl"), ("pl,en;q=0.7", "en"),
    ("de-DE", "en"), ("nl;q=0, en", "en"), ("nl;q=nan", "en"), ("nl;q=abc,en;q=0.1", "en"),
    ("NL-be", "nl"), ("*", "en"), ("x" * 5000 + ",nl", "en"),
])
def test_the_browsers_language_decides_without_a_choice(header, lang):
    assert L.from_accept_language(header) == lang
    assert L.choose(None, header) == lang


def test_the_switch_beats_the_browser_and_odd_cookies_are_ignored():
    assert L.choose("en", "nl") == "en" and L.choose("nl", "en") == "nl"
    assert L.choose("de", "nl") == "nl" and L.choose("<script>", None) == "en"


def test_the_request_language_is_kept_on_the_request():
    request = SimpleNamespace(cookies={}, headers={"accept-language": "nl"},
                              ctx=SimpleNamespace())
    assert L.staff_language(request) == "nl" and request.ctx.staff_lang == "nl"
    without_headers = SimpleNamespace(cookies={L.COOKIE: "nl"}, ctx=SimpleNamespace())
    assert L.staff_language(without_headers) == "nl"


@pytest.mark.parametrize("target", [
    "/staff", "/staff/facts", "/staff/topics/ask_passport_held", "/staff?q=paszport",
    "/staff/login/code",
])
def test_next_stays_on_the_staff_pages(target):
    assert L.safe_next(target) == target


@pytest.mark.parametrize("target", [
    None, "", "https://evil.example/staff", "//evil.example/staff", "/\\evil.example",
    "/staff\\..\\x", "/staffing", "/", "/api/message", "javascript:alert(1)", "/staff/../x",
    "/staff\r\nSet-Cookie: x=1", "/staff#top", "/staff/" + "a" * 600, "http:/staff",
])
def test_next_never_leads_off_the_staff_pages(target):
    assert L.safe_next(target) == "/staff"


@pytest.mark.parametrize("post, page", [
    ("/staff/topics/ask_payslip/nl/propose", "/staff/topics/ask_payslip"),
    ("/staff/handovers/abc/reply", "/staff/handovers/abc"),
    ("/staff/facts/minimum-wage/propose", "/staff/facts"),
    ("/staff/login", "/staff/login"), ("/staff/login/code", "/staff/login/code"),
    ("/staff/proposals/3/approve", "/staff"), ("/staff/logout", "/staff"),
])
def test_after_a_post_the_switch_and_the_expired_page_lead_to_the_forms_page(post, page):
    assert L.form_page(post) == page


def test_messages_with_values_are_translated_values_and_all():
    from bot.staff.revisions import LibraryError

    error = LibraryError(L.S_("the text must keep exactly these placeholders: {shown}"),
                         shown=L.Msg(L.S_("none")))
    assert str(error) == "the text must keep exactly these placeholders: none"
    assert L.localize("nl", error.text) == "de tekst moet precies deze invulvelden houden: geen"
    assert L.localize("nl", "annika") == "annika"  # data, no msgid: as it is
    assert L.localize("nl", None) is None


def test_topics_are_named_in_the_staff_language_never_by_their_ids():
    dutch = translate("nl", M.TOPIC_TITLES["ask_passport_held"])
    assert dutch != M.TOPIC_TITLES["ask_passport_held"]
    assert topic_name("ask_passport_held", "nl") == dutch
    assert topic_name("ask_passport_held", "en") == "My passport is being kept"
    for intent in [*M.TOPIC_TITLES, *OTHER_INTENTS, "some_new_intent"]:
        for lang in L.LANGUAGES:
            assert "_" not in topic_name(intent, lang), (intent, lang)
    assert status_name("waiting", "nl") == "wacht" and status_name("closed", "nl") == "gesloten"
    assert status_name("answered", "nl") == "beantwoord" and status_name("odd", "nl") == "odd"
    assert all(status_name(s, "en") == s for s in STATUS_NAMES)


def test_the_reasons_to_check_say_what_bot_answers_freshness_says():
    """The facts page words each item from its kind and date; in English exactly as the
    content report (bot/answers/freshness.py) writes it."""
    from bot.answers.freshness import answer_items, fact_items, point_items
    from bot.answers.library import load_library
    from bot.answers.minimum_wage import wage_table
    from bot.staff.fact_views import check_reason

    table = wage_table()
    items = []
    for today in (table.known_until - dt.timedelta(days=10), table.known_until + dt.timedelta(1)):
        items += [(i, today) for i in fact_items(table, today)]
    far = dt.date(2040, 1, 1)
    items += [(i, far) for i in answer_items(load_library(), far)][:2]
    points = [{"name": "A", "record_checked": dt.date(2026, 1, 5)},
              {"name": "B", "record_checked": dt.date(2039, 6, 1), "status": "unconfirmed"}]
    items += [(i, far) for i in point_items(points, far)]
    assert {i.kind for i, _ in items} == {"fact", "answer", "help_point"} and len(items) >= 5
    for item, today in items:
        assert L.localize("en", check_reason(item, today)) == item.reason
        assert L.localize("nl", check_reason(item, today)) != item.reason


def test_the_handover_stores_refusals_are_translated():
    from bot.handover import store
    from bot.staff.handover_views import STORE_ERRORS

    refusals = []
    for status, text in (("waiting", " "), ("waiting", "x" * (store.MAX_REPLY + 1)),
                         ("closed", "Dzień dobry")):
        with pytest.raises(store.HandoverError) as raised:
            store.reply(None, SimpleNamespace(status=status), "ann", text)
        refusals.append(str(raised.value))
    assert all(r in STORE_ERRORS for r in refusals), refusals
    assert L.localize("nl", STORE_ERRORS[refusals[0]]) == "Schrijf eerst een reactie."


@pytest.mark.parametrize("lang", L.LANGUAGES)
def test_html_lang_and_the_switch_follow_the_staff_language(lang):
    html = render("login.html", lang, staff=None, title="x", notice=None, error=None,
                  login_csrf="t", name="", invalid=False, here="/staff/login")
    assert f'<html lang="{lang}">' in html
    other = "en" if lang == "nl" else "nl"
    assert f'href="/staff/language?to={other}&amp;next=/staff/login"' in html
    assert 'aria-current="true"' in html
    assert ("Inloggen" in html) == (lang == "nl") and ("Log in" in html) == (lang == "en")


def visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_handover_pages_in_dutch_show_topic_names_and_status_words():
    when = dt.datetime(2026, 12, 1, 9, 30)
    staff = SimpleNamespace(name="ann", role="editor", csrf="t", is_editor=True)
    handover = SimpleNamespace(
        language="pl", region="national", channel="web", created_at=when, status="answered",
        assigned_to="ann", question="szef zabral mi paszport", transcript="", public_id="abc")
    reply = SimpleNamespace(staff="ann", created_at=when, delivered_at=when, announced_at=None,
                            text="Dzień dobry")
    page = render("handover.html", "nl", staff=staff, title="Vraag", notice=None, error=None,
                  here="/staff/handovers/abc", handover=handover, replies=[reply],
                  answers=[("ask_passport_held", "*Paszport*")], draft="",
                  regions=["national", "Noord-Limburg"], colleagues=["ann", "bob"])
    text = visible(page)
    assert topic_name("ask_passport_held", "nl") in text and "ask_passport_held" not in text
    assert "status beantwoord" in text and "bij ann" in text and "afgeleverd op" in text
    assert "In de reactie zetten" in text and "het landelijke team" in text
    assert '<option value="ann" selected>ann (ik)</option>' in page
    inbox = render("handovers.html", "nl", staff=staff, title="Vragen", notice=None,
                   error=None, here="/staff/handovers", regions=["national"],
                   handovers=[handover], waiting=lambda h: "5 min", enrol_first=False)
    assert '<td data-status="answered">beantwoord</td>' in inbox and "Openen" in inbox
    english = render("handover.html", "en", staff=staff, title="Question", notice=None,
                     error=None, here="/staff/handovers/abc", handover=handover,
                     replies=[reply], answers=[("ask_passport_held", "x")], draft="",
                     regions=[], colleagues=[])
    assert "My passport is being kept" in english and "Insert into the reply" in english
    assert "status answered" in english and " · delivered 01-12-2026 09:30 UTC" in english
