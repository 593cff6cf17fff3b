"""Read models of the window client and the rating pad: one read transaction each,
plain frozen snapshots, no Qt.

The clerk's screen needs several things at once (its window, the ticket in hand, the
queues it serves, today's figures); reading them in one snapshot keeps them consistent
with each other and costs one round of queries per refresh.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select

from kiosk.clock import at_hall_time
from kiosk.errors import NotFound
from kiosk.queue.rules.at_counter import needs_check
from kiosk.queue.store.call_order import IN_CALL_ORDER, call_params
from kiosk.queue.store.context import HallContext, load_hall, scope as open_scope
from kiosk.queue.store.models import (
    ACTIVE_STATES, WAITING_STATES, Rating, Service, Staff, Ticket, TicketState, Window,
)
from kiosk.queue.snapshots import TicketView, WindowView


@dataclasses.dataclass(frozen=True)
class WindowBrief:
    """A window as a login list or a transfer target shows it."""

    number: int
    name: str
    state: str
    staff_no: str | None
    staff_name: str | None


@dataclasses.dataclass(frozen=True)
class QueueCount:
    prefix: str
    name: str
    waiting: int


@dataclasses.dataclass(frozen=True)
class NextUp:
    """One ticket of the next-up list, with what the clerk must know before calling it."""

    code: str
    priority: str                  # "none" or the 绿色通道 class
    appointment: bool              # 预约签到 ticket
    due_at: dt.datetime | None     # the appointment slot's start
    needs_check: bool              # a 绿色通道 claim the window has to check


@dataclasses.dataclass(frozen=True)
class TodayFigures:
    """One window's day so far (hall day in the hall's zone)."""

    served: int
    no_shows: int
    avg_handling_s: float | None
    #: level -> count, for levels 5..1 (zeros included)
    ratings: tuple[tuple[int, int], ...]
    unrated: int

    @property
    def rated(self) -> int:
        return sum(count for _, count in self.ratings)

    @property
    def satisfied_pct(self) -> float | None:
        """Share of levels 3-5 among the ratings given (未评 excluded)."""
        if not self.rated:
            return None
        good = sum(count for level, count in self.ratings if level >= 3)
        return 100.0 * good / self.rated


@dataclasses.dataclass(frozen=True)
class WindowScreen:
    """Everything the clerk's main screen shows, read in one transaction."""

    window: WindowView
    current: TicketView | None
    current_item_kind: str | None     # instant / promised, for the outcome choice
    queues: tuple[QueueCount, ...]    # this window's queues
    transferred_here: int             # tickets sent to this window by number
    next_up: tuple[NextUp, ...]       # the next tickets in call order (approximate)
    today: TodayFigures
    recall_max: int
    timezone: str
    services: tuple[QueueCount, ...]  # every active queue of the hall (transfer targets)
    windows: tuple[WindowBrief, ...]  # every active window (transfer targets)
    current_needs_check: bool = False  # the ticket in hand claims 绿色通道, unchecked
    no_show_min_recalls: int = 1       # the 过号 guard (actions.calling.no_show_too_soon)
    no_show_min_seconds: int = 60
    #: the current item's materials that may follow (容缺受理 asks which are missing)
    current_supply_later: tuple[str, ...] = ()

    @property
    def next_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.next_up)


def window_choices(ctx: HallContext) -> list[WindowBrief]:
    """The hall's active windows, for the login screen's window list."""
    with ctx.db.read() as session:
        hall = load_hall(session, ctx.hall_code)
        return _briefs(session, hall.id)


def _briefs(session, hall_id: int) -> list[WindowBrief]:
    rows = session.execute(
        select(Window.number, Window.name, Window.state, Staff.staff_no, Staff.name)
        .outerjoin(Staff, Staff.id == Window.staff_id)
        .where(Window.hall_id == hall_id, Window.active.is_(True))
        .order_by(Window.number)).all()
    return [WindowBrief(number, name, state.value, staff_no, staff_name)
            for number, name, state, staff_no, staff_name in rows]


