#!/usr/bin/env bash
# Install everything the tests need (system packages, the venv, a private PostgreSQL
# server) and run the whole suite. Extra arguments go to pytest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bash scripts/setup-system.sh
bash scripts/venv.sh test
if [ -z "${KIOSK_TEST_PG_URL:-}" ]; then
  # not inside export "$(…)": that would hide the failure and every PostgreSQL test
  # would then error at set-up
  if ! KIOSK_TEST_PG_URL="$(bash .ci/start-postgres)"; then
    echo "error: the test PostgreSQL server did not start on port ${KIOSK_PG_PORT:-54329}" \
         "(is the port taken?). Choose another: KIOSK_PG_PORT=54330 bash scripts/test.sh" >&2
    exit 1
  fi
  export KIOSK_TEST_PG_URL
fi
export QT_QPA_PLATFORM=offscreen
# setup-system.sh installed chromium: a browser test that cannot find it is a failure
export KIOSK_REQUIRE_BROWSER=1
echo "PostgreSQL for tests: $KIOSK_TEST_PG_URL"
exec .venv/bin/python -m pytest "$@"
