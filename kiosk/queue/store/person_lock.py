"""One person's requests that share no row, taken one at a time.

Most rules that count a person's doings are guarded by a row both requests lock: two
remote tickets of one phone for one queue both bump that queue's counter row. A rule
across rows is not: one person booking two queues at once locks two queue rows, and
each booking's "one a day" check would miss the other, still uncommitted; two
deliverers each holding a message to one phone would each count the phone's sends
without the other's. Such a check first takes a lock of the person itself: on
PostgreSQL a transaction-level advisory lock on a key derived from the purpose, the
hall, the day and the person's keyed hash (never the person's data); on SQLite one
writer at a time is already the rule.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import func, select

from kiosk.queue.store.context import Scope


def lock_person(scope: Scope, purpose: str, day: dt.date | None, person_hash: str) -> None:
    """Wait for any other transaction holding this person's ``purpose`` lock (for
    ``day``, or for all days when None); held until this transaction ends."""
    if scope.session.get_bind().dialect.name != "postgresql":
        return
    scope.session.execute(select(func.pg_advisory_xact_lock(
        lock_key(purpose, scope.hall.id, day, person_hash))))


def lock_key(purpose: str, hall_id: int, day: dt.date | None, person_hash: str) -> int:
    """A signed 64-bit key (PostgreSQL's bigint) for the lock."""
    text = f"{purpose}:{hall_id}:{day.isoformat() if day else '-'}:{person_hash}".encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big", signed=True)