def window_screen(ctx: HallContext, number: int, next_count: int = 5) -> WindowScreen:
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        window = _window(scope, number)
        current = session.get(Ticket, window.current_ticket_id) \
            if window.current_ticket_id else None
        if current is not None and current.state not in ACTIVE_STATES:
            current = None
        waiting = _waiting_by_service(scope)
        return WindowScreen(
            window=WindowView.of(window),
            current=TicketView.of(current) if current else None,
            current_item_kind=current.item.kind.value if current and current.item else None,
            queues=tuple(QueueCount(s.prefix, s.name, waiting.get(s.id, 0))
                         for s in window.services if s.active),
            transferred_here=session.scalar(
                select(func.count()).select_from(Ticket).where(
                    Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
                    Ticket.state.in_(WAITING_STATES),
                    Ticket.target_window_id == window.id)),
            next_up=_next_up(scope, window, next_count),
            today=_today(scope, window),
            recall_max=scope.settings.get("queue.recall_max"),
            timezone=scope.hall.timezone,
            services=_all_queues(scope, waiting),
            windows=tuple(_briefs(session, scope.hall.id)),
            current_needs_check=current is not None and needs_check(
                current.priority.value, current.priority_check),
            no_show_min_recalls=scope.settings.get("queue.no_show_min_recalls"),
            no_show_min_seconds=scope.settings.get("queue.no_show_min_seconds"),
            current_supply_later=tuple(m.name for m in current.item.materials
                                       if m.may_supply_later)
            if current is not None and current.item is not None else (),
        )


def _window(scope, number: int) -> Window:
    """The window without a row lock: a screen refresh never waits for a writer."""
    window = scope.session.scalar(select(Window).where(
        Window.hall_id == scope.hall.id, Window.number == number,
        Window.active.is_(True)))
    if window is None:
        raise NotFound(f"没有 {number} 号窗口", f"window {number} does not exist",
                       window=number)
    return window


def _waiting_by_service(scope) -> dict[int, int]:
    return dict(scope.session.execute(
        select(Ticket.service_id, func.count()).where(
            Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
            Ticket.state.in_(WAITING_STATES), Ticket.target_window_id.is_(None))
        .group_by(Ticket.service_id)).all())


def _all_queues(scope, waiting: dict[int, int]) -> tuple[QueueCount, ...]:
    services = scope.session.scalars(select(Service).where(
        Service.hall_id == scope.hall.id, Service.active.is_(True)).order_by(Service.sort))
    return tuple(QueueCount(s.prefix, s.name, waiting.get(s.id, 0)) for s in services)


def _next_up(scope, window: Window, count: int) -> tuple[NextUp, ...]:
    """The next tickets in the order call_next takes them (ignoring the priority streak
    rule, which may move one ordinary ticket forward)."""
    rows = scope.session.scalars(IN_CALL_ORDER.limit(count), call_params(scope, window.id))
    return tuple(NextUp(t.code, t.priority.value, t.appointment_id is not None, t.due_at,
                        needs_check(t.priority.value, t.priority_check)) for t in rows)


def _today(scope, window: Window) -> TodayFigures:
    session = scope.session
    finished = session.execute(select(Ticket.started_at, Ticket.finished_at).where(
        Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
        Ticket.window_id == window.id, Ticket.state == TicketState.FINISHED)).all()
    durations = [(end - start).total_seconds() for start, end in finished
                 if start is not None and end is not None]
    no_shows = session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.hall_id == scope.hall.id, Ticket.day == scope.today,
        Ticket.window_id == window.id, Ticket.state == TicketState.NO_SHOW))
    day_start = at_hall_time(scope.today, dt.time(0), scope.hall.timezone)
    day_end = at_hall_time(scope.today + dt.timedelta(days=1), dt.time(0),
                           scope.hall.timezone)
    levels = dict(session.execute(
        select(Rating.level, func.count()).where(
            Rating.window_id == window.id, Rating.rated_at >= day_start,
            Rating.rated_at < day_end).group_by(Rating.level)).all())
    return TodayFigures(
        served=len(finished), no_shows=no_shows,
        avg_handling_s=sum(durations) / len(durations) if durations else None,
        ratings=tuple((level, levels.get(level, 0)) for level in (5, 4, 3, 2, 1)),
        unrated=levels.get(None, 0))
