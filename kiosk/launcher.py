"""``python -m kiosk hall``: the whole hall on one machine, for a first look.

Makes sure the sample database exists, then starts every app as its own process (as on
a real hall's separate PCs) and stops them all when any one is closed or on Ctrl+C.
"""
from __future__ import annotations

import logging
import signal
import subprocess
import sys

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

#: (label, module that must exist, arguments after ``python -m kiosk``)
APPS: list[tuple[str, str, list[str]]] = [
    ("kiosk (取号机)", "kiosk.ui.kiosk.app", ["kiosk", "--windowed"]),
    ("hall display (叫号大屏)", "kiosk.ui.display.app", ["display", "--windowed"]),
    ("window 1 (1号窗口)", "window_client.clerk.app", ["window", "--window", "1", "--windowed"]),
    ("window 2 (2号窗口)", "window_client.clerk.app", ["window", "--window", "2", "--windowed"]),
    ("rating pad of window 1 (评价器)", "window_client.pad.app",
     ["rating-pad", "--window", "1", "--windowed"]),
    ("manager (管理端)", "kiosk.ui.manager.app", ["manager", "--windowed"]),
]


def available_apps() -> list[tuple[str, list[str]]]:
    import importlib.util

    found = []
    for label, module, argv in APPS:
        try:
            present = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            present = False
        if present:
            found.append((label, argv))
    return found


def ensure_sample(args) -> None:
    from kiosk import bootstrap
    from kiosk.queue.actions.day import close_past_days
    from kiosk.queue import demo
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.queue.actions.keys import key_file
    from kiosk.queue.rules.personal import ensure_key_file
    from kiosk.queue.store import migrate

    ctx = bootstrap.hall_context(bootstrap.Options.from_args(args))
    migrate.ensure_current(ctx.db)
    if ensure_key_file(key_file(ctx)):
        print(f"created the personal-data key {key_file(ctx)}", flush=True)
    try:
        hall_reads.hall_info(ctx)
    except KioskError:
        print("first run: loading the sample hall (示例市政务服务中心)…", flush=True)
        demo.seed_sample(ctx)
    for closed in close_past_days(ctx):
        print(f"closed the unfinished day {closed.day} ({closed.expired} tickets expired)")
    if getattr(args, "always_open", False):
        demo.open_around_the_clock(ctx)
        print("every queue now takes tickets at any hour (--always-open)")
    elif not demo.any_service_open(ctx):
        print("note: the sample hall is closed now (its queues open Mon-Fri 09:00-12:00 "
              "and 13:30-17:00, hall time, holidays excepted), so the kiosk will refuse "
              "tickets. To try it anyway: bash scripts/run-hall.sh --always-open",
              flush=True)
    ctx.db.dispose()


def _stop_on_sigterm(_signum, _frame) -> None:
    raise KeyboardInterrupt


def run_hall(args) -> int:
    ensure_sample(args)
    base = [sys.executable, "-m", "kiosk"]
    if args.db:
        base += ["--db", args.db]
    apps = available_apps()
    if not apps:
        print("the sample hall database is ready; following its event feed (Ctrl+C ends)")
        return subprocess.call(base + ["events"])
    procs = []
    # a service manager stops us with SIGTERM: close the apps as Ctrl+C would
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        for label, extra in apps:
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
