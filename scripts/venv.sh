#!/usr/bin/env bash
# Create .venv (once) and install the project into it; extra args go to the extras,
# e.g. `scripts/venv.sh test`. Prints nothing when already up to date.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
extras="${1:-}"
spec="."
[ -n "$extras" ] && spec=".[$extras]"
stamp=".venv/.installed-${extras:-base}"
if [ ! -f "$stamp" ] || [ setup.cfg -nt "$stamp" ]; then
  echo "installing the project and its dependencies into .venv (log: .venv/pip.log)"
  if ! .venv/bin/python -m pip install -q -e "$spec" > .venv/pip.log 2>&1; then
    cat .venv/pip.log >&2
    exit 1
  fi
  touch "$stamp"
fi
