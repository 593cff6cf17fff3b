"""What the manager reads about 好差评上报: each rating's delivery state, and the monthly
reconciliation against the platform's acknowledgements.

A rating's report is its outbox row on channel "province" (found by ticket: one rating
per ticket). 未上报: no row (rated before reports existed) or still pending (with the
last error while the platform is down); 已上报: sent, with the platform's ack id; 失败:
refused by the platform (or out of attempts), with its reason. 未评 is never reported.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from sqlalchemy import and_, or_, select

from kiosk.clock import at_hall_time
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import Outbox, Rating, Ticket

UNREPORTED, REPORTED, FAILED = "unreported", "reported", "failed"
STATE_ZH = {UNREPORTED: "未上报", REPORTED: "已上报", FAILED: "失败"}
_OUTBOX_STATE = {None: UNREPORTED, "pending": UNREPORTED, "sent": REPORTED,
                 "failed": FAILED, "dropped": FAILED}
_WHERE = {UNREPORTED: or_(Outbox.state.is_(None), Outbox.state == "pending"),
          REPORTED: Outbox.state == "sent",
          FAILED: Outbox.state.in_(("failed", "dropped"))}


@dataclasses.dataclass(frozen=True)
class ReportRow:
    rating_id: int
    ticket_code: str
    day: dt.date
    rated_at: dt.datetime
    level: int
    channel: str
    state: str              # unreported / reported / failed
    state_zh: str
    ack_id: str | None
    reason: str | None      # why it failed, or the last error while retrying
    attempts: int
    sent_at: dt.datetime | None

    @property
    def idem_key(self) -> str:
        return f"province:rating:{self.rating_id}"


_ROWS = (select(Rating.id, Ticket.code, Ticket.day, Rating.rated_at, Rating.level,
                Rating.channel, Outbox.state, Outbox.ack_id, Outbox.last_error,
                Outbox.attempts, Outbox.sent_at)
         .join(Ticket, Ticket.id == Rating.ticket_id)
         .outerjoin(Outbox, and_(Outbox.channel == "province",
                                 Outbox.ticket_id == Rating.ticket_id)))


def _row(r) -> ReportRow:
    state = _OUTBOX_STATE.get(r.state, FAILED)
    return ReportRow(r.id, r.code, r.day, r.rated_at, r.level, r.channel, state,
                     STATE_ZH[state], r.ack_id, r.last_error, r.attempts or 0, r.sent_at)


def report_states(ctx: HallContext, *, start: dt.date | None = None,
                  end: dt.date | None = None, state: str | None = None,
                  limit: int | None = None) -> list[ReportRow]:
    """Ratings with a level rated on hall days ``start``..``end`` (inclusive), newest
    first, with their delivery state; ``state`` keeps one of them."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        tz = scope.hall.timezone
        query = _ROWS.where(Rating.hall_id == scope.hall.id, Rating.level.is_not(None))
        if start is not None:
            query = query.where(Rating.rated_at >= at_hall_time(start, dt.time(0), tz))
        if end is not None:
            query = query.where(Rating.rated_at < at_hall_time(
                end + dt.timedelta(days=1), dt.time(0), tz))
        if state is not None:
            query = query.where(_WHERE[state])
        query = query.order_by(Rating.rated_at.desc(), Rating.id.desc()).limit(limit)
        return [_row(r) for r in session.execute(query)]


@dataclasses.dataclass(frozen=True)
class Reconciliation:
    month: str                          # "2026-11"
    ratings: int                        # ratings with a level here that month
    matched: int                        # of them, acknowledged there
    missing_there: list[ReportRow]      # here, not in the platform's export
    unknown_here: list[str]             # in the export, no rating of that month here


def reconcile(ctx: HallContext, year: int, month: int,
              acknowledged_ids: Iterable[str]) -> Reconciliation:
    """The month's ratings here against the platform's export: an id there matches a
    rating by the platform's ack id, our rating id or our idempotency key."""
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = report_states(ctx, start=first, end=last)
    there = {str(a).strip() for a in acknowledged_ids if str(a).strip()}
    seen: set[str] = set()
    missing = []
    for row in rows:
        ours = {str(row.rating_id), row.idem_key} | ({row.ack_id} if row.ack_id else set())
        if ours & there:
            seen |= ours & there
        else:
            missing.append(row)
    return Reconciliation(f"{year:04d}-{month:02d}", len(rows), len(rows) - len(missing),
                          sorted(missing, key=lambda r: (r.rated_at, r.rating_id)),
                          sorted(there - seen))
