"""The outbox: messages for the outside world, queued in the transaction of the action
that caused them and handed to a sender later (``kiosk.delivery``).

A deliverer claims due messages with a lease (``claimed_until``) in a short transaction
of its own: on PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets two deliverers take different
rows, on SQLite the writer lock makes claims one at a time. A deliverer that dies
between sending and marking leaves its lease to expire; the message is then sent again
with the same idempotency key, and the receiver drops the repeat.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from sqlalchemy import Text, and_, bindparam, cast, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.queue.store.context import HallContext, Scope
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import Outbox
from kiosk.queue.store.person_lock import lock_person

PENDING, SENT, FAILED, DROPPED = "pending", "sent", "failed", "dropped"
ERROR_MAX = 500


@dataclasses.dataclass(frozen=True)
class OutboxMessage:
    id: int
    channel: str
    idem_key: str
    payload: dict[str, Any]
    recipient_hash: str | None
    ticket_id: int | None
    attempts: int  # including this one
    created_at: dt.datetime


def enqueue(scope: Scope, *, channel: str, idem_key: str, payload: dict,
            recipient_hash: str | None = None, ticket_id: int | None = None) -> None:
    """Queue a message in the caller's transaction; a second one with the same
    ``idem_key`` is silently a no-op (the same cause never queues twice)."""
    insert = pg_insert if scope.session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = insert(Outbox).values(
        hall_id=scope.hall.id, channel=channel, idem_key=idem_key, payload=payload,
        recipient_hash=recipient_hash, ticket_id=ticket_id, state=PENDING, attempts=0,
        next_attempt_at=scope.now, created_at=scope.now,
    ).on_conflict_do_nothing(index_elements=["idem_key"])
    scope.session.flush()
    scope.session.connection().execute(statement)


_DUE = (select(Outbox).where(
    Outbox.hall_id == bindparam("hall_id"), Outbox.channel == bindparam("channel"),
    Outbox.state == PENDING, Outbox.next_attempt_at <= bindparam("now"),
    or_(Outbox.claimed_until.is_(None), Outbox.claimed_until <= bindparam("now")))
    .order_by(Outbox.next_attempt_at, Outbox.id).limit(bindparam("limit"))
    .with_for_update(skip_locked=True))


def claim(ctx: HallContext, channel: str, *, limit: int, lease: dt.timedelta
          ) -> list[OutboxMessage]:
    """Take up to ``limit`` due messages for ``lease``; each claim counts as an attempt."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        rows = session.scalars(_DUE, {"hall_id": scope.hall.id, "channel": channel,
                                      "now": scope.now, "limit": limit}).all()
        for row in rows:
            row.claimed_until = scope.now + lease
            row.attempts += 1
        return [OutboxMessage(r.id, r.channel, r.idem_key, dict(r.payload),
                              r.recipient_hash, r.ticket_id, r.attempts, r.created_at)
                for r in rows]


