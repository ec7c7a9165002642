"""The web chat a worker on a cheap phone can rely on, in real Chromium at phone sizes: the start
of an answer on screen, the input reachable, nothing lost offline or on reload, and accessible
(axe-core for WCAG 2.1 A/AA, and the checks axe cannot make). Screenshots go to tests/artifacts/.
"""
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bot import messages as M
from bot.answers.library import load_library
from bot.i18n import translate

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONES = [{"width": 320, "height": 640}, {"width": 360, "height": 740}]


def first_line(topic, lang):
    return load_library()[topic].text(lang).splitlines()[0]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] and box["y"] + min(box["height"], 24) <= height


@pytest.mark.parametrize("size", PHONES, ids=["320x640", "360x740"])
def test_the_start_of_each_answer_and_the_input_are_on_screen(browser, web, size):
    page = browser.new_page(viewport=size)
    page.goto(f"{web.url}/?lang=pl&topic=ask_passport_held&src=nla")
    answer = page.locator("#log li.bot").filter(has_text=first_line("ask_passport_held", "pl"))
    expect(answer).to_have_count(1)
    page.wait_for_timeout(300)
    first = page.get_by_text(first_line("ask_passport_held", "pl")[:40], exact=False).first
    assert in_view(page, first), "the first line of the answer is above or below the screen"
    assert in_view(page, page.locator("#text"))
    shot(page, f"chat-qr-passport-{size['width']}")
    page.fill("#text", "skonczyla mi sie praca czy mam jeszcze ubezpieczenie zdrowotne")
    page.keyboard.press("Enter")
    expect(page.locator("#log li.bot").filter(
        has_text=first_line("ask_health_insurance", "pl"))).to_have_count(1)
    page.wait_for_timeout(300)
    first = page.get_by_text(first_line("ask_health_insurance", "pl")[:40], exact=False).first
    assert in_view(page, first) and in_view(page, page.locator("#text"))
    # The header is one line now: the answers get the screen.
    assert page.locator("header").bounding_box()["height"] <= 0.1 * size["height"]
    shot(page, f"chat-second-answer-{size['width']}")
    page.close()


def test_the_language_menu_has_a_label_and_shows_the_current_language(browser, web):
    page = browser.new_page(viewport=PHONES[0])
    page.goto(f"{web.url}/?lang=bg")
    nav = page.get_by_role("navigation", name=translate("bg", M.LANGUAGE_LABEL))
    expect(nav).to_be_visible()
    expect(nav.get_by_role("button", name="Български")).to_have_attribute("aria-pressed", "true")
    expect(nav.get_by_role("button", name="Polski")).to_have_attribute("aria-pressed", "false")
    page.get_by_role("button", name="Română").click()
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    nav = page.get_by_role("navigation", name=translate("ro", M.LANGUAGE_LABEL))
    expect(nav.get_by_role("button", name="Română")).to_have_attribute("aria-pressed", "true")
    page.close()


def test_offline_the_message_waits_and_is_sent_once_when_online(browser, web):
    context = browser.new_context(viewport=PHONES[0])
    page = context.new_page()
    page.goto(f"{web.url}/?lang=pl")
    expect(page.locator("#log li.bot")).to_have_count(1)  # the greeting
    context.set_offline(True)
    page.fill("#text", "szef zabral mi paszport")
    page.keyboard.press("Enter")
    expect(page.locator("#status")).to_have_text(translate("pl", M.OFFLINE_QUEUED))
    expect(page.locator("#log li.user")).to_have_count(1)
    shot(page, "chat-offline")
    context.set_offline(False)
    answer = page.locator("#log li.bot").filter(has_text=first_line("ask_passport_held", "pl"))
    expect(answer).to_have_count(1)
    page.wait_for_timeout(500)
    expect(answer).to_have_count(1)  # once
    expect(page.locator("#status")).to_have_text("")
    context.close()


def test_answers_come_in_the_order_asked(browser, web):
    page = browser.new_page(viewport=PHONES[1])
    page.goto(f"{web.url}/?lang=en")
    expect(page.locator("#log li.bot")).to_have_count(1)
    page.fill("#text", "my boss took my passport")
    page.keyboard.press("Enter")
    page.fill("#text", "what is the minimum wage per hour")
    page.keyboard.press("Enter")
    passport = first_line("ask_passport_held", "en")
    wage = first_line("ask_minimum_wage", "en").split("{")[0][:30]
    expect(page.locator("#log li.bot").filter(has_text=wage)).to_have_count(1)
    texts = page.locator("#log li").all_inner_texts()
    order = [i for i, t in enumerate(texts) if passport in t or wage in t]
    assert len(order) == 2 and passport in texts[order[0]]
    page.close()


