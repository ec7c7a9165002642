"""The chat page's HTML: language, deep links validated, nothing reflected unescaped."""
import pytest

from bot.web.page import deep_link, render

pytestmark = pytest.mark.unit


def test_valid_deep_links_pass_and_bad_ones_are_dropped():
    assert deep_link({"lang": "pl", "topic": "ask_passport_held", "src": "nla"}) == {
        "lang": "pl", "topic": "ask_passport_held", "src": "nla"}
    assert deep_link({"lang": "xx", "topic": "drop_tables", "src": "<b>"}) == {
        "lang": None, "topic": None, "src": "web"}


@pytest.mark.parametrize("link, accept, lang, title", [
    ({"lang": "pl", "topic": None, "src": "web"}, None, "pl", "Work in NL: pomoc dla pracowników"),
    ({"lang": None, "topic": None, "src": "web"}, "ro-RO,ro;q=0.9", "ro", "Work in NL: ajutor"),
    ({"lang": None, "topic": None, "src": "web"}, "uk-UA", "en", "Work in NL: help for workers"),
])
def test_the_page_is_written_in_the_chosen_or_browser_language(link, accept, lang, title):
    html = render(link, accept)
    assert f'<html lang="{lang}">' in html
    assert title in html
    assert html.count('class="lang"') == 5


def test_the_page_has_no_inline_script_and_escapes_its_configuration():
    html = render({"lang": "bg", "topic": "ask_human", "src": "nla"}, None)
    assert "<script>" not in html and "<script src=\"/static/chat.js\" defer></script>" in html
    assert 'data-config="{&quot;lang&quot;: &quot;bg&quot;' in html
    assert "Вашият въпрос" in html  # every language's labels travel with the page
