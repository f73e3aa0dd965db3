#!/usr/bin/env bash
# Serve OpenPIE with a background task worker beside it (used by `make run`).
# The worker starts first and is stopped when the server stops (Ctrl+C, an error, or any exit).
# Usage: scripts/run.sh PYTHON HOST:PORT
#
# The server is Django's runserver (it reloads when the code changes). OPENPIE_SERVER=gunicorn serves with
# gunicorn instead, OPENPIE_WORKERS processes x OPENPIE_THREADS threads (2 x 4). Measured with 30 people on
# SQLite (make load-run, docs/performance.md), runserver answered faster than gunicorn 2 x 4 on this database.
set -euo pipefail

py="${1:-.venv/bin/python}"
address="${2:-127.0.0.1:8000}"
workers="${OPENPIE_WORKERS:-2}"
threads="${OPENPIE_THREADS:-4}"

"$py" manage.py task_worker --no-reload &
worker=$!
stop_worker() {
  if kill -0 "$worker" 2>/dev/null; then
    kill "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
  fi
}
trap stop_worker EXIT INT TERM

echo "A task worker (exports, emails) is running as process $worker; it stops with the server."
if [ "${OPENPIE_SERVER:-runserver}" = runserver ]; then
  "$py" manage.py runserver "$address"
else
  "$py" -m gunicorn config.wsgi:application --bind "$address" --workers "$workers" --threads "$threads" \
    --timeout 60 --graceful-timeout 10 --keep-alive 75 --access-logfile - --access-logformat '%(h)s "%(r)s" %(s)s %(M)sms'
fi