def test_a_reload_shows_the_conversation_again_and_the_check_goes_on(browser, web):
    context = browser.new_context(viewport=PHONES[0])
    page = context.new_page()
    page.goto(f"{web.url}/?lang=pl")
    expect(page.locator("#log li.bot")).to_have_count(1)
    page.fill("#text", "czy szef moze mi zabierac pieniadze za mieszkanie")
    page.keyboard.press("Enter")
    check = page.get_by_role("button", name=translate("pl", M.CHECK_PAY_BUTTON))
    check.click()
    expect(page.locator("#log li.bot").last).to_contain_text(translate("pl", M.ASK_AGE))
    page.fill("#text", "30")
    page.keyboard.press("Enter")
    expect(page.locator("#log li.bot").last).to_contain_text(translate("pl", M.ASK_PERIOD))
    before = page.locator("#log li").count()
    page.reload()
    expect(page.locator("#log li")).to_have_count(before)  # everything is shown again
    expect(page.locator("#log li.bot").last).to_contain_text(translate("pl", M.ASK_PERIOD))
    # The check goes on where it was: the pay period, then the hours.
    page.locator("#log li.bot").last.get_by_role(
        "button", name=translate("pl", M.THIS_MONTH)).click()
    expect(page.locator("#log li.bot").last).to_have_text(translate("pl", M.ASK_HOURS))
    shot(page, "chat-after-reload")
    # A deep link in another language, in the same tab, switches the conversation to it.
    page.goto(f"{web.url}/?lang=ro")
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    expect(page.locator("#log li.bot").filter(
        has_text=translate("ro", M.LANGUAGE_SET))).to_have_count(1)
    # ... and the check goes on in it.
    expect(page.locator("#log li.bot").last).to_have_text(translate("ro", M.ASK_HOURS))
    # "Forget this conversation" deletes it from the phone.
    page.get_by_role("button", name=translate("ro", M.FORGET)).click()
    expect(page.locator("#status")).to_have_text(translate("ro", M.FORGOTTEN))
    expect(page.locator("#log li.user")).to_have_count(0)
    stored = page.evaluate("JSON.parse(localStorage.getItem('wnl-chat'))")
    said = [m["text"] for m in stored["messages"] if m["who"] == "user"]
    assert said == [] and "mieszkanie" not in json.dumps(stored, ensure_ascii=False)
    context.close()


