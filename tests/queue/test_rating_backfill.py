"""Ratings given before the 好差评 report existed are reported once by the backfill."""
import datetime as dt

from sqlalchemy import delete

from kiosk.queue.actions import rating
from kiosk.queue.actions.rating_backfill import backfill_reports
from kiosk.queue.actions.rating_report import idem_key
from kiosk.queue.store.models import Outbox
from tests.queue.test_rating_report import finished, rating_id, reports


def _forget_reports(ctx):
    """As a database migrated to 0013 with older ratings looks: no report rows."""
    with ctx.db.write() as session:
        session.execute(delete(Outbox).where(Outbox.channel == "province"))


def test_backfill_reports_each_older_rating_once(ctx, clock):
    old, unrated, kept = finished(ctx, n=3)
    rating.rate(ctx, ticket_id=old.id, level=2, reasons=["等候时间长"])
    rating.mark_unrated(ctx, ticket_id=unrated.id)
    _forget_reports(ctx)
    rating.rate(ctx, ticket_id=kept.id, level=5)  # after 0013: reported by itself
    assert backfill_reports(ctx) == 1
    keys = [key for key, _, _ in reports(ctx)]
    assert keys == [idem_key(rating_id(ctx, kept.id)), idem_key(rating_id(ctx, old.id))]
    payload = reports(ctx)[1][1]
    assert (payload["level"], payload["reasons"], payload["within_window"]) == (
        2, ["等候时间长"], True)
    assert backfill_reports(ctx) == 0  # run again: nothing twice


def test_backfill_since_a_day_leaves_older_ratings_alone(ctx, clock):
    first, second = finished(ctx, n=2)
    rating.rate(ctx, ticket_id=first.id, level=4)
    clock.advance(days=1)
    rating.rate_by_token(ctx, web_token=second.web_token, level=3)  # on the phone, Tue
    _forget_reports(ctx)
    assert backfill_reports(ctx, since=dt.date(2026, 11, 24)) == 1
    assert [t for _, _, t in reports(ctx)] == [second.id]


def test_backfill_on_the_command_line(sqlite_ctx, capsys):
    from kiosk.cli import main

    (ticket,) = finished(sqlite_ctx)
    rating.rate(sqlite_ctx, ticket_id=ticket.id, level=5)
    _forget_reports(sqlite_ctx)
    url = sqlite_ctx.db.url
    sqlite_ctx.db.dispose()
    assert main(["--db", url, "ratings", "backfill", "--since", "2026-11-01"]) == 0
    assert "queued 1 rating report" in capsys.readouterr().out
    assert main(["--db", url, "ratings", "backfill", "--since", "11/01"]) != 0
    assert "2026-11-01" in capsys.readouterr().err
