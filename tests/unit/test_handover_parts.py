"""The parts of a handover that need no server: when a reply counts as within one working day,
the TOTP check (drift, once), and the encrypted number (no key, another key)."""
import datetime as dt

import pyotp
import pytest

from bot.handover.contact import seal, unseal
from bot.handover.figures import one_working_day_after
from bot.staff.two_factor import matching_step

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("came_in, due", [
    ("2026-12-01 10:00", "2026-12-02 10:00"),  # Tuesday -> Wednesday
    ("2026-12-04 15:00", "2026-12-07 15:00"),  # Friday -> Monday
    ("2026-12-05 11:00", "2026-12-08 00:00"),  # Saturday: counts from Monday 00:00
    ("2026-12-06 23:00", "2026-12-08 00:00"),  # Sunday too
])
def test_one_working_day_after(came_in, due):
    assert one_working_day_after(dt.datetime.fromisoformat(came_in)) == \
        dt.datetime.fromisoformat(due)


def test_a_code_works_in_its_step_and_the_next_but_only_once():
    secret = pyotp.random_base32()
    now = dt.datetime(2026, 12, 1, 12, 0, 10, tzinfo=dt.timezone.utc)
    step = int(now.timestamp()) // 30
    code = pyotp.TOTP(secret).at(step * 30)
    assert matching_step(secret, code, None, now) == step
    assert matching_step(secret, code, None, now + dt.timedelta(seconds=30)) == step  # drift
    assert matching_step(secret, code, None, now + dt.timedelta(seconds=90)) is None
    assert matching_step(secret, code, step, now) is None  # used already
    assert matching_step(secret, f" {code[:3]} {code[3:]} ", None, now) == step  # spaces
    assert matching_step(secret, "abcdef", None, now) is None


def test_the_number_is_sealed_with_the_key_and_unreadable_without_it(monkeypatch):
    monkeypatch.delenv("HANDOVER_CONTACT_KEY", raising=False)
    monkeypatch.delenv("WHATSAPP_APP_SECRET", raising=False)
    monkeypatch.delenv("WHATSAPP_PSEUDONYM_KEY", raising=False)
    assert seal("48123456789") is None  # no key: no number kept
    monkeypatch.setenv("WHATSAPP_PSEUDONYM_KEY", "one key")
    sealed = seal("48123456789")
    assert "48123456789" not in sealed and unseal(sealed) == "48123456789"
    monkeypatch.setenv("WHATSAPP_PSEUDONYM_KEY", "another key")
    assert unseal(sealed) is None
    assert unseal("not a token") is None


@pytest.mark.parametrize("lang", ["pl", "ro", "bg", "nl", "en"])
def test_the_explanation_says_when_in_the_operators_words(lang):
    from bot.dialogue.handover_flow import answer_times, explain

    text = explain(lang, None, "whatsapp")[0].text
    assert answer_times()[lang] in text and "{" not in text
    # The number line comes before the last line ("write your question in one message").
    from bot import messages as M
    from bot.i18n import translate

    assert text.splitlines()[-2] == translate(lang, M.HANDOVER_EXPLAIN_PHONE)
    assert translate(lang, M.HANDOVER_EXPLAIN_PHONE) not in explain(lang, None, "web")[0].text
