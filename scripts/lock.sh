#!/usr/bin/env bash
# Regenerate the hashed lock files in requirements/ from the ranges in setup.cfg:
#
#     bash scripts/lock.sh                                # keep locked versions that still fit
#     bash scripts/lock.sh --upgrade                      # newest releases setup.cfg allows
#     bash scripts/lock.sh --upgrade-package SQLAlchemy   # move one package
#
# Extra arguments go to `uv pip compile`. The locks are universal: one file serves Linux
# and Windows on CPython 3.11+ (platform-only lines carry their marker, and each package
# lists the hashes of all its wheels); scripts/venv.sh and scripts/run-hall.ps1 install
# them with `pip install --require-hashes`.
#   requirements/app.lock   install_requires + the usb, serial and win32 extras (the hall)
#   requirements/test.lock  install_requires + the win32 and test extras, at app.lock's
#                           versions; no pyusb, so the test of its absence runs
# Uses `uv` from PATH, else uv $UV_VERSION installed once into a venv under ~/.cache.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
UV_VERSION="${UV_VERSION:-0.13.9}"
if [ -n "${UV:-}" ]; then
  uv="$UV"
elif command -v uv > /dev/null; then
  uv="$(command -v uv)"
else
  tools="${XDG_CACHE_HOME:-$HOME/.cache}/kiosk-hall/uv-$UV_VERSION"
  if [ ! -x "$tools/bin/uv" ]; then
    "${PYTHON:-python3}" -m venv "$tools"
    "$tools/bin/python" -m pip install -q "uv==$UV_VERSION"
  fi
  uv="$tools/bin/uv"
fi
mkdir -p requirements
compile=("$uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes
         --custom-compile-command "bash scripts/lock.sh")
"${compile[@]}" --extra usb --extra serial --extra win32 setup.cfg \
  -o requirements/app.lock "$@"
"${compile[@]}" --extra win32 --extra test -c requirements/app.lock setup.cfg \
  -o requirements/test.lock "$@"
