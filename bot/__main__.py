"""Command line:
    python -m bot faq report [--out DIR] [--today YYYY-MM-DD]
    python -m bot web
    python -m bot qr [--lang pl ...] [--src nla] [--out DIR]   (CHAT_BASE_URL, WHATSAPP_NUMBER)
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from bot.languages import SUPPORTED_LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    commands = parser.add_subparsers(dest="area", required=True)
    faq = commands.add_parser("faq", help="the answer library")
    faq_commands = faq.add_subparsers(dest="command", required=True)
    report = faq_commands.add_parser("report", help="check every answer; export side by side")
    report.add_argument("--out", type=Path, default=Path("var/reports"))
    report.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    commands.add_parser("web", help="serve the web chat page (WEB_PORT, RASA_URL, RASA_TOKEN)")
    qr = commands.add_parser("qr", help="printable QR cards for labour inspectors")
    qr.add_argument("--lang", action="append", choices=SUPPORTED_LANGUAGES,
                    help="a card language (repeat; default: all)")
    qr.add_argument("--src", default="nla", help="the source tag in the link (default: nla)")
    qr.add_argument("--out", type=Path, default=Path("var/cards"))
    args = parser.parse_args(argv)

    if args.area == "qr":
        from bot.cards import make_cards

        base_url = os.environ.get("CHAT_BASE_URL", "http://localhost:8080/")
        paths = make_cards(args.out, base_url, args.lang or SUPPORTED_LANGUAGES, args.src,
                           os.environ.get("WHATSAPP_NUMBER") or None)
        print(f"{len(paths)} files in {args.out} (links to {base_url})")
        return 0

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
