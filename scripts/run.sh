#!/usr/bin/env bash
# Serve OpenPIE with a background task worker beside it (used by `make run`).
# The worker starts first and is stopped when the server stops (Ctrl+C, an error, or any exit).
# Usage: scripts/run.sh PYTHON HOST:PORT
set -euo pipefail

py="${1:-.venv/bin/python}"
address="${2:-127.0.0.1:8000}"

"$py" manage.py task_worker --no-reload &
worker=$!
stop_worker() {
  if kill -0 "$worker" 2>/dev/null; then
    kill "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
  fi
}
trap stop_worker EXIT INT TERM

echo "A task worker (exports) is running as process $worker; it stops with the server."
"$py" manage.py runserver "$address"
