"""Quick sanity check of one NLU file: YAML parses, counts per intent, duplicates.

Usage: python scripts/check_nlu.py data/intents/pl.yml [--min-mission N] [--min-other N]
"""
import argparse
import collections
import sys

import yaml

MISSION = ["ask_wage_deductions", "ask_housing_contract", "ask_health_insurance",
           "ask_passport_held", "find_informatiepunt"]
OTHER = ["ask_minimum_wage", "ask_payslip", "ask_holiday_allowance", "ask_registration",
         "ask_sick_pay", "ask_dismissal", "ask_work_accident", "report_abuse",
         "ask_unpaid_wages", "ask_temp_agency", "ask_homelessness", "greet", "goodbye",
         "thank", "ask_human", "choose_language", "out_of_scope", "bot_challenge",
         "affirm", "deny"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--min-mission", type=int, default=25)
    ap.add_argument("--min-other", type=int, default=12)
    args = ap.parse_args()
    with open(args.path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    counts = collections.Counter()
    seen = {}
    problems = []
    for block in doc.get("nlu", []):
        intent = block["intent"]
        for line in block["examples"].splitlines():
            line = line.strip()
            if not line:
                continue
            if not line.startswith("- "):
                problems.append(f"{intent}: line without '- ': {line!r}")
                continue
            text = line[2:].strip()
            if "[" in text or "]" in text:
                problems.append(f"{intent}: square brackets are entity syntax: {text!r}")
            key = text.lower()
            if key in seen:
                problems.append(f"duplicate {text!r} in {seen[key]} and {intent}")
            seen[key] = intent
            counts[intent] += 1
    for intent in MISSION + OTHER:
        need = args.min_mission if intent in MISSION else args.min_other
        if counts[intent] < need:
            problems.append(f"{intent}: {counts[intent]} examples, need {need}")
    for intent in counts:
        if intent not in MISSION + OTHER:
            problems.append(f"unknown intent {intent}")
    for intent in MISSION + OTHER:
        print(f"{intent:24} {counts[intent]}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
