"""The staff answer library in real Chromium, against the real web app and Rasa server: log in,
search in Polish, see all five languages, copy an answer for WhatsApp, and let the bot suggest
the answer to a worker's Polish message. The pages in Dutch and English, checked with axe-core
(WCAG 2.1 A/AA)."""
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bot import messages as M
from bot.answers.library import load_library
from bot.db.session import engine_from_url, session_scope
from bot.i18n import translate
from bot.staff.users import add_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
PASSWORD = "browser test password"
LANGUAGES = ("pl", "ro", "bg", "nl", "en")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def first_line(topic, lang):
    return load_library()[topic].text(lang).splitlines()[0]


@pytest.fixture(scope="module")
def viewer():
    """A staff account in the test database (DATABASE_URL, which the web app also uses)."""
    name = f"browser-{uuid.uuid4().hex[:8]}"
    engine = engine_from_url()
    with session_scope(engine) as session:
        add_user(session, name, PASSWORD, "viewer")
    engine.dispose()
    return name


def test_staff_log_in_search_copy_and_suggest(browser, web, viewer):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web.url)
    page = context.new_page()

    # Not logged in: the library sends us to the login form.
    page.goto(f"{web.url}/staff")
    expect(page).to_have_url(re.compile(r"/staff/login$"))
    page.fill("#name", viewer)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/staff$"))
    expect(page.locator("header .who")).to_have_text(f"{viewer} (viewer)")

    # Search in Polish: the passport topic comes first, in all five languages side by side.
    page.fill("#q", "paszport")
    page.press("#q", "Enter")
    expect(page.locator("section.topic").first).to_have_attribute("id", "topic-ask_passport_held")
    topic = page.locator("#topic-ask_passport_held")
    expect(topic.locator("article.answer")).to_have_count(5)
    for lang in LANGUAGES:
        expect(topic.locator(f"article[data-lang={lang}] .text")).to_contain_text(
            first_line("ask_passport_held", lang))
    answer = load_library()["ask_passport_held"]
    expect(topic.locator(".sources a")).to_have_count(len(answer.links))
    expect(topic.locator("time")).to_have_attribute("datetime", answer.last_checked.isoformat())

    # Copy the Romanian answer: WhatsApp-ready plain text on the clipboard.
    romanian = topic.locator("article[data-lang=ro]")
    romanian.get_by_role("button", name="Copy").click()
    expect(romanian.locator(".copied")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    plain = page.request.get(f"{web.url}/staff/answers/ask_passport_held/ro.txt")
    assert plain.ok and copied == plain.text()
    assert copied.startswith("*") and first_line("ask_passport_held", "ro") in copied
    assert answer.links[-1] in copied.splitlines() and "<" not in copied

    # Suggest: a worker's Polish message -> Polish, the passport topic, its Polish answer.
    page.get_by_role("link", name="Suggest").click()
    page.fill("#message", "szef zabrał mi paszport i nie chce oddać")
    page.get_by_role("button", name="Suggest").click()
    expect(page.locator(".language strong")).to_have_attribute("data-code", "pl")
    expect(page.locator(".language")).to_contain_text("Polski")
    suggested = page.locator("article.suggested")
    expect(suggested).to_have_attribute("data-topic", "ask_passport_held")
    expect(suggested).to_have_attribute("data-lang", "pl")
    expect(suggested.locator(".text")).to_contain_text(first_line("ask_passport_held", "pl"))
    # Topics by their names, never by intent ids (issue 18).
    expect(page.locator("ol.ranking li").first).to_contain_text("My passport is being kept")
    expect(page.locator("ol.ranking li").first).not_to_contain_text("ask_passport_held")
    expect(page.locator("ol.ranking li").first.locator(".confidence")).to_have_text(
        re.compile(r"^\d+%$"))
    suggested.get_by_role("button", name="Copy").click()
    expect(suggested.locator(".copied")).to_have_text("Copied")
    assert first_line("ask_passport_held", "pl") in page.evaluate("navigator.clipboard.readText()")
    context.close()


def test_the_copy_fallback_without_the_clipboard_api(browser, web, viewer):
    """Without clipboard permission the text is shown selected for Ctrl+C (or copied)."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.goto(f"{web.url}/staff/login")
    page.fill("#name", viewer)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{web.url}/staff/topics/ask_passport_held")
    bulgarian = page.locator("article[data-lang=bg]")
    bulgarian.get_by_role("button", name="Copy").click()
    expect(bulgarian.locator("textarea.copy-text")).to_have_class(re.compile(r"\bshown\b"))
    expect(bulgarian.locator(".copied")).to_have_text(re.compile("Copied|Ctrl\\+C"))
    expect(bulgarian.locator("textarea.copy-text")).to_have_value(
        re.compile(re.escape(first_line("ask_passport_held", "bg"))))
    context.close()


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
        v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")


# The browser's language: Chromium sends it as Accept-Language.
BROWSER_LOCALES = {"nl": "nl-NL", "en": "en-GB"}
WORDS = {"nl": {"log_in": "Inloggen", "wrong": "Gebruikersnaam of wachtwoord klopt niet.",
                "library": "Antwoordenbank", "copy": "Kopiëren", "copied": "Gekopieerd",
                "suggest": "Antwoord zoeken", "role": "lezer", "other": "English"},
         "en": {"log_in": "Log in", "wrong": "Wrong user name or password.",
                "library": "Answer library", "copy": "Copy", "copied": "Copied",
                "suggest": "Suggest", "role": "viewer", "other": "Nederlands"}}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_staff_pages_in_dutch_and_english_pass_axe(browser, web, viewer, lang):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core with npm ci")
    words = WORDS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True,
                                  locale=BROWSER_LOCALES[lang])  # bypass_csp: to inject axe
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=web.url)
    page = context.new_page()
    page.goto(f"{web.url}/staff/login")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(words["log_in"])
    assert axe_violations(page) == []  # the login form

    page.fill("#name", viewer)
    page.fill("#password", "not the password")
    page.get_by_role("button", name=words["log_in"]).click()
    error = page.locator("#login-error")
    expect(error).to_have_text(words["wrong"])
    for field in ("#name", "#password"):
        expect(page.locator(field)).to_have_attribute("aria-invalid", "true")
        expect(page.locator(field)).to_have_attribute("aria-describedby", "login-error")
    # The error is the fields' description for a screen reader, in the page's language.
    assert page.evaluate("""() => document.getElementById('password').ariaDescribedByElements
        ? document.getElementById('password').ariaDescribedByElements[0].id
        : document.getElementById(document.getElementById('password')
            .getAttribute('aria-describedby')).id""") == "login-error"
    assert axe_violations(page) == []  # the login form with its error

    page.fill("#name", viewer)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name=words["log_in"]).click()
    expect(page).to_have_url(re.compile(r"/staff$"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("h1")).to_have_text(words["library"])
    expect(page.locator("header .who")).to_have_text(f"{viewer} ({words['role']})")
    passport = translate(lang, M.TOPIC_TITLES["ask_passport_held"])
    expect(page.locator("ul.topics")).to_contain_text(passport)
    expect(page.locator("main")).not_to_contain_text("ask_passport_held")
    assert axe_violations(page) == []  # the library: all topics

    page.fill("#q", "paszport")
    page.press("#q", "Enter")
    topic = page.locator("#topic-ask_passport_held")
    expect(topic.locator("h2")).to_have_text(passport)
    expect(page.locator("main")).not_to_contain_text("ask_passport_held")
    assert axe_violations(page) == []  # search results
    romanian = topic.locator("article[data-lang=ro]")
    romanian.get_by_role("button", name=words["copy"]).click()
    expect(romanian.locator(".copied")).to_have_text(words["copied"])

    page.get_by_role("link", name=words["suggest"]).click()
    page.fill("#message", "szef zabrał mi paszport i nie chce oddać")
    page.locator("form.suggest button[type=submit]").click()
    expect(page.locator("ol.ranking li").first).to_contain_text(passport)
    expect(page.locator("main")).not_to_contain_text("ask_passport_held")

    # The switch in the header: the other language, on the same page, and it stays.
    page.goto(f"{web.url}/staff")
    page.get_by_role("link", name=words["other"]).click()
    other = "en" if lang == "nl" else "nl"
    expect(page).to_have_url(re.compile(r"/staff$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.locator("h1")).to_have_text(WORDS[other]["library"])
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert axe_violations(page) == []
    context.close()
