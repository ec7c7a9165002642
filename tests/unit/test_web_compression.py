"""gzip for the chat page when the browser accepts it (bot/web/compression.py)."""
import gzip
from types import SimpleNamespace

import pytest
from sanic import response

from bot.web.compression import accepts_gzip, compress

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("header, accepted", [
    ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True),
    ("gzip;q=0", False), ("identity", False), (None, False), ("", False),
])
def test_accept_encoding(header, accepted):
    assert accepts_gzip(header) is accepted


def request(encoding):
    return SimpleNamespace(headers={"accept-encoding": encoding} if encoding else {})


def test_a_page_is_compressed_and_reads_back_the_same():
    page = "<p>" + "paszport " * 500 + "</p>"
    resp = response.html(page)
    compress(request("gzip"), resp)
    assert resp.headers["Content-Encoding"] == "gzip" and resp.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(resp.body).decode() == page
    assert len(resp.body) < len(page) / 5


def test_nothing_changes_without_gzip_for_small_bodies_or_images():
    for resp, encoding in ((response.html("x" * 5000), None), (response.html("short"), "gzip"),
                           (response.raw(b"\x89PNG" * 500, content_type="image/png"), "gzip")):
        body = resp.body
        compress(request(encoding), resp)
        assert resp.body == body and "Content-Encoding" not in resp.headers


def test_info_pages_escape_their_text_and_fill_the_retention_period(monkeypatch):
    from bot.web.info_pages import body_html, render_page

    assert body_html("a <b>\n\n- one\n- two & three") == \
        "<p>a &lt;b&gt;</p>\n<ul><li>one</li><li>two &amp; three</li></ul>"
    monkeypatch.setenv("RETENTION_DAYS", "14")
    page = render_page("privacy", "nl")
    assert 'lang="nl"' in page and "14" in page and "{days}" not in page
    assert render_page("privacy", "xx").startswith('<!doctype html>\n<html lang="en">')
