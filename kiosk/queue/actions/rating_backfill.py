"""Reporting the ratings given before the 好差评 report existed (migration 0013).

Ratings are reported in their own transaction since 0013; those given earlier have no
outbox row and would never reach the province. ``backfill_reports`` queues them once,
in batches, oldest first; a rating already queued keeps its row (same idempotency key),
so running it twice, or while pads are rating, queues nothing twice.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from kiosk.clock import at_hall_time
from kiosk.queue.actions.rating import BAD_REASONS
from kiosk.queue.actions.rating_report import CHANNEL, idem_key, queue_report
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.events import SYSTEM, append_event
from kiosk.queue.store.models import Outbox, Rating, Ticket

BATCH = 500


def backfill_reports(ctx: HallContext, *, since: dt.date | None = None) -> int:
    """Queue the report of every rating with a level (given on or after ``since``, a
    hall day) that has none; returns how many were queued."""
    queued, after_id = 0, 0
    while True:
        with ctx.db.write() as session:
            scope = open_scope(ctx, session)
            query = (select(Rating, Ticket).join(Ticket, Ticket.id == Rating.ticket_id)
                     .where(Rating.hall_id == scope.hall.id, Rating.level.is_not(None),
                            Rating.id > after_id)
                     .order_by(Rating.id).limit(BATCH))
            if since is not None:
                query = query.where(Rating.rated_at >= at_hall_time(
                    since, dt.time(0), scope.hall.timezone))
            batch = session.execute(query).all()
            if not batch:
                return queued
            after_id = batch[-1][0].id
            reported = set(session.scalars(select(Outbox.idem_key).where(
                Outbox.channel == CHANNEL,
                Outbox.idem_key.in_([idem_key(r.id) for r, _ in batch]))))
            missing = [(r, t) for r, t in batch if idem_key(r.id) not in reported]
            for rating, ticket in missing:
                queue_report(scope, rating, ticket, BAD_REASONS)
            if missing:
                append_event(scope, SYSTEM, "rating_reports_backfilled",
                             payload={"count": len(missing), "first_rating": missing[0][0].id,
                                      "last_rating": missing[-1][0].id})
            queued += len(missing)
