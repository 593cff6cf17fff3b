"""Cases (办件) benchmark over 1,000,000 cases, printed as one JSON object.

    python bench/cases_bench.py --json [--cases 1000000] [--pg-url URL] [--only sqlite]

Builds the sample hall and four years of cases (about 1,000 a working day; those of
the last weeks still open, a few old ones never concluded, some 补正 and 容缺), written
by bulk inserts (executemany on SQLite, COPY on PostgreSQL), not through the actions.
Then measures, median of runs after one warm-up:

* the 电子监察 page refresh, ``reads.cases.supervision`` (target <= 100 ms), unfiltered,
  red cards only, and one department, with the 办理环节 of the items that have them;
* the monthly report, ``reads.case_month.monthly_report`` for November 2026 (target <= 2 s).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.clock import ManualClock  # noqa: E402
from kiosk.queue.store.context import HallContext  # noqa: E402
from kiosk.queue.store.db import Database  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
TODAY = dt.date(2026, 12, 7)                        # a Monday
NOW = dt.datetime(2026, 12, 7, 10, 30, tzinfo=TZ)
TARGETS = {"supervision_ms": 100.0, "monthly_report_s": 2.0}
COLUMNS = ("hall_id", "case_no", "item_id", "department_id", "ticket_id", "window_id",
           "staff_id", "kind", "state", "applicant_masked", "phone_masked", "phone_hash",
           "accepted_at", "accepted_day", "promised_days", "promised_date", "due_date",
           "paused_since", "stopped_days", "supply_due", "decision", "refusal_reason",
           "concluded_at", "concluded_day", "workdays_used", "handed_over_at")


def working_days(count: int) -> list[dt.date]:
    """The ``count`` weekdays up to TODAY, then 60 more (for due dates)."""
    days, day = [], TODAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day -= dt.timedelta(days=1)
    days.reverse()
    day = TODAY
    for _ in range(60):
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        days.append(day)
    return days


def generate(hall: dict, total: int, seed: int = 16):
    """Yield case rows as tuples in COLUMNS order."""
    rng = random.Random(seed)
    per_day = 1000
    days = working_days(total // per_day + 1)
    today_index = days.index(TODAY)
    first = today_index - (total // per_day) + 1
    items, desks = hall["items"], hall["desks"]
    for n in range(total):
        index = first + n // per_day
        accepted = days[index]
        item_id, department_id, limit = items[n % len(items)]
        window_id, staff_id = desks[department_id][n % len(desks[department_id])]
        due = days[index + limit]
        at = dt.datetime.combine(accepted, dt.time(9, 0), TZ).astimezone(UTC) \
            + dt.timedelta(seconds=n % 25000)
        offset = rng.choice((-2, -1, 0, 0, 0, 1, 2)) if limit else 0
        done_index = index + max(0, limit + offset)
        state, concluded, used, paused, supply = "concluded", None, None, None, None
        never = rng.random() < 0.002            # forgotten: still open, long overdue
        if done_index >= today_index or never:
            state = rng.choice(("accepted", "processing", "processing"))
            if rng.random() < 0.03:
                state, paused = "correcting", days[min(index + 1, today_index)]
            if rng.random() < 0.1:
                supply = days[index + 5]
        else:
            concluded, used = days[done_index], done_index - index
        yield (hall["id"], f"DEMO{accepted.year}{n:07d}", item_id, department_id, None,
               window_id, staff_id, "promised" if limit else "instant", state, "张*",
               "138****0000", None, at, accepted, limit, due, due, paused, 0, supply,
               "approved" if concluded else None, None,
               at + dt.timedelta(days=(done_index - index) * 1.4) if concluded else None,
               concluded, used, None)


def hall_facts(ctx: HallContext) -> dict:
    from sqlalchemy import select

    from kiosk.queue.store.models import Hall, Item, Window

    with ctx.db.read() as session:
        hall = session.scalar(select(Hall).where(Hall.code == "demo"))
        items = [(i.id, i.department_id, i.promised_days) for i in session.scalars(
            select(Item).where(Item.hall_id == hall.id).order_by(Item.id))]
        desks: dict[int, list] = {}
        windows = session.scalars(select(Window).where(Window.hall_id == hall.id)).all()
        for w in windows:
            desks.setdefault(w.department_id, []).append((w.id, w.primary_staff_id))
        for _, department_id, _ in items:  # a department without a window of its own
            desks.setdefault(department_id, [(windows[-1].id, windows[-1].primary_staff_id)])
        return {"id": hall.id, "items": items, "desks": desks}


def build(url: str, total: int) -> tuple[HallContext, float]:
    from kiosk.queue import demo
    from kiosk.queue.rules.personal import ensure_key_file
    from kiosk.queue.store import migrate

    key_file = str(Path(tempfile.gettempdir()) / "kiosk-cases-bench.key")
    ensure_key_file(key_file)
    ctx = HallContext(db=Database(url), clock=ManualClock(NOW), hall_code="demo",
                      machine_settings={"security.key_file": key_file})
    migrate.upgrade(ctx.db)
    demo.seed_sample(ctx)
    facts = hall_facts(ctx)
    start = time.perf_counter()
    rows = generate(facts, total)
    if ctx.db.backend == "postgresql":
        _copy(ctx, rows)
    else:
        _executemany(ctx, rows)
    _add_steps(ctx)
    return ctx, time.perf_counter() - start


def _add_steps(ctx: HallContext) -> None:
    """The 办理环节 of the items that have them (catalog ``case_steps``): every step
    done for a concluded case, the first one running for an open one (due with the
    case, so the step cards weigh on the page as much as they can)."""
    from sqlalchemy import select, text

    from kiosk.queue.store.models import Item

    with ctx.db.write() as session:
        for item_id, specs in session.execute(select(Item.id, Item.case_steps)).all():
            for seq, spec in enumerate(specs or (), start=1):
                which = "" if seq == 1 else "AND state NOT IN ('accepted', 'processing', " \
                    "'correcting')"
                session.execute(text(
                    "INSERT INTO case_step (case_id, seq, name, days, started_at, due_date, "
                    "done_at) SELECT id, :seq, :name, :days, accepted_at, due_date, "
                    f"concluded_at FROM case_file WHERE item_id = :item {which}"),
                    {"seq": seq, "name": spec["name"], "days": spec["days"], "item": item_id})
        if ctx.db.backend == "postgresql":
            session.execute(text("ANALYZE case_step"))


def _executemany(ctx: HallContext, rows) -> None:
    from sqlalchemy import insert

    from kiosk.queue.store.models import CaseFile

    batch: list[dict] = []
    with ctx.db.write() as session:
        conn = session.connection()
        for row in rows:
            batch.append(dict(zip(COLUMNS, row)))
            if len(batch) == 50_000:
                conn.execute(insert(CaseFile), batch)
                batch = []
        if batch:
            conn.execute(insert(CaseFile), batch)
    # no ANALYZE: the app never runs it on SQLite, and with its statistics the planner
    # takes "3 of 6 states" for half the table and scans instead of using ix_case_file_due


def _copy(ctx: HallContext, rows) -> None:
    raw = ctx.db.engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY case_file ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("ANALYZE case_file")
        raw.commit()
    finally:
        raw.close()


def timed(call, runs: int) -> float:
    call()  # warm-up
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


def measure(ctx: HallContext) -> dict:
    from sqlalchemy import func, select

    from kiosk.queue.reads import case_month, cases
    from kiosk.queue.store.models import CaseFile, OPEN_CASE_STATES

    with ctx.db.read() as session:
        total = session.scalar(select(func.count()).select_from(CaseFile))
        still_open = session.scalar(select(func.count()).select_from(CaseFile).where(
            CaseFile.state.in_([s.value for s in OPEN_CASE_STATES])))
    page = cases.supervision(ctx)
    report = case_month.monthly_report(ctx, 2026, 11)
    result = {
        "cases": total, "open_cases": still_open,
        "supervision_ms": round(timed(lambda: cases.supervision(ctx), 9) * 1000, 1),
        "supervision_red_ms": round(
            timed(lambda: cases.supervision(ctx, card="red"), 9) * 1000, 1),
        "supervision_department_ms": round(
            timed(lambda: cases.supervision(ctx, department="RSJ"), 9) * 1000, 1),
        "monthly_report_s": round(timed(lambda: case_month.monthly_report(ctx, 2026, 11), 3), 3),
        "page": {"open": page.total.open, "yellow": page.total.yellow,
                 "red": page.total.red, "supply_red": page.total.supply_red,
                 "step_red": page.total.step_red},
        "november": {"concluded": report.total.concluded,
                     "on_time_rate": round(report.total.on_time_rate or 0, 4),
                     "early_rate": round(report.total.early_rate or 0, 4),
                     "average_workdays": round(report.total.average_workdays or 0, 2)},
    }
    result["within_targets"] = (result["supervision_ms"] <= TARGETS["supervision_ms"]
                                and result["monthly_report_s"] <= TARGETS["monthly_report_s"])
    return result


def run(url: str, total: int) -> dict:
    ctx, insert_s = build(url, total)
    try:
        return {"insert_s": round(insert_s, 1), **measure(ctx)}
    finally:
        ctx.db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--pg-url", help="PostgreSQL admin URL: a database is made there")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    out = {"targets": TARGETS, "python": platform.python_version()}
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as tmp:
            out["sqlite"] = run(f"sqlite:///{Path(tmp) / 'cases.sqlite3'}", args.cases)
    if args.pg_url and args.only != "sqlite":
        import psycopg
        from sqlalchemy.engine import make_url

        name = f"kiosk_cases_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.pg_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
        try:
            out["postgresql"] = run(url, args.cases)
        finally:
            with psycopg.connect(args.pg_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(json.dumps(out, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
