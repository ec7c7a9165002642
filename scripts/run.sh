#!/usr/bin/env bash
# Starts the action server, the Rasa server and the web chat page in the foreground, each restarted
# when it dies; Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD"
RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_PORT:-5055}"
WEB_PORT="${WEB_PORT:-8080}"
mkdir -p var
# The HTTP API needs a token; generate one once and keep it out of git (var/ is ignored).
if [ -z "${RASA_TOKEN:-}" ]; then
  [ -s var/rasa_token ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(32))" > var/rasa_token
  chmod 600 var/rasa_token
  RASA_TOKEN="$(cat var/rasa_token)"
fi
export ACTION_ENDPOINT_URL="http://127.0.0.1:${ACTION_PORT}/webhook"
# The secret the Rasa server sends the action server on every call (endpoints.yml).
if [ -z "${ACTION_SERVER_TOKEN:-}" ]; then
  [ -s var/action_token ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(32))" > var/action_token
  chmod 600 var/action_token
  ACTION_SERVER_TOKEN="$(cat var/action_token)"
fi
export ACTION_SERVER_TOKEN
CREDENTIALS=credentials.yml
if [ -n "${TWILIO_ACCOUNT_SID:-}" ]; then
  cat credentials.yml credentials.twilio.yml > var/credentials.yml
  CREDENTIALS=var/credentials.yml
fi

# The embedded SQLite database (or DATABASE_URL): migrate and load the region data (idempotent).
.venv/bin/python -m bot regions load
.venv/bin/python -m bot library load  # the staff answer library (idempotent)

# Each server runs under a supervisor: a child that dies is restarted after a short back-off
# (1 s, doubling to 30 s; reset after a minute of uptime) instead of stopping the others.
supervise() {
  local name=$1 delay=1 started
  shift
  while true; do
    started=$SECONDS
    "$@" || true
    if (( SECONDS - started > 60 )); then delay=1; fi
    echo "run.sh: the ${name} server exited; restarting it in ${delay} s" >&2
    sleep "$delay"
    delay=$(( delay < 16 ? delay * 2 : 30 ))
  done
}
# Ctrl-C or the end of this script stops every supervisor and server (the whole process group).
trap 'trap - EXIT INT TERM; kill 0 2>/dev/null; wait 2>/dev/null' EXIT INT TERM

# The action server and the Rasa server are internal: loopback only unless ACTION_HOST/RASA_HOST
# say otherwise (the web app and nginx are the public side). The token stays off the command line.
SANIC_HOST="${ACTION_HOST:-127.0.0.1}" \
  supervise actions .venv/bin/python -m bot.rasa.action_server --port "$ACTION_PORT" &
RASA_TOKEN="$RASA_TOKEN" supervise rasa .venv/bin/python -m bot.rasa.serve --model models/wnl.tar.gz \
  --interface "${RASA_HOST:-127.0.0.1}" --port "$RASA_PORT" --enable-api \
  --endpoints endpoints.yml --credentials "$CREDENTIALS" --quiet &
RASA_URL="http://127.0.0.1:${RASA_PORT}" RASA_TOKEN="$RASA_TOKEN" WEB_PORT="$WEB_PORT" \
  supervise web .venv/bin/python -m bot web &

# Retention without cron: delete conversations idle for over RETENTION_DAYS now and every day.
( while true; do
    .venv/bin/python -m bot purge >/dev/null 2>&1 || echo "run.sh: the daily purge failed" >&2
    sleep 86400
  done ) &

cat <<MSG

  Work in NL chatbot starting (the Rasa server needs ~20 s to load the model):
    Web chat:      http://localhost:${WEB_PORT}/   (deep link: /?lang=pl&topic=ask_passport_held&src=nla)
    REST channel:  POST http://localhost:${RASA_PORT}/webhooks/rest/webhook
    Parse API:     POST http://localhost:${RASA_PORT}/model/parse?token=<var/rasa_token>
    Actions:       http://localhost:${ACTION_PORT}/health
  Ctrl-C stops everything.

MSG
wait
