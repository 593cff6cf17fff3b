"""The console's live view of today: queues, windows, ratings, hourly load, wait spread.

One read transaction of a few aggregate queries over today's tickets (the ticket queue
index starts with hall and day), so it can be refreshed on every feed event.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import case, func, literal, literal_column, select
from sqlalchemy.orm import selectinload

from kiosk.clock import at_hall_time
from kiosk.queue.actions.calendar import day_entry
from kiosk.queue.rules.hours import opens_on, parse_period
from kiosk.queue.store.context import HallContext, Scope, scope as open_scope
from kiosk.queue.store.lookup import require_manager
from kiosk.queue.store.models import (
    WAITING_STATES, Rating, Service, Ticket, TicketState, Window, WindowState,
)
from kiosk.queue.store.column_types import UTCDateTime
from kiosk.reports.kpis import Kpis, kpis
from kiosk.reports.sqlfuncs import seconds_between, truncate
from kiosk.reports.stats import ratio

#: wait buckets in minutes: (label, low, high); high None = open-ended
BUCKETS = (("0-5", 0, 5), ("5-10", 5, 10), ("10-15", 10, 15), ("15-20", 15, 20),
           ("20-30", 20, 30), ("30-45", 30, 45), ("45-60", 45, 60), ("60+", 60, None))


@dataclasses.dataclass(frozen=True)
class ServiceLive:
    prefix: str
    name: str
    waiting: int
    longest_wait_s: float | None
    avg_wait_s: float | None
    served: int
    no_shows: int
    issued: int
    daily_limit: int
    left: int | None       # None: no daily limit
    over_limit: int = 0    # waiting longer than alerts.wait_minutes


@dataclasses.dataclass(frozen=True)
class WindowLive:
    number: int
    name: str
    state: str             # closed / open / paused
    staff_no: str | None
    staff_name: str | None
    ticket_code: str | None
    ticket_state: str | None
    ticket_since: dt.datetime | None   # handling start, else the call
    ticket_for_s: float | None
    paused_at: dt.datetime | None
    paused_for_s: float | None
    pause_reason: str | None
    pause_back_at: dt.datetime | None
    pause_overdue: bool
    served: int


@dataclasses.dataclass(frozen=True)
class RatingsToday:
    levels: dict[int, int]
    rated: int
    unrated: int
    finished: int
    rating_rate: float | None
    satisfaction_rate: float | None
    good_rate: float | None
    bad: int


@dataclasses.dataclass(frozen=True)
class HourCount:
    hour: int
    today: int
    last_week: int


@dataclasses.dataclass(frozen=True)
class Bucket:
    label: str
    low_min: int
    high_min: int | None
    count: int


@dataclasses.dataclass(frozen=True)
class LiveStatus:
    at: dt.datetime
    day: dt.date
    services: tuple[ServiceLive, ...]
    windows: tuple[WindowLive, ...]
    ratings: RatingsToday
    hourly: tuple[HourCount, ...]
    wait_buckets: tuple[Bucket, ...]      # today's called tickets, by their wait
    waiting_buckets: tuple[Bucket, ...]   # tickets waiting now, by their wait so far
    kpis: Kpis | None = None              # the headline tiles


def live_status(ctx: HallContext, *, by: str) -> LiveStatus:
    """Today's figures for the console; managers and admins only (``by``)."""
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        require_manager(scope, by)
        services, windows, ratings = _services(scope), _windows(scope), _ratings(scope)
        return LiveStatus(at=scope.now, day=scope.today, services=services,
                          windows=windows, ratings=ratings,
                          hourly=_hourly(scope), wait_buckets=_called_buckets(scope),
                          waiting_buckets=_waiting_buckets(scope),
                          kpis=kpis(scope, services, windows, ratings))


def _today(scope: Scope):
    return (Ticket.hall_id == scope.hall.id, Ticket.day == scope.today)


def _n(condition):
    return func.sum(case((condition, 1), else_=0))


def _plain(column):
    """``column + 0``: the same value, but no index on it tempts SQLite's planner into
    walking every ticket of the hall in that index's order instead of today's rows."""
    return column + literal_column("0")


