"""Command line: `python -m bot faq report [--out DIR] [--today YYYY-MM-DD]`, `python -m bot web`."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    commands = parser.add_subparsers(dest="area", required=True)
    faq = commands.add_parser("faq", help="the answer library")
    faq_commands = faq.add_subparsers(dest="command", required=True)
    report = faq_commands.add_parser("report", help="check every answer; export side by side")
    report.add_argument("--out", type=Path, default=Path("var/reports"))
    report.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    commands.add_parser("web", help="serve the web chat page (WEB_PORT, RASA_URL, RASA_TOKEN)")
    args = parser.parse_args(argv)

    if args.area == "web":
        from bot.web.app import main as serve

        serve()
        return 0
    if args.area == "faq" and args.command == "report":
        from bot.faq_report import run

        return run(args.out, args.today)
    return 2


if __name__ == "__main__":
    sys.exit(main())
