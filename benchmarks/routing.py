"""Routing accuracy: messages that name a place (tests/routing/messages.tsv, with the expected
arbeidsmarktregio) through the same place finder the bot uses, answering "which town?".
Prints accuracy per language and the misses, per-lookup latency, and writes
benchmarks/results/routing.json. Needs the region database (`python -m bot regions load`).

    python benchmarks/routing.py
"""
from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.places.gazetteer import gazetteer  # noqa: E402

DATA = ROOT / "tests" / "routing" / "messages.tsv"
RESULTS = ROOT / "benchmarks" / "results" / "routing.json"


def main() -> int:
    rows = [line.split("\t") for line in DATA.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    g = gazetteer()
    per_lang: dict[str, list[int]] = {}
    misses, samples = [], []
    for region, lang, text in rows:
        started = time.perf_counter()
        found = g.find(text)
        samples.append((time.perf_counter() - started) * 1000)
        regions = {m.region_code for m in found}
        ok = regions == {region}
        per_lang.setdefault(lang, [0, 0])
        per_lang[lang][0] += ok
        per_lang[lang][1] += 1
        if not ok:
            misses.append({"text": text, "expected": region, "found": sorted(regions)})
    samples.sort()
    total = sum(v[0] for v in per_lang.values()) / len(rows)
    report = {
        "messages": len(rows),
        "accuracy": round(total, 4),
        "by_language": {k: round(v[0] / v[1], 4) for k, v in sorted(per_lang.items())},
        "latency_ms": {"p50": round(statistics.median(samples), 3),
                       "p95": round(samples[int(len(samples) * 0.95)], 3),
                       "max": round(samples[-1], 3)},
        "misses": misses,
    }
    print(f"{len(rows)} messages, correct region: {total:.3f}")
    for lang, score in report["by_language"].items():
        print(f"  {lang}: {score:.3f}")
    lat = report["latency_ms"]
    print(f"lookup: p50 {lat['p50']} ms, p95 {lat['p95']} ms, max {lat['max']} ms")
    for miss in misses:
        print(f"  miss: {miss['text']!r} expected {miss['expected']} found {miss['found']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
