"""``python -m kiosk report``: a report for a date range to the terminal, xlsx and PDF.

    python -m kiosk report --from 2026-11-01 --to 2026-11-30 --by window \\
        --xlsx out.xlsx --pdf out.pdf [--registers 2026-11 --registers-dir DIR]

Runs as the local operator: every report function is told who asks, and here that is
``by=None`` (``OPERATOR``), trusted like the other ``python -m kiosk`` commands, so no
staff login is asked. Whoever can run it on this PC holds the database's address (and
for SQLite the file) and could read the tables directly; a staff number typed here
would prove nothing without a password. The manager console passes its signed-in user.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from kiosk.reports.report import GROUPINGS, Report
from kiosk.reports.stats import FIGURES, format_value

#: ``by`` for the reads this command makes (see the module docstring)
OPERATOR = None

SHOWN = ("issued", "served", "no_shows", "transferred", "expired", "wait_avg_s",
         "wait_p90_s", "handling_avg_s", "rating_rate", "satisfaction_rate", "bad")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-11-01: {text!r}") from None


def _month(text: str) -> tuple[int, int]:
    try:
        first = dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a month like 2026-11: {text!r}") from None
    return first.year, first.month


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kiosk report",
                                     description="Statistics report (统计报表) of the hall.")
    parser.add_argument("--from", dest="start", type=_date,
                        help="first hall day, YYYY-MM-DD (default: first of this month)")
    parser.add_argument("--to", dest="end", type=_date,
                        help="last hall day, YYYY-MM-DD (default: today)")
    parser.add_argument("--by", choices=tuple(GROUPINGS), default="hall",
                        help="grouping (default: hall)")
    parser.add_argument("--xlsx", type=Path, help="write the report (and details) here")
    parser.add_argument("--no-details", action="store_true",
                        help="leave the ticket-by-ticket sheet out of the xlsx")
    parser.add_argument("--pdf", type=Path, help="write the report as PDF here")
    parser.add_argument("--font", help="font file for the PDF (else found automatically)")
    parser.add_argument("--registers", type=_month, metavar="YYYY-MM",
                        help="also write that month's 预约办理 and 容缺后补 registers")
    parser.add_argument("--registers-dir", type=Path, default=Path("."),
                        help="folder for the registers (default: current folder)")
    return parser


def _print_table(report: Report, out) -> None:
    figures = [f for f in FIGURES if f.name in SHOWN]
    print(f"{report.title_zh}  {report.period_zh}", file=out)
    print("\t".join(["分组", *(f.header_zh for f in figures)]), file=out)
    for row in (*report.rows, report.total):
        values = (format_value(f.kind, getattr(row, f.name)) for f in figures)
        print("\t".join([row.label, *values]), file=out)


def _progress(done: int, total: int) -> None:
    print(f"\r明细 {done}/{total}", end="", file=sys.stderr, flush=True)


def run(args, app_argv: list[str]) -> int:
    from kiosk import bootstrap
    from kiosk.queue.reads import hall as hall_reads
    from kiosk.reports import pdf, registers, report as report_mod, xlsx
    from kiosk.reports.case_report import case_report
    from kiosk.reports.cjkfont import find_cjk_font

    options = build_parser().parse_args(app_argv)
    ctx = bootstrap.start(bootstrap.Options.from_args(args)).ctx
    try:
        today = hall_reads.today(ctx)
        start = options.start or today.replace(day=1)
        end = options.end or today
        result = report_mod.build_report(ctx, start=start, end=end, group_by=options.by,
                                         by=OPERATOR)
        _print_table(result, sys.stdout)
        font = find_cjk_font(options.font) if (options.pdf or options.registers) else None
        if options.xlsx:
            xlsx.export_report(ctx, result, options.xlsx, by=OPERATOR,
                               details=not options.no_details,
                               progress=None if options.no_details else _progress)
            print(file=sys.stderr)
            print(f"xlsx: {options.xlsx}")
        if options.pdf:
            cases = case_report(ctx, start=start, end=end, by=OPERATOR)
            pdf.write_report(options.pdf, result, font=font, cases=cases)
            print(f"pdf: {options.pdf}")
        if options.registers:
            year, month = options.registers
            folder = options.registers_dir
            folder.mkdir(parents=True, exist_ok=True)
            made = [registers.appointment_register(ctx, year=year, month=month,
                                                   by=OPERATOR),
                    registers.supply_later_register(ctx, year=year, month=month,
                                                    by=OPERATOR)]
            book = xlsx.write_registers(folder / f"登记表-{year}-{month:02d}.xlsx", made)
            print(f"xlsx: {book}")
            for register in made:
                path = pdf.write_register(
                    folder / f"{register.title}-{year}-{month:02d}.pdf", register, font=font)
                print(f"pdf: {path} ({len(register.rows)} 条)")
        return 0
    finally:
        ctx.db.dispose()
