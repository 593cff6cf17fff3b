#!/usr/bin/env bash
# Start the whole hall on this machine (kiosk, window clients, rating pad, hall display,
# manager, and the web service for phones: its address is printed as 手机服务 and the
# tickets' QR codes link to it) on the embedded SQLite database with the sample catalog.
# First run installs. For phones on the hall Wi-Fi: bash scripts/run-hall.sh --web-host 0.0.0.0
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-system.sh
bash scripts/venv.sh
exec .venv/bin/python -m kiosk hall "$@"
