#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages and starts PostgreSQL on loopback.
#   scripts/test_setup.sh                 install (if missing) and start
#   scripts/test_setup.sh --database-url  start if needed, then print the test DATABASE_URL
# Idempotent and non-interactive; installs only when something is missing.
set -euo pipefail

PG_USER=openpie
PG_PASSWORD=openpie-test
PG_PORT=${OPENPIE_TEST_PG_PORT:-5432}
PACKAGES=(chromium postgresql nginx-light libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-dejavu-core poppler-utils gettext xmlsec1 libxmlsec1-dev pkg-config)

log() { [ "${1:-}" ] && echo "test-setup: $*" >&2; }

install_packages() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "missing Debian packages: ${missing[*]} (run as root on Debian, or install them)"; exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

pg_version() { ls /usr/lib/postgresql | sort -V | tail -n1; }

start_postgres() {
  local version; version=$(pg_version)
  if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
    log "creating PostgreSQL $version cluster"
    pg_createcluster "$version" main --port "$PG_PORT" >/dev/null
  fi
  if ! pg_lsclusters -h | grep "^$version main" | grep -q online; then
    log "starting PostgreSQL $version"
    pg_ctlcluster "$version" main start
  fi
  local port; port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')
  for _ in $(seq 1 30); do
    runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  runuser -u postgres -- psql -q -p "$port" -tAc "SELECT 1 FROM pg_roles WHERE rolname='$PG_USER'" | grep -q 1 ||
    runuser -u postgres -- psql -q -p "$port" -c "CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'"
  runuser -u postgres -- psql -q -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname='$PG_USER'" | grep -q 1 ||
    runuser -u postgres -- createdb -p "$port" -O "$PG_USER" "$PG_USER"
  echo "$port"
}

if [ "${1:-}" = "--database-url" ]; then
  port=$(start_postgres)
  echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$port/$PG_USER"
  exit 0
fi
# The OpenID Connect provider the sign-in browser tests run on loopback (node oidc-provider, from npm).
install_test_idps() {
  local dir; dir="$(dirname "$0")/../tests/idp/oidc"
  [ -d "$dir/node_modules/oidc-provider" ] && return 0
  if ! command -v npm >/dev/null; then log "npm is missing: the sign-in provider browser tests will be skipped"; return 0; fi
  log "installing the test OpenID Connect provider (npm ci)"
  npm ci --prefix "$dir" --no-audit --no-fund --silent
}

install_packages
install_test_idps
start_postgres >/dev/null
log "ready: Chromium $(chromium --version 2>/dev/null | awk '{print $2}'), PostgreSQL $(pg_version)"
