"""Hall display benchmark, printed as one JSON object.

    python bench/display_bench.py [--runs 200] [--pg-url URL] [--speech-calls 8]
                                  [--parts latency,stall]

1. Call-to-screen latency: a separate process (a window clerk's PC) commits call_next;
   the display, following the real event feed, shows the number. Measured from the
   moment call_next sends its COMMIT (wall clock in the worker, so the commit's own
   time is included) to just after the newest-call panel has been repainted with it
   (wall clock in the display). Targets: p99 <= 200 ms on SQLite,
   <= 50 ms on PostgreSQL (a scratch database made from KIOSK_TEST_PG_URL or --pg-url,
   dropped afterwards). The next call is made only once the previous one is on screen.
2. GUI stall while speaking: the display with the real Announcer and pyttsx3 engine
   (espeak-ng) speaks calls made by the worker every ~300 ms while a 5 ms QTimer in the
   GUI thread records the gaps between its ticks; the longest gap beyond 5 ms is the
   stall (target <= 50 ms). There is no sound card here, so a stand-in player blocks for
   the WAV's duration divided by --playback-speed (synthesis is real).

Both processes use a fixed hall clock (Monday 09:30, inside opening hours).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout first

from bench.stats import percentile, summary  # noqa: E402

MONDAY_0930 = dt.datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
TARGETS_MS = {"sqlite": 200.0, "postgresql": 50.0}
STALL_TARGET_MS = 50.0
TICK_MS = 5
CALL_EVERY_MS = 300
WINDOW = 1
CLERK = "1001"


def context(url: str):
    from kiosk.clock import ManualClock
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    return HallContext(db=Database(url), clock=ManualClock(MONDAY_0930), hall_code="demo")


# --- the databases ------------------------------------------------------------------

def prepare(url: str, tickets: int) -> None:
    """Schema, sample hall, window 1 open, ``tickets`` A tickets waiting."""
    from kiosk.queue.actions import issuing, windows
    from kiosk.queue import demo
    from kiosk.queue.store import migrate

    ctx = context(url)
    migrate.upgrade(ctx.db)
    demo.seed_sample(ctx)
    windows.sign_in(ctx, staff_no=CLERK, password="123456", window=WINDOW)
    for _ in range(tickets):
        issuing.issue_ticket(ctx, item_code="SCJG-001")
    ctx.db.dispose()


class ScratchPostgres:
    def __init__(self, admin_url: str) -> None:
        from sqlalchemy.engine import make_url

        self.admin_url = admin_url
        self.name = f"kiosk_bench_{uuid.uuid4().hex[:8]}"
        self.url = make_url(admin_url).set(database=self.name).render_as_string(
            hide_password=False)

    def _exec(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def __enter__(self) -> str:
        self._exec(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc) -> None:
        self._exec(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


# --- the worker process: a window clerk calling -----------------------------------------

def worker(url: str) -> int:
    """Reads "next" lines: finishes the current ticket, calls the next one and prints
    {"code", "t"} with the wall-clock time at which call_next's COMMIT was sent (so the
    latency includes the commit itself). "quit" ends."""
    from sqlalchemy import event

    from kiosk.queue.actions import calling, serving

    ctx = context(url)
    commit_sent = [0.0]
    event.listen(ctx.db.engine, "commit", lambda conn: commit_sent.__setitem__(0, time.time()))
    current = None
    for line in sys.stdin:
        if line.strip() != "next":
            break
        if current is not None:
            serving.finish(ctx, window=WINDOW, staff_no=CLERK, outcome="completed")
        result = calling.call_next(ctx, window=WINDOW, staff_no=CLERK)
        committed = commit_sent[0]
        current = result.ticket
        print(json.dumps({"code": current.code if current else None, "t": committed}),
              flush=True)
    ctx.db.dispose()
    return 0


class Worker:
    """The worker process seen from the display side."""

    def __init__(self, url: str) -> None:
        self.proc = subprocess.Popen([sys.executable, __file__, "--worker", url],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)
        self.commits: dict[str, float] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            record = json.loads(line)
            if record["code"]:
                self.commits[record["code"]] = record["t"]

    def next(self) -> None:
        self.proc.stdin.write("next\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.wait(30)
        self._reader.join(5)


# --- the display side -----------------------------------------------------------------

def _display(url: str, announcer, hookup, speak: bool, settings=None):
    from kiosk.settings import Settings
    from kiosk.ui.display.factory import build_display

    display = build_display(context(url), settings or Settings(), announcer, hookup=hookup,
                            speak=speak)
    display.screen.resize(1920, 1080)
    display.screen.show()
    display.start()
    from kiosk.ui.runner import process_events_until

    process_events_until(lambda: display.controller.loaded, 30)  # first read: a worker's
    return display


def _run_loop(app, done, timeout_s: float) -> bool:
    """Run the Qt event loop until ``done()`` (checked every 5 ms) or the timeout."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer()
    check.setInterval(5)
    check.timeout.connect(lambda: done() and loop.quit())
    check.start()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    check.stop()
    return done()


def measure_latency(app, url: str, runs: int, warmup: int) -> dict:
    from kiosk.ui.display.speech_hookup import NullAnnouncer, SpeechHookup

    prepare(url, runs + warmup + 2)
    display = _display(url, NullAnnouncer(), SpeechHookup(), speak=False)
    panel = display.screen.newest
    shown: dict[str, float] = {}
    total = runs + warmup
    work = Worker(url)

    def on_call(call) -> None:  # connected after the screen's own slot: runs after it
        panel.repaint()           # paint now, so "shown" means on the screen
        shown.setdefault(call.code, time.time())
        if len(shown) < total:
            work.next()

    display.controller.call_arrived.connect(on_call)
    try:
        work.next()
        finished = _run_loop(app, lambda: len(shown) >= total, timeout_s=120)
    finally:
        work.close()
        display.stop()
        display.screen.close()
        display.controller.ctx.db.dispose()
    order = sorted(shown, key=shown.get)[warmup:]
    latencies = [(shown[code] - work.commits[code]) * 1000 for code in order
                 if code in work.commits]
    backend = display.controller.ctx.db.backend
    stats = summary(latencies)
    return {"runs": len(latencies), "warmup": warmup, "complete": finished, **stats,
            "target_p99_ms": TARGETS_MS[backend],
            "within_target": stats["p99_ms"] <= TARGETS_MS[backend]}


