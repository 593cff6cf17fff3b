#!/usr/bin/env bash
# Create .venv (once) and install the project into it from a hashed lock file (see
# scripts/lock.sh): no argument installs requirements/app.lock (the hall, with every
# printer driver), `scripts/venv.sh test` installs requirements/test.lock (runtime + the
# test extra). Prints nothing when already up to date.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  if ! .venv/bin/python -m pip install -q --upgrade pip > .venv/pip.log 2>&1; then
    cat .venv/pip.log >&2
    exit 1
  fi
fi
extras="${1:-}"
lock="requirements/${extras:-app}.lock"
if [ ! -f "$lock" ]; then
  echo "no lock file $lock (extras: '' or test; see scripts/lock.sh)" >&2
  exit 2
fi
stamp=".venv/.installed-${extras:-base}"
want="$(cat setup.cfg "$lock" | sha256sum)"
if [ "$(cat "$stamp" 2> /dev/null)" != "$want" ]; then
  echo "installing the project and its dependencies into .venv (log: .venv/pip.log)"
  # the lock holds every dependency with its hashes; the project itself is built by pip's
  # isolated build env (setuptools from pyproject.toml), hence --no-deps and no hashes
  if ! { .venv/bin/python -m pip install -q --require-hashes -r "$lock" &&
         .venv/bin/python -m pip install -q --no-deps -e .; } > .venv/pip.log 2>&1; then
    cat .venv/pip.log >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi
