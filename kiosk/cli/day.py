"""``close-day`` and ``events``: the hall's day and its event feed in a terminal."""
from __future__ import annotations

import datetime as dt
import json
import sys

from kiosk import bootstrap
from kiosk.cli.common import options


def cmd_close_day(args) -> int:
    from kiosk.queue.actions.day import close_day, close_past_days

    ctx = bootstrap.hall_context(options(args))
    bootstrap.prepare_database(ctx, close_past=False)
    if args.past:
        closed_days = close_past_days(ctx)
    else:
        closed_days = [close_day(ctx, by=args.by, day=dt.date.fromisoformat(args.day)
                                 if args.day else None)]
    for closed in closed_days:
        print(f"closed {closed.day}: {closed.expired} tickets expired, "
              f"{closed.appointments_missed} appointments missed, "
              f"{closed.windows_closed} windows signed out")
    return 0


def cmd_events(args) -> int:
    """Print the event feed as it happens (for watching a hall from a terminal)."""
    from kiosk.queue.store.feed import FeedUnavailable, subscribe

    started = bootstrap.start(options(args))
    ctx = started.ctx
    feed = subscribe(ctx.db, started.event_id if args.after is None else args.after)
    try:
        while True:
            try:
                for event in feed.wait(1.0):
                    print(json.dumps({"id": event.id, "at": event.at.isoformat(),
                                      "actor": event.actor, "action": event.action,
                                      **event.payload}, ensure_ascii=False), flush=True)
            except FeedUnavailable as exc:
                print(f"feed: {exc}", file=sys.stderr)
    except KeyboardInterrupt:
        return 0
    finally:
        feed.close()


def add_commands(sub) -> None:
    p = sub.add_parser("close-day", help="expire what was not served on a hall day")
    p.add_argument("--day", help="YYYY-MM-DD (default: today in the hall's zone)")
    p.add_argument("--past", action="store_true",
                   help="close every earlier day that still has unserved tickets")
    p.add_argument("--by", metavar="STAFF_NO",
                   help="the manager or admin closing it, recorded in the audit trail "
                   "(default: this PC's operator, recorded as system)")
    p.set_defaults(func=cmd_close_day)

    p = sub.add_parser("events", help="follow the event feed in the terminal")
    p.add_argument("--after", type=int, default=None, help="start after this event id")
    p.set_defaults(func=cmd_events)
