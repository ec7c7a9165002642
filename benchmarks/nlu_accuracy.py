"""Intent accuracy and macro-F1 per language on the held-out split (tests/nlu_heldout/).

Trains a fresh model from scratch (timed) unless --model is given, parses every held-out message
with it in-process, prints a table and the most frequent confusion pairs, and writes
benchmarks/results/nlu_accuracy.json.

    python benchmarks/nlu_accuracy.py [--model models/wnl.tar.gz]
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language.nlu_examples import load_examples  # noqa: E402
from bot.language.registry import SUPPORTED_LANGUAGES  # noqa: E402

HELDOUT = ROOT / "tests" / "nlu_heldout"
RESULTS = ROOT / "benchmarks" / "results" / "nlu_accuracy.json"


def train_fresh(out_dir: str) -> tuple[str, float]:
    from rasa.model_training import train

    started = time.perf_counter()
    result = train(
        domain=str(ROOT / "domain.yml"),
        config=str(ROOT / "config.yml"),
        training_files=[str(ROOT / "data")],
        output=out_dir,
        fixed_model_name="bench",
        force_training=True,
    )
    return result.model, time.perf_counter() - started


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = sorted({gold for gold, _ in pairs})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


async def predict(model_path: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(model_path)
    return [await agent.parse_message(text) for text in texts]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", help="use this trained model instead of training from scratch")
    args = ap.parse_args()

    training_seconds = None
    with tempfile.TemporaryDirectory() as tmp:
        model = args.model
        if not model:
            model, training_seconds = train_fresh(tmp)
        rows = []
        for lang in SUPPORTED_LANGUAGES:
            for intent, text in load_examples(HELDOUT / f"{lang}.yml"):
                rows.append((lang, intent, text))
        started = time.perf_counter()
        parses = asyncio.run(predict(model, [text for _, _, text in rows]))
        parse_ms = (time.perf_counter() - started) * 1000 / max(len(rows), 1)

    report: dict = {"languages": {}, "training_seconds": training_seconds,
                    "mean_parse_ms": round(parse_ms, 2), "messages": len(rows)}
    confusions: collections.Counter = collections.Counter()
    print(f"{'lang':5} {'n':>5} {'accuracy':>9} {'macro-F1':>9} {'fallback':>9} {'top1-F1':>9}")
    for lang in SUPPORTED_LANGUAGES:
        pairs = []  # what the bot does: a fallback counts as a miss
        top1 = []  # what DIET ranked first, before the FallbackClassifier's threshold
        for (row_lang, gold, _), parse in zip(rows, parses, strict=True):
            if row_lang != lang:
                continue
            predicted = parse["intent"]["name"]
            ranked = [r["name"] for r in parse.get("intent_ranking", [])
                      if r["name"] != "nlu_fallback"]
            pairs.append((gold, predicted))
            top1.append((gold, ranked[0] if ranked else predicted))
            if gold != predicted:
                confusions[(lang, gold, predicted)] += 1
        accuracy = sum(g == p for g, p in pairs) / len(pairs)
        f1 = macro_f1(pairs)
        fallbacks = sum(1 for _, p in pairs if p == "nlu_fallback")
        top1_f1 = macro_f1(top1)
        report["languages"][lang] = {"n": len(pairs), "accuracy": round(accuracy, 4),
                                     "macro_f1": round(f1, 4), "fallbacks": fallbacks,
                                     "classifier_top1_macro_f1": round(top1_f1, 4)}
        print(f"{lang:5} {len(pairs):5d} {accuracy:9.3f} {f1:9.3f} {fallbacks:9d} {top1_f1:9.3f}")
    report["confusions"] = [
        {"lang": lang, "gold": gold, "predicted": pred, "count": n}
        for (lang, gold, pred), n in confusions.most_common(25)
    ]
    print("\nMost frequent confusions (lang gold -> predicted: count):")
    for (lang, gold, pred), n in confusions.most_common(25):
        print(f"  {lang} {gold} -> {pred}: {n}")
    if training_seconds is not None:
        print(f"\nTraining from scratch: {training_seconds:.0f} s")
    print(f"Mean parse time: {parse_ms:.1f} ms over {len(rows)} messages")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
