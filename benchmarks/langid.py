"""Language identification on labelled phone messages, side by side:

- ours: bot.language.detection.detect
- langdetect (all): langdetect's top language over all 55 of its languages (seeded)
- langdetect (5): langdetect's probabilities restricted to pl, ro, bg, nl, en
- lingua (5): lingua-language-detector built for our five languages only (outside reference)

Two labelled sets: tests/langid/dev/ (looked at while building the detector: its word lists were
extended from its misses) and tests/langid/test/ (written independently and never looked at
message by message: the honest figure). Accuracy per language and per length bucket (1-2, 3-5,
6+ words); for messages in languages we do not support ("other:uk"...), the share NOT misread as
one of ours. Also per-message latency of our detector. Prints the tables and writes
benchmarks/results/langid.json.

    python benchmarks/langid.py
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language.detection import detect  # noqa: E402
from bot.language.registry import SUPPORTED_LANGUAGES  # noqa: E402

DATA = ROOT / "tests" / "langid"
RESULTS = ROOT / "benchmarks" / "results" / "langid.json"
BUCKETS = ("1-2", "3-5", "6+")


def bucket(text: str) -> str:
    n = len(text.split())
    return "1-2" if n <= 2 else "3-5" if n <= 5 else "6+"


def load(folder: str = "dev") -> list[tuple[str, str]]:
    rows = []
    for path in sorted((DATA / folder).glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                label, text = line.split("\t", 1)
                rows.append((label, text))
    return rows


def langdetect_detectors():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    factory = detector_factory._factory

    def probabilities(text):
        try:
            d = factory.create()
            d.append(text)
            return d.get_probabilities()
        except LangDetectException:
            return []

    def all_languages(text):
        probs = probabilities(text)
        return probs[0].lang if probs else None

    def five(text):
        probs = [p for p in probabilities(text) if p.lang in SUPPORTED_LANGUAGES]
        return probs[0].lang if probs else None

    return all_languages, five


def lingua_detector():
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    by_name = {"pl": Language.POLISH, "ro": Language.ROMANIAN, "bg": Language.BULGARIAN,
               "nl": Language.DUTCH, "en": Language.ENGLISH}
    detector = LanguageDetectorBuilder.from_languages(*by_name.values()).build()
    codes = {v: k for k, v in by_name.items()}

    def five(text):
        found = detector.detect_language_of(text)
        return codes.get(found) if found else None

    return five


def score(rows, predict) -> dict:
    per_lang = {lang: [0, 0] for lang in SUPPORTED_LANGUAGES}
    per_bucket = {b: [0, 0] for b in BUCKETS}
    other = [0, 0]
    for label, text in rows:
        predicted = predict(text)
        if label.startswith("other"):
            other[1] += 1
            other[0] += predicted not in SUPPORTED_LANGUAGES
            continue
        ok = predicted == label
        per_lang[label][0] += ok
        per_lang[label][1] += 1
        per_bucket[bucket(text)][0] += ok
        per_bucket[bucket(text)][1] += 1
    ratio = lambda pair: round(pair[0] / pair[1], 4) if pair[1] else None  # noqa: E731
    supported = [sum(v[0] for v in per_lang.values()), sum(v[1] for v in per_lang.values())]
    return {"overall": ratio(supported),
            "by_language": {k: ratio(v) for k, v in per_lang.items()},
            "by_length": {k: ratio(v) for k, v in per_bucket.items()},
            "unsupported_not_misread": ratio(other)}


def latency_ms(rows) -> dict:
    texts = [text for _, text in rows]
    for text in texts[:50]:
        detect(text)  # warm-up: langdetect profiles load on first use
    samples = []
    for _ in range(3):
        for text in texts:
            started = time.perf_counter()
            detect(text)
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"p50": round(statistics.median(samples), 3),
            "p95": round(samples[int(len(samples) * 0.95)], 3),
            "max": round(samples[-1], 3)}


def columns() -> dict:
    langdetect_all, langdetect_five = langdetect_detectors()
    out = {"ours": lambda t: detect(t).code,
           "langdetect (all)": langdetect_all,
           "langdetect (5)": langdetect_five}
    lingua_five = lingua_detector()
    if lingua_five:
        out["lingua (5)"] = lingua_five
    else:
        print("lingua-language-detector not installed (pip install -r requirements-dev.txt)")
    return out


def main() -> int:
    detectors = columns()
    report = {}
    for folder in ("dev", "test"):
        rows = load(folder)
        if rows:
            report[folder] = run_set(folder, rows, detectors)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


def run_set(folder: str, rows, columns) -> dict:
    results = {name: score(rows, fn) for name, fn in columns.items()}
    counts = {b: sum(1 for lang, t in rows if not lang.startswith("other") and bucket(t) == b)
              for b in BUCKETS}
    report = {"messages": len(rows), "by_length_counts": counts, "columns": results,
              "latency_ms_ours": latency_ms(rows)}

    names = list(columns)
    print(f"\n== tests/langid/{folder}: {len(rows)} messages; "
          f"supported-language messages by length: {counts}")
    print(f"{'':26}" + "".join(f"{n:>18}" for n in names))
    def line(label, get):
        print(f"{label:26}" + "".join(
            f"{(get(results[n]) if get(results[n]) is not None else float('nan')):>18.3f}"
            for n in names))
    line("overall", lambda r: r["overall"])
    for lang in SUPPORTED_LANGUAGES:
        line(f"  {lang}", lambda r, lang=lang: r["by_language"][lang])
    for b in BUCKETS:
        line(f"  {b} words", lambda r, b=b: r["by_length"][b])
    line("unsupported not misread", lambda r: r["unsupported_not_misread"])
    lat = report["latency_ms_ours"]
    print(f"ours, per message: p50 {lat['p50']} ms, p95 {lat['p95']} ms, max {lat['max']} ms")
    return report


if __name__ == "__main__":
    sys.exit(main())
