"""`rasa run` with the API token read from RASA_TOKEN (or RASA_TOKEN_FILE), so it never shows on
the command line (`ps` lists a process's arguments to every user of the machine).

    python -m bot.rasa.serve --model models/wnl.tar.gz --port 5005 --enable-api ...
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.rasa import patches


def token() -> str:
    path = os.environ.get("RASA_TOKEN_FILE")
    value = Path(path).read_text().strip() if path else os.environ.get("RASA_TOKEN", "")
    if not value:
        sys.exit("rasa_serve: set RASA_TOKEN or RASA_TOKEN_FILE; the HTTP API needs a token")
    return value


# Sanic reads SANIC_* from the environment: a body over 1 MB is refused (Rasa's default was
# 100 MB; our largest valid request is a 64 KB message), and a client that sends its headers or
# body too slowly is cut off.
SANIC_DEFAULTS = {"SANIC_REQUEST_MAX_SIZE": "1000000", "SANIC_REQUEST_TIMEOUT": "10",
                  "SANIC_RESPONSE_TIMEOUT": "60"}


# Rasa's warnings that quote the user's message.
QUOTING_WARNINGS = ("Failed to parse arguments in line", "Parsing of message")


def keep_user_text_out_of_warnings() -> None:
    """Rasa quotes a text it cannot parse as a payload in a UserWarning. bot/channels/payloads.py
    keeps such text from reaching that code; this drops those warnings as well, should another
    way lead there (defence in depth: the token-protected /model/parse). A filter alone is not
    enough: Rasa's CLI puts its own "once" filter for every UserWarning in front of ours, so the
    warning is also dropped where it would be shown."""
    import warnings

    for start in QUOTING_WARNINGS:
        warnings.filterwarnings("ignore", message=start)
    shown = warnings.showwarning

    def show_unless_quoting(message, category, filename, lineno, file=None, line=None):
        if not str(message).startswith(QUOTING_WARNINGS):
            shown(message, category, filename, lineno, file, line)

    warnings.showwarning = show_unless_quoting


def main() -> None:
    from rasa.__main__ import main as rasa_main

    keep_user_text_out_of_warnings()
    patches.install()
    for name, value in SANIC_DEFAULTS.items():
        os.environ.setdefault(name, value)
    # Only this process's own copy of its arguments changes; /proc/<pid>/cmdline keeps the
    # arguments it was started with, which hold no token.
    args = sys.argv[1:]
    if "--response-timeout" not in args:
        # Sanic counts reading the body as part of the response: Rasa's default of an hour let a
        # client hold a connection open by sending its body slowly. It must stay well above the
        # lock lifetime: a message waiting for a dead server's lock must not be cut off midway.
        lock_lifetime = int(os.environ.get("TICKET_LOCK_LIFETIME", "60"))
        default = str(max(60, 2 * lock_lifetime))
        args += ["--response-timeout", os.environ.get("RASA_RESPONSE_TIMEOUT", default)]
    # One argument: a token that starts with "-" (token_urlsafe makes 1 in 64) is not an option.
    sys.argv = ["rasa", "run", *args, f"--auth-token={token()}"]
    rasa_main()


if __name__ == "__main__":
    main()
