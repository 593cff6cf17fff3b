"""Ticket-by-ticket rows of a date range (the 明细 sheet of the xlsx export).

Streamed in batches straight from one query, so a month of tens of thousands of tickets
never sits in memory as ORM objects. Times are the hall's wall-clock time (naive), which
is what a spreadsheet shows.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.models import (
    Department, Item, Priority, Rating, Service, Staff, Ticket, Window,
)
from kiosk.queue.rules.names import LEVEL_ZH, OUTCOME_ZH, PRIORITY_ZH
from kiosk.reports.report import authorise, check_range

STATE_ZH = {"waiting": "等候中", "called": "已叫号", "serving": "办理中", "finished": "已办结",
            "no_show": "过号", "transferred": "转办待叫", "expired": "作废"}

#: (header, width in characters) of the detail columns, in TicketDetail field order
COLUMNS = (("日期", 11), ("号码", 7), ("业务", 14), ("事项", 26), ("部门", 16), ("窗口", 6),
           ("工作人员", 9), ("优先", 7), ("预约", 5), ("状态", 8), ("办理结果", 10),
           ("取号时间", 17), ("叫号时间", 17), ("开始办理", 17), ("办结时间", 17),
           ("等候(分)", 8), ("办理(分)", 8), ("过号次数", 8), ("转办次数", 8), ("评价", 10))


@dataclasses.dataclass(frozen=True)
class TicketDetail:
    day: dt.date
    code: str
    service: str
    item: str
    department: str
    window: int | None
    clerk: str
    priority: str
    appointment: str
    state: str
    outcome: str
    issued_at: dt.datetime
    called_at: dt.datetime | None
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    wait_min: float | None
    handling_min: float | None
    no_shows: int
    transfers: int
    rating: str

    def values(self) -> tuple:
        """The fields in column order (a shallow tuple: ``astuple`` deep-copies)."""
        return tuple(getattr(self, f.name) for f in FIELDS)


FIELDS = dataclasses.fields(TicketDetail)


def count_tickets(ctx: HallContext, *, start: dt.date, end: dt.date,
                  by: str | None) -> int:
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        authorise(scope, by)
        return session.scalar(select(func.count()).select_from(Ticket).where(
            Ticket.hall_id == scope.hall.id, Ticket.day >= start, Ticket.day <= end))


def ticket_details(ctx: HallContext, *, start: dt.date, end: dt.date,
                   by: str | None, batch: int = 5000) -> Iterator[TicketDetail]:
    """Every ticket of the range, by day and issue time. Consume it fully or close it."""
    check_range(start, end)
    item_dept = aliased(Department)
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        authorise(scope, by)
        zone = ZoneInfo(scope.hall.timezone)
        query = (select(Ticket.day, Ticket.code, Service.prefix, Service.name, Item.name,
                        item_dept.name, Window.number, Staff.name, Ticket.priority,
                        Ticket.appointment_id, Ticket.state, Ticket.outcome,
                        Ticket.issued_at, Ticket.called_at, Ticket.started_at,
                        Ticket.finished_at, Ticket.no_show_count, Ticket.transfer_count,
                        Rating.level, Rating.id)
                 .select_from(Ticket)
                 .join(Service, Service.id == Ticket.service_id)
                 .outerjoin(Item, Item.id == Ticket.item_id)
                 .outerjoin(item_dept, item_dept.id == Item.department_id)
                 .outerjoin(Window, Window.id == Ticket.window_id)
                 .outerjoin(Staff, Staff.id == Ticket.staff_id)
                 .outerjoin(Rating, Rating.ticket_id == Ticket.id)
                 .where(Ticket.hall_id == scope.hall.id, Ticket.day >= start,
                        Ticket.day <= end)
                 .order_by(Ticket.day, Ticket.issued_at, Ticket.id)
                 .execution_options(yield_per=batch))
        for row in session.execute(query):
            yield _detail(row, zone)


def _local(when: dt.datetime | None, zone: ZoneInfo) -> dt.datetime | None:
    return when.astimezone(zone).replace(tzinfo=None, microsecond=0) if when else None


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    return round((end - start).total_seconds() / 60, 2) if start and end else None


def _detail(row, zone: ZoneInfo) -> TicketDetail:
    (day, code, prefix, service, item, dept, window, clerk, priority, appointment_id,
     state, outcome, issued, called, started, finished, no_shows, transfers, level,
     rating_id) = row
    if level is not None:
        rating = LEVEL_ZH[level]
    else:
        rating = "未评" if rating_id is not None or state.value == "finished" else ""
    return TicketDetail(
        day=day, code=code, service=f"{prefix} {service}", item=item or "",
        department=dept or "", window=window, clerk=clerk or "",
        priority=PRIORITY_ZH.get((priority or Priority.NONE).value, ""),
        appointment="是" if appointment_id else "", state=STATE_ZH[state.value],
        outcome=OUTCOME_ZH[outcome.value] if outcome else "",
        issued_at=_local(issued, zone), called_at=_local(called, zone),
        started_at=_local(started, zone), finished_at=_local(finished, zone),
        wait_min=_minutes(issued, called),
        handling_min=_minutes(started, finished) if state.value == "finished" else None,
        no_shows=no_shows, transfers=transfers, rating=rating)
