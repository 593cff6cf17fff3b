"""FQM (Free Queue Manager, github mrf345/FQM) driven through the busy hall's workload.

Started by bench/peer_hall.py under FQM's own Python (its pinned Flask 2.1 /
SQLAlchemy 1.3 stack cannot share our venv), on a checkout given on the command line:
nothing of FQM is in this repository. Prints one JSON object.

    PEER_PY bench/peer_fqm.py --checkout DIR --url URL [--seconds 30]

FQM's hall: one office (prefix A) with one task is our queue; each window is an
operator pulling from it. Its actions are called as its views call them, in a fresh
app context each (so a fresh session, as per request), without HTTP, login or redirect:
issue is the /serial view's Task.get, Office.get, Touch_store.get, Printer.get and
Serial.create_new_ticket (registered tickets, FQM's default: nothing printed); call is
the /pull view's Settings.get, Task.get, Office.get, Serial.get_next_ticket and
Serial.pull. FQM has no finish: a pulled ticket is processed at once, so finish does
nothing and its clerk's press is one pull. The database is FQM's own schema, made by
its create_all and create_default_records, on SQLite as FQM ships it (no WAL).
"""
from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.hall_load import WINDOWS, run_workers  # noqa: E402

PASSWORD = "race-pass"


def _app(checkout: str, url: str):
    if checkout not in sys.path:
        sys.path.insert(0, checkout)
    from app.main import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url})


def prepare(checkout: str, url: str) -> None:
    """FQM's schema and default records, the office, its task (with FQM's number-100
    placeholder ticket, as its task_a view adds) and one operator per window."""
    from werkzeug.security import generate_password_hash

    app = _app(checkout, url)
    from app.database import Display_store, Office, Operators, Serial, Task, User, Vid
    from app.middleware import db
    from app.utils import create_default_records

    with app.app_context():
        db.create_all()
        if db.engine.dialect.name == "postgresql":
            # FQM runs on SQLite only (PostgreSQL is a TODO of its docs), which ignores
            # declared lengths: its role names ('Administrator') overflow varchar(10)
            db.session.execute("ALTER TABLE roles ALTER COLUMN name TYPE varchar(32)")
        # FQM's default display and video name media rows 4 and 6 that it never adds:
        # unnoticed on SQLite (foreign keys off), refused by PostgreSQL; so none
        db.session.add_all([Display_store(ikey=None), Vid(vkey=None)])
        db.session.commit()
        create_default_records()
        office = Office("1", "A")
        task = Task("压力测试事项")
        db.session.add_all([office, task])
        db.session.commit()
        task.offices = [office]
        db.session.add(Serial(number=100, office_id=office.id, task_id=task.id))
        db.session.commit()
        password_hash = generate_password_hash(PASSWORD)   # once: set-up, not measured
        db.session.execute(User.__table__.insert(), [
            {"name": f"{n:04d}", "password_hash": password_hash, "role_id": 3}
            for n in range(1, WINDOWS + 1)])
        db.session.commit()
        for user in User.query.filter_by(role_id=3):
            db.session.add(Operators(user.id, office.id))
        db.session.commit()


class FqmHall:
    """FQM's actions, as one worker process calls them (see bench/hall_load.py)."""

    def __init__(self, checkout: str, url: str) -> None:
        self.app = _app(checkout, url)
        from app import database
        from app.events import setup_events
        from app.middleware import db

        setup_events(db)   # FQM's after-commit cache clearing, as its start-up wires it
        self.data = database
        with self.app.app_context():
            self.office_id = database.Office.query.filter_by(prefix="A").one().id
            self.task_id = database.Task.query.one().id
            self.operator = {int(u.name): u.id
                             for u in database.User.query.filter_by(role_id=3)}
        self.called: list[int] = []

    def issue(self) -> None:
        data = self.data
        with self.app.app_context():
            task, office = data.Task.get(self.task_id), data.Office.get(self.office_id)
            data.Touch_store.get()
            data.Printer.get()
            _, exception = data.Serial.create_new_ticket(task, office, None)
            if exception is not None:
                raise exception

    def call(self, window: int) -> bool:
        data = self.data
        with self.app.app_context():
            data.Settings.get()
            data.Task.get(self.task_id)
            office = data.Office.get(self.office_id)
            ticket = data.Serial.get_next_ticket(task_id=self.task_id,
                                                 office_id=self.office_id)
            if ticket is None:
                return False
            self.called.append(ticket.id)   # read before the commit expires it
            ticket.pull(office.id, puller_id=self.operator[window])
            return True

    def finish(self, window: int) -> None:
        """FQM has no finish: pulling processed the ticket already."""

    def press(self, window: int) -> bool:
        return self.call(window)

    def close(self) -> None:
        from app.middleware import db

        with self.app.app_context():
            db.engine.dispose()

    def extra(self) -> dict:
        return {"called_ids": self.called}


def open_hall(checkout: str, url: str, role: str) -> FqmHall:
    return FqmHall(checkout, url)


def audit(checkout: str, url: str, issued: int, called_ids: list[int]) -> dict:
    """Read back from FQM's tables; which window pulled a ticket is overwritten by the
    last pull, so tickets pulled twice are counted from what the workers were handed."""
    app = _app(checkout, url)
    from app.database import Serial
    from app.middleware import db

    with app.app_context():
        rows = [(s.id, s.number) for s in Serial.query.filter(Serial.number != 100)]
        db.engine.dispose()
    numbers = sorted(n for _, n in rows)
    twice = sum(1 for n in collections.Counter(called_ids).values() if n > 1)
    same_number = len(numbers) - len(set(numbers))
    never = sum(1 for tid, _ in rows if tid not in set(called_ids))
    return {"tickets": len(numbers), "duplicates": twice + same_number,
            "called_twice": twice, "duplicate_numbers": same_number,
            "lost": never + (issued - len(numbers)),
            "gap_free": numbers == list(range(101, 101 + len(numbers)))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkout", required=True, help="a checkout of mrf345/FQM")
    parser.add_argument("--url", required=True, help="an empty database (SQLAlchemy 1.3)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--kiosk-interval", type=float, default=0.25)
    parser.add_argument("--two-presses", action="store_true")
    args = parser.parse_args()
    checkout = str(Path(args.checkout).resolve())
    os.chdir(checkout)   # FQM finds its static files (tts.json) from where it runs
    prepare(checkout, args.url)
    merged = run_workers(functools.partial(open_hall, checkout, args.url), args.seconds,
                         args.kiosk_interval, not args.two_presses)
    from app.constants import VERSION

    result = {"peer": f"FQM {VERSION}", "python": sys.version.split()[0],
              **merged["timings"],
              **audit(checkout, args.url, len(merged["issue_ms"]), merged["called_ids"])}
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
