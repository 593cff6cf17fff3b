"""The report's figures recomputed the plain way: SELECT the rows, count in Python.

Deliberately shares nothing with kiosk.reports but the table definitions.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from sqlalchemy import select, text

from kiosk.queue.store.models import Event, Item, Rating, Staff, Ticket, Window


def p90(values):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(len(ordered) * 9 / 10) - 1]


def load(ctx, start: dt.date, end: dt.date):
    with ctx.db.read() as session:
        tickets = session.execute(select(Ticket.__table__).where(
            Ticket.day >= start, Ticket.day <= end)).mappings().all()
        ratings = {r.ticket_id: r.level for r in session.execute(
            select(Rating.ticket_id, Rating.level))}
        items = {r.id: r.department_id for r in session.execute(
            select(Item.id, Item.department_id))}
        windows = {r.id: r.department_id for r in session.execute(
            select(Window.id, Window.department_id))}
        staff = {r.staff_no: r.id for r in session.execute(select(Staff.staff_no, Staff.id))}
        ids = {t["id"] for t in tickets}
        events = [e for e in session.execute(select(
            Event.action, Event.ticket_id, Event.window_id, Event.actor).where(
            Event.action.in_(("ticket_no_show", "ticket_transferred")))).all()
            if e.ticket_id in ids]
        # a raw count too, so the ORM is not the only witness
        raw = session.execute(text("SELECT COUNT(*) FROM ticket WHERE day >= :a AND day <= :b"),
                              {"a": start, "b": end}).scalar()
    assert raw == len(tickets)
    return tickets, ratings, items, windows, staff, events


def expected_figures(ctx, start: dt.date, end: dt.date, group_by: str) -> dict:
    """{group id (or None): figures dict}, plus the key 'TOTAL'."""
    tickets, ratings, items, windows, staff, events = load(ctx, start, end)
    by_id = {t["id"]: t for t in tickets}

    def group_of(t):
        if group_by == "hall":
            return t["hall_id"]
        if group_by == "item":
            return t["item_id"]
        if group_by == "window":
            return t["window_id"]
        if group_by == "clerk":
            return t["staff_id"]
        dept = items.get(t["item_id"])
        return dept if dept is not None else windows.get(t["window_id"])

    groups = defaultdict(list)
    for t in tickets:
        groups[group_of(t)].append(t)
        groups["TOTAL"].append(t)
    actions = defaultdict(lambda: defaultdict(set))
    for action, ticket_id, window_id, actor in events:
        if group_by == "window":
            key = window_id
        elif group_by == "clerk":
            key = staff.get(actor.partition(":")[2])
        else:
            key = group_of(by_id[ticket_id])
        actions[key][action].add(ticket_id)
        actions["TOTAL"][action].add(ticket_id)
    result = {}
    for key in set(groups) | set(actions):
        rows = groups.get(key, [])
        finished = [t for t in rows if t["state"].value == "finished"]
        waits = [(t["called_at"] - t["issued_at"]).total_seconds() for t in rows
                 if t["called_at"] is not None]
        handling = [(t["finished_at"] - t["started_at"]).total_seconds() for t in finished]
        levels = [ratings.get(t["id"]) for t in finished]
        rated = [level for level in levels if level is not None]
        count = {n: rated.count(n) for n in (1, 2, 3, 4, 5)}
        result[key] = {
            "issued": len(rows), "served": len(finished),
            "expired": sum(t["state"].value == "expired" for t in rows),
            "priority": sum(t["priority"].value != "none" for t in rows),
            "appointment": sum(t["appointment_id"] is not None for t in rows),
            "no_shows": len(actions[key]["ticket_no_show"]),
            "transferred": len(actions[key]["ticket_transferred"]),
            "waited": len(waits),
            "wait_avg_s": sum(waits) / len(waits) if waits else None,
            "wait_p90_s": p90(waits),
            "handling_avg_s": sum(handling) / len(handling) if handling else None,
            "handling_p90_s": p90(handling),
            "rated": len(rated), "bad": count[1] + count[2],
            "unrated": len(finished) - len(rated),
            "rating_rate": len(rated) / len(finished) if finished else None,
            "unrated_rate": (len(finished) - len(rated)) / len(finished) if finished else None,
            "satisfaction_rate": (count[5] + count[4]) / len(rated) if rated else None,
            "good_rate": (count[5] + count[4] + count[3]) / len(rated) if rated else None,
            "levels": (count[5], count[4], count[3], count[2], count[1]),
        }
    return result
