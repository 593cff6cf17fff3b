"""Rating patterns the manager should look at (刷好评 and late ratings), each row with
why, shaped like the manager's alerts (a stable ``key``, ``raised_at``, the messages).

* ``burst``: ``rating.burst_count`` or more 非常满意 (level 5) from one device within
  ``rating.burst_seconds``; the device is a window's pad (channel "pad"), or for
  phone ratings the tickets of one window (a clerk scanning their own QR codes). A
  service takes minutes, so several top ratings seconds apart from one place are not
  several citizens. Overlapping windows merge into one row.
* ``late``: a rating given ``rating.late_days`` calendar days or more after the
  ticket's 办结 (only the phone can do that, within ``rating.phone_days``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from sqlalchemy import select

from kiosk.clock import at_hall_time, hall_day, hall_time
from kiosk.queue.store.context import HallContext
from kiosk.queue.store.context import scope as open_scope
from kiosk.queue.store.models import Rating, Ticket, Window

DEVICE_ZH = {"pad": "评价器", "phone": "手机扫码"}


@dataclasses.dataclass(frozen=True)
class PatternRow:
    key: str
    kind: str                   # burst / late
    raised_at: dt.datetime      # the last rating of the burst; the late rating's time
    message_zh: str
    message_en: str
    rating_ids: tuple[int, ...]
    window_number: int | None
    channel: str


def _bursts(ratings: list, seconds: int, count: int) -> list[list]:
    """Runs of ratings (sorted by time) in which some ``count`` fall within ``seconds``."""
    span = dt.timedelta(seconds=seconds)
    marked = [False] * len(ratings)
    lo = 0
    for hi, rating in enumerate(ratings):
        while rating.rated_at - ratings[lo].rated_at > span:
            lo += 1
        if hi - lo + 1 >= count:
            marked[lo:hi + 1] = [True] * (hi - lo + 1)
    runs: list[list] = []
    for i, rating in enumerate(ratings):
        if not marked[i]:
            continue
        if runs and marked[i - 1] and rating.rated_at - runs[-1][-1].rated_at <= span:
            runs[-1].append(rating)
        else:
            runs.append([rating])
    return runs


def suspicious(ctx: HallContext, *, start: dt.date, end: dt.date) -> list[PatternRow]:
    """Bursts and late ratings among the ratings of hall days ``start``..``end``."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        tz, settings = scope.hall.timezone, scope.settings
        seconds, count = settings.get("rating.burst_seconds"), settings.get("rating.burst_count")
        late_days = settings.get("rating.late_days")
        rows = session.execute(
            select(Rating.id, Rating.level, Rating.channel, Rating.window_id,
                   Rating.rated_at, Window.number, Ticket.code, Ticket.finished_at)
            .join(Ticket, Ticket.id == Rating.ticket_id)
            .outerjoin(Window, Window.id == Rating.window_id)
            .where(Rating.hall_id == scope.hall.id, Rating.level.is_not(None),
                   Rating.rated_at >= at_hall_time(start, dt.time(0), tz),
                   Rating.rated_at < at_hall_time(end + dt.timedelta(days=1),
                                                  dt.time(0), tz))
            .order_by(Rating.channel, Rating.window_id, Rating.rated_at, Rating.id)).all()
    found = []
    top = [r for r in rows if r.level == 5]
    for (channel, _), group in itertools.groupby(top, lambda r: (r.channel, r.window_id)):
        for run in _bursts(list(group), seconds, count):
            found.append(_burst(run, channel, tz))
    for r in rows:
        if r.finished_at is None:
            continue
        days = (hall_day(r.rated_at, tz) - hall_day(r.finished_at, tz)).days
        if days >= late_days:
            found.append(PatternRow(
                f"late:{r.id}", "late", r.rated_at,
                f"{r.code} 号办结 {days} 天后才评价（{DEVICE_ZH.get(r.channel, r.channel)}，"
                f"{r.level} 级）",
                f"{r.code} rated {days} days after it was finished ({r.channel}, "
                f"level {r.level})", (r.id,), r.number, r.channel))
    return sorted(found, key=lambda p: (p.raised_at, p.key))


def _burst(run: list, channel: str, tz: str) -> PatternRow:
    first, last = run[0], run[-1]
    seconds = round((last.rated_at - first.rated_at).total_seconds())
    where = f"{first.number} 号窗口" if first.number is not None else "未知窗口"
    device = DEVICE_ZH.get(channel, channel)
    clock = hall_time(first.rated_at, tz).strftime("%H:%M:%S")
    return PatternRow(
        f"burst:{channel}:{first.window_id}:{first.id}", "burst", last.rated_at,
        f"{where}{device}在 {seconds} 秒内（{clock} 起）收到 {len(run)} 个非常满意",
        f"{len(run)} top ratings within {seconds} s from window {first.number}'s "
        f"{channel} (from {clock})", tuple(r.id for r in run), first.number, channel)

