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


def _header(line: str, column: str | None) -> bool:
    """The first line of a one-column export names its column: ``column``, or words in
    Chinese (回执编号), which no platform id holds."""
    line = line.strip()
    return line == column or any("\u4e00" <= c <= "\u9fff" for c in line)


def read_acks(text: str, column: str | None = None) -> list[str]:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or "," not in lines[0]:
        if lines and _header(lines[0], column):
            lines = lines[1:]
        return [line.strip() for line in lines]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    name = column or reader.fieldnames[0]
    if name not in reader.fieldnames:
        raise InvalidInput(f"回执文件中没有“{name}”列",
                           f"no column {name!r} in {reader.fieldnames}")
    return [row[name].strip() for row in reader if (row[name] or "").strip()]


def acks_from_file(path: str | Path, column: str | None = None) -> list[str]:
    """The ids of the platform's export file, UTF-8 (with or without BOM) or, as a
    spreadsheet saved on a Chinese Windows PC writes it, GB 18030."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidInput(f"无法读取回执文件：{Path(path).name}",
                           f"cannot read {path}: {exc}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return read_acks(data.decode(encoding), column)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("回执文件不是文本文件（应为每行一个编号，或 CSV）",
                       f"{path} is neither UTF-8 nor GB 18030 text")


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
    ids = acks_from_file(acks, column)
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


def backfill_command(ctx: HallContext, since_text: str | None) -> int:
    """Queue the reports of ratings given before reports existed (migration 0013)."""
    from kiosk.queue.actions.rating_backfill import backfill_reports

    try:
        since = dt.date.fromisoformat(since_text) if since_text else None
    except ValueError:
        raise InvalidInput("日期应写作 2026-11-01",
                           f"not a day like 2026-11-01: {since_text!r}") from None
    queued = backfill_reports(ctx, since=since)
    print(f"queued {queued} rating report(s); `python -m kiosk outbox deliver "
          f"--channel province` or the hall's deliverer sends them")
    return 0
