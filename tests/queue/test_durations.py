"""Seconds between two stored times, computed by the database (the queue's pace)."""
import datetime as dt

from sqlalchemy import literal, select

from kiosk.queue.store.column_types import UTCDateTime
from kiosk.queue.store.durations import seconds_between

UTC = dt.timezone.utc


def test_the_database_counts_the_seconds_between_two_times(ctx):
    start = dt.datetime(2026, 12, 8, 9, 59, 30, 250000, tzinfo=UTC)
    ends = [start + dt.timedelta(minutes=4, seconds=29.75), start,
            start + dt.timedelta(hours=26)]
    with ctx.db.read() as session:
        got = [session.scalar(select(seconds_between(literal(start, UTCDateTime()),
                                                     literal(end, UTCDateTime()))))
               for end in ends]
        missing = session.scalar(select(seconds_between(
            literal(start, UTCDateTime()), literal(None, UTCDateTime()))))
    assert [round(float(s), 3) for s in got] == [269.75, 0.0, 93600.0]
    assert missing is None
