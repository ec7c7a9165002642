"""`rasa run` with the API token read from RASA_TOKEN (or RASA_TOKEN_FILE), so it never shows on
the command line (`ps` lists a process's arguments to every user of the machine).

    python -m bot.rasa_serve --model models/wnl.tar.gz --port 5005 --enable-api ...
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def token() -> str:
    path = os.environ.get("RASA_TOKEN_FILE")
    value = Path(path).read_text().strip() if path else os.environ.get("RASA_TOKEN", "")
    if not value:
        sys.exit("rasa_serve: set RASA_TOKEN or RASA_TOKEN_FILE; the HTTP API needs a token")
    return value


def main() -> None:
    from rasa.__main__ import main as rasa_main

    # Only this process's own copy of its arguments changes; /proc/<pid>/cmdline keeps the
    # arguments it was started with, which hold no token.
    sys.argv = ["rasa", "run", *sys.argv[1:], "--auth-token", token()]
    rasa_main()


if __name__ == "__main__":
    main()
