"""Grouped report rows for any date range: by hall, department, item, window or clerk.

The figures are defined in ``kiosk.reports.stats``. Everything is aggregated in SQL
(counts and sums in one GROUP BY, the 90th percentiles with window functions, no-shows
and transfers from the event log's action index), so a month over a database of a
million tickets is a handful of queries, not a million rows in Python.

Which group a ticket belongs to:

* department: the department of the ticket's item; for a ticket taken by queue without
  an item, the department of the window that last called it;
* item: the ticket's item; window / clerk: the window and clerk that last called it
  (where it was finished, for a finished ticket). No-shows and transfers count at the
  window and clerk that took that action (see stats).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from kiosk.clock import at_hall_time
from kiosk.errors import InvalidInput
from kiosk.queue.store.context import HallContext, scope as open_scope
from kiosk.queue.store.lookup import require_manager
from kiosk.queue.store.models import (
    Department, Event, Item, Priority, Rating, Staff, Ticket, TicketState, Window,
)
from kiosk.reports.sqlfuncs import seconds_between
from kiosk.reports.stats import ratio

GROUPINGS = {"hall": "全厅", "department": "部门", "item": "事项", "window": "窗口",
             "clerk": "工作人员"}
UNASSIGNED = {"department": "（未归属部门）", "item": "（按业务取号，未选事项）",
              "window": "（未叫号）", "clerk": "（未叫号）"}
MAX_DAYS = 3 * 366


@dataclasses.dataclass(frozen=True)
class ReportRow:
    """The figures of one group (or of the whole range: the total row)."""

    key: str | None      # item/department code, window number, staff number; None: none
    label: str
    issued: int = 0
    served: int = 0
    no_shows: int = 0
    transferred: int = 0
    expired: int = 0
    priority: int = 0
    appointment: int = 0
    waited: int = 0                  # tickets with a wait (called at least once)
    wait_avg_s: float | None = None
    wait_p90_s: float | None = None
    handling_avg_s: float | None = None
    handling_p90_s: float | None = None
    rated: int = 0
    levels: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)  # counts of 5, 4, 3, 2, 1

    def level(self, level: int) -> int:
        return self.levels[5 - level]

    @property
    def unrated(self) -> int:
        return self.served - self.rated

    @property
    def bad(self) -> int:
        return self.level(1) + self.level(2)

    @property
    def rating_rate(self) -> float | None:
        return ratio(self.rated, self.served)

    @property
    def unrated_rate(self) -> float | None:
        return ratio(self.unrated, self.served)

    @property
    def satisfaction_rate(self) -> float | None:
        return ratio(self.level(5) + self.level(4), self.rated)

    @property
    def good_rate(self) -> float | None:
        return ratio(self.level(5) + self.level(4) + self.level(3), self.rated)


@dataclasses.dataclass(frozen=True)
class Report:
    hall_name: str
    start: dt.date
    end: dt.date
    group_by: str
    rows: tuple[ReportRow, ...]
    total: ReportRow
    generated_at: dt.datetime
    timezone: str = "Asia/Shanghai"   # the hall's, for showing generated_at

    @property
    def generated_local(self) -> dt.datetime:
        return self.generated_at.astimezone(ZoneInfo(self.timezone))

    @property
    def title_zh(self) -> str:
        return f"{self.hall_name} 按{GROUPINGS[self.group_by]}统计报表"

    @property
    def period_zh(self) -> str:
        return f"{self.start:%Y年%m月%d日} 至 {self.end:%Y年%m月%d日}"


def check_range(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise InvalidInput("结束日期不能早于开始日期", f"range end {end} is before start {start}")
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput("统计区间不能超过三年", "report range longer than three years")


def authorise(scope, by: str | None) -> None:
    """Reports are for managers and admins (``by``, the console's signed-in user). Every
    caller says who asks: None is the local operator (``python -m kiosk report``),
    trusted like ``python -m kiosk staff``, since whoever runs it on this PC holds the
    database's address and could read the tables directly."""
    if by is not None:
        require_manager(scope, by)


def build_report(ctx: HallContext, *, start: dt.date, end: dt.date, group_by: str = "hall",
                 by: str | None) -> Report:
    """Figures per group for hall days ``start``..``end`` (inclusive), plus the total."""
    if group_by not in GROUPINGS:
        raise InvalidInput(f"未知的统计口径：{group_by}",
                           f"group_by must be one of {', '.join(GROUPINGS)}")
    check_range(start, end)
    with ctx.db.read() as session:
        scope = open_scope(ctx, session)
        authorise(scope, by)
        query = _Query(session, scope.hall, start, end, group_by)
        rows, total = query.run()
        return Report(hall_name=scope.hall.name, start=start, end=end, group_by=group_by,
                      rows=rows, total=total, generated_at=scope.now,
                      timezone=scope.hall.timezone)


class _Query:
    """The SQL of one report."""

    def __init__(self, session: Session, hall, start: dt.date, end: dt.date,
                 group_by: str) -> None:
        self.session, self.hall, self.start, self.end = session, hall, start, end
        self.group_by = group_by
        self.t0 = at_hall_time(start, dt.time(0), hall.timezone)
        self.t1 = at_hall_time(end + dt.timedelta(days=1), dt.time(0), hall.timezone)
        self.in_range = and_(Ticket.hall_id == hall.id, Ticket.day >= start,
                             Ticket.day <= end)

    # the group of a ticket, and the joins it needs
    def _group(self):
        if self.group_by == "department":
            return func.coalesce(Item.department_id, Window.department_id)
        return {"hall": Ticket.hall_id, "item": Ticket.item_id, "window": Ticket.window_id,
                "clerk": Ticket.staff_id}[self.group_by]

    def _joined(self, query):
        if self.group_by == "department":
            query = query.outerjoin(Item, Item.id == Ticket.item_id) \
                .outerjoin(Window, Window.id == Ticket.window_id)
        return query

    def run(self) -> tuple[tuple[ReportRow, ...], ReportRow]:
        counts = self._counts()
        wait_p90, wait_total = self._p90(seconds_between(Ticket.issued_at, Ticket.called_at),
                                         Ticket.called_at.is_not(None))
        finished = Ticket.state == TicketState.FINISHED
        hand_p90, hand_total = self._p90(
            seconds_between(Ticket.started_at, Ticket.finished_at),
            finished & Ticket.started_at.is_not(None))
        actions, action_totals = self._actions()
        labels = self._labels(set(counts) | set(actions))
        rows = []
        for key in sorted(labels, key=lambda k: labels[k][2]):
            rows.append(_row(labels[key][0], labels[key][1], counts.get(key),
                             wait_p90.get(key), hand_p90.get(key), actions.get(key, {})))
        total_counts = _sum_counts(counts.values())
        total = _row(self.hall.code, "合计", total_counts, wait_total, hand_total,
                     action_totals)
        if self.group_by == "hall":
            rows = [dataclasses.replace(total, label=self.hall.name)] if counts else []
        return tuple(rows), total

    def _counts(self) -> dict[Any, tuple]:
        finished = Ticket.state == TicketState.FINISHED
        rated = finished & Rating.level.is_not(None)

        def n(condition):
            return func.sum(case((condition, 1), else_=0))

        group = self._group()
        query = select(
            group, func.count(), n(finished), n(Ticket.state == TicketState.EXPIRED),
            n(Ticket.priority != Priority.NONE), n(Ticket.appointment_id.is_not(None)),
            func.count(Ticket.called_at),
            func.sum(seconds_between(Ticket.issued_at, Ticket.called_at)),
            func.sum(case((finished, seconds_between(Ticket.started_at, Ticket.finished_at)))),
            func.count(case((finished & Ticket.started_at.is_not(None), 1))),
            n(rated), *(n(rated & (Rating.level == level)) for level in (5, 4, 3, 2, 1)),
        ).select_from(Ticket).outerjoin(Rating, Rating.ticket_id == Ticket.id)
        query = self._joined(query).where(self.in_range).group_by(group)
        return {row[0]: tuple(row[1:]) for row in self.session.execute(query)}

    def _p90(self, value, present) -> tuple[dict, float | None]:
        """Nearest-rank 90th percentile per group and over all, in one pass."""
        inner = self._joined(select(self._group().label("g"), value.label("v"))
                             .select_from(Ticket)).where(self.in_range, present).subquery()
        ranked = select(
            inner.c.g, inner.c.v,
            func.row_number().over(partition_by=inner.c.g, order_by=inner.c.v).label("rn"),
            func.count().over(partition_by=inner.c.g).label("n"),
            func.row_number().over(order_by=inner.c.v).label("rn_all"),
            func.count().over().label("n_all")).subquery()
        query = select(ranked.c.g,
                       func.min(case((ranked.c.rn * 10 >= ranked.c.n * 9, ranked.c.v))),
                       func.min(case((ranked.c.rn_all * 10 >= ranked.c.n_all * 9,
                                      ranked.c.v)))).group_by(ranked.c.g)
        per_group, overall = {}, []
        for key, p90, p90_all in self.session.execute(query):
            per_group[key] = p90
            if p90_all is not None:
                overall.append(p90_all)
        return per_group, (min(overall) if overall else None)

    def _actions(self) -> tuple[dict, dict]:
        """Distinct tickets per group marked no-show / transferred, from the event log."""
        if self.group_by == "window":
            group = Event.window_id
        elif self.group_by == "clerk":
            group = Event.actor
        else:
            group = self._group()
        base = select(Event.action, func.count(func.distinct(Event.ticket_id))) \
            .select_from(Event).join(Ticket, Ticket.id == Event.ticket_id)
        where = (Event.hall_id == self.hall.id,
                 Event.action.in_(("ticket_no_show", "ticket_transferred")),
                 Event.at >= self.t0, Event.at < self.t1, self.in_range)
        grouped = self._joined(base.add_columns(group)).where(*where) \
            .group_by(group, Event.action)
        per_group: dict[Any, dict] = {}
        for action, count, key in self.session.execute(grouped):
            if self.group_by == "clerk":
                key = self._staff_ids().get(key.partition(":")[2]) if key else None
            bucket = per_group.setdefault(key, {})
            bucket[action] = bucket.get(action, 0) + count
        totals = dict(self.session.execute(base.where(*where).group_by(Event.action)).all())
        return per_group, totals

    def _staff_ids(self) -> dict[str, int]:
        if not hasattr(self, "_staff_cache"):
            self._staff_cache = dict(self.session.execute(
                select(Staff.staff_no, Staff.id).where(Staff.hall_id == self.hall.id)).all())
        return self._staff_cache

    def _labels(self, keys: set) -> dict[Any, tuple[str | None, str, tuple]]:
        """key -> (exported key, label, sort key); groups with no key sort last."""
        session, hall_id = self.session, self.hall.id
        labels: dict[Any, tuple] = {}
        if self.group_by == "hall":
            return {key: (self.hall.code, self.hall.name, (0,)) for key in keys}
        model = {"department": Department, "item": Item, "window": Window,
                 "clerk": Staff}[self.group_by]
        found = {r.id: r for r in session.scalars(select(model).where(
            model.hall_id == hall_id, model.id.in_([k for k in keys if k is not None])))}
        dept_sort = {}
        if self.group_by == "item":
            dept_sort = dict(session.execute(select(Department.id, Department.sort)).all())
        for key in keys:
            row = found.get(key)
            if row is None:
                labels[key] = (None, UNASSIGNED[self.group_by], (1,))
            elif self.group_by == "department":
                labels[key] = (row.code, row.name, (0, row.sort, row.code))
            elif self.group_by == "item":
                labels[key] = (row.code, row.name,
                               (0, dept_sort.get(row.department_id, 0), row.sort, row.code))
            elif self.group_by == "window":
                labels[key] = (str(row.number), f"{row.number}号 {row.name}", (0, row.number))
            else:
                labels[key] = (row.staff_no, f"{row.name}（{row.staff_no}）",
                               (0, row.staff_no))
        return labels


def _sum_counts(rows) -> tuple | None:
    rows = list(rows)
    if not rows:
        return None
    return tuple(sum((row[i] or 0) for row in rows) for i in range(len(rows[0])))


def _row(key, label, counts, wait_p90, hand_p90, actions) -> ReportRow:
    if counts is None:
        counts = (0,) * 15
    (issued, served, expired, priority, appointment, waited, wait_sum, hand_sum, handled,
     rated, *levels) = counts
    return ReportRow(
        key=key, label=label, issued=issued or 0, served=served or 0,
        no_shows=actions.get("ticket_no_show", 0),
        transferred=actions.get("ticket_transferred", 0), expired=expired or 0,
        priority=priority or 0, appointment=appointment or 0, waited=waited or 0,
        wait_avg_s=wait_sum / waited if waited else None, wait_p90_s=wait_p90,
        handling_avg_s=hand_sum / handled if handled else None, handling_p90_s=hand_p90,
        rated=rated or 0, levels=tuple(int(v or 0) for v in levels))
