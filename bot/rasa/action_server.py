"""The action server (rasa-sdk's app, our actions) behind a shared secret, on loopback by default.

rasa-sdk 3.6 has no authentication: anyone who reached its /webhook could run any action with a
forged tracker (five forged calls wrote five fake QR-card counts). Rasa's action endpoint sends
`token` from endpoints.yml as a query parameter on every call; here /webhook answers 401 unless
it matches ACTION_SERVER_TOKEN. rasa-sdk's error handler would echo the request body (the
conversation) in a 500: errors here are answered with their type only.

    ACTION_SERVER_TOKEN=... python -m bot.rasa.action_server --port 5055   (SANIC_HOST: 127.0.0.1)
"""
from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
import threading

logger = logging.getLogger(__name__)


def create_app(token: str, package: str = "actions"):
    from rasa_sdk.endpoint import create_app as sdk_app
    from sanic import response

    app = sdk_app(package, cors_origins=None)

    @app.on_request
    async def require_token(request):
        if request.path.rstrip("/") == "/webhook":
            given = request.args.get("token") or ""
            if not hmac.compare_digest(given.encode(), token.encode()):
                return response.json({"error": "unauthorized"}, status=401)

    @app.exception(Exception)
    async def no_echo(request, exception: Exception):
        logger.error("action server: %s", type(exception).__name__)
        return response.json({"error": type(exception).__name__}, status=500)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_PORT", "5055")))
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args()
    token = os.environ.get("ACTION_SERVER_TOKEN") or ""
    if len(token) < 16:
        sys.exit("action_server: set ACTION_SERVER_TOKEN (16 characters or more)")
    logging.basicConfig(level=logging.WARNING)
    # The language model (read from the NLU data, about 2 s) is built beside start-up, not on the
    # first worker whose message needs a second language reading (bot/dialogue/turn.py).
    from bot.language.detection import detect

    threading.Thread(target=detect, args=("warm up",), daemon=True).start()
    app = create_app(token, args.actions)
    app.run(host=os.environ.get("SANIC_HOST", "127.0.0.1"), port=args.port, workers=1,
            access_log=False, motd=False)


if __name__ == "__main__":
    main()
