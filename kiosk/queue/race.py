"""A race of real processes on one database: windows calling while kiosks issue.

Used by the race tests (small) and by ``bench/queue_bench.py`` (4 processes x 25 windows
calling while 2 kiosks issue). Afterwards ``audit`` checks the database itself: every
number unique and gap-free, every ticket called exactly once, none lost.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing as mp
import time
import traceback
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

HALL_TZ = ZoneInfo("Asia/Shanghai")
RACE_TIME = dt.datetime(2026, 11, 23, 10, 0, tzinfo=HALL_TZ)
PASSWORD = "race-pass"


def race_catalog(windows: int) -> dict:
    """One open-all-day queue served by ``windows`` windows."""
    item = {
        "code": "RACE-1", "department": "D1", "name": "压力测试事项", "kind": "instant",
        "legal_days": 1, "promised_days": 0, "legal_basis": "测试", "conditions": "测试",
        "procedure": ["受理"], "sample_form": "测试", "fees": "不收费",
        "materials": [{"name": "身份证", "form": "original", "copies": 1,
                       "required": True, "may_supply_later": False}],
    }
    return {
        "hall": {"code": "race", "name": "压力测试大厅", "timezone": "Asia/Shanghai"},
        "departments": [{"code": "D1", "name": "测试部门"}],
        "items": [item],
        "services": [{"prefix": "A", "name": "测试业务", "items": ["RACE-1"],
                      "daily_limit": 0,
                      "hours": {"weekdays": [1, 2, 3, 4, 5, 6, 7],
                                "periods": ["00:00-23:59"]}}],
        "windows": [{"number": n, "name": f"{n}号窗口", "services": ["A"]}
                    for n in range(1, windows + 1)],
    }


def context(url: str):
    from kiosk.clock import ManualClock
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database

    return HallContext(db=Database(url), clock=ManualClock(RACE_TIME), hall_code="race")


def prepare(url: str, windows: int) -> None:
    """Schema, the race hall, and every window signed in (rows set directly: this is
    set-up, not the thing measured)."""
    from kiosk.queue import catalog
    from kiosk.queue.store import migrate
    from kiosk.queue.rules.passwords import hash_password
    from kiosk.queue.store.models import Role, Staff, Window, WindowState

    ctx = context(url)
    migrate.upgrade(ctx.db)
    catalog.import_catalog(ctx, race_catalog(windows))
    password_hash = hash_password(PASSWORD)
    with ctx.db.write() as session:
        rows = session.scalars(select(Window).order_by(Window.number)).all()
        for window in rows:
            staff = Staff(hall_id=window.hall_id, staff_no=f"{window.number:04d}",
                          name=f"测试{window.number}", role=Role.WINDOW,
                          password_hash=password_hash)
            session.add(staff)
            session.flush()
            window.staff_id = staff.id
            window.state = WindowState.OPEN
    ctx.db.dispose()


@dataclasses.dataclass
class WorkerReport:
    kind: str
    issue_ms: list
    call_ms: list
    actions: int
    errors: list


def _kiosk(url: str, count: int, interval_s: float, barrier, reports, done) -> None:
    from kiosk.queue.actions import issuing

    ctx = context(url)
    report = WorkerReport("kiosk", [], [], 0, [])
    barrier.wait()
    next_at = time.perf_counter()
    for _ in range(count):
        if interval_s:  # a steady stream of citizens instead of a burst
            next_at += interval_s
            time.sleep(max(0.0, next_at - time.perf_counter()))
        start = time.perf_counter()
        try:
            issuing.issue_ticket(ctx, item_code="RACE-1")
            report.issue_ms.append((time.perf_counter() - start) * 1000)
            report.actions += 1
        except Exception:  # noqa: BLE001 - counted and reported, never hidden
            report.errors.append(traceback.format_exc(limit=3))
    done.release()
    reports.put(dataclasses.asdict(report))
    ctx.db.dispose()


def _caller(url: str, windows: list[int], kiosks: int, idle_pause_s: float, barrier,
            reports, done) -> None:
    from kiosk.queue.actions import calling, serving

    ctx = context(url)
    report = WorkerReport("caller", [], [], 0, [])
    holding = {n: False for n in windows}
    barrier.wait()
    kiosks_done = False
    while True:
        if not kiosks_done and done.get_value() >= kiosks:
            kiosks_done = True
        called_any = False
        for number in windows:
            staff_no = f"{number:04d}"
            try:
                if holding[number]:
                    serving.finish(ctx, window=number, staff_no=staff_no,
                                   outcome="completed")
                    report.actions += 1
                    holding[number] = False
                start = time.perf_counter()
                result = calling.call_next(ctx, window=number, staff_no=staff_no)
                elapsed = (time.perf_counter() - start) * 1000
                report.actions += 1
                if result.ticket is not None:
                    report.call_ms.append(elapsed)
                    holding[number] = True
                    called_any = True
            except Exception:  # noqa: BLE001 - counted and reported
                report.errors.append(traceback.format_exc(limit=3))
        if kiosks_done and not called_any and not any(holding.values()):
            break
        if idle_pause_s and not called_any:
            time.sleep(idle_pause_s)  # clerks press 叫号 again a moment later
    reports.put(dataclasses.asdict(report))
    ctx.db.dispose()


class _Counter:
    """A counter of finished kiosks that callers can read without blocking."""

    def __init__(self, ctx_mp) -> None:
        self._value = ctx_mp.Value("i", 0)

    def release(self) -> None:
        with self._value.get_lock():
            self._value.value += 1

    def get_value(self) -> int:
        return self._value.value


def run_race(url: str, *, processes: int, windows_per_process: int, kiosks: int,
             tickets_per_kiosk: int, kiosk_interval_s: float = 0.0,
             idle_pause_s: float = 0.0) -> dict:
    """Run the race on a prepared database; returns timings and the audit.
    ``kiosk_interval_s``: each kiosk issues one ticket per interval (0: as fast as it
    can), so the windows mostly call an almost empty hall; ``idle_pause_s``: after a
    round of its windows finds nobody, a caller process waits this long (0: never)."""
    ctx_mp = mp.get_context("spawn")
    barrier = ctx_mp.Barrier(processes + kiosks)
    reports = ctx_mp.Queue()
    done = _Counter(ctx_mp)
    workers = []
    for k in range(kiosks):
        workers.append(ctx_mp.Process(target=_kiosk, args=(
            url, tickets_per_kiosk, kiosk_interval_s, barrier, reports, done)))
    for p in range(processes):
        numbers = list(range(p * windows_per_process + 1, (p + 1) * windows_per_process + 1))
        workers.append(ctx_mp.Process(target=_caller, args=(
            url, numbers, kiosks, idle_pause_s, barrier, reports, done)))
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    collected = [reports.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join(60)
    wall = time.perf_counter() - started
    audit_result = audit(url, expected=kiosks * tickets_per_kiosk)
    errors = [e for r in collected for e in r["errors"]]
    return {
        "issue_ms": [ms for r in collected for ms in r["issue_ms"]],
        "call_ms": [ms for r in collected for ms in r["call_ms"]],
        "actions": sum(r["actions"] for r in collected),
        "wall_s": wall,
        "errors": errors,
        "exit_codes": [w.exitcode for w in workers],
        **audit_result,
    }


def audit(url: str, expected: int) -> dict:
    """Facts read back from the database, independent of what the workers said."""
    from kiosk.queue.store.models import Event, Ticket

    ctx = context(url)
    with ctx.db.read() as session:
        numbers = sorted(session.scalars(select(Ticket.number)).all())
        calls = dict(session.execute(
            select(Event.ticket_id, func.count()).where(Event.action == "ticket_called")
            .group_by(Event.ticket_id)).all())
        states = dict(session.execute(
            select(Ticket.state, func.count()).group_by(Ticket.state)).all())
        ticket_ids = session.scalars(select(Ticket.id)).all()
    ctx.db.dispose()
    duplicates = sum(1 for n in calls.values() if n > 1) + (len(numbers) - len(set(numbers)))
    lost = sum(1 for tid in ticket_ids if tid not in calls) + (expected - len(numbers))
    return {
        "tickets": len(numbers),
        "gap_free": numbers == list(range(1, len(numbers) + 1)),
        "duplicates": duplicates,
        "lost": lost,
        "states": {str(getattr(k, "value", k)): v for k, v in states.items()},
    }
