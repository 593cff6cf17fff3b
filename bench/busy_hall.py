"""A large hall at its peak: prints one JSON object.

100 windows in 4 processes (as on 4 PCs) each call, serve for a few hundred
milliseconds, then press 办结并叫号 (one transaction) or, with --two-presses, finish
and call apart; windows with nobody to call press 叫号 again a moment later. Meanwhile
4 kiosk processes issue tickets at a steady rate. For each database:

  issue_ms, call_ms, finish_ms, press_ms   p50 / p99 / max (press: the clerk's
                                           finish-then-call, one or two transactions;
                                           finish_ms only with --two-presses: in one
                                           press the finish is inside press_ms)
  throughput_actions_per_s, tickets, duplicates, lost, errors, gap_free
  write_lock_wait_ms (SQLite)              how long BEGIN IMMEDIATE waited for the
                                           write lock: p50 / p99 / max, and how many
                                           waited over 10 ms

    python bench/busy_hall.py --json [--seconds 30] [--only sqlite] [--two-presses]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.queue.race import audit, context, prepare  # noqa: E402

WINDOWS, CALLER_PROCESSES, KIOSKS = 100, 4, 4
SERVE_S = (0.2, 0.6)          # how long a citizen stands at the counter
EMPTY_PAUSE_S = 0.5           # a clerk with nobody to call presses again after this


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))], 3)


def summary(values: list[float]) -> dict:
    return {"p50": pct(values, 50), "p99": pct(values, 99),
            "max": round(max(values), 3) if values else None, "n": len(values)}


def _time_lock_waits(waits: list[float]) -> None:
    """Record how long each SQLite BEGIN IMMEDIATE waited (this process only)."""
    from kiosk.queue.store import db

    original = db._sqlite_begin

    def timed(conn) -> None:
        start = time.perf_counter()
        original(conn)
        if not conn.get_execution_options().get("kiosk_read"):
            waits.append((time.perf_counter() - start) * 1000)

    db._sqlite_begin = timed


@dataclasses.dataclass
class Report:
    issue_ms: list = dataclasses.field(default_factory=list)
    call_ms: list = dataclasses.field(default_factory=list)
    finish_ms: list = dataclasses.field(default_factory=list)
    press_ms: list = dataclasses.field(default_factory=list)
    lock_wait_ms: list = dataclasses.field(default_factory=list)
    actions: int = 0
    errors: list = dataclasses.field(default_factory=list)


def _kiosk(url: str, until: float, interval_s: float, barrier, out) -> None:
    from kiosk.queue.actions import issuing

    report = Report()
    if url.startswith("sqlite"):
        _time_lock_waits(report.lock_wait_ms)
    ctx = context(url)
    barrier.wait()
    next_at = time.perf_counter()
    while time.perf_counter() < until:
        next_at += interval_s
        time.sleep(max(0.0, next_at - time.perf_counter()))
        start = time.perf_counter()
        try:
            issuing.issue_ticket(ctx, item_code="RACE-1")
            report.issue_ms.append((time.perf_counter() - start) * 1000)
            report.actions += 1
        except Exception:  # noqa: BLE001 - counted and reported
            report.errors.append(traceback.format_exc(limit=3))
    ctx.db.dispose()
    out.put(dataclasses.asdict(report))


def _windows(url: str, numbers: list[int], until: float, one_press: bool, seed: int,
             barrier, out) -> None:
    """Clerks of ``numbers``: each acts when its own next moment comes; after the run
    they serve whoever still waits, so every ticket issued is called."""
    from kiosk.queue.actions import calling, serving

    report = Report()
    if url.startswith("sqlite"):
        _time_lock_waits(report.lock_wait_ms)
    ctx = context(url)
    rng = random.Random(seed)
    holding = {n: False for n in numbers}
    retired: set[int] = set()   # after the run, a clerk with nobody left stops
    barrier.wait()
    begin = time.perf_counter()
    due = {n: begin + rng.uniform(0, EMPTY_PAUSE_S) for n in numbers}
    while len(retired) < len(numbers):
        number = min((n for n in numbers if n not in retired), key=due.get)
        time.sleep(max(0.0, due[number] - time.perf_counter()))
        staff_no = f"{number:04d}"
        try:
            if holding[number] and one_press:
                start = time.perf_counter()
                result = serving.finish_and_call_next(ctx, window=number, staff_no=staff_no,
                                                      outcome="completed")
                report.press_ms.append((time.perf_counter() - start) * 1000)
                report.actions += 1
                holding[number] = result.finished is not None   # someone was called
            else:
                press_start = time.perf_counter()
                finished_now = holding[number]
                if finished_now:
                    serving.finish(ctx, window=number, staff_no=staff_no,
                                   outcome="completed")
                    report.finish_ms.append((time.perf_counter() - press_start) * 1000)
                    report.actions += 1
                    holding[number] = False
                start = time.perf_counter()
                result = calling.call_next(ctx, window=number, staff_no=staff_no)
                report.call_ms.append((time.perf_counter() - start) * 1000)
                report.actions += 1
                holding[number] = result.ticket is not None
                if finished_now:
                    report.press_ms.append((time.perf_counter() - press_start) * 1000)
        except Exception:  # noqa: BLE001 - counted and reported
            report.errors.append(traceback.format_exc(limit=3))
        if not holding[number] and time.perf_counter() >= until:
            retired.add(number)
        due[number] = time.perf_counter() + (rng.uniform(*SERVE_S) if holding[number]
                                             else EMPTY_PAUSE_S)
    ctx.db.dispose()
    out.put(dataclasses.asdict(report))


def run(url: str, seconds: float, kiosk_interval_s: float, one_press: bool) -> dict:
    prepare(url, windows=WINDOWS)
    ctx_mp = mp.get_context("spawn")
    barrier = ctx_mp.Barrier(CALLER_PROCESSES + KIOSKS)
    out = ctx_mp.Queue()
    until = time.perf_counter() + 5 + seconds   # spawn time, then the run
    per = WINDOWS // CALLER_PROCESSES
    workers = [ctx_mp.Process(target=_kiosk, args=(url, until, kiosk_interval_s,
                                                   barrier, out)) for _ in range(KIOSKS)]
    workers += [ctx_mp.Process(target=_windows, args=(
        url, list(range(p * per + 1, (p + 1) * per + 1)), until, one_press, p, barrier,
        out)) for p in range(CALLER_PROCESSES)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    reports = [out.get(timeout=seconds + 600) for _ in workers]
    for worker in workers:
        worker.join(60)
    wall = time.perf_counter() - started
    merged = {key: [v for r in reports for v in r[key]] for key in
              ("issue_ms", "call_ms", "finish_ms", "press_ms", "lock_wait_ms", "errors")}
    issued = len(merged["issue_ms"])
    facts = audit(url, expected=issued)
    result = {
        "windows": WINDOWS, "processes": CALLER_PROCESSES, "kiosks": KIOSKS,
        "kiosk_interval_s": kiosk_interval_s, "seconds": seconds,
        "one_press": one_press,
        "issue_ms": summary(merged["issue_ms"]), "call_ms": summary(merged["call_ms"]),
        "finish_ms": summary(merged["finish_ms"]), "press_ms": summary(merged["press_ms"]),
        "throughput_actions_per_s": round(sum(r["actions"] for r in reports) / wall, 1),
        "tickets": facts["tickets"], "duplicates": facts["duplicates"],
        "lost": facts["lost"], "gap_free": facts["gap_free"],
        "errors": len(merged["errors"]),
        "first_error": merged["errors"][0] if merged["errors"] else None,
    }
    if merged["lock_wait_ms"]:
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
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from queue_bench import drop_pg, pg_db

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
