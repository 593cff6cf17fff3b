"""The console's figures recomputed independently: plain SELECTs (no ORM, no kiosk
query code) and arithmetic in Python, formatted the way the console should show them."""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from sqlalchemy import text


def when(value) -> dt.datetime | None:
    """A stored time as aware UTC (SQLite hands back naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def minutes(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds / 60:.1f}"


def rate(numerator: int, denominator: int) -> str:
    return "—" if not denominator else f"{numerator / denominator * 100:.1f}%"


def tickets(session, first: dt.date, last: dt.date) -> list[dict]:
    rows = session.execute(text(
        "SELECT t.id, t.window_id, t.state, t.issued_at, t.called_at, t.started_at, "
        "t.finished_at, t.priority, t.appointment_id, r.level "
        "FROM ticket t LEFT JOIN rating r ON r.ticket_id = t.id "
        "WHERE t.day BETWEEN :a AND :b"), {"a": first.isoformat(), "b": last.isoformat()})
    return [dict(row._mapping) for row in rows]


def action_tickets(session, action: str, first: dt.date, last: dt.date) -> dict:
    """window id -> set of ticket ids the action was taken on there."""
    found = defaultdict(set)
    for window_id, ticket_id in session.execute(text(
            "SELECT e.window_id, e.ticket_id FROM event e JOIN ticket t ON t.id = e.ticket_id "
            "WHERE e.action = :action AND t.day BETWEEN :a AND :b"),
            {"action": action, "a": first.isoformat(), "b": last.isoformat()}):
        found[window_id].add(ticket_id)
    return found


def window_figures(session, first: dt.date, last: dt.date) -> dict:
    """window id (None: never called) -> the report's cells as the console formats them,
    plus "total"."""
    rows = tickets(session, first, last)
    no_show = action_tickets(session, "ticket_no_show", first, last)
    moved = action_tickets(session, "ticket_transferred", first, last)
    groups = defaultdict(list)
    for row in rows:
        groups[row["window_id"]].append(row)
    groups["total"] = rows
    figures = {}
    for key, members in groups.items():
        finished = [r for r in members if r["state"] == "finished"]
        waits = [(when(r["called_at"]) - when(r["issued_at"])).total_seconds()
                 for r in members if r["called_at"]]
        handling = [(when(r["finished_at"]) - when(r["started_at"])).total_seconds()
                    for r in finished if r["started_at"]]
        levels = [r["level"] for r in finished if r["level"] is not None]
        good = sum(1 for v in levels if v >= 4)
        fair = sum(1 for v in levels if v >= 3)
        ids = {r["id"] for r in members}
        no_shows = len(set().union(*no_show.values()) & ids) if key == "total" \
            else len(no_show.get(key, set()))
        transfers = len(set().union(*moved.values()) & ids) if key == "total" \
            else len(moved.get(key, set()))
        figures[key] = [
            str(len(members)), str(len(finished)), str(no_shows), str(transfers),
            str(sum(1 for r in members if r["state"] == "expired")),
            minutes(sum(waits) / len(waits) if waits else None), minutes(p90(waits)),
            minutes(sum(handling) / len(handling) if handling else None),
            minutes(p90(handling)), str(len(levels)), rate(len(levels), len(finished)),
            rate(good, len(levels)), rate(fair, len(levels)),
            rate(len(finished) - len(levels), len(finished)),
            str(sum(1 for v in levels if v <= 2)),
            str(sum(1 for r in members if r["priority"] != "none")),
            str(sum(1 for r in members if r["appointment_id"] is not None)),
        ]
    return figures
