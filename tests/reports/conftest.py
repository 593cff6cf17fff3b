"""A simulated hall, built once: Monday 2026-11-16 (a full, closed day of 1,500 tickets
over 12 windows) and Monday 2026-11-23 up to 11:00 (open: queues, paused windows).

Driving the real service functions takes a while, so the SQLite file is made once per
session and, when pytest's cache is on, reused across sessions as long as the code and
data it comes from are unchanged (the file name carries their hash). The PostgreSQL
variant copies the same rows into a fresh database, so both backends see the same hall.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import HALL_TZ, KEYED, seed_sample_database

ROOT = Path(__file__).resolve().parents[2]
LAST_WEEK = dt.date(2026, 11, 16)
TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 11, 0, tzinfo=HALL_TZ)
SOURCES = ("kiosk/reports/simulate.py", "kiosk/queue", "assets/catalog/sample_hall.yaml",
           "assets/demo/staff.yaml", "tests/reports/conftest.py")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        path = ROOT / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _simulate(url: str) -> None:
    from sqlalchemy import event

    from kiosk.clock import ManualClock
    from kiosk.queue.store.context import HallContext
    from kiosk.queue.store.db import Database
    from kiosk.queue.actions.followup import open_followups_for_new_bad_ratings
    from kiosk.reports.simulate import simulate_day

    db = Database(url)
    # a throwaway file: no need to wait for the disk on every one of ~10,000 commits
    event.listen(db.engine, "connect",
                 lambda conn, _: conn.execute("PRAGMA synchronous = OFF"))
    clock = ManualClock(NOW)
    ctx = HallContext(db=db, clock=clock, machine_settings=dict(KEYED))
    simulate_day(ctx, clock, day=LAST_WEEK, tickets=1500, seed=16)
    simulate_day(ctx, clock, day=TODAY, tickets=700, seed=23, until=dt.time(11, 0))
    open_followups_for_new_bad_ratings(ctx)
    db.dispose()


@pytest.fixture(scope="session")
def simulated_file(request, tmp_path_factory) -> Path:
    cache = getattr(request.config, "cache", None)
    folder = Path(cache.mkdir("kiosk-simulated-hall")) if cache is not None \
        else tmp_path_factory.mktemp("simulated")
    path = folder / f"hall-{_fingerprint()}.sqlite3"
    if not path.exists():
        for old in folder.glob("hall-*.sqlite3"):
            old.unlink()
        building = folder / "building.sqlite3"
        building.unlink(missing_ok=True)
        seed_sample_database(f"sqlite:///{building}")
        _simulate(f"sqlite:///{building}")
        building.replace(path)
    return path


def copy_rows(source_url: str, target_url: str) -> None:
    """Replace every row of the target (a migrated database) with the source's."""
    from sqlalchemy import create_engine, select, text, update

    from kiosk.queue.store.db import normalise_url
    from kiosk.queue.store.models import Base, Window

    source = create_engine(normalise_url(source_url))
    target = create_engine(normalise_url(target_url))
    tables = Base.metadata.sorted_tables
    with source.connect() as src, target.begin() as dst:
        dst.execute(update(Window.__table__).values(current_ticket_id=None))
        for table in reversed(tables):
            dst.execute(table.delete())
        current = {}
        for table in tables:
            rows = [dict(row._mapping) for row in src.execute(select(table))]
            if table.name == "window":
                current = {r["id"]: r["current_ticket_id"] for r in rows}
                rows = [{**r, "current_ticket_id": None} for r in rows]
            if rows:
                dst.execute(table.insert(), rows)
        for window_id, ticket_id in current.items():
            if ticket_id is not None:
                dst.execute(update(Window.__table__).where(Window.__table__.c.id == window_id)
                            .values(current_ticket_id=ticket_id))
        for table in tables:
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and pk[0].autoincrement in (True, "auto") \
                    and pk[0].type.python_type is int:
                dst.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                    f"COALESCE((SELECT MAX({pk[0].name}) FROM \"{table.name}\"), 0) + 1, false)"))
    source.dispose()
    target.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def sim_url(request, simulated_file, tmp_path) -> str:
    """The simulated hall on each backend in turn (a private copy per test)."""
    copy = tmp_path / "hall.sqlite3"
    shutil.copyfile(simulated_file, copy)
    if request.param == "sqlite":
        return f"sqlite:///{copy}"
    url = request.getfixturevalue("pg_url")
    copy_rows(f"sqlite:///{copy}", url)
    return url


@pytest.fixture
def sim_ctx(make_ctx, clock, sim_url):
    clock.set(NOW)
    return make_ctx(sim_url)


@pytest.fixture
def sqlite_sim_ctx(make_ctx, clock, simulated_file, tmp_path):
    copy = tmp_path / "hall.sqlite3"
    shutil.copyfile(simulated_file, copy)
    clock.set(NOW)
    return make_ctx(f"sqlite:///{copy}")
