"""Window client benchmark, printed as one JSON object.

    python bench/window_bench.py [--calls 150] [--starts 3] [--sqlite-only]

* keypress "call next" (the F1 key through the real QShortcut, ActionRunner worker,
  core call_next and the result signal) until the ticket's number is on the clerk's
  screen: p50/p99 on SQLite and on PostgreSQL (target p99 <= 50 ms), pressed once the
  screen has settled, and (``while_refreshing``) right after the previous finish while
  the feed-driven screen refreshes still run;
* process start (``python -m kiosk window``'s own start function in a fresh
  interpreter) until the login screen is shown (target <= 2 s).

PostgreSQL comes from KIOSK_TEST_PG_URL (a scratch database is created and dropped).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_CONFIG", os.devnull)
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the checkout first

from bench.stats import summary as ms_summary  # noqa: E402

CALL_TARGET_MS = 50.0
START_TARGET_S = 2.0
MONDAY_0930 = dt.datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def summary(ms: list[float]) -> dict[str, float]:
    return {"n": len(ms), **ms_summary(ms)}


# --- the event loop without sleeping ---------------------------------------------------

def run_until(condition, timeout_s: float = 20.0, settle_ms: int = 0) -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    loop = QEventLoop()
    elapsed = QElapsedTimer()
    elapsed.start()
    timer = QTimer()

    def check() -> None:
        if (condition() and elapsed.elapsed() >= settle_ms) \
                or elapsed.elapsed() > timeout_s * 1000:
            loop.quit()

    timer.timeout.connect(check)
    timer.start(2)
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError("benchmark step did not complete")


# --- databases --------------------------------------------------------------------------

def seed(url: str) -> None:
    from kiosk.clock import ManualClock
    from kiosk.queue import demo
    from kiosk.queue.store import migrate
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    db = Database(url)
    migrate.upgrade(db)
    demo.seed_sample(HallContext(db=db, clock=ManualClock(MONDAY_0930)))
    db.dispose()


def scratch_pg(admin_url: str):
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"kiosk_wbench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url, drop


# --- keypress to screen -----------------------------------------------------------------

def bench_calls(url: str, calls: int) -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from kiosk.clock import ManualClock
    from kiosk.queue.actions import issuing
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database
    from kiosk.queue.reads.hall import effective_settings
    from window_client.clerk.app import build_window_client

    app = QApplication.instance() or QApplication([])
    clock = ManualClock(MONDAY_0930)
    ctx = HallContext(db=Database(url), clock=clock, hall_code="demo")
    busy_calls = max(2, calls // 2)
    for _ in range(calls + busy_calls + 1):
        issuing.issue_ticket(ctx, item_code="SCJG-001")
        clock.advance(seconds=1)
    client = build_window_client(ctx, effective_settings(ctx), window=1)
    try:
        client.resize(1280, 860)
        client.show()
        client.activateWindow()
        run_until(lambda: QApplication.activeWindow() is client
                  and bool(client.login_page._windows))
        page = client.login_page
        page.staff_no.setText("1001")
        page.password.setText("123456")
        QTest.keyClick(page.password, Qt.Key.Key_Return)
        run_until(lambda: client.signed_in and client.main._screen is not None)
        keys = client.actions._keys
        main = client.main
        runner = client.runner

        def press(action: str) -> None:
            combo = keys[action][0]
            QTest.keyClick(QApplication.focusWidget() or client, combo.key(),
                           combo.keyboardModifiers())

        def quiet() -> bool:
            return not runner.busy and not runner._reads_running

        loop = QEventLoop()
        main.ticket_shown.connect(lambda code: loop.quit() if code else None)

        def series(count: int, settled: bool) -> list[float]:
            timings = []
            for _ in range(count):
                if settled:   # F1 after the screen settled (its feed refreshes done)
                    run_until(quiet, settle_ms=60)
                else:         # F1 right after the finish, refreshes still running
                    run_until(lambda: not runner.busy)
                start = time.perf_counter()
                press("call_next")
                loop.exec()
                timings.append((time.perf_counter() - start) * 1000)
                press("finish")
                press("finish")
                run_until(lambda: main.ticket_panel.code.text() == "—")
            return timings

        settled = series(calls, True)
        busy = series(busy_calls, False)
        return {"first_call_ms": round(settled[0], 2), **summary(settled[1:]),
                "while_refreshing": summary(busy)}
    finally:
        client.shutdown()
        client.close()
        ctx.db.dispose()


# --- start to login screen --------------------------------------------------------------

CHILD = "--child-startup"


def child_startup(db_url: str) -> None:
    """In a fresh interpreter: what ``python -m kiosk window`` does, until shown."""
    from kiosk.bootstrap import Options
    from window_client.clerk import app as window_app

    args = Options(db=db_url)
    qapp, ctx, client = window_app.start(args, ["--window", "1", "--windowed"])
    run_until(lambda: client.isVisible() and client.login_page.isVisible()
              and client.windowHandle() is not None and client.windowHandle().isExposed())
    print("login-shown", flush=True)
    client.shutdown()
    ctx.db.dispose()
    os._exit(0)


def bench_startup(db_url: str, starts: int) -> dict[str, object]:
    seconds = []
    for _ in range(starts):
        began = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), CHILD,
                                 db_url], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                text=True, cwd=str(ROOT))
        line = proc.stdout.readline()
        seconds.append(time.perf_counter() - began)
        proc.wait(timeout=30)
        if line.strip() != "login-shown":
            raise RuntimeError("the window client did not start")
    return {"n": starts, "median_s": round(statistics.median(seconds), 3),
            "max_s": round(max(seconds), 3)}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == CHILD:
        child_startup(sys.argv[2])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=150,
                        help="calls per series (queue A takes 300 tickets a day)")
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--sqlite-only", action="store_true")
    options = parser.parse_args()
    report: dict[str, object] = {
        "bench": "window_client", "python": platform.python_version(),
        "machine": platform.machine(), "cpus": os.cpu_count(),
        "targets": {"call_next_p99_ms": CALL_TARGET_MS, "start_to_login_s": START_TARGET_S},
    }
    with tempfile.TemporaryDirectory() as folder:
        sqlite_url = f"sqlite:///{Path(folder) / 'hall.sqlite3'}"
        seed(sqlite_url)
        report["startup_to_login"] = bench_startup(sqlite_url, options.starts)
        report["sqlite"] = bench_calls(sqlite_url, options.calls)
    admin = os.environ.get("KIOSK_TEST_PG_URL")
    if options.sqlite_only or not admin:
        report["postgresql"] = {"skipped": "--sqlite-only" if options.sqlite_only
                                else "KIOSK_TEST_PG_URL is not set"}
    else:
        url, drop = scratch_pg(admin)
        try:
            seed(url)
            report["postgresql"] = bench_calls(url, options.calls)
        finally:
            drop()
    backends = [report[b] for b in ("sqlite", "postgresql") if "p99_ms" in report[b]]
    report["meets_targets"] = (
        all(b["p99_ms"] <= CALL_TARGET_MS for b in backends)
        and report["startup_to_login"]["max_s"] <= START_TARGET_S)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
