"""A large hall at its peak: prints one JSON object.

100 windows in 4 processes (as on 4 PCs) each call, serve for a few hundred
milliseconds, then press 办结并叫号 (one transaction) or, with --two-presses, finish
and call apart; windows with nobody to call press 叫号 again a moment later. Meanwhile
4 kiosk processes issue tickets at a steady rate (the workload: bench/hall_load.py,
shared with bench/peer_hall.py). For each database:

  issue_ms, call_ms, finish_ms, press_ms   p50 / p99 / max (press: the clerk's
                                           finish-then-call, one or two transactions;
                                           finish_ms only with --two-presses: in one
                                           press the finish is inside press_ms)
  throughput_actions_per_s, tickets, duplicates, lost, errors, gap_free
  client_cpu_ms_per_action                 the worker processes' CPU time per action
                                           (on a busy CPU the latencies follow it)
  cpu_ms                                   the CPU time of one issue and of one press
                                           (the calling thread's): p50 / p99 / max
  write_lock_wait_ms (SQLite)              how long a write waited for the write
                                           lock: p50 / p99 / max, and how many waited
                                           over 10 ms

    python bench/busy_hall.py --json [--seconds 30] [--only sqlite] [--two-presses]
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.hall_load import WINDOWS, run_workers, summary  # noqa: E402
from kiosk.queue.race import audit, context, prepare  # noqa: E402


def _time_lock_waits(database, waits: list[float]) -> None:
    """Record how long each write waited for the SQLite write lock (``writer_lock``:
    writers queue there, so BEGIN IMMEDIATE itself never waits)."""
    lock = database._writer_lock
    original = lock.held

    @contextlib.contextmanager
    def timed():
        start = time.perf_counter()
        with original():
            waits.append((time.perf_counter() - start) * 1000)
            yield

    lock.held = timed


class KioskHall:
    """Our queue's actions, as one worker process calls them (see hall_load), started
    as the apps start: the first snapshot read, and a kiosk rehearses its first ticket
    (``actions.rehearsal``)."""

    def __init__(self, url: str, role: str) -> None:
        from kiosk.queue.actions import calling, issuing, serving
        from kiosk.queue.actions.rehearsal import rehearse_issue
        from kiosk.queue.reads.hall import start_snapshot

        self.calling, self.issuing, self.serving = calling, issuing, serving
        self.lock_wait_ms: list[float] = []
        self.cpu_ms: dict[str, list[float]] = {"issue": [], "press": []}
        self.ctx = context(url)
        start_snapshot(self.ctx)
        if role == "kiosk":
            rehearse_issue(self.ctx, "RACE-1")
        if url.startswith("sqlite"):
            _time_lock_waits(self.ctx.db, self.lock_wait_ms)

    def issue(self) -> None:
        started = time.thread_time()
        self.issuing.issue_ticket(self.ctx, item_code="RACE-1")
        self.cpu_ms["issue"].append((time.thread_time() - started) * 1000)

    def call(self, window: int) -> bool:
        result = self.calling.call_next(self.ctx, window=window, staff_no=f"{window:04d}")
        return result.ticket is not None

    def finish(self, window: int) -> None:
        self.serving.finish(self.ctx, window=window, staff_no=f"{window:04d}",
                            outcome="completed")

    def press(self, window: int) -> bool:
        started = time.thread_time()
        result = self.serving.finish_and_call_next(self.ctx, window=window,
                                                   staff_no=f"{window:04d}",
                                                   outcome="completed")
        self.cpu_ms["press"].append((time.thread_time() - started) * 1000)
        return result.finished is not None   # someone was called

    def close(self) -> None:
        self.ctx.db.dispose()

    def extra(self) -> dict:
        return {"lock_wait_ms": self.lock_wait_ms, "issue_cpu_ms": self.cpu_ms["issue"],
                "press_cpu_ms": self.cpu_ms["press"]}


def open_hall(url: str, role: str) -> KioskHall:
    return KioskHall(url, role)


def run(url: str, seconds: float, kiosk_interval_s: float, one_press: bool) -> dict:
    prepare(url, windows=WINDOWS)
    merged = run_workers(functools.partial(open_hall, url), seconds, kiosk_interval_s,
                         one_press)
    result = merged["timings"]
    facts = audit(url, expected=len(merged["issue_ms"]))
    result.update(tickets=facts["tickets"], duplicates=facts["duplicates"],
                  lost=facts["lost"], gap_free=facts["gap_free"])
    result["cpu_ms"] = {kind: summary(merged.get(f"{kind}_cpu_ms", []))
                        for kind in ("issue", "press")}
    if merged.get("lock_wait_ms"):
        waits = merged["lock_wait_ms"]
        result["write_lock_wait_ms"] = {**summary(waits),
                                        "over_10ms": sum(1 for w in waits if w > 10)}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--kiosk-interval", type=float, default=0.25,
                        help="seconds between two tickets of one kiosk (4 kiosks)")
    parser.add_argument("--two-presses", action="store_true",
                        help="finish and call apart, as before 办结并叫号")
    parser.add_argument("--pg-url", default=os.environ.get("KIOSK_TEST_PG_URL"))
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    from bench.queue_bench import drop_pg, pg_db

    report: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    one_press = not args.two_presses
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            report["sqlite"] = run(f"sqlite:///{Path(tmp) / 'busy.sqlite3'}", args.seconds,
                                   args.kiosk_interval, one_press)
    if args.only in (None, "postgresql"):
        if not args.pg_url:
            report["postgresql"] = {"error": "no server: pass --pg-url or set "
                                             "KIOSK_TEST_PG_URL"}
        else:
            url = pg_db(args.pg_url)
            try:
                report["postgresql"] = run(url, args.seconds, args.kiosk_interval,
                                           one_press)
            finally:
                drop_pg(args.pg_url, url)
    print(json.dumps(report, indent=None if args.json else 2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
