#!/usr/bin/env bash
# Makes sure Python 3.11+ with venv is available; on Debian installs it from the package registry.
set -euo pipefail
python=${1:-python3}
if "$python" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  exit 0
fi
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing Python and venv from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
  exit 0
fi
echo "OpenPIE needs Python 3.11 or newer with the venv module (on Debian: apt-get install python3-venv)." >&2
exit 1
