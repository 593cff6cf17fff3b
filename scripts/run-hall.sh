#!/usr/bin/env bash
# Start the whole hall on this machine (kiosk, window clients, rating pad, hall display,
# manager) on the embedded SQLite database with the sample catalog. First run installs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-system.sh
bash scripts/venv.sh
exec .venv/bin/python -m kiosk hall "$@"