def _finish(ctx: HallContext, message_id: int, **values: Any) -> bool:
    """Update a pending message; False when it is no longer pending (dropped at day
    close meanwhile, or marked by another deliverer after a lease ran out)."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        values = {k: (v(scope) if callable(v) else v) for k, v in values.items()}
        return session.execute(update(Outbox).where(
            Outbox.id == message_id, Outbox.state == PENDING)
            .values(claimed_until=None, **values)).rowcount == 1


def mark_sent(ctx: HallContext, message_id: int, ack_id: str | None = None) -> bool:
    """``ack_id``: the receiver's acknowledgement (the 好差评 platform's id), if any."""
    return _finish(ctx, message_id, state=SENT, sent_at=lambda scope: scope.now,
                   last_error=None, ack_id=ack_id[:100] if ack_id else None)


def mark_retry(ctx: HallContext, message_id: int, error: str, at: dt.datetime) -> bool:
    return _finish(ctx, message_id, next_attempt_at=at, last_error=error[:ERROR_MAX],
                   sent_at=None)


def mark_failed(ctx: HallContext, message_id: int, error: str) -> bool:
    return _finish(ctx, message_id, state=FAILED, last_error=error[:ERROR_MAX],
                   sent_at=None)


def postpone(ctx: HallContext, message_id: int, at: dt.datetime) -> bool:
    """Put a claimed message back until ``at`` without counting the attempt (a
    recipient's hourly limit is reached: later, never dropped)."""
    return _finish(ctx, message_id, next_attempt_at=at, attempts=Outbox.attempts - 1,
                   sent_at=None)


def requeue(scope: Scope, message_ids: list[int]) -> int:
    """Failed (or dropped) messages back to pending, due now, their attempts counted
    afresh (a manager resends reports once what made the receiver refuse them is put
    right). The idempotency key stays: a receiver that did take one drops the repeat."""
    return scope.session.execute(update(Outbox).where(
        Outbox.hall_id == scope.hall.id, Outbox.id.in_(message_ids),
        Outbox.state.in_((FAILED, DROPPED))).values(
        state=PENDING, attempts=0, next_attempt_at=scope.now, claimed_until=None,
        last_error=None)).rowcount


def backoff(attempts: int, *, base_s: float, cap_s: float,
            rng: random.Random | None = None) -> dt.timedelta:
    """Exponential back-off with "equal jitter": half the step fixed, half random, so
    deliverers retrying after one outage spread out; never above ``cap_s``."""
    step = min(cap_s, base_s * 2 ** max(attempts - 1, 0))
    return dt.timedelta(seconds=step / 2 + (rng or random).random() * step / 2)


#: a recipient's messages sent after ``since``, or being sent now by a deliverer whose
#: lease still runs (a dead deliverer's reservation ends with its lease)
_SENDS_SINCE = select(func.count(), func.min(Outbox.sent_at)).where(
    Outbox.recipient_hash == bindparam("recipient"), Outbox.id != bindparam("mine"),
    Outbox.sent_at > bindparam("since"),
    or_(Outbox.state == SENT,
        and_(Outbox.state == PENDING, Outbox.claimed_until > bindparam("now"))))


def reserve(ctx: HallContext, message_id: int, recipient_hash: str, since: dt.datetime,
            limit: int) -> dt.datetime | None:
    """Count what the recipient was sent after ``since`` and what other deliverers are
    sending it now; under ``limit``, mark this claimed message as being sent (its
    ``sent_at``, until it is marked) and return None, else the earliest of those
    (the hour runs from it). The recipient is locked while counting, so two
    deliverers holding two of its messages never both find room for one more."""
    with ctx.db.write() as session:
        scope = open_scope(ctx, session)
        lock_person(scope, "outbox", None, recipient_hash)
        count, first = session.execute(_SENDS_SINCE, {
            "recipient": recipient_hash, "mine": message_id, "since": since,
            "now": scope.now}).one()
        if count >= limit:
            return first or scope.now
        session.execute(update(Outbox).where(Outbox.id == message_id,
                                             Outbox.state == PENDING)
                        .values(sent_at=scope.now))
        return None


def status(ctx: HallContext, channel: str | None = None) -> dict:
    """Counts by state, the oldest pending message's age and the next one due."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        mine = [Outbox.hall_id == scope.hall.id]
        if channel is not None:
            mine.append(Outbox.channel == channel)
        counts = dict(session.execute(select(Outbox.state, func.count())
                                      .where(*mine).group_by(Outbox.state)).all())
        oldest, due = session.execute(select(func.min(Outbox.created_at),
                                             func.min(Outbox.next_attempt_at))
                                      .where(*mine, Outbox.state == PENDING)).one()
        return {"channel": channel,
                "counts": {s: counts.get(s, 0) for s in (PENDING, SENT, FAILED, DROPPED)},
                "oldest_pending": oldest.isoformat() if oldest else None,
                "oldest_pending_age_s": round((scope.now - oldest).total_seconds())
                if oldest else None,
                "next_due": due.isoformat() if due else None}


def strip_before(scope: Scope, channel: str, before: dt.datetime,
                 keys: tuple[str, ...]) -> int:
    """Day close: ``channel``'s pending messages created before ``before`` are dropped,
    and ``keys`` (the sealed phone) are removed from every such message's payload. Only
    that channel's: a rating report waits out any outage, across days."""
    session = scope.session
    mine = (Outbox.hall_id == scope.hall.id, Outbox.channel == channel,
            Outbox.created_at < before)
    dropped = session.execute(update(Outbox).where(
        *mine, Outbox.state == PENDING).values(state=DROPPED, claimed_until=None,
                                               last_error="day closed")).rowcount
    carrying = or_(*[cast(Outbox.payload, Text).like(f'%"{k}"%') for k in keys])
    rows = session.scalars(select(Outbox).where(*mine, carrying)).all()
    for row in rows:
        if any(k in row.payload for k in keys):
            row.payload = {k: v for k, v in row.payload.items() if k not in keys}
    return dropped
