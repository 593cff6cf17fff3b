"""``python -m kiosk ratings report-status|reconcile``: 好差评上报 for the terminal.

    python -m kiosk ratings report-status [--month 2026-11] [--state failed]
    python -m kiosk ratings reconcile --month 2026-11 --acks export.csv [--column 回执编号]

The platform's export is read as one id a line, or as CSV when its first line holds a
comma (a header row; the id in ``--column``, else the first column). Runs as the local
operator, like ``python -m kiosk report``.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

from kiosk.errors import InvalidInput
from kiosk.queue.reads.rating_reports import STATE_ZH, reconcile, report_states
from kiosk.queue.store.context import HallContext

SHOWN = 50  # rows listed under the counts


def month(text: str | None) -> tuple[int, int]:
    try:
        first = dt.date.fromisoformat(f"{text}-01")
    except (TypeError, ValueError):
        raise InvalidInput("月份应写作 2026-11", f"not a month like 2026-11: {text!r}") from None
    return first.year, first.month


def read_acks(text: str, column: str | None = None) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or "," not in lines[0]:
        return [line.strip() for line in lines]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    name = column or reader.fieldnames[0]
    if name not in reader.fieldnames:
        raise InvalidInput(f"回执文件中没有“{name}”列",
                           f"no column {name!r} in {reader.fieldnames}")
    return [row[name].strip() for row in reader if (row[name] or "").strip()]


def _line(row) -> str:
    why = f"  {row.reason}" if row.reason else ""
    ack = f"  ack {row.ack_id}" if row.ack_id else ""
    return (f"{row.rating_id:>8}  {row.ticket_code:<6} {row.day}  {row.level}  "
            f"{row.channel:<5} {row.state_zh}{ack}{why}")


def status_command(ctx: HallContext, month_text: str | None, state: str | None) -> int:
    start = end = None
    if month_text:
        year, number = month(month_text)
        start = dt.date(year, number, 1)
        end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rows = report_states(ctx, start=start, end=end, state=state)
    counts = Counter(r.state for r in rows)
    print(json.dumps({STATE_ZH[s]: counts.get(s, 0) for s in STATE_ZH}, ensure_ascii=False))
    for row in [r for r in rows if r.state != "reported" or state][:SHOWN]:
        print(_line(row))
    return 0


def reconcile_command(ctx: HallContext, month_text: str | None, acks: str | None,
                      column: str | None) -> int:
    """Exit code 0 when both sides agree, 2 when they differ."""
    year, number = month(month_text)
    if not acks:
        raise InvalidInput("请用 --acks 指定平台导出的回执文件", "--acks FILE is required")
    ids = read_acks(Path(acks).read_text(encoding="utf-8-sig"), column)
    result = reconcile(ctx, year, number, ids)
    print(json.dumps({"month": result.month, "ratings": result.ratings,
                      "matched": result.matched,
                      "missing_there": len(result.missing_there),
                      "unknown_here": len(result.unknown_here)}, ensure_ascii=False))
    for row in result.missing_there:
        print("missing there: " + _line(row))
    for ack in result.unknown_here:
        print(f"unknown here: {ack}")
    return 0 if not result.missing_there and not result.unknown_here else 2
