"""QR cards: every language and size is written, and the code on the PNG opens the chat in the
card's language with src=nla (decoded with zbarimg, from Debian's zbar-tools)."""
import shutil
import subprocess

import pytest

from bot.channels.qr_cards import chat_url, make_cards, whatsapp_url

pytestmark = pytest.mark.unit
BASE = "https://chat.example.org/"


def decode(path):
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is missing: `make test` installs Debian's zbar-tools")
    out = subprocess.run(["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return sorted(line for line in out.splitlines() if line.strip())


def test_cards_for_every_size_and_format(tmp_path):
    written = make_cards(tmp_path, BASE, langs=("pl", "bg"))
    assert sorted(p.name for p in written) == sorted(
        f"{lang}-{size}.{ext}" for lang in ("pl", "bg") for size in ("card", "a6")
        for ext in ("png", "pdf", "svg"))
    assert (tmp_path / "pl-card.pdf").read_bytes().startswith(b"%PDF")
    assert "Проблеми със заплатата" in (tmp_path / "bg-a6.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("size", ["card", "a6"])
def test_the_qr_code_opens_the_chat_in_the_cards_language(tmp_path, size):
    make_cards(tmp_path, BASE, langs=("ro",))
    assert decode(tmp_path / f"ro-{size}.png") == ["https://chat.example.org/?lang=ro&src=nla"]


def test_a_second_code_opens_whatsapp_when_a_number_is_configured(tmp_path):
    make_cards(tmp_path, BASE, langs=("nl",), whatsapp_number="+31 20 000 0000")
    codes = decode(tmp_path / "nl-card.png")
    assert codes[0] == "https://chat.example.org/?lang=nl&src=nla"
    assert codes[1].startswith("https://wa.me/31200000000?text=")


def test_urls():
    assert chat_url("https://x.nl", "pl") == "https://x.nl/?lang=pl&src=nla"
    assert whatsapp_url("+31 (0)6-123", "en").startswith("https://wa.me/310")