class StandInPlayer:
    """Blocks like a real player would, for the WAV's length / speed; counts plays."""

    name = "stand-in"

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self.plays = 0
        self.seconds = 0.0

    def play(self, path) -> None:
        from kiosk.speech.player import wav_seconds

        length = wav_seconds(path)
        self.plays += 1
        self.seconds += length
        time.sleep(length / self.speed)


def measure_stall(app, url: str, calls: int, speed: float, speak: bool = True,
                  seconds: float = 0.0) -> dict:
    """``seconds``: measure at least this long (the silent baseline runs as long as the
    spoken run did, so both face the same machine for the same time)."""
    from PySide6.QtCore import Qt, QTimer

    from kiosk.settings import Settings
    from kiosk.ui.display.speech_hookup import NullAnnouncer, SpeechHookup, make_announcer

    prepare(url, calls + 2)
    faults: list[str] = []
    hookup = SpeechHookup()
    hookup.fault_reported.connect(lambda kind, en: faults.append(f"{kind}: {en}"))
    player = StandInPlayer(speed)
    settings = Settings().with_values(speech__repeat=1, speech__chime=True)
    announcer = make_announcer(settings, hookup, player=player) if speak else NullAnnouncer()
    display = _display(url, announcer, hookup, speak=speak, settings=settings)
    work = Worker(url)
    gaps: list[tuple[float, float]] = []  # (ms since the first call, gap ms)
    last = [time.perf_counter()]
    made = [0]
    started = [None]

    def tick() -> None:
        now = time.perf_counter()
        if started[0] is not None:
            gaps.append(((now - started[0]) * 1000, (now - last[0]) * 1000))
        last[0] = now

    def call() -> None:
        if made[0] < calls:
            made[0] += 1
            work.next()
            QTimer.singleShot(CALL_EVERY_MS, call)

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    ticker.start()

    def first_call(_call) -> None:
        if started[0] is None:
            started[0] = time.perf_counter()

    display.controller.call_arrived.connect(first_call)
    try:
        call()
        done = _run_loop(app, lambda: made[0] >= calls and started[0] is not None
                         and announcer.pending == 0
                         and time.perf_counter() - started[0] >= seconds, timeout_s=300)
        spoken_s = time.perf_counter() - (started[0] or time.perf_counter())
    finally:
        ticker.stop()
        work.close()
        display.stop()
        display.screen.close()
        display.controller.ctx.db.dispose()
    at, longest = max(gaps, key=lambda g: g[1]) if gaps else (0.0, 0.0)
    only = [gap for _, gap in gaps]
    stall = max(0.0, longest - TICK_MS)
    result = {"calls": calls, "complete": done, "seconds_measured": round(spoken_s, 2),
              "ticks": len(gaps), "tick_ms": TICK_MS,
              "longest_stall_ms": round(stall, 2),
              "longest_at_ms_after_first_call": round(at, 1),
              "p99_gap_ms": round(percentile(only, 99), 2) if only else None,
              "gaps_over_25_ms": sum(1 for gap in only if gap > 25)}
    if speak:
        result.update({"target_ms": STALL_TARGET_MS, "within_target": stall <= STALL_TARGET_MS,
                       "sounds_played": player.plays, "audio_seconds": round(player.seconds, 2),
                       "playback_speed": speed, "speech_faults": faults[:5]})
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--pg-url", default=os.environ.get("KIOSK_TEST_PG_URL"))
    parser.add_argument("--speech-calls", type=int, default=8)
    parser.add_argument("--playback-speed", type=float, default=4.0)
    parser.add_argument("--parts", default="latency,stall",
                        help="comma-separated: latency, stall")
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("KIOSK_CONFIG", os.devnull)
    from kiosk.ui.display.app import prepare_process
    from kiosk.ui.startup import qt_app

    prepare_process()  # as the display app does (GIL switch interval, PySide6 guard)
    app = qt_app("display-bench")
    result: dict[str, object] = {"benchmark": "display", "python": platform.python_version(),
                                 "platform": platform.platform(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as folder:
        if "latency" in args.parts:
            result["sqlite"] = measure_latency(app, f"sqlite:///{folder}/latency.sqlite3",
                                               args.runs, args.warmup)
            if args.pg_url:
                with ScratchPostgres(args.pg_url) as url:
                    result["postgresql"] = measure_latency(app, url, args.runs, args.warmup)
            else:
                result["postgresql"] = {"skipped": "no --pg-url / KIOSK_TEST_PG_URL"}
        if "stall" in args.parts:
            result["gui_stall_while_speaking"] = measure_stall(
                app, f"sqlite:///{folder}/speech.sqlite3", args.speech_calls,
                args.playback_speed)
            # the same run without speech: what the machine itself costs (other
            # processes on a shared CPU stall the GUI thread too)
            result["gui_stall_silent_baseline"] = measure_stall(
                app, f"sqlite:///{folder}/silent.sqlite3", args.speech_calls,
                args.playback_speed, speak=False,
                seconds=result["gui_stall_while_speaking"]["seconds_measured"])
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
