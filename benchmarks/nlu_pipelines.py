"""Compare NLU pipelines on our own data: which classifier and features config.yml should use.

For each variant: a full `rasa train` from scratch (timed, as a user runs it), the model's size,
held-out accuracy and macro-F1 per language (tests/nlu_heldout/, never trained on), the five worst
confusion pairs, in-process parse latency p50/p95, and the resident memory of a Rasa server that
loaded the model. Then, for the variant config.yml uses, a sweep of the FallbackClassifier's
threshold and ambiguity threshold on the held-out split. Prints a table and writes
benchmarks/results/nlu_pipelines.json.

    python benchmarks/nlu_pipelines.py [--only logreg,diet150] [--no-memory]

Every variant keeps our LanguageAnnotator and folding tokenizer; only featurizers and the intent
classifier change. SklearnIntentClassifier is not a variant: it reads dense features only, and
every dense featurizer Rasa ships needs a model download (spaCy, MITIE, language models).
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.nlu_accuracy import macro_f1  # noqa: E402
from bot.language.nlu_examples import load_examples  # noqa: E402
from bot.language.registry import SUPPORTED_LANGUAGES  # noqa: E402

HELDOUT = ROOT / "tests" / "nlu_heldout"
RESULTS = ROOT / "benchmarks" / "results" / "nlu_pipelines.json"
RASA = ROOT / ".venv" / "bin" / "rasa"

WORD = {"name": "CountVectorsFeaturizer", "analyzer": "word", "min_ngram": 1, "max_ngram": 2}
CHARS = {"name": "CountVectorsFeaturizer", "analyzer": "char_wb", "min_ngram": 2, "max_ngram": 5}
DIET = {"name": "DIETClassifier", "epochs": 150, "random_seed": 42, "entity_recognition": False,
        "constrain_similarities": True, "number_of_transformer_layers": 0,
        "hidden_layers_sizes": {"text": [256, 128]}}
LOGREG = {"name": "LogisticRegressionClassifier", "max_iter": 200, "random_state": 42}
# The same model, parsed more cheaply (bot/rasa/linear_intent_classifier.py).
LINEAR = {**LOGREG, "name": "bot.rasa.linear_intent_classifier.LinearIntentClassifier"}
CHARS_3_5 = {**CHARS, "min_ngram": 3, "max_features": 50000}

VARIANTS = {
    "diet150": [WORD, CHARS, DIET],
    "diet40-small": [WORD, CHARS, {**DIET, "epochs": 40, "hidden_layers_sizes": {"text": [128]}}],
    "logreg": [WORD, CHARS, LOGREG],
    "logreg-word1-char1to4": [{**WORD, "max_ngram": 1}, {**CHARS, "min_ngram": 1, "max_ngram": 4},
                              LOGREG],
    "logreg-char3to5-max50k": [WORD, CHARS_3_5, LOGREG],
    "linear-char3to5-max50k": [WORD, CHARS_3_5, LINEAR],
}


def is_fixed(component: dict) -> bool:
    """Our language annotator and tokenizer: in every variant, before the featurizers."""
    return component["name"] in ("bot.rasa.language_annotator.LanguageAnnotator",
                                 "bot.rasa.folding_tokenizer.FoldingWhitespaceTokenizer")


def variant_config(base: dict, middle: list[dict]) -> dict:
    """config.yml with the featurizers and the intent classifier replaced by `middle`."""
    config = copy.deepcopy(base)
    keep_first = [c for c in config["pipeline"] if is_fixed(c)]
    fallback = [c for c in config["pipeline"] if c["name"] == "FallbackClassifier"]
    config["pipeline"] = keep_first + copy.deepcopy(middle) + fallback
    return config


def current_variant(base: dict) -> str | None:
    middle = [c for c in base["pipeline"]
              if not is_fixed(c) and c["name"] != "FallbackClassifier"]
    return next((name for name, v in VARIANTS.items() if v == middle), None)


def train(config: dict, out: Path) -> tuple[Path, float]:
    config_file = out / "config.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False))
    started = time.perf_counter()
    subprocess.run([str(RASA), "train", "--config", str(config_file), "--domain", "domain.yml",
                    "--data", "data", "--out", str(out), "--fixed-model-name", "bench",
                    "--force", "--quiet"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return out / "bench.tar.gz", time.perf_counter() - started


def heldout() -> list[tuple[str, str, str]]:
    return [(lang, intent, text) for lang in SUPPORTED_LANGUAGES
            for intent, text in load_examples(HELDOUT / f"{lang}.yml")]


async def parse_all(model: Path, texts: list[str]) -> tuple[list[dict], list[float]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    for text in texts[:20]:  # warm up
        await agent.parse_message(text)
    parses, times = [], []
    for text in texts:
        started = time.perf_counter()
        parses.append(await agent.parse_message(text))
        times.append((time.perf_counter() - started) * 1000)
    return parses, times


def ranked(parse: dict) -> list[tuple[str, float]]:
    """The classifier's own ranking, without the FallbackClassifier's entry."""
    return [(r["name"], r["confidence"]) for r in parse.get("intent_ranking", [])
            if r["name"] != "nlu_fallback"]


def decide(parse: dict, threshold: float, ambiguity: float) -> str:
    """What the bot would do with this parse under these FallbackClassifier settings."""
    ranking = ranked(parse)
    if not ranking:
        return "nlu_fallback"
    (top, confidence), second = ranking[0], ranking[1][1] if len(ranking) > 1 else 0.0
    if confidence < threshold or confidence - second < ambiguity:
        return "nlu_fallback"
    return top


def scores(rows, parses, threshold: float, ambiguity: float) -> dict:
    by_lang: dict = {}
    confusions: collections.Counter = collections.Counter()
    for lang in SUPPORTED_LANGUAGES:
        pairs = []
        for (row_lang, gold, _), parse in zip(rows, parses, strict=True):
            if row_lang == lang:
                predicted = decide(parse, threshold, ambiguity)
                pairs.append((gold, predicted))
                if predicted != gold:
                    confusions[tuple(sorted((gold, predicted)))] += 1
        by_lang[lang] = {"accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 4),
                         "macro_f1": round(macro_f1(pairs), 4),
                         "fallbacks": sum(p == "nlu_fallback" for _, p in pairs), "n": len(pairs)}
    return {"languages": by_lang,
            "worst_pairs": [{"pair": list(p), "count": n} for p, n in confusions.most_common(5)]}


def server_memory_mb(model: Path) -> float | None:
    """VmRSS of a `rasa run` that loaded the model (read from /proc once it answers)."""
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # No endpoints: the model alone (the repository's endpoints.yml needs the action server).
    endpoints = model.parent / "no-endpoints.yml"
    endpoints.write_text("{}\n")
    proc = subprocess.Popen([str(RASA), "run", "--model", str(model), "--port", str(port),
                             "--interface", "127.0.0.1", "--endpoints", str(endpoints),
                             "--quiet"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.time() + 240
        while time.time() < deadline and proc.poll() is None:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(1)
        else:
            return None
        time.sleep(2)
        for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
        return None
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def sweep(rows, parses) -> list[dict]:
    out = []
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        for ambiguity in (0.0, 0.02, 0.05, 0.1):
            s = scores(rows, parses, threshold, ambiguity)["languages"]
            out.append({"threshold": threshold, "ambiguity": ambiguity,
                        "min_macro_f1": min(v["macro_f1"] for v in s.values()),
                        "mean_macro_f1": round(
                            statistics.mean(v["macro_f1"] for v in s.values()), 4),
                        "fallbacks": sum(v["fallbacks"] for v in s.values())})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="comma-separated variant names")
    ap.add_argument("--no-memory", action="store_true", help="skip the Rasa server memory")
    ap.add_argument("--reuse", action="append", default=[], metavar="NAME=MODEL:SECONDS",
                    help="measure an already trained model (trained from scratch in SECONDS)")
    args = ap.parse_args()
    base = yaml.safe_load((ROOT / "config.yml").read_text())
    names = args.only.split(",") if args.only else list(VARIANTS)
    rows = heldout()
    texts = [text for _, _, text in rows]
    fallback = next(c for c in base["pipeline"] if c["name"] == "FallbackClassifier")
    report: dict = {"config_yml_variant": current_variant(base), "heldout_messages": len(rows),
                    "fallback": fallback, "variants": {}}
    reused = {}
    for item in args.reuse:
        name, rest = item.split("=", 1)
        path, seconds = rest.rsplit(":", 1)
        reused[name] = (Path(path), float(seconds))
        if name not in names:
            names.append(name)
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            if name in reused:
                model, seconds = reused[name]
            else:
                model, seconds = train(variant_config(base, VARIANTS[name]), Path(tmp))
            parses, times = asyncio.run(parse_all(model, texts))
            times.sort()
            result = scores(rows, parses, fallback["threshold"], fallback["ambiguity_threshold"])
            result.update({
                "train_seconds": round(seconds, 1),
                "model_mb": round(model.stat().st_size / 1e6, 1),
                "parse_ms_p50": round(times[len(times) // 2], 2),
                "parse_ms_p95": round(times[int(len(times) * 0.95)], 2),
                "server_rss_mb": None if args.no_memory else server_memory_mb(model),
            })
            if name == report["config_yml_variant"]:
                result["fallback_sweep"] = sweep(rows, parses)
            report["variants"][name] = result
        print_row(name, report["variants"][name])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print_table(report)
    print(f"Wrote {RESULTS.relative_to(ROOT)}")
    return 0


def print_row(name: str, r: dict) -> None:
    f1 = " ".join(f"{lang}={v['macro_f1']:.3f}" for lang, v in r["languages"].items())
    print(f"{name}: train {r['train_seconds']} s, {r['model_mb']} MB, parse p50/p95 "
          f"{r['parse_ms_p50']}/{r['parse_ms_p95']} ms, RSS {r['server_rss_mb']} MB; macro-F1 {f1}",
          flush=True)


def print_table(report: dict) -> None:
    langs = list(SUPPORTED_LANGUAGES)
    print("\n| variant | train s | MB | p50/p95 ms | RSS MB | " +
          " | ".join(f"F1 {lang}" for lang in langs) + " | acc (mean) |")
    print("|---" * (6 + len(langs)) + "|")
    for name, r in report["variants"].items():
        acc = statistics.mean(v["accuracy"] for v in r["languages"].values())
        print(f"| {name} | {r['train_seconds']} | {r['model_mb']} | {r['parse_ms_p50']}/"
              f"{r['parse_ms_p95']} | {r['server_rss_mb']} | " +
              " | ".join(f"{r['languages'][lang]['macro_f1']:.3f}" for lang in langs) +
              f" | {acc:.3f} |")
    for name, r in report["variants"].items():
        pairs = ", ".join(f"{'/'.join(p['pair'])} ({p['count']})" for p in r["worst_pairs"])
        print(f"  {name} worst pairs: {pairs}")
        if "fallback_sweep" in r:
            best = sorted(r["fallback_sweep"],
                          key=lambda s: (-s["min_macro_f1"], -s["mean_macro_f1"]))
            print(f"  {name} fallback sweep, best five (threshold, ambiguity: min/mean F1):")
            for s in best[:5]:
                print(f"    {s['threshold']}, {s['ambiguity']}: {s['min_macro_f1']}/"
                      f"{s['mean_macro_f1']} ({s['fallbacks']} fallbacks)")


if __name__ == "__main__":
    sys.exit(main())
