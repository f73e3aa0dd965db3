#!/usr/bin/env bash
# Serve OpenPIE in production mode: gunicorn (config/gunicorn.py) and a task worker beside it, on
# the production settings that `make lint`'s `check --deploy` covers (used by `make serve`).
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS, from the environment or .env (.env.example).
# It checks the deployment, applies migrations, collects static files, then starts the worker and
# the server; the worker is stopped when the server stops (Ctrl+C, an error, or any exit).
# Usage: scripts/serve.sh PYTHON HOST:PORT
set -euo pipefail

py="${1:-.venv/bin/python}"
address="${2:-127.0.0.1:8000}"
export OPENPIE_ENV=production

missing=$("$py" -m config.envfile DJANGO_SECRET_KEY DJANGO_ALLOWED_HOSTS)
if [[ -n "$missing" ]]; then
  echo "make serve: set $missing (in the environment or .env; see .env.example). Not started." >&2
  exit 2
fi

"$py" manage.py check --deploy --fail-level ERROR
"$py" manage.py migrate --noinput
"$py" manage.py collectstatic --noinput --verbosity 0

# Every gunicorn process counts its own requests; prometheus-client adds them up from this folder.
export PROMETHEUS_MULTIPROC_DIR="${PROMETHEUS_MULTIPROC_DIR:-var/prometheus}"
rm -rf "$PROMETHEUS_MULTIPROC_DIR"
mkdir -p "$PROMETHEUS_MULTIPROC_DIR"

"$py" manage.py task_worker --no-reload &
worker=$!
stop_worker() {
  if kill -0 "$worker" 2>/dev/null; then
    kill "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
  fi
}
trap stop_worker EXIT INT TERM

echo "OpenPIE (production settings) is starting on $address; a task worker runs as process $worker." >&2
GUNICORN_BIND="$address" "$py" -m gunicorn -c config/gunicorn.py
