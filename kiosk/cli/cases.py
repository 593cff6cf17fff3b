"""``cases``: 办件 in a terminal (open, overdue, due soon) and their notices."""
from __future__ import annotations

import json
from pathlib import Path

from kiosk import bootstrap
from kiosk.cli.common import options


def cmd_cases(args) -> int:
    """办件: the open cases, overdue and/or due within N working days."""
    import dataclasses

    from kiosk.queue.reads.cases import case_list

    ctx = bootstrap.start(options(args)).ctx
    if args.action == "notice":
        from kiosk.reports.case_notice import notice_command

        try:
            return notice_command(ctx, args.case_no, pdf=args.pdf, printer=args.printer)
        finally:
            ctx.db.dispose()
    try:
        rows = case_list(ctx, overdue=args.overdue, due_within=args.due_within,
                         department=args.department)
    finally:
        ctx.db.dispose()
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in rows], ensure_ascii=False,
                         default=str, indent=1))
        return 0
    for r in rows:
        print(f"{r.case_no}  {r.due_date}  {r.card or '-':6} {r.state:10} "
              f"{r.department}  {r.item}  {r.window or '-'}号窗口 {r.staff_no or '-'}")
    print(f"{len(rows)} case(s)")
    return 0


def add_commands(sub) -> None:
    p = sub.add_parser("cases", help="办件: list open cases (overdue, due soon), or print "
                       "a case's 受理通知书/补正告知书")
    p.add_argument("action", choices=("list", "notice"))
    p.add_argument("case_no", nargs="?", help="notice: the 办件编号")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="notice: write it as A4 PDF")
    p.add_argument("--printer", action="store_true",
                   help="notice: print it on this PC's ticket printer (printer.* settings)")
    p.add_argument("--overdue", action="store_true", help="overdue cases (红牌)")
    p.add_argument("--due-within", type=int, metavar="N",
                   help="cases due within N working days (with --overdue: either)")
    p.add_argument("--department", metavar="CODE", help="one department's cases")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_cases)