def test_without_javascript_the_page_says_whom_to_call(browser, web):
    context = browser.new_context(viewport=PHONES[0], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{web.url}/?lang=bg")
    expect(page.get_by_text(translate("bg", M.NOSCRIPT))).to_be_visible()
    assert "0800 51 51" in translate("bg", M.NOSCRIPT)
    expect(page.locator("#ask")).to_be_hidden()  # no dead form that puts questions in the URL
    shot(page, "chat-noscript")
    context.close()


def contrast(a: str, b: str) -> float:
    def luminance(css: str) -> float:
        parts = [float(x) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        lin = [(c / 255) / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
               for c in parts]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_screen_readers_get_a_log_speakers_and_each_messages_language(browser, web):
    page = browser.new_page(viewport=PHONES[1])
    page.goto(f"{web.url}/?lang=pl")
    expect(page.locator("[role=log][aria-live=polite] > ol#log")).to_have_count(1)
    page.fill("#text", "seful mi-a luat pasaportul")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "ro")
    greeting, user = page.locator("#log li.bot").first, page.locator("#log li.user").first
    expect(greeting).to_have_attribute("lang", "pl")  # said before the switch, in Polish
    expect(page.locator("#log li.bot").last).to_have_attribute("lang", "ro")
    expect(greeting).to_have_attribute("data-speaker", translate("pl", M.SPEAKER_BOT))
    expect(user).to_have_attribute("data-speaker", translate("pl", M.SPEAKER_YOU))
    # The focus ring is visible with a contrast of 3:1 or more, on the page and in the header.
    for selector, background in (("#text", "body"), ("button.lang", "header")):
        page.focus(selector)
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        style = page.eval_on_selector(selector, "e => [getComputedStyle(e).outlineStyle,"
                                                "getComputedStyle(e).outlineColor]")
        bg = page.eval_on_selector(background, "e => getComputedStyle(e).backgroundColor")
        assert style[0] != "none" and contrast(style[1], bg) >= 3, (selector, style, bg)
    # Phone numbers never wrap, and text follows the phone's font size (rem, not px).
    page.fill("#text", "szef zabral mi paszport")
    page.keyboard.press("Enter")
    tel = page.locator("#log a[href^='tel:']").first
    expect(tel).to_have_css("white-space", "nowrap")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.eval_on_selector("body", "e => getComputedStyle(e).fontSize") == "32px"
    # Sources are links named by their titles, not 100-character addresses.
    names = page.locator("#log li.bot a[target=_blank]").all_inner_texts()
    assert names and not [n for n in names if n.startswith("https://")], names
    page.close()


@pytest.mark.parametrize("lang", ["pl", "ro", "bg", "nl", "en"])
def test_on_a_desktop_screen_in_every_language(browser, web, lang):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{web.url}/?lang={lang}&topic=ask_housing_contract")
    answer = page.locator("#log li.bot").filter(has_text=first_line("ask_housing_contract", lang))
    expect(answer).to_have_count(1)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.wait_for_timeout(300)
    first = page.get_by_text(first_line("ask_housing_contract", lang)[:40], exact=False).first
    assert in_view(page, first) and in_view(page, page.locator("#text"))
    shot(page, f"chat-desktop-{lang}")
    page.close()


@pytest.mark.parametrize("zoom", [2, 4], ids=["200%", "400%"])
def test_nothing_scrolls_sideways_when_zoomed(browser, web, zoom):
    # 400% zoom of a 1280 x 1024 window is a 320 x 256 CSS px viewport; 200% is 640 x 512.
    page = browser.new_page(viewport={"width": 1280 // zoom, "height": 1024 // zoom})
    page.goto(f"{web.url}/?lang=nl&topic=ask_wage_deductions")
    expect(page.locator("#log li.bot")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


def test_every_button_is_a_target_of_at_least_24_by_24_px(browser, web):
    # WCAG 2.2 target size (minimum); links inside the text of an answer are exempt.
    page = browser.new_page(viewport=PHONES[0])
    page.goto(f"{web.url}/?lang=pl&topic=ask_passport_held")
    expect(page.locator("#log li.bot .answer-tools")).to_have_count(1)
    small = page.evaluate("""() => [...document.querySelectorAll('button, input, select')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24).map(([t]) => t)""")
    assert small == []
    page.close()


@pytest.mark.parametrize("lang", ["pl", "ro", "bg", "nl", "en"])
def test_axe_finds_no_wcag_a_or_aa_violation(browser, web, lang):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs axe-core with npm ci")
    context = browser.new_context(viewport=PHONES[0], bypass_csp=True)  # to inject axe
    page = context.new_page()
    page.goto(f"{web.url}/?lang={lang}")
    expect(page.locator("#log li.bot")).to_have_count(1)

    def violations():
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
            v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))""")
        return found

    assert violations() == []  # empty conversation
    page.fill("#text", {"pl": "szef zabral mi paszport", "ro": "seful mi-a luat pasaportul",
                        "bg": "шефа ми взе паспорта", "nl": "mijn baas heeft mijn paspoort",
                        "en": "my boss took my passport"}[lang])
    page.keyboard.press("Enter")
    expect(page.locator("#log li.bot")).to_have_count(2)
    assert violations() == []  # after an answer
    page.get_by_role("button", name="English" if lang != "en" else "Polski").click()
    expect(page.locator("#log li.bot")).to_have_count(3)
    assert violations() == []  # after a language switch
    context.close()


STUBS = """
window.shared = []; window.spoken = [];
navigator.share = (data) => { window.shared.push(data); return Promise.resolve(); };
const voices = [{lang: 'pl-PL', name: 'Polish'}, {lang: 'en-GB', name: 'English'}];
Object.defineProperty(window, 'speechSynthesis', {value: {
  getVoices: () => voices, cancel: () => {}, addEventListener: () => {},
  speak: (u) => window.spoken.push({text: u.text, lang: u.lang})}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_an_answer_can_be_sent_to_a_friend_and_listened_to(browser, web):
    context = browser.new_context(viewport=PHONES[0])
    context.add_init_script(STUBS)
    page = context.new_page()
    page.goto(f"{web.url}/?lang=pl")
    page.fill("#text", "szef zabral mi paszport, mieszkam w Venlo")
    page.keyboard.press("Enter")
    answer = page.locator("#log li.bot").filter(has_text=first_line("ask_passport_held", "pl"))
    answer.get_by_role("button", name=translate("pl", M.SHARE)).click()
    shared = page.evaluate("window.shared")[0]["text"]
    assert first_line("ask_passport_held", "pl") in shared
    assert "Ostatnio sprawdzono" in shared and "https://" in shared
    assert shared.endswith("/?lang=pl&topic=ask_passport_held")
    assert "Venlo" not in shared and "mieszkam" not in shared  # nothing about the worker
    answer.get_by_role("button", name=translate("pl", M.LISTEN)).click()
    spoken = page.evaluate("window.spoken")[0]
    assert spoken["lang"] == "pl-PL" and "https://" not in spoken["text"]
    assert first_line("ask_passport_held", "pl")[:30] in spoken["text"]
    context.close()


def test_a_worked_out_day_can_be_added_to_the_calendar(browser, web):
    import datetime as dt

    from bot.calculators.insured_until import insured_until

    context = browser.new_context(viewport=PHONES[1], accept_downloads=True)
    page = context.new_page()
    page.goto(f"{web.url}/?lang=pl")
    page.fill("#text", "umowa skonczyla sie 3 pazdziernika, do kiedy mam ubezpieczenie?")
    page.keyboard.press("Enter")
    add = page.get_by_role("button", name=translate("pl", M.ADD_TO_CALENDAR))
    expect(add).to_have_count(1)  # under the message that states the day, not the others
    with page.expect_download() as info:
        add.click()
    download = info.value
    last_day = insured_until(dt.date(2026, 10, 3))
    assert download.suggested_filename == f"work-in-nl-{last_day.isoformat()}.ics"
    ics = Path(download.path()).read_bytes().decode("utf-8")
    lines = ics.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert f"DTSTART;VALUE=DATE:{last_day:%Y%m%d}" in lines
    assert f"DTEND;VALUE=DATE:{last_day + dt.timedelta(days=1):%Y%m%d}" in lines
    assert f"SUMMARY:{translate('pl', M.CALENDAR_INSURED)}" in lines
    assert all(len(line.encode()) <= 75 for line in lines)  # folded as RFC 5545 wants
    unfolded = ics.replace("\r\n ", "")
    assert "/?lang=pl&topic=ask_health_insurance" in unfolded
    # A later answer without a day gets no calendar button.
    page.fill("#text", "szef zabral mi paszport")
    page.keyboard.press("Enter")
    expect(page.locator("#log li.bot").filter(
        has_text=first_line("ask_passport_held", "pl"))).to_have_count(1)
    expect(add).to_have_count(1)
    # After a reload the button is still there (the conversation is kept on the phone).
    page.reload()
    expect(page.get_by_role("button", name=translate("pl", M.ADD_TO_CALENDAR))).to_have_count(1)
    context.close()


def test_listen_is_hidden_where_the_phone_has_no_voice_for_the_language(browser, web):
    context = browser.new_context(viewport=PHONES[0])
    context.add_init_script(STUBS)  # Polish and English voices only
    page = context.new_page()
    page.goto(f"{web.url}/?lang=bg&topic=ask_passport_held")
    answer = page.locator("#log li.bot").first
    expect(answer.get_by_role("button", name=translate("bg", M.SHARE))).to_be_visible()
    expect(answer.locator("button.listen")).to_be_hidden()
    context.close()


def test_the_page_script_and_style_come_compressed(web):
    import requests

    for path in ("/?lang=pl", "/static/chat.js", "/static/chat.css"):
        r = requests.get(f"{web.url}{path}", headers={"Accept-Encoding": "gzip"}, timeout=10)
        assert r.status_code == 200 and r.headers["Content-Encoding"] == "gzip", path
        plain = requests.get(f"{web.url}{path}", headers={"Accept-Encoding": "identity"},
                             timeout=10)
        assert "Content-Encoding" not in plain.headers and plain.text == r.text


@pytest.mark.parametrize("lang", ["pl", "ro", "bg", "nl", "en"])
def test_the_privacy_and_accessibility_pages_in_every_language(browser, web, lang):
    from bot.web.info_pages import title

    context = browser.new_context(viewport=PHONES[0], bypass_csp=True)
    page = context.new_page()
    page.goto(f"{web.url}/?lang={lang}")
    for name in ("privacy", "accessibility"):
        page.get_by_role("link", name=title(name, lang)).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("h1")).to_have_text(title(name, lang))
        body = page.locator("main").inner_text()
        assert "{" not in body  # every placeholder filled
        if name == "privacy":
            assert "30" in body  # the retention period, from RETENTION_DAYS
        else:
            assert "0800 51 51" in body and "WCAG" in body
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => v.id)""")
        assert found == [], (name, found)
        page.go_back()
    context.close()


def tab_to(page, check: str, most: int = 60) -> None:
    """Press Tab until `check` (a JS expression on document.activeElement, `e`) holds."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!({check}); }})()"):
            return
    raise AssertionError(f"Tab never reached {check}")


def test_the_chat_works_with_the_keyboard_alone(browser, web):
    page = browser.new_page(viewport=PHONES[0])
    page.goto(f"{web.url}/?lang=en")
    expect(page.locator("#log li.bot")).to_have_count(1)
    passport = translate("en", M.TOPIC_BUTTONS["ask_passport_held"])
    tab_to(page, f"e.closest('#log') && e.textContent === {passport!r}")
    page.keyboard.press("Enter")
    expect(page.locator("#log li.bot").filter(
        has_text=first_line("ask_passport_held", "en"))).to_have_count(1)
    tab_to(page, "e.id === 'text'")
    page.keyboard.type("what is the minimum wage per hour")
    page.keyboard.press("Enter")
    expect(page.locator("#log li.user")).to_have_count(2)
    tab_to(page, "e.classList.contains('lang') && e.textContent.startsWith('Polski')")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    page.close()
