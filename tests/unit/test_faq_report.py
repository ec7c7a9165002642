"""The content report fails the build on a missing topic or language, and warns on stale checks."""
import datetime as dt

import pytest

from bot.answers.library import Answer, Source, load_library
from bot.answers.report import check, export_csv, export_html, is_official, run, topics_from_domain

pytestmark = pytest.mark.unit
TODAY = dt.date(2026, 11, 24)


def answer(topic, texts=None, url="https://www.workinnl.nl", checked=dt.date(2026, 2, 3)):
    texts = texts if texts is not None else {lang: "tekst"
                                             for lang in ("pl", "ro", "bg", "nl", "en")}
    return Answer(topic, texts, (Source("s", url),), checked)


def test_the_library_in_the_repository_is_complete():
    report = check(load_library(), topics_from_domain(), TODAY)
    assert report.errors == []


def test_a_missing_topic_and_a_missing_language_are_errors():
    library = {"ask_payslip": answer("ask_payslip", {"en": "x", "pl": "y"})}
    report = check(library, ["ask_payslip", "ask_sick_pay"], TODAY)
    assert "ask_sick_pay: no answer file data/faq/ask_sick_pay.yml" in report.errors
    assert "ask_payslip/ro: no answer" in report.errors


def test_sources_must_include_an_official_https_page():
    report = check({"t": answer("t", url="http://www.workinnl.nl")}, ["t"], TODAY)
    assert "t: no https source on the official allow-list" in report.errors
    assert is_official("https://www.rijksoverheid.nl/x") and not is_official("https://evil-rijksoverheid.nl")


def test_placeholder_text_and_unknown_placeholders_are_errors():
    texts = {lang: "ok" for lang in ("pl", "ro", "bg", "nl")} | {"en": "TODO {nonsense}"}
    report = check({"t": answer("t", texts)}, ["t"], TODAY)
    assert "t/en: placeholder text" in report.errors
    assert "t/en: unknown placeholders ['nonsense']" in report.errors


def test_an_answer_not_checked_for_a_year_gets_a_warning():
    report = check({"t": answer("t", checked=dt.date(2025, 11, 1))}, ["t"], TODAY)
    assert report.errors == [] and report.warnings


def test_exports_escape_the_text(tmp_path):
    library = {"t": answer("t", {lang: "<b>x</b>" for lang in ("pl", "ro", "bg", "nl", "en")})}
    export_html(library, tmp_path / "a.html")
    export_csv(library, tmp_path / "a.csv")
    assert "<b>" not in (tmp_path / "a.html").read_text()
    assert "&lt;b&gt;" in (tmp_path / "a.html").read_text()
    assert (tmp_path / "a.csv").read_text().startswith("topic,pl,ro,bg,nl,en,sources,last_checked")


def test_the_command_exits_zero_on_the_repository(tmp_path):
    assert run(tmp_path, TODAY) == 0
    assert (tmp_path / "faq.html").exists()