def _services(scope: Scope) -> tuple[ServiceLive, ...]:
    session = scope.session
    waiting = Ticket.state.in_(WAITING_STATES)
    limit = dt.timedelta(minutes=scope.settings.get("alerts.wait_minutes"))
    over = waiting & (Ticket.issued_at < scope.now - limit)
    service_id = _plain(Ticket.service_id)
    stats = {row[0]: row[1:] for row in session.execute(
        select(service_id, _n(waiting), _n(over),
               func.min(case((waiting, Ticket.issued_at))),
               func.count(Ticket.called_at),
               func.sum(seconds_between(Ticket.issued_at, Ticket.called_at)),
               _n(Ticket.state == TicketState.FINISHED), _n(Ticket.no_show_count > 0))
        .where(*_today(scope)).group_by(service_id))}
    issued = dict(session.execute(select(Ticket.prefix, func.count())
                                  .where(*_today(scope)).group_by(Ticket.prefix)).all())
    services = session.scalars(select(Service).where(
        Service.hall_id == scope.hall.id, Service.active.is_(True))
        .order_by(Service.sort, Service.prefix))
    rows = []
    for s in services:
        n_wait, n_over, oldest, called, wait_sum, served, no_shows = stats.get(
            s.id, (0, 0, None, 0, None, 0, 0))
        handed = issued.get(s.prefix, 0)
        rows.append(ServiceLive(
            prefix=s.prefix, name=s.name, waiting=n_wait or 0,
            longest_wait_s=(scope.now - _aware(oldest)).total_seconds() if oldest else None,
            avg_wait_s=wait_sum / called if called else None, served=served or 0,
            no_shows=no_shows or 0, issued=handed, daily_limit=s.daily_limit,
            left=max(s.daily_limit - handed, 0) if s.daily_limit else None,
            over_limit=n_over or 0))
    return tuple(rows)


