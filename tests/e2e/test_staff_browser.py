"""The staff answer library in real Chromium, against the real web app and Rasa server: log in,
search in Polish, see all five languages, copy an answer for WhatsApp, and let the bot suggest
the answer to a worker's Polish message."""
import re
import uuid

import pytest
from playwright.sync_api import expect

from bot.answers.library import load_library
from bot.db.session import engine_from_url, session_scope
from bot.staff.users import add_user

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
PASSWORD = "browser test password"
LANGUAGES = ("pl", "ro", "bg", "nl", "en")


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
