"""Manager console benchmark, printed as one JSON object.

    python bench/report_bench.py [--db /tmp/kiosk-report-bench.sqlite3] [--rebuild]

Builds (once, then reuses) a SQLite hall of 50 windows and 20 queues holding 1,000,000
tickets over two years of working days, with ratings and the events reports read,
written by fast bulk INSERTs (not through the service functions). Then measures:

* a month's report (November 2026, every grouping; target <= 2 s each),
* exporting that month to xlsx with its ticket-by-ticket sheet (target <= 10 s),
* the live status at 10:30 on a busy Monday (target <= 100 ms, median of runs),
* and, for information, alert evaluation and the PDF export.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

try:
    import kiosk  # noqa: F401
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.clock import ManualClock  # noqa: E402
from kiosk.queue.store.context import HallContext  # noqa: E402
from kiosk.queue.store.db import Database  # noqa: E402

VERSION = 1
TZ = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
TICKETS = 1_000_000
WINDOWS = 50
SERVICES = 20
TODAY = dt.date(2026, 11, 30)                       # a Monday
NOW = dt.datetime(2026, 11, 30, 10, 30, tzinfo=TZ)
MONTH = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
TARGETS = {"report_month_s": 2.0, "xlsx_month_s": 10.0, "live_status_ms": 100.0}
LEVELS = (5, 4, 3, 2, 1)
LEVEL_WEIGHTS = (62, 22, 9, 4, 3)


def _ts(when: dt.datetime) -> str:
    """How SQLAlchemy stores an aware datetime on SQLite: naive UTC text."""
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


# --- building the database ---------------------------------------------------------------

def _hall(url: str) -> None:
    from kiosk.queue import demo
    from kiosk.queue.store import migrate

    db = Database(url)
    migrate.upgrade(db)
    demo.seed_sample(HallContext(db=db, clock=ManualClock(NOW)))
    db.dispose()


def _widen(conn: sqlite3.Connection) -> dict:
    """Grow the sample hall to 20 queues and 50 windows, each window with a clerk."""
    hall_id = conn.execute("SELECT id FROM hall").fetchone()[0]
    have = [r[0] for r in conn.execute("SELECT prefix FROM service ORDER BY sort, prefix")]
    for n, prefix in enumerate("LMNOPQRST"[:SERVICES - len(have)]):
        conn.execute(
            "INSERT INTO service (hall_id, prefix, name, daily_limit, hours, active, sort) "
            "VALUES (?, ?, ?, 400, ?, 1, ?)",
            (hall_id, prefix, f"综合业务{prefix}",
             json.dumps({"weekdays": [1, 2, 3, 4, 5],
                         "periods": ["09:00-12:00", "13:30-17:00"]}), 100 + n))
    services = [r[0] for r in conn.execute("SELECT id FROM service ORDER BY sort, prefix")]
    hash_, = conn.execute("SELECT password_hash FROM staff WHERE staff_no = '1001'").fetchone()
    existing = conn.execute("SELECT MAX(number) FROM window").fetchone()[0]
    for number in range(existing + 1, WINDOWS + 1):
        conn.execute("INSERT INTO window (hall_id, number, name, state, priority_streak, "
                     "active) VALUES (?, ?, ?, 'closed', 0, 1)",
                     (hall_id, number, f"综合{number}号窗口"))
        wid = conn.execute("SELECT id FROM window WHERE number = ?", (number,)).fetchone()[0]
        for sid in {services[number % SERVICES], services[(number * 7) % SERVICES]}:
            conn.execute("INSERT INTO window_service VALUES (?, ?)", (wid, sid))
        conn.execute("INSERT INTO staff (hall_id, staff_no, name, role, password_hash, "
                     "failed_logins, active) VALUES (?, ?, ?, 'window', ?, 0, 1)",
                     (hall_id, f"1{number:03d}", f"职员{number}", hash_))
    return {"hall_id": hall_id}


def _catalog(conn: sqlite3.Connection):
    service_rows = conn.execute("SELECT id, prefix FROM service ORDER BY sort, prefix").fetchall()
    items = {sid: [] for sid, _ in service_rows}
    for sid, iid, kind in conn.execute(
            "SELECT si.service_id, i.id, i.kind FROM service_item si "
            "JOIN item i ON i.id = si.item_id"):
        items[sid].append((iid, kind))
    windows = {sid: [] for sid, _ in service_rows}
    for wid, sid in conn.execute("SELECT window_id, service_id FROM window_service"):
        windows[sid].append(wid)
    clerk = {}
    for wid, number in conn.execute("SELECT id, number FROM window"):
        staff_no = f"10{number:02d}" if number <= 20 else f"1{number:03d}"
        clerk[wid] = conn.execute("SELECT id, staff_no FROM staff WHERE staff_no = ?",
                                  (staff_no,)).fetchone()
    return service_rows, items, windows, clerk


def _days() -> list[dt.date]:
    days, day = [], TODAY - dt.timedelta(days=1)
    per_day = 2000
    while len(days) * per_day < TICKETS:
        if day.isoweekday() <= 5:
            days.append(day)
        day -= dt.timedelta(days=1)
    return sorted(days)


class _Writer:
    def __init__(self, conn, hall_id, catalog, rng) -> None:
        self.conn, self.hall_id, self.rng = conn, hall_id, rng
        self.services, self.items, self.windows, self.clerk = catalog
        self.tickets, self.ratings, self.events = [], [], []
        self.ticket_id = self.rating_id = 0
        self.event_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM event").fetchone()[0]

    def event(self, at, actor, action, ticket_id, window_id) -> None:
        self.event_id += 1
        self.events.append((self.event_id, self.hall_id, at, actor, action, ticket_id,
                            window_id, "{}"))

    def day(self, day: dt.date, count: int, until: dt.datetime | None = None) -> None:
        rng = self.rng
        numbers: dict[str, int] = {}
        opening = [(dt.datetime.combine(day, dt.time(9), TZ), 3 * 3600),
                   (dt.datetime.combine(day, dt.time(13, 30), TZ), 3.5 * 3600)]
        for _ in range(count):
            start, span = opening[0] if rng.random() < 0.58 else opening[1]
            issued = start + dt.timedelta(seconds=int(rng.random() * span))
            if until is not None and issued >= until:
                continue
            sid, prefix = self.services[rng.randrange(len(self.services))]
            item_id, kind = rng.choice(self.items[sid]) if self.items[sid] else (None, None)
            numbers[prefix] = numbers.get(prefix, 0) + 1
            self.ticket(day, prefix, numbers[prefix], sid, item_id, kind, issued, until)

    def ticket(self, day, prefix, number, sid, item_id, kind, issued, until) -> None:
        rng = self.rng
        self.ticket_id += 1
        tid = self.ticket_id
        wid = rng.choice(self.windows[sid])
        staff_id, staff_no = self.clerk[wid]
        actor = f"staff:{staff_no}"
        called = issued + dt.timedelta(seconds=int(rng.expovariate(1 / 900)))
        started = called + dt.timedelta(seconds=rng.randint(10, 60))
        finished = started + dt.timedelta(seconds=int(60 + rng.lognormvariate(5.2, 0.5)))
        roll = rng.random()
        state, outcome, no_shows, transfers = "finished", None, 0, 0
        if roll < 0.03:
            state, no_shows = "expired", 1
            self.event(_ts(called + dt.timedelta(minutes=1)), actor, "ticket_no_show",
                       tid, wid)
        elif roll < 0.05:
            state = "expired"
        elif roll < 0.08:
            transfers = 1
            self.event(_ts(started + dt.timedelta(minutes=2)), actor, "ticket_transferred",
                       tid, wid)
        if until is not None:     # today: the later part of the day has not happened
            if called >= until:
                state, wid, staff_id = "waiting", None, None
            elif finished >= until:
                state = "serving" if started < until else "called"
        if state == "finished":
            outcome = "accepted" if kind == "promised" and rng.random() < 0.6 else "completed"
        priority = rng.choice(("elderly", "disabled", "military", "pregnant")) \
            if rng.random() < 0.05 else "none"
        self.tickets.append((
            tid, self.hall_id, day.isoformat(), prefix, number, f"{prefix}{number:03d}", sid,
            item_id, priority, None, None, state, outcome, _ts(issued), _ts(issued),
            _ts(called) if state not in ("waiting", "expired") or no_shows else None,
            _ts(started) if state in ("finished", "serving") else None,
            _ts(finished) if state == "finished" else None,
            0, transfers, no_shows, None, wid if state != "expired" or no_shows else None,
            staff_id if state != "expired" or no_shows else None, "K1", None))
        self.event(_ts(issued), "kiosk:K1", "ticket_issued", tid, None)
        if state == "finished":
            self.event(_ts(finished), actor, "service_finished", tid, wid)
            if rng.random() < 0.75:
                self.rating_id += 1
                level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
                self.ratings.append((self.rating_id, self.hall_id, tid, wid, staff_id, level,
                                     "[]", None, _ts(finished + dt.timedelta(seconds=20))))
        if len(self.tickets) >= 50_000:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany(f"INSERT INTO ticket VALUES ({','.join('?' * 26)})",
                              self.tickets)
        self.conn.executemany("INSERT INTO rating VALUES (?,?,?,?,?,?,?,?,?)", self.ratings)
        self.conn.executemany("INSERT INTO event (id, hall_id, at, actor, action, ticket_id, "
                              "window_id, payload) VALUES (?,?,?,?,?,?,?,?)", self.events)
        self.tickets, self.ratings, self.events = [], [], []


def _today_windows(conn: sqlite3.Connection) -> None:
    """Staff today's windows: most busy with their current ticket, a few paused."""
    for wid, number in conn.execute("SELECT id, number FROM window").fetchall():
        current = conn.execute(
            "SELECT id FROM ticket WHERE window_id = ? AND day = ? AND state IN "
            "('called', 'serving') ORDER BY called_at DESC LIMIT 1",
            (wid, TODAY.isoformat())).fetchone()
        staff_no = f"10{number:02d}" if number <= 20 else f"1{number:03d}"
        staff_id = conn.execute("SELECT id FROM staff WHERE staff_no = ?",
                                (staff_no,)).fetchone()[0]
        if number % 17 == 0:
            conn.execute("UPDATE window SET state = 'paused', staff_id = ?, pause_reason = "
                         "'临时离岗', paused_at = ?, pause_back_at = ? WHERE id = ?",
                         (staff_id, _ts(NOW - dt.timedelta(minutes=20)),
                          _ts(NOW - dt.timedelta(minutes=5)), wid))
        elif number % 23 == 0:
            continue
        else:
            conn.execute("UPDATE window SET state = 'open', staff_id = ?, signed_in_at = ?, "
                         "current_ticket_id = ? WHERE id = ?",
                         (staff_id, _ts(NOW.replace(hour=8, minute=50)),
                          current[0] if current else None, wid))


