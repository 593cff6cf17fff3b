#!/usr/bin/env bash
# Install everything the tests need (system packages, the venv, a private PostgreSQL
# server) and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-system.sh
bash scripts/venv.sh test
export KIOSK_TEST_PG_URL="${KIOSK_TEST_PG_URL:-$(bash .ci/start-postgres)}"
export QT_QPA_PLATFORM=offscreen
echo "PostgreSQL for tests: $KIOSK_TEST_PG_URL"
exec .venv/bin/python -m pytest "$@"
