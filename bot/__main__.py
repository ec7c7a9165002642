"""Command line:
    python -m bot faq report [--out DIR] [--today YYYY-MM-DD]
    python -m bot web
    python -m bot qr [--lang pl ...] [--src nla] [--out DIR]   (CHAT_BASE_URL, WHATSAPP_NUMBER)
    python -m bot regions load | export [--out FILE]          (DATABASE_URL)
    python -m bot library load                                (DATABASE_URL)
    python -m bot staff add-user NAME --role viewer|editor | remove-user NAME | set-role NAME ROLE
                        | set-regions NAME [REGION|national ...] | reset-2fa NAME
                                                              (DATABASE_URL, STAFF_PASSWORD)
    python -m bot purge [--days N] [--dry-run]                 (TRACKER_STORE_URL, RETENTION_DAYS)
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from bot import clock
from bot.language.registry import SUPPORTED_LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    commands = parser.add_subparsers(dest="area", required=True)
    faq = commands.add_parser("faq", help="the answer library")
    faq_commands = faq.add_subparsers(dest="command", required=True)
    report = faq_commands.add_parser("report", help="check every answer; export side by side")
    report.add_argument("--out", type=Path, default=Path("var/reports"))
    report.add_argument("--today", type=dt.date.fromisoformat, default=clock.today())
    commands.add_parser("web", help="serve the web chat page (WEB_PORT, RASA_URL, RASA_TOKEN)")
    regions = commands.add_parser("regions",
                                  help="regions, municipalities and help points in the database")
    regions_commands = regions.add_subparsers(dest="command", required=True)
    regions_commands.add_parser("load",
                                help="migrate the database and load data/regions/ (idempotent)")
    export = regions_commands.add_parser("export",
                                         help="municipalities with region and help points, as CSV")
    export.add_argument("--out", type=Path, help="file to write (default: standard output)")
    library = commands.add_parser("library", help="the staff answer library in the database")
    library_commands = library.add_subparsers(dest="command", required=True)
    library_commands.add_parser("load",
                                help="migrate the database and copy data/faq/ in (idempotent)")
    staff = commands.add_parser("staff", help="staff accounts of the answer library (/staff)")
    staff_commands = staff.add_subparsers(dest="command", required=True)
    add_user = staff_commands.add_parser(
        "add-user", help="add an account; the password from STAFF_PASSWORD or a prompt")
    add_user.add_argument("name")
    add_user.add_argument("--role", required=True, choices=("viewer", "editor"))
    staff_commands.add_parser("remove-user", help="remove an account and end its sessions") \
        .add_argument("name")
    set_role = staff_commands.add_parser("set-role", help="make an account a viewer or an editor")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=("viewer", "editor"))
    reset = staff_commands.add_parser(
        "reset-2fa", help="a lost phone: the next login sets up the two-step login again")
    reset.add_argument("name")
    set_regions = staff_commands.add_parser(
        "set-regions", help="the handover queues an account answers (region names, national)")
    set_regions.add_argument("name")
    set_regions.add_argument("regions", nargs="*", help='e.g. "Noord-Limburg" national')
    qr = commands.add_parser("qr", help="printable QR cards for labour inspectors")
    qr.add_argument("--lang", action="append", choices=SUPPORTED_LANGUAGES,
                    help="a card language (repeat; default: all)")
    qr.add_argument("--src", default="nla", help="the source tag in the link (default: nla)")
    qr.add_argument("--out", type=Path, default=Path("var/cards"))
    purge = commands.add_parser("purge", help="delete conversations whose last event is older "
                                              "than N days from the tracker store")
    purge.add_argument("--days", type=int, help="retention in days (default: RETENTION_DAYS or 30)")
    purge.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)

    if args.area == "purge":
        return purge_command(args)

    if args.area == "regions":
        return regions_command(args)
    if args.area == "library":
        return library_command(args)
    if args.area == "staff":
        return staff_command(args)

    if args.area == "qr":
        from bot.channels.qr_cards import make_cards

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
        from bot.answers.report import run

        return run(args.out, args.today)
    return 2


def purge_command(args: argparse.Namespace) -> int:
    from bot.db.retention import purge, retention_days
    from bot.db.store_urls import tracker_store_url

    days = args.days if args.days is not None else retention_days()
    if days < 1:
        print("--days must be at least 1", file=sys.stderr)
        return 2
    result = purge(tracker_store_url(), days, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    if not result.table_found:
        print("the tracker store has no events table yet: nothing to purge there")
    else:
        print(f"{verb} {result.conversations} conversations ({result.events} events) "
              f"whose last event is older than {days} days")
    handovers = purge_handovers(days, args.dry_run)
    print(f"{verb} {handovers} handovers unchanged for over {days} days")
    return 0


def purge_handovers(days: int, dry_run: bool) -> int:
    """Handovers (questions left for the team, replies) unchanged for over `days` days."""
    import datetime as dt

    from sqlalchemy import func, select

    from bot.db.handover_models import Handover
    from bot.db.migrate import upgrade
    from bot.db.session import database_url, engine_from_url, session_scope
    from bot.handover.store import purge

    cutoff = dt.datetime.utcnow() - dt.timedelta(days=days)
    upgrade(database_url())
    with session_scope(engine_from_url()) as session:
        if dry_run:
            return session.scalar(select(func.count()).select_from(Handover)
                                  .where(Handover.updated_at < cutoff)) or 0
        return purge(session, cutoff)


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


def library_command(args: argparse.Namespace) -> int:
    from bot.db.migrate import upgrade
    from bot.db.session import database_url, engine_from_url, session_scope
    from bot.staff.revisions import load_answers

    url = database_url()
    upgrade(url)
    with session_scope(engine_from_url(url)) as session:
        counts = load_answers(session)
    print(f"library: {counts['topics']} topics, "
          f"{counts['new_file_revisions']} new or changed texts")
    return 0


def staff_command(args: argparse.Namespace) -> int:
    import getpass

    from sqlalchemy import select

    from bot.db.models import Region
    from bot.db.session import engine_from_url, session_scope
    from bot.handover.store import NATIONAL
    from bot.staff.passwords import MIN_LENGTH, PasswordTooShort
    from bot.staff.users import UserError, add_user, remove_user, set_regions, set_role

    password = None
    if args.command == "add-user":
        password = os.environ.get("STAFF_PASSWORD") or getpass.getpass(
            f"Password for {args.name} (at least {MIN_LENGTH} characters): ")
    try:
        with session_scope(engine_from_url()) as session:
            if args.command == "add-user":
                add_user(session, args.name, password, args.role)
                print(f"added {args.name} ({args.role})")
            elif args.command == "remove-user":
                remove_user(session, args.name)
                print(f"removed {args.name}")
            elif args.command == "reset-2fa":
                from bot.staff.two_factor import reset
                from bot.staff.users import find_user

                user = find_user(session, args.name)
                if user is None:
                    raise UserError(f"no such user: {args.name}")
                reset(session, user)
                print(f"{args.name} sets up the two-step login at the next login")
            elif args.command == "set-regions":
                known = {r.name for r in session.execute(select(Region)).scalars()} | {NATIONAL}
                set_regions(session, args.name, args.regions, known)
                print(f"{args.name} answers: {', '.join(args.regions) or 'no queue'}")
            else:
                set_role(session, args.name, args.role)
                print(f"{args.name} is now {args.role}")
    except (UserError, PasswordTooShort) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