def build(path: Path) -> dict:
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    _hall(f"sqlite:///{path}")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    hall = _widen(conn)
    writer = _Writer(conn, hall["hall_id"], _catalog(conn), random.Random(VERSION))
    days = _days()
    per_day = TICKETS // len(days)
    extra = TICKETS - per_day * len(days)
    for index, day in enumerate(days):
        writer.day(day, per_day + (1 if index < extra else 0))
    writer.day(TODAY, 2000, until=NOW)
    writer.flush()
    _today_windows(conn)
    conn.execute("CREATE TABLE bench_info (version INTEGER, tickets INTEGER)")
    total = conn.execute("SELECT COUNT(*) FROM ticket").fetchone()[0]
    conn.execute("INSERT INTO bench_info VALUES (?, ?)", (VERSION, total))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"built_s": round(time.perf_counter() - started, 1), "tickets": total}


def ready(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(path)
        version, _ = conn.execute("SELECT version, tickets FROM bench_info").fetchone()
        conn.close()
        return version == VERSION
    except sqlite3.Error:
        return False


# --- measuring ---------------------------------------------------------------------------

def _timed(fn, *args, **kwargs):
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - started


#: who asks: the reports as the local operator (like ``python -m kiosk report``), the
#: console's reads as the sample hall's manager
OPERATOR, MANAGER = None, "9001"


def measure(path: Path, runs: int) -> dict:
    from kiosk.queue.actions import alerts
    from kiosk.reports import details, live, pdf, report, xlsx

    clock = ManualClock(NOW)
    ctx = HallContext(db=Database(f"sqlite:///{path}"), clock=clock)
    out: dict = {}
    with ctx.db.read() as session:
        from sqlalchemy import text

        out["tickets_in_db"] = session.execute(text("SELECT COUNT(*) FROM ticket")).scalar()
        out["windows"] = session.execute(text("SELECT COUNT(*) FROM window")).scalar()
        out["services"] = session.execute(text("SELECT COUNT(*) FROM service")).scalar()
    out["month_tickets"] = details.count_tickets(ctx, start=MONTH[0], end=MONTH[1],
                                                 by=OPERATOR)
    per_grouping = {}
    month = None
    for group_by in report.GROUPINGS:
        month, seconds = _timed(report.build_report, ctx, start=MONTH[0], end=MONTH[1],
                                group_by=group_by, by=OPERATOR)
        per_grouping[group_by] = round(seconds, 3)
    month, seconds = _timed(report.build_report, ctx, start=MONTH[0], end=MONTH[1],
                            group_by="window", by=OPERATOR)
    out["report_month_s"] = round(max(max(per_grouping.values()), seconds), 3)
    out["report_month_by_grouping_s"] = per_grouping
    with tempfile.TemporaryDirectory() as folder:
        steps = []
        _, seconds = _timed(xlsx.export_report, ctx, month, Path(folder) / "m.xlsx",
                            by=OPERATOR, progress=lambda done, total: steps.append(done))
        out["xlsx_month_s"] = round(seconds, 2)
        out["xlsx_progress_calls"] = len(steps)
        _, seconds = _timed(pdf.write_report, Path(folder) / "m.pdf", month)
        out["pdf_month_s"] = round(seconds, 3)
    live.live_status(ctx, by=MANAGER)  # warm the statement cache, as a console has
    samples = []
    for _ in range(runs):
        status, seconds = _timed(live.live_status, ctx, by=MANAGER)
        samples.append(seconds * 1000)
    out["live_status_ms"] = round(statistics.median(samples), 1)
    out["live_status_max_ms"] = round(max(samples), 1)
    out["live_status_waiting"] = sum(s.waiting for s in status.services)
    alerts.evaluate(ctx, by=MANAGER)
    samples = [_timed(alerts.evaluate, ctx, by=MANAGER)[1] * 1000 for _ in range(runs)]
    out["alerts_evaluate_ms"] = round(statistics.median(samples), 1)
    ctx.db.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path,
                        default=Path(tempfile.gettempdir()) / "kiosk-report-bench.sqlite3")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args(argv)
    result: dict = {"benchmark": "manager_reports", "python": platform.python_version(),
                    "machine": platform.machine(), "database": str(options.db)}
    if options.rebuild or not ready(options.db):
        result.update(build(options.db))
    else:
        result["built_s"] = None  # reused from an earlier run
    result.update(measure(options.db, options.runs))
    result["targets"] = TARGETS
    result["pass"] = all(result[k] <= v for k, v in TARGETS.items())
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