def _aware(value):
    """MIN() over a CASE loses the column type on SQLite: parse it back to aware UTC."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


def _windows(scope: Scope) -> tuple[WindowLive, ...]:
    session = scope.session
    windows = session.scalars(select(Window).where(
        Window.hall_id == scope.hall.id, Window.active.is_(True)).order_by(Window.number)
        .options(selectinload(Window.staff))).all()
    current_ids = [w.current_ticket_id for w in windows if w.current_ticket_id]
    current = {t.id: t for t in session.scalars(
        select(Ticket).where(Ticket.id.in_(current_ids)))} if current_ids else {}
    window_id = _plain(Ticket.window_id)
    served = dict(session.execute(
        select(window_id, func.count()).where(
            *_today(scope), Ticket.state == TicketState.FINISHED)
        .group_by(window_id)).all())
    grace = dt.timedelta(minutes=scope.settings.get("alerts.pause_overdue_minutes"))
    rows = []
    for w in windows:
        ticket = current.get(w.current_ticket_id)
        if ticket is not None and ticket.state not in (TicketState.CALLED,
                                                       TicketState.SERVING):
            ticket = None
        since = (ticket.started_at or ticket.called_at) if ticket else None
        paused = w.state == WindowState.PAUSED
        rows.append(WindowLive(
            number=w.number, name=w.name, state=w.state.value,
            staff_no=w.staff.staff_no if w.staff else None,
            staff_name=w.staff.name if w.staff else None,
            ticket_code=ticket.code if ticket else None,
            ticket_state=ticket.state.value if ticket else None, ticket_since=since,
            ticket_for_s=(scope.now - since).total_seconds() if since else None,
            paused_at=w.paused_at if paused else None,
            paused_for_s=(scope.now - w.paused_at).total_seconds()
            if paused and w.paused_at else None,
            pause_reason=w.pause_reason if paused else None,
            pause_back_at=w.pause_back_at if paused else None,
            pause_overdue=bool(paused and w.pause_back_at
                               and scope.now > w.pause_back_at + grace),
            served=served.get(w.id, 0)))
    return tuple(rows)


def _ratings(scope: Scope) -> RatingsToday:
    session = scope.session
    levels = {level: 0 for level in (5, 4, 3, 2, 1)}
    for level, count in session.execute(
            select(Rating.level, func.count()).join(Ticket, Ticket.id == Rating.ticket_id)
            .where(*_today(scope), Rating.level.is_not(None)).group_by(Rating.level)):
        levels[level] = count
    finished = session.scalar(select(func.count()).select_from(Ticket).where(
        *_today(scope), Ticket.state == TicketState.FINISHED))
    rated = sum(levels.values())
    return RatingsToday(levels=levels, rated=rated, unrated=finished - rated,
                        finished=finished, rating_rate=ratio(rated, finished),
                        satisfaction_rate=ratio(levels[5] + levels[4], rated),
                        good_rate=ratio(levels[5] + levels[4] + levels[3], rated),
                        bad=levels[1] + levels[2])


def _per_hour(scope: Scope, day: dt.date) -> dict[int, int]:
    start = at_hall_time(day, dt.time(0), scope.hall.timezone)
    hour = truncate(seconds_between(literal(start, UTCDateTime()), Ticket.issued_at) / 3600)
    rows = scope.session.execute(select(hour, func.count()).where(
        Ticket.hall_id == scope.hall.id, Ticket.day == day).group_by(hour))
    return {int(h): n for h, n in rows}


def _hourly(scope: Scope) -> tuple[HourCount, ...]:
    """Every hour of the hall's day, opening to closing (an hour without tickets is
    a zero, not a gap), plus any hour outside it that has tickets."""
    today = _per_hour(scope, scope.today)
    last_week = _per_hour(scope, scope.today - dt.timedelta(days=7))
    hours = set(today) | set(last_week) | set(opening_hours(scope))
    if not hours:
        return ()
    return tuple(HourCount(h, today.get(h, 0), last_week.get(h, 0))
                 for h in range(min(hours), max(hours) + 1))


def opening_hours(scope: Scope) -> range:
    """The hours of the hall's wall clock its queues take tickets in today (by their
    hours and the work calendar); on a day no queue opens, those of a usual day."""
    entry = day_entry(scope.session, scope.hall.id, scope.today)
    workday = entry[0] if entry else None
    all_hours = scope.session.scalars(select(Service.hours).where(
        Service.hall_id == scope.hall.id, Service.active.is_(True))).all()
    today = [h for h in all_hours if opens_on(h, scope.today, workday)] or all_hours
    periods = [parse_period(p) for h in today for p in h.get("periods", [])]
    if not periods:
        return range(0)
    first = min(start for start, _ in periods)
    last = max(end for _, end in periods)
    # 17:00 closes at the end of the 16 o'clock hour; 17:30 needs the 17 o'clock one
    return range(first.hour, last.hour + (1 if last.minute else 0))


def _bucket_of(minutes_expr):
    whens = [(minutes_expr < high, index) for index, (_, _, high) in enumerate(BUCKETS)
             if high is not None]
    return case(*whens, else_=len(BUCKETS) - 1)


def _buckets(counts: dict[int, int]) -> tuple[Bucket, ...]:
    return tuple(Bucket(label, low, high, counts.get(i, 0))
                 for i, (label, low, high) in enumerate(BUCKETS))


def _called_buckets(scope: Scope) -> tuple[Bucket, ...]:
    bucket = _bucket_of(seconds_between(Ticket.issued_at, Ticket.called_at) / 60)
    rows = scope.session.execute(select(bucket, func.count()).where(
        *_today(scope), Ticket.called_at.is_not(None)).group_by(bucket))
    return _buckets({int(b): n for b, n in rows})


def _waiting_buckets(scope: Scope) -> tuple[Bucket, ...]:
    now = literal(scope.now, UTCDateTime())
    bucket = _bucket_of(seconds_between(Ticket.issued_at, now) / 60)
    rows = scope.session.execute(select(bucket, func.count()).where(
        *_today(scope), Ticket.state.in_(WAITING_STATES)).group_by(bucket))
    return _buckets({int(b): n for b, n in rows})
