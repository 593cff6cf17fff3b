#!/usr/bin/env bash
# The Python files lupdate reads: the apps and the core (whose marked names screens show).
set -euo pipefail
cd "$(dirname "$0")/.."
find kiosk window_client -name '*.py' -not -path '*/migrations/*' | sort
