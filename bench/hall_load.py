"""The busy hall's workload, one copy for every system driven through it.

busy_hall.py drives our queue with it and peer_hall.py a peer's, whose workers run
under the peer's own Python: so this module needs nothing but the standard library
(and bench.stats). A *hall* is what one worker process acts on, made by
``open_hall(role)`` in that process: ``issue()``; ``call(window)`` and
``press(window)`` (finish the current ticket, then call the next), each True when
someone was called; ``finish(window)``; ``close()``; and ``extra()``, a dict of lists
added to the worker's report (SQLite lock waits, the tickets a peer handed out).
"""
from __future__ import annotations

import dataclasses
import multiprocessing as mp
import random
import time
import traceback

from bench.stats import percentile

WINDOWS, CALLER_PROCESSES, KIOSKS = 100, 4, 4
SERVE_S = (0.2, 0.6)          # how long a citizen stands at the counter
EMPTY_PAUSE_S = 0.5           # a clerk with nobody to call presses again after this
TIMED = ("issue_ms", "call_ms", "finish_ms", "press_ms")


def summary(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p99": None, "max": None, "n": 0}
    return {"p50": round(percentile(values, 50), 3), "p99": round(percentile(values, 99), 3),
            "max": round(max(values), 3), "n": len(values)}


@dataclasses.dataclass
class Report:
    issue_ms: list = dataclasses.field(default_factory=list)
    call_ms: list = dataclasses.field(default_factory=list)
    finish_ms: list = dataclasses.field(default_factory=list)
    press_ms: list = dataclasses.field(default_factory=list)
    actions: int = 0
    errors: list = dataclasses.field(default_factory=list)
    began: float = 0.0
    ended: float = 0.0
    cpu_s: float = 0.0          # this process's CPU time during the run


def _start(barrier, seconds: float, report: Report) -> float:
    """Everyone leaves the barrier together, so the run's clock starts after the
    (slow, uneven) spawn and import of every process."""
    barrier.wait()
    report.began = time.perf_counter()
    report.cpu_s = -time.process_time()
    return report.began + seconds


def _end(report: Report) -> None:
    report.ended = time.perf_counter()
    report.cpu_s += time.process_time()


def _kiosk(open_hall, seconds: float, interval_s: float, barrier, out) -> None:
    report = Report()
    hall = open_hall("kiosk")
    until = _start(barrier, seconds, report)
    next_at = time.perf_counter()
    while time.perf_counter() < until:
        next_at += interval_s
        time.sleep(max(0.0, next_at - time.perf_counter()))
        start = time.perf_counter()
        try:
            hall.issue()
            report.issue_ms.append((time.perf_counter() - start) * 1000)
            report.actions += 1
        except Exception:  # noqa: BLE001 - counted and reported
            report.errors.append(traceback.format_exc(limit=3))
    _end(report)
    hall.close()
    out.put({**dataclasses.asdict(report), **hall.extra()})


def _windows(open_hall, numbers: list[int], seconds: float, one_press: bool, seed: int,
             barrier, out) -> None:
    """Clerks of ``numbers``: each acts when its own next moment comes; after the run
    they serve whoever still waits, so every ticket issued is called."""
    report = Report()
    hall = open_hall("windows")
    rng = random.Random(seed)
    holding = {n: False for n in numbers}
    retired: set[int] = set()   # after the run, a clerk with nobody left stops
    until = _start(barrier, seconds, report)
    due = {n: report.began + rng.uniform(0, EMPTY_PAUSE_S) for n in numbers}
    while len(retired) < len(numbers):
        number = min((n for n in numbers if n not in retired), key=due.get)
        time.sleep(max(0.0, due[number] - time.perf_counter()))
        try:
            if holding[number] and one_press:
                start = time.perf_counter()
                holding[number] = hall.press(number)
                report.press_ms.append((time.perf_counter() - start) * 1000)
                report.actions += 1
            else:
                press_start = time.perf_counter()
                finished_now = holding[number]
                if finished_now:
                    hall.finish(number)
                    report.finish_ms.append((time.perf_counter() - press_start) * 1000)
                    report.actions += 1
                    holding[number] = False
                start = time.perf_counter()
                holding[number] = hall.call(number)
                report.call_ms.append((time.perf_counter() - start) * 1000)
                report.actions += 1
                if finished_now:
                    report.press_ms.append((time.perf_counter() - press_start) * 1000)
        except Exception:  # noqa: BLE001 - counted and reported
            report.errors.append(traceback.format_exc(limit=3))
        if not holding[number] and time.perf_counter() >= until:
            retired.add(number)
        due[number] = time.perf_counter() + (rng.uniform(*SERVE_S) if holding[number]
                                             else EMPTY_PAUSE_S)
    _end(report)
    hall.close()
    out.put({**dataclasses.asdict(report), **hall.extra()})


def run_workers(open_hall, seconds: float, kiosk_interval_s: float,
                one_press: bool) -> dict:
    """4 kiosk processes and 4 processes of 25 windows each, spawned with this
    interpreter; returns every worker's lists merged, and the timings."""
    ctx_mp = mp.get_context("spawn")
    barrier = ctx_mp.Barrier(CALLER_PROCESSES + KIOSKS)
    out = ctx_mp.Queue()
    per = WINDOWS // CALLER_PROCESSES
    workers = [ctx_mp.Process(target=_kiosk, args=(open_hall, seconds, kiosk_interval_s,
                                                   barrier, out)) for _ in range(KIOSKS)]
    workers += [ctx_mp.Process(target=_windows, args=(
        open_hall, list(range(p * per + 1, (p + 1) * per + 1)), seconds, one_press, p,
        barrier, out)) for p in range(CALLER_PROCESSES)]
    for worker in workers:
        worker.start()
    reports = [out.get(timeout=seconds + 600) for _ in workers]
    for worker in workers:
        worker.join(60)
    merged: dict = {}
    for report in reports:
        for key, value in report.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    wall = max(r["ended"] for r in reports) - min(r["began"] for r in reports)
    actions = sum(r["actions"] for r in reports)
    merged["timings"] = {
        "windows": WINDOWS, "processes": CALLER_PROCESSES, "kiosks": KIOSKS,
        "kiosk_interval_s": kiosk_interval_s, "seconds": seconds, "one_press": one_press,
        **{key: summary(merged[key]) for key in TIMED},
        "throughput_actions_per_s": round(actions / wall, 1),
        "client_cpu_ms_per_action": round(sum(r["cpu_s"] for r in reports) * 1000
                                          / max(actions, 1), 2),
        "errors": len(merged["errors"]),
        "first_error": merged["errors"][0] if merged["errors"] else None,
    }
    return merged
