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
