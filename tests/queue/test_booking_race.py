"""Two processes booking at the same instant, on both databases: the last place of a
slot goes to exactly one (the queue's row lock on PostgreSQL, the write lock on SQLite),
and one person booking two queues at once gets one booking (the person's lock)."""
from __future__ import annotations

import datetime as dt
import traceback

import pytest
from sqlalchemy import func, select, update

from tests.conftest import KEYED
from tests.queue.racing import hall_context, race

TUE = dt.date(2026, 11, 24)
#: one race per slot: the morning's six half-hour slots
SLOTS = [dt.time(9, 0), dt.time(9, 30), dt.time(10, 0), dt.time(10, 30), dt.time(11, 0),
         dt.time(11, 30)]


def _booker(url: str, key_file: str, n: int, barrier, results) -> None:
    from kiosk.queue.actions import appointments, booking_checks

    ctx = hall_context(url, key_file)
    outcome = {"booked": 0, "full": 0, "errors": []}
    for i, slot in enumerate(SLOTS):
        barrier.wait()
        try:
            appointments.book_appointment(ctx, item_code="RSJ-001", day=TUE, slot_start=slot,
                                          name="赵六", phone=f"13{n}000000{i:02d}",
                                          id_number=None)
            outcome["booked"] += 1
        except booking_checks.SlotFull:
            outcome["full"] += 1
        except Exception:  # noqa: BLE001 - reported to the test, never hidden
            outcome["errors"].append(traceback.format_exc(limit=4))
    ctx.db.dispose()
    results.put(outcome)


@pytest.mark.slow
def test_two_processes_booking_the_last_place_at_once_one_wins(ctx):
    from kiosk.queue.store.models import Appointment, Service

    with ctx.db.write() as session:
        session.execute(update(Service).where(Service.prefix == "C")
                        .values(booking_slot_capacity=1))
    url = ctx.db.url
    ctx.db.dispose()
    outcomes = race(_booker, *((url, KEYED["security.key_file"], n) for n in (5, 8)))
    assert [o["errors"] for o in outcomes] == [[], []]
    assert sum(o["booked"] for o in outcomes) == len(SLOTS)
    assert sum(o["full"] for o in outcomes) == len(SLOTS)
    with ctx.db.read() as session:
        per_slot = session.execute(select(Appointment.slot_start, func.count())
                                   .group_by(Appointment.slot_start)).all()
    assert len(per_slot) == len(SLOTS) and all(count == 1 for _, count in per_slot)


def _same_person_booker(url: str, key_file: str, item_code: str, barrier, results) -> None:
    from kiosk.queue.actions import appointments, booking_checks

    ctx = hall_context(url, key_file)
    outcome = {"booked": 0, "already": 0, "errors": []}
    for i in range(ROUNDS):
        barrier.wait()
        try:   # round i: one person (one phone), each process another queue
            appointments.book_appointment(ctx, item_code=item_code, day=TUE,
                                          slot_start=SLOTS[i], name="赵六",
                                          phone=f"1390000{i:04d}", id_number=None)
            outcome["booked"] += 1
        except booking_checks.AlreadyBooked:
            outcome["already"] += 1
        except Exception:  # noqa: BLE001 - reported to the test, never hidden
            outcome["errors"].append(traceback.format_exc(limit=4))
    ctx.db.dispose()
    results.put(outcome)


ROUNDS = len(SLOTS)


@pytest.mark.slow
def test_one_person_booking_two_queues_at_once_gets_one_booking(ctx):
    """The two bookings lock different queue rows, so only the person's own lock makes
    the second one see the first."""
    from kiosk.queue.store.models import Appointment

    url = ctx.db.url
    ctx.db.dispose()
    outcomes = race(_same_person_booker, *((url, KEYED["security.key_file"], item)
                                           for item in ("RSJ-001", "GJJ-001")))
    assert [o["errors"] for o in outcomes] == [[], []]
    assert sum(o["booked"] for o in outcomes) == ROUNDS
    assert sum(o["already"] for o in outcomes) == ROUNDS
    with ctx.db.read() as session:
        per_phone = session.execute(select(Appointment.phone_hash, func.count())
                                    .group_by(Appointment.phone_hash)).all()
    assert len(per_phone) == ROUNDS and all(count == 1 for _, count in per_phone)
