"""Content report of the answer library: what is missing or doubtful, and a side-by-side export
for translators and reviewers (HTML and CSV).

Errors (the build fails): a topic without an answer file, a language without an answer, no https
source on the official allow-list, placeholder text, an unknown {placeholder}, an answer longer
than a WhatsApp screen. Warnings: an answer not checked against its sources for over 12 months.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml

from bot import ROOT
from bot.answers.fact_values import answer_values
from bot.answers.library import Answer, checked_library, load_library
from bot.answers.placeholders import placeholders
from bot.language.registry import SUPPORTED_LANGUAGES

# Official sources (facts.md: prefer these over secondary sources).
OFFICIAL_DOMAINS = (
    "rijksoverheid.nl", "government.nl", "business.gov.nl", "workinnl.nl",
    "nlarbeidsinspectie.nl", "nllabourauthority.nl", "inspectieszw.nl", "rvig.nl", "digid.nl",
    "juridischloket.nl", "uwv.nl", "volkshuisvestingnederland.nl", "wetten.overheid.nl",
    "wegwijzermensenhandel.nl", "autoriteitpersoonsgegevens.nl",
)
CONVERSATION_INTENTS = {"greet", "goodbye", "thank", "choose_language", "out_of_scope",
                        "bot_challenge", "affirm", "deny"}
MAX_CHARS = 800
STALE_AFTER = dt.timedelta(days=365)
_PLACEHOLDER_TEXT = re.compile(r"\b(TODO|TBD|FIXME|XXX|lorem ipsum)\b|\?\?\?", re.IGNORECASE)


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def topics_from_domain(domain_file: Path = ROOT / "domain.yml") -> list[str]:
    intents = yaml.safe_load(domain_file.read_text(encoding="utf-8"))["intents"]
    return [i for i in intents if i not in CONVERSATION_INTENTS]


def is_official(url: str) -> bool:
    host = urlparse(url).hostname or ""
    return url.startswith("https://") and any(
        host == domain or host.endswith("." + domain) for domain in OFFICIAL_DOMAINS)


def check(library: dict[str, Answer], topics: list[str], today: dt.date) -> Report:
    report = Report()
    known_values = set(answer_values("en", today))
    for topic in topics:
        answer = library.get(topic)
        if answer is None:
            report.errors.append(f"{topic}: no answer file data/faq/{topic}.yml")
            continue
        if not any(is_official(url) for url in answer.links):
            report.errors.append(f"{topic}: no https source on the official allow-list")
        if today - answer.last_checked > STALE_AFTER:
            report.warnings.append(
                f"{topic}: last checked {answer.last_checked}, over 12 months ago: check it again")
        for lang in SUPPORTED_LANGUAGES:
            text = answer.text(lang)
            if not text:
                report.errors.append(f"{topic}/{lang}: no answer")
                continue
            if _PLACEHOLDER_TEXT.search(text):
                report.errors.append(f"{topic}/{lang}: placeholder text")
            unknown = placeholders(text) - known_values
            if unknown:
                report.errors.append(f"{topic}/{lang}: unknown placeholders {sorted(unknown)}")
            if len(text) > MAX_CHARS:
                report.errors.append(f"{topic}/{lang}: {len(text)} characters (max {MAX_CHARS})")
    for topic in sorted(set(library) - set(topics)):
        report.warnings.append(f"{topic}: answer file without a topic intent in domain.yml")
    return report


def export_csv(library: dict[str, Answer], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["topic", *SUPPORTED_LANGUAGES, "sources", "last_checked"])
        for topic, answer in sorted(library.items()):
            writer.writerow([topic, *(answer.text(lang) or "" for lang in SUPPORTED_LANGUAGES),
                             " ".join(answer.links), answer.last_checked.isoformat()])


def export_html(library: dict[str, Answer], path: Path) -> None:
    esc = html.escape
    rows = []
    for topic, answer in sorted(library.items()):
        cells = "".join(f'<td lang="{lang}">{esc(answer.text(lang) or "")}</td>'
                        for lang in SUPPORTED_LANGUAGES)
        links = "<br>".join(f'<a href="{esc(u)}">{esc(u)}</a>' for u in answer.links)
        rows.append(f"<tr><th>{esc(topic)}</th>{cells}<td>{links}<br>"
                    f"{esc(answer.last_checked.isoformat())}</td></tr>")
    head = "".join(f"<th>{lang}</th>" for lang in SUPPORTED_LANGUAGES)
    path.write_text(
        "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
        "<title>Work in NL answers side by side</title>"
        "<style>td,th{vertical-align:top;white-space:pre-wrap;border:1px solid #999;"
        "padding:4px;font:13px sans-serif}table{border-collapse:collapse}</style>"
        f"<table><tr><th>topic</th>{head}<th>sources, last checked</th></tr>{''.join(rows)}"
        "</table></html>\n",
        encoding="utf-8",
    )


def run(out_dir: Path, today: dt.date) -> int:
    library = load_library()
    report = check(library, topics_from_domain(), today)
    out_dir.mkdir(parents=True, exist_ok=True)
    export_csv(library, out_dir / "faq.csv")
    export_html(library, out_dir / "faq.html")
    languages = len(SUPPORTED_LANGUAGES)
    print(f"FAQ report: {len(library)} topics x {languages} languages, "
          f"{len(report.errors)} errors, {len(report.warnings)} warnings")
    for line in report.errors:
        print("ERROR  ", line)
    for line in report.warnings:
        print("WARNING", line)
    from bot.answers.fact_updates import current_wage_table
    from bot.answers.freshness import seed_points, to_check

    for item in to_check(checked_library(), current_wage_table(), seed_points(), today):
        print(f"CHECK   {item.kind} {item.name}: {item.reason} ({item.source})")
    print(f"Side-by-side export: {out_dir / 'faq.html'}, {out_dir / 'faq.csv'}")
    return 1 if report.errors else 0
