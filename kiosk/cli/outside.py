"""``outbox``, ``ratings``, ``web``: what leaves the hall (reminders, 好差评 reports)
and the web service for phones."""
from __future__ import annotations

import json
import threading

from kiosk import bootstrap
from kiosk.cli.common import options


def cmd_outbox(args) -> int:
    """The outbox's counts, or deliver its reminders or rating reports (``--channel
    province``) until Ctrl+C, or one round."""
    from kiosk.delivery.province import province_deliverer
    from kiosk.delivery.worker import Deliverer, reminder_sender_from_settings
    from kiosk.queue.store import outbox

    ctx = bootstrap.start(options(args)).ctx
    if args.action == "status":
        print(json.dumps(outbox.status(ctx, args.channel), ensure_ascii=False, indent=1))
        return 0
    if args.channel == "province":
        deliverer = province_deliverer(ctx)
    else:
        deliverer = Deliverer.from_settings(ctx, args.channel or "reminder",
                                            reminder_sender_from_settings(ctx))
    if args.once:
        print(f"sent {deliverer.run_once()}")
        return 0
    deliverer.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        return 0
    finally:
        deliverer.stop()


def cmd_ratings(args) -> int:
    """好差评上报: each rating's delivery state, or the month against the platform's export."""
    from kiosk.reports.rating_reports import (
        backfill_command, reconcile_command, status_command,
    )

    ctx = bootstrap.start(options(args)).ctx
    try:
        if args.action == "reconcile":
            return reconcile_command(ctx, args.month, args.acks, args.column)
        if args.action == "backfill":
            return backfill_command(ctx, args.since)
        return status_command(ctx, args.month, args.state)
    finally:
        ctx.db.dispose()


def cmd_web(args) -> int:
    """The hall's web service for phones, with the reminders' deliverer."""
    from kiosk.web.serve import serve

    ctx = bootstrap.start(options(args)).ctx
    try:
        return serve(ctx, host=args.host, port=args.port, deliver=not args.no_deliver)
    finally:
        ctx.db.dispose()


def add_commands(sub) -> None:
    p = sub.add_parser("outbox", help="outgoing messages: status, or deliver them")
    p.add_argument("action", choices=("status", "deliver"))
    p.add_argument("--channel", help="reminder (default for deliver) or another channel")
    p.add_argument("--once", action="store_true", help="deliver what is due, then exit")
    p.set_defaults(func=cmd_outbox)

    p = sub.add_parser("ratings", help="好差评上报: report-status, reconcile a month, or "
                       "backfill (report ratings given before reports existed)")
    p.add_argument("action", choices=("report-status", "reconcile", "backfill"))
    p.add_argument("--since", help="backfill: only ratings from this day (YYYY-MM-DD)")
    p.add_argument("--month", help="YYYY-MM (reconcile: required; report-status: that "
                   "month only)")
    p.add_argument("--acks", help="the platform's export: one id a line, or CSV with a "
                   "header row")
    p.add_argument("--column", help="the CSV column holding the id (default the first)")
    p.add_argument("--state", choices=("unreported", "reported", "failed"),
                   help="report-status: list only this state")
    p.set_defaults(func=cmd_ratings)

    p = sub.add_parser("web", help="the hall's web service for phones (ticket page, "
                       "reminders, rating, booking)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: behind the hall's proxy)")
    p.add_argument("--port", type=int, default=8080, help="port (default 8080)")
    p.add_argument("--no-deliver", action="store_true",
                   help="do not send reminders from this process (another runs "
                   "'outbox deliver')")
    p.set_defaults(func=cmd_web)
