"""``python -m kiosk hall``: the whole hall on one machine, for a first look.

Makes sure the sample database exists, then starts every app as its own process (as on
a real hall's separate PCs) and stops them all when any one is closed or on Ctrl+C.
"""
from __future__ import annotations

import logging
import subprocess
import sys

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

#: (label, arguments after ``python -m kiosk``); each later app adds itself here
APPS: list[tuple[str, list[str]]] = []


def ensure_sample(args) -> None:
    from kiosk.cli import open_context
    from kiosk.queue import demo, migrate, queries

    ctx = open_context(args)
    migrate.upgrade(ctx.db)
    try:
        queries.hall_info(ctx)
    except KioskError:
        print("first run: loading the sample hall (示例市政务服务中心)…", flush=True)
        demo.seed_sample(ctx)
    ctx.db.dispose()


def run_hall(args) -> int:
    ensure_sample(args)
    base = [sys.executable, "-m", "kiosk"]
    if args.db:
        base += ["--db", args.db]
    if not APPS:
        print("the sample hall database is ready; following its event feed (Ctrl+C ends)")
        return subprocess.call(base + ["events"])
    procs = []
    try:
        for label, extra in APPS:
            print(f"starting {label}", flush=True)
            procs.append(subprocess.Popen(base + extra))
        while all(p.poll() is None for p in procs):
            try:
                procs[0].wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
    except KeyboardInterrupt:
        pass
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0
