"""Kiosk benchmark: prints ONE JSON object.

* ``tap_to_ticket_ms``: from the tap on 普通取号 to the ticket screen painted, with
  every ticket really printed in the background (raster mode, over TCP to a local
  listener that reads like a port-9100 printer); target p99 <= 100 ms.
* ``start_to_first_frame_s``: ``python -m kiosk kiosk`` from process spawn to the first
  painted, interactive frame (``--startup-probe``); target <= 2 s.
* ``rss_mb``: resident memory of the kiosk process at its first frame and of this
  process after all the taps (which holds the kiosk and the bench); target <= 200 MB.

Runs offscreen on a scratch copy of the sample hall at a weekday 09:30.

    python bench/kiosk_bench.py [--taps 200] [--starts 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_CONFIG", os.devnull)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"tap_p99_ms": 100.0, "start_s": 2.0, "rss_mb": 200.0}
MONDAY_0930 = dt.datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


class PrinterSink:
    """A fake port-9100 printer: accepts connections, reads every byte sent and answers
    each status request (DLE EOT n) with "all fine", as the kiosk asks before and after
    every slip."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.jobs = 0
        self.bytes = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                tail = b""
                while chunk := conn.recv(65536):
                    self.bytes += len(chunk)
                    seen = tail + chunk
                    answers = sum(seen.count(b"\x10\x04" + bytes([n])) for n in (1, 2, 3, 4))
                    if answers:
                        conn.sendall(b"\x12" * answers)
                    tail = seen[-2:]  # a request split between reads
            self.jobs += 1


def memory_mb() -> dict[str, float | None]:
    from kiosk.ui.kiosk.probe import memory_mb as probe

    return probe()


def make_hall(directory: Path) -> str:
    """The sample hall, made by the CLI in its own process (seeding hashes passwords
    with argon2, whose memory would otherwise count against the kiosk)."""
    url = f"sqlite:///{directory / 'hall.sqlite3'}"
    subprocess.run([sys.executable, "-m", "kiosk", "--db", url, "init", "--sample"],
                   check=True, capture_output=True, cwd=ROOT)
    return url


def measure_starts(url: str, runs: int) -> dict:
    times, rss = [], []
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(runs):
        spawned = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", "--db", url, "kiosk", "--windowed",
             "--startup-probe"], capture_output=True, text=True, timeout=120, env=env,
            cwd=ROOT)
        if done.returncode != 0:
            raise RuntimeError(f"kiosk did not start: {done.stderr[-2000:]}")
        report = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(report["first_frame_unix"] - spawned)
        rss.append(report["peak_rss_mb"] or 0.0)
    return {"runs": runs, "median": round(statistics.median(times), 3),
            "max": round(max(times), 3), "rss_mb_at_first_frame": max(rss)}


def settle(app) -> None:
    """What one pass of the real event loop does, deferred deletes included
    (``processEvents`` alone leaves widgets from ``deleteLater`` alive)."""
    from PySide6.QtCore import QEvent

    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure_taps(url: str, taps: int) -> dict:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest

    from kiosk.clock import ManualClock
    from kiosk.printing import PrintFormat, PrintQueue
    from kiosk.printing.transports.network import NetworkTransport
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database
    from kiosk.ui.feed_bridge import FeedBridge
    from kiosk.ui.kiosk.app import build_kiosk
    from kiosk.ui.startup import qt_app

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    app = qt_app("kiosk-bench")
    clock = ManualClock(MONDAY_0930)
    ctx = HallContext(db=Database(url), clock=clock)
    settings = hall_reads.effective_settings(ctx)
    sink = PrinterSink()
    queue = PrintQueue(NetworkTransport("127.0.0.1", sink.port), PrintFormat(80, "raster"),
                       settings.get("printer.timeout_s"))
    feed = FeedBridge(ctx.db)  # as in the hall: the live feed runs alongside
    kiosk = build_kiosk(ctx, settings, queue, feed=feed, app=app)
    feed.start()
    window, controller = kiosk.window, kiosk.controller
    window.resize(*window.design_size())
    window.show()
    while controller.catalog is None or not controller.reads.idle:  # read on a worker
        app.processEvents()
    painted = Painted()
    window.ticket.code_label.installEventFilter(painted)
    results: list[str] = []
    kiosk.printer.job_finished.connect(lambda _token, result: results.append(result.status))
    items = [item.code for item in controller.catalog.items]
    samples: list[float] = []
    refused = issued = 0
    for tap in range(taps + 5):  # the first five warm up caches and are not counted
        clock.advance(seconds=20)
        code = items[tap % len(items)]
        controller.open_guide(code)
        while window.guide.guide is None or window.guide.guide.code != code \
                or window.current() is not window.guide:  # read on a worker
            app.processEvents()
        window.guide.take_button.click()
        settle(app)
        painted.seen = False
        started = time.perf_counter()
        QTest.mouseClick(window.take.ordinary_button, Qt.MouseButton.LeftButton)
        while controller.runner.busy:  # issued on the runner's worker thread
            app.processEvents()
        if window.current() is not window.ticket:
            refused += 1
            window.message.dismiss()
            continue
        while not painted.seen:
            app.processEvents()
        elapsed = (time.perf_counter() - started) * 1000
        issued += 1
        if tap >= 5:
            samples.append(elapsed)
        controller.go_home()
        settle(app)
    deadline = time.monotonic() + 30
    while len(results) < issued and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    memory = memory_mb()
    kiosk.close()
    ctx.db.dispose()
    return {
        "tap_to_ticket_ms": {
            "n": len(samples), "p50": round(percentile(samples, 0.50), 1),
            "p95": round(percentile(samples, 0.95), 1),
            "p99": round(percentile(samples, 0.99), 1), "max": round(max(samples), 1)},
        "refused_taps": refused,
        "printed": results.count("printed"),
        "print_failures": sum(1 for r in results if r != "printed"),
        "printer_bytes": sink.bytes,
        "rss_mb_after_taps": memory["rss_mb"],
        "peak_rss_mb_bench_process": memory["peak_rss_mb"],
    }


def main() -> int:

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=200)
    parser.add_argument("--starts", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as work:
        url = make_hall(Path(work))
        starts = measure_starts(url, options.starts)
        taps = measure_taps(url, options.taps)
    rss = max(starts["rss_mb_at_first_frame"], taps["rss_mb_after_taps"] or 0.0)
    ok = (taps["tap_to_ticket_ms"]["p99"] <= TARGETS["tap_p99_ms"]
          and starts["max"] <= TARGETS["start_s"] and rss <= TARGETS["rss_mb"]
          and taps["refused_taps"] == 0 and taps["print_failures"] == 0)
    print(json.dumps({
        "benchmark": "kiosk",
        "tap_to_ticket_ms": taps["tap_to_ticket_ms"],
        "start_to_first_frame_s": {k: starts[k] for k in ("runs", "median", "max")},
        "rss_mb": {"kiosk_at_first_frame": starts["rss_mb_at_first_frame"],
                   "after_taps": taps["rss_mb_after_taps"],
                   "peak_bench_process": taps["peak_rss_mb_bench_process"]},
        "printing": {"printed": taps["printed"], "failures": taps["print_failures"],
                     "bytes": taps["printer_bytes"], "mode": "raster 80 mm over TCP"},
        "refused_taps": taps["refused_taps"],
        "targets": TARGETS,
        "ok": ok,
    }, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
