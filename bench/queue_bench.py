"""Queue engine benchmark: prints one JSON object.

For each of sqlite and postgresql:
  issue_ms, call_next_ms      p50/p99 of single actions, one process
  feed_latency_ms             p50/p99 from a commit in one process to the event seen
                              by a subscriber in another
  race                        4 processes x 25 windows calling while 2 kiosks issue:
                              throughput_actions_per_s, duplicates, lost, errors
  raw_commit_ms               a bare driver insert+commit with the same durability
                              settings: the physical floor
  quiet_hall                  32 windows calling an almost empty hall while 2 kiosks
                              issue one ticket each per 50 ms: issue_ms p50/p99/max
With --history N, N past tickets are added after the empty-database run and issue and
call_next are measured again (history_* and *_ratio_p50).

    python bench/queue_bench.py --json [--history 1000000] [--pg-url URL] [--only sqlite]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.queue.race import RACE_TIME, context, prepare, run_race  # noqa: E402


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return round(ordered[index], 3)


def summary(values: list[float]) -> dict:
    return {"p50": pct(values, 50), "p99": pct(values, 99), "n": len(values)}


# --- databases ----------------------------------------------------------------------

def sqlite_db(tmp: Path, name: str) -> str:
    return f"sqlite:///{tmp / (name + '.sqlite3')}"


def pg_db(admin_url: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"kiosk_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_pg(admin_url: str, url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


# --- single-process action timings --------------------------------------------------

def action_timings(url: str, rounds: int) -> dict:
    from kiosk.queue.actions import calling, issuing, serving

    ctx = context(url)
    issue_ms, call_ms = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        issuing.issue_ticket(ctx, item_code="RACE-1")
        issue_ms.append((time.perf_counter() - start) * 1000)
    for i in range(rounds):
        window = i % 25 + 1
        staff_no = f"{window:04d}"
        start = time.perf_counter()
        calling.call_next(ctx, window=window, staff_no=staff_no)
        call_ms.append((time.perf_counter() - start) * 1000)
        serving.finish(ctx, window=window, staff_no=staff_no, outcome="completed")
    ctx.db.dispose()
    return {"issue_ms": summary(issue_ms), "call_next_ms": summary(call_ms)}


# --- feed latency ---------------------------------------------------------------------

def _listener(url: str, after: int, count: int, ready, out) -> None:
    from kiosk.queue.store.db import Database
    from kiosk.queue.store.feed import subscribe

    feed = subscribe(Database(url), after)
    feed.wait(0.01)  # connect (and LISTEN) before the writer starts
    ready.set()
    seen = {}
    while len(seen) < count:
        for event in feed.wait(5):
            seen[event.id] = time.time()
    feed.close()
    out.put(seen)


def feed_latency(url: str, count: int) -> dict:
    from kiosk.queue.actions import issuing
    from kiosk.queue.store.feed import last_event_id

    ctx = context(url)
    spawn = mp.get_context("spawn")
    ready, out = spawn.Event(), spawn.Queue()
    listener = spawn.Process(target=_listener, args=(url, last_event_id(ctx.db), count,
                                                     ready, out))
    listener.start()
    ready.wait(60)
    committed = {}
    for _ in range(count):
        result = issuing.issue_ticket(ctx, item_code="RACE-1")
        committed[result.event_id] = time.time()
        time.sleep(0.03)  # paced like a busy hall, so each event is measured alone
    seen = out.get(timeout=120)
    listener.join(30)
    ctx.db.dispose()
    return summary([(seen[eid] - t) * 1000 for eid, t in committed.items() if eid in seen])


# --- the physical floor -------------------------------------------------------------

def raw_commit_sqlite(tmp: Path, rounds: int) -> dict:
    import sqlite3

    from kiosk.queue.store.db import SQLITE_SYNCHRONOUS

    conn = sqlite3.connect(tmp / "raw.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT, at TEXT)")
    times = []
    for i in range(rounds):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (code, at) VALUES (?, ?)", (f"A{i:03d}", "now"))
        conn.execute("COMMIT")
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    return summary(times)


def raw_commit_pg(url: str, rounds: int) -> dict:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        conn.execute("CREATE TABLE raw_t (id bigserial PRIMARY KEY, code text, at text)")
        conn.commit()
        times = []
        for i in range(rounds):
            start = time.perf_counter()
            conn.execute("INSERT INTO raw_t (code, at) VALUES (%s, %s)", (f"A{i:03d}", "now"))
            conn.commit()
            times.append((time.perf_counter() - start) * 1000)
    return summary(times)


# --- history ----------------------------------------------------------------------

def fill_history(url: str, tickets: int) -> float:
    """Add ``tickets`` finished tickets spread over the past days (bulk, not through the
    service layer: this is set-up). Returns seconds taken."""
    from sqlalchemy import insert, select

    from kiosk.queue.store.models import Hall, Service, Ticket

    start = time.perf_counter()
    ctx = context(url)
    with ctx.db.write() as session:
        hall_id = session.scalar(select(Hall.id).where(Hall.code == "race"))
        service_id = session.scalar(select(Service.id).where(Service.hall_id == hall_id))
    per_day = 2000
    batch = []
    with ctx.db.engine.begin() as conn:
        for n in range(tickets):
            day_back, number = divmod(n, per_day)
            day = RACE_TIME.date() - dt.timedelta(days=day_back + 1)
            at = RACE_TIME - dt.timedelta(days=day_back + 1)
            batch.append({
                "hall_id": hall_id, "day": day, "prefix": "A", "number": number + 1,
                "code": f"A{number + 1:03d}", "service_id": service_id, "priority": "none",
                "state": "finished", "outcome": "completed", "issued_at": at,
                "queue_at": at, "called_at": at, "started_at": at, "finished_at": at,
                "recall_count": 0, "transfer_count": 0, "no_show_count": 0})
            if len(batch) == 20000:
                conn.execute(insert(Ticket), batch)
                batch = []
        if batch:
            conn.execute(insert(Ticket), batch)
    if ctx.db.backend == "postgresql":
        with ctx.db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE ticket")
            conn.commit()
    ctx.db.dispose()
    return round(time.perf_counter() - start, 1)


# --- one backend ----------------------------------------------------------------------

def bench_backend(url: str, args, raw: dict) -> dict:
    prepare(url, windows=100)
    result = action_timings(url, args.rounds)
    result["raw_commit_ms"] = raw
    result["issue_p50_over_raw_commit"] = round(
        result["issue_ms"]["p50"] / raw["p50"], 2) if raw["p50"] else None
    result["feed_latency_ms"] = feed_latency(url, args.feed_events)
    if args.history:
        result["history_fill_s"] = fill_history(url, args.history)
        again = action_timings(url, args.rounds)
        result["history"] = args.history
        result["history_issue_ms"] = again["issue_ms"]
        result["history_call_next_ms"] = again["call_next_ms"]
        result["history_issue_ratio_p50"] = round(
            again["issue_ms"]["p50"] / result["issue_ms"]["p50"], 2)
        result["history_call_next_ratio_p50"] = round(
            again["call_next_ms"]["p50"] / result["call_next_ms"]["p50"], 2)
    return result


def race_backend(url: str, args) -> dict:
    prepare(url, windows=100)
    outcome = run_race(url, processes=4, windows_per_process=25, kiosks=2,
                       tickets_per_kiosk=args.race_tickets)
    return {
        "processes": 4, "windows": 100, "kiosks": 2,
        "tickets": outcome["tickets"],
        "throughput_actions_per_s": round(outcome["actions"] / outcome["wall_s"], 1),
        "race_issue_ms": summary(outcome["issue_ms"]),
        "race_call_next_ms": summary(outcome["call_ms"]),
        "duplicates": outcome["duplicates"], "lost": outcome["lost"],
        "errors": len(outcome["errors"]), "gap_free": outcome["gap_free"],
        "first_error": outcome["errors"][0] if outcome["errors"] else None,
    }


def quiet_hall_backend(url: str, args) -> dict:
    """32 windows (4 processes x 8) pressing 叫号 again every 100 ms at an almost empty
    hall (320 calls/s) while 2 kiosks issue a ticket every 50 ms each: what a citizen
    waits for at the kiosk."""
    prepare(url, windows=32)
    outcome = run_race(url, processes=4, windows_per_process=8, kiosks=2,
                       tickets_per_kiosk=args.quiet_tickets, kiosk_interval_s=0.05,
                       idle_pause_s=0.1)
    return {
        "windows": 32, "kiosks": 2, "kiosk_interval_s": 0.05, "window_pause_s": 0.1,
        "tickets": outcome["tickets"],
        "issue_ms": {**summary(outcome["issue_ms"]),
                     "max": round(max(outcome["issue_ms"], default=float("nan")), 3)},
        "empty_and_full_calls": outcome["actions"],
        "duplicates": outcome["duplicates"], "lost": outcome["lost"],
        "errors": len(outcome["errors"]), "gap_free": outcome["gap_free"],
        "first_error": outcome["errors"][0] if outcome["errors"] else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--history", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--feed-events", type=int, default=100)
    parser.add_argument("--race-tickets", type=int, default=250,
                        help="tickets each of the 2 kiosks issues during the race")
    parser.add_argument("--quiet-tickets", type=int, default=200,
                        help="tickets each of the 2 kiosks issues in the quiet-hall run")
    parser.add_argument("--pg-url", default=os.environ.get("KIOSK_TEST_PG_URL"),
                        help="PostgreSQL server to create scratch databases on")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.only in (None, "sqlite"):
            sqlite = bench_backend(sqlite_db(tmp, "actions"), args,
                                   raw_commit_sqlite(tmp, args.rounds))
            sqlite.update(race_backend(sqlite_db(tmp, "race"), args))
            sqlite["quiet_hall"] = quiet_hall_backend(sqlite_db(tmp, "quiet"), args)
            report["sqlite"] = sqlite
        if args.only in (None, "postgresql"):
            if not args.pg_url:
                report["postgresql"] = {"error": "no server: pass --pg-url or set "
                                                 "KIOSK_TEST_PG_URL"}
            else:
                urls = [pg_db(args.pg_url), pg_db(args.pg_url), pg_db(args.pg_url)]
                try:
                    pg = bench_backend(urls[0], args, raw_commit_pg(urls[0], args.rounds))
                    pg.update(race_backend(urls[1], args))
                    pg["quiet_hall"] = quiet_hall_backend(urls[2], args)
                    report["postgresql"] = pg
                finally:
                    for url in urls:
                        drop_pg(args.pg_url, url)
    print(json.dumps(report, indent=None if args.json else 2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
