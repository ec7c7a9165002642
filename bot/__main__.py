"""Command line:
    python -m bot faq report [--out DIR] [--today YYYY-MM-DD]
    python -m bot web
    python -m bot qr [--lang pl ...] [--src nla] [--out DIR]   (CHAT_BASE_URL, WHATSAPP_NUMBER)
    python -m bot regions load | export [--out FILE]          (DATABASE_URL)
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
    regions = commands.add_parser("regions", help="regions, municipalities and help points in the database")
    regions_commands = regions.add_subparsers(dest="command", required=True)
    regions_commands.add_parser("load", help="migrate the database and load data/regions/ (idempotent)")
    export = regions_commands.add_parser("export", help="municipalities with region and help points, as CSV")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    qr = commands.add_parser("qr", help="printable QR cards for labour inspectors")
    qr.add_argument("--lang", action="append", choices=SUPPORTED_LANGUAGES,
                    help="a card language (repeat; default: all)")
    qr.add_argument("--src", default="nla", help="the source tag in the link (default: nla)")
    qr.add_argument("--out", type=Path, default=Path("var/cards"))
    args = parser.parse_args(argv)

    if args.area == "regions":
        return regions_command(args)

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


def regions_command(args: argparse.Namespace) -> int:
    import csv

    from bot.db.migrate import upgrade
    from bot.db.queries import export_regions, load_regions
    from bot.db.session import database_url, engine_from_url, session_scope

    url = database_url()
    if args.command == "load":
        upgrade(url)
        with session_scope(engine_from_url(url)) as session:
            counts = load_regions(session)
        print("loaded: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
        return 0
    with session_scope(engine_from_url(url)) as session:
        rows = export_regions(session)
    out = args.out.open("w", newline="", encoding="utf-8") if args.out else sys.stdout
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["cbs_code"])
    writer.writeheader()
    writer.writerows(rows)
    if args.out:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
